//! A month as a Japanese calendar prints it: weeks from Sunday. Month
//! arithmetic is jiff's.

use super::date::{Date, has_shape};
use super::schedule::{Day, Schedule};

/// A month, held as its first day, so only a real month can be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    first: Date,
}

impl Month {
    /// The month, or `None` when `month` is not 1–12.
    pub fn new(year: i32, month: u8) -> Option<Month> {
        Date::new(year, month, 1).map(|first| Month { first })
    }

    pub fn of(date: Date) -> Month {
        Month {
            first: date.to_jiff().first_of_month().into(),
        }
    }

    /// Parses `YYYY-MM`, exactly those digits.
    pub fn parse(s: &str) -> Option<Month> {
        if !has_shape(s, "9999-99") {
            return None;
        }
        Date::parse(&format!("{s}-01")).map(Month::of)
    }

    pub fn year(self) -> i32 {
        self.first.year()
    }

    pub fn month(self) -> u8 {
        self.first.month()
    }

    pub fn first(self) -> Date {
        self.first
    }

    fn len(self) -> u8 {
        self.first.days_in_month()
    }

    /// The month after (at jiff's last month, that month).
    pub fn next(self) -> Month {
        let last = self.first.to_jiff().last_of_month();
        Month::of(last.tomorrow().unwrap_or(last).into())
    }

    /// The month before (at jiff's first month, that month).
    pub fn prev(self) -> Month {
        let first = self.first.to_jiff();
        Month::of(first.yesterday().unwrap_or(first).into())
    }

    pub fn days(self) -> impl Iterator<Item = Date> {
        let first = self.first;
        (0..i64::from(self.len())).map(move |i| first.add_days(i))
    }

    /// Weeks of seven cells, Sunday first; `None` pads the first and last week.
    pub fn weeks(self) -> Vec<[Option<Date>; 7]> {
        let mut weeks = Vec::new();
        let mut week = [None; 7];
        for date in self.days() {
            let i = date.weekday().index();
            week[i] = Some(date);
            if i == 6 {
                weeks.push(week);
                week = [None; 7];
            }
        }
        if week.iter().any(Option::is_some) {
            weeks.push(week);
        }
        weeks
    }

    /// Each day with what it is for the clinic.
    pub fn clinic_days(self, schedule: &Schedule) -> Vec<Day> {
        self.days().map(|d| schedule.day(d)).collect()
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn february_2026_grid() {
        let m = Month::parse("2026-02").unwrap();
        let weeks = m.weeks();
        assert_eq!(weeks.len(), 4);
        assert_eq!(weeks[0][0].unwrap().day(), 1);
        assert_eq!(m.next().to_string(), "2026-03");
        assert_eq!(
            Month::parse("2026-01").unwrap().prev().to_string(),
            "2025-12"
        );
        assert_eq!(
            Month::parse("2025-12").unwrap().next().to_string(),
            "2026-01"
        );
    }

    #[test]
    fn months_accept_only_yyyy_mm() {
        // Issue 8, item 8: `+2026-+2` and friends were accepted.
        for bad in [
            "2026-+2",
            "+026-02",
            "2026-2",
            "2026-00",
            "2026-13",
            "2026-02-01",
            "26-02",
            " 2026-02",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Month::new(2026, 0), None);
        assert_eq!(
            Month::of(Date::new(2026, 2, 28).unwrap()),
            Month::new(2026, 2).unwrap()
        );
    }

    proptest! {
        #[test]
        fn every_day_sits_under_its_weekday_once(year in 1955i32..2100, month in 1u8..=12) {
            let m = Month::new(year, month).unwrap();
            let cells: Vec<(usize, Date)> = m.weeks().iter()
                .flat_map(|w| w.iter().enumerate().filter_map(|(i, d)| d.map(|d| (i, d))).collect::<Vec<_>>())
                .collect();
            prop_assert_eq!(cells.len(), usize::from(m.first().days_in_month()));
            for (i, (col, d)) in cells.iter().enumerate() {
                prop_assert_eq!(*col, d.weekday().index());
                prop_assert_eq!(usize::from(d.day()), i + 1);
            }
        }
    }
}
