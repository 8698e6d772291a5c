//! Dates, Japanese national holidays, the clinic's hours and month grids.

pub mod clock;
pub mod date;
pub mod holidays;
pub mod month;
pub mod schedule;

/// The years the clinic's calendar can answer for: those whose national
/// holidays are computed. A clinic time or month outside them is refused
/// where it is read, and no next opening is given past their last day, so
/// every date printed is also a four-digit RFC 3339 year.
pub const YEARS: std::ops::RangeInclusive<i32> = holidays::FIRST_YEAR..=holidays::LAST_YEAR;
