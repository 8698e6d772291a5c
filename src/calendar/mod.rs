//! Dates, Japanese national holidays, the clinic's hours and month grids.

pub mod clock;
pub mod date;
pub mod holidays;
pub mod month;
pub mod schedule;
