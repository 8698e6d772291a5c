//! The clinic's opening hours and closed days, and what they mean for a given
//! moment: open now, on a break, done for the day, closed, and the next opening.

use std::collections::BTreeMap;

use super::YEARS;
use super::clock::{ClinicTime, Minute, hhmm, parse_hhmm};
use super::date::{Date, Weekday};
use super::holidays::holidays_in_year;

/// Reception from `start` to `end` (exclusive), in minutes of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimeRange {
    pub start: Minute,
    pub end: Minute,
}

impl TimeRange {
    /// Parses `HH:MM-HH:MM` (00:00–24:00, exactly two digits each, no spaces).
    /// The order is left to the caller, which says what is wrong with it.
    pub fn parse(s: &str) -> Option<TimeRange> {
        let (a, b) = s.split_once('-')?;
        let minutes = |t: &str| parse_hhmm(t).map(|(h, m)| u16::from(h) * 60 + u16::from(m));
        Some(TimeRange {
            start: minutes(a)?,
            end: minutes(b)?,
        })
    }
}

/// As clinic.toml writes a range: 09:00-13:00.
impl std::fmt::Display for TimeRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", hhmm(self.start), hhmm(self.end))
    }
}

/// A closure of the clinic's own (the New Year break, an ad-hoc day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closure {
    pub from: Date,
    pub to: Date,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schedule {
    /// Reception ranges for each weekday, Sunday first, sorted, not overlapping.
    pub hours: [Vec<TimeRange>; 7],
    pub closed_weekdays: Vec<Weekday>,
    pub closed_on_holidays: bool,
    pub closures: Vec<Closure>,
    /// Changes to the national holidays (a law change needs no rebuild).
    pub holidays_added: BTreeMap<Date, String>,
    pub holidays_removed: Vec<Date>,
}

/// What a date is for the clinic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    pub date: Date,
    pub holiday: Option<String>,
    pub closure: Option<String>,
    /// No reception at all that day.
    pub closed: bool,
}

/// Why the clinic is closed on a day; `strings` says it in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosedReason {
    /// The clinic's own closure, by its name (年始休業).
    Closure(String),
    /// A national holiday, by its name.
    Holiday(String),
    /// A regular closed weekday.
    Weekday(Weekday),
}

impl Day {
    /// Why the clinic is closed: the closure, the holiday or the weekday.
    pub fn reason(&self) -> Option<ClosedReason> {
        if !self.closed {
            return None;
        }
        Some(
            self.closure
                .clone()
                .map(ClosedReason::Closure)
                .or_else(|| self.holiday.clone().map(ClosedReason::Holiday))
                .unwrap_or(ClosedReason::Weekday(self.date.weekday())),
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Reception is open until the given minute.
    Open { until: Minute },
    /// Before the first range of an open day.
    BeforeOpening { opens: Minute },
    /// Between two ranges.
    Break { resumes: Minute },
    /// After the last range of an open day.
    Finished,
    /// No reception today, and why.
    ClosedToday { reason: ClosedReason },
}

impl Status {
    pub fn is_open(&self) -> bool {
        matches!(self, Status::Open { .. })
    }
}

impl Schedule {
    pub fn holiday(&self, date: Date) -> Option<String> {
        if let Some(name) = self.holidays_added.get(&date) {
            return Some(name.clone());
        }
        if self.holidays_removed.contains(&date) {
            return None;
        }
        holidays_in_year(date.year())
            .into_iter()
            .find(|h| h.date == date)
            .map(|h| h.name)
    }

    pub fn day(&self, date: Date) -> Day {
        let holiday = self.holiday(date);
        let closure = self
            .closures
            .iter()
            .find(|c| c.from <= date && date <= c.to)
            .map(|c| c.name.clone());
        let closed = closure.is_some()
            || (holiday.is_some() && self.closed_on_holidays)
            || self.closed_weekdays.contains(&date.weekday())
            || self.hours[date.weekday().index()].is_empty();
        Day {
            date,
            holiday,
            closure,
            closed,
        }
    }

    pub fn ranges(&self, date: Date) -> &[TimeRange] {
        if self.day(date).closed {
            &[]
        } else {
            &self.hours[date.weekday().index()]
        }
    }

    pub fn status(&self, now: ClinicTime) -> Status {
        let day = self.day(now.date);
        if let Some(reason) = day.reason() {
            return Status::ClosedToday { reason };
        }
        let ranges = self.ranges(now.date);
        if let Some(r) = ranges
            .iter()
            .find(|r| r.start <= now.minute && now.minute < r.end)
        {
            return Status::Open { until: r.end };
        }
        match ranges.iter().position(|r| now.minute < r.start) {
            Some(0) => Status::BeforeOpening {
                opens: ranges[0].start,
            },
            Some(i) => Status::Break {
                resumes: ranges[i].start,
            },
            None => Status::Finished,
        }
    }

    /// The next time reception opens after `now` (now itself when a range
    /// starts this minute); `None` when nothing opens within a year or before
    /// the end of the supported years (past them the holidays are unknown).
    pub fn next_opening(&self, now: ClinicTime) -> Option<ClinicTime> {
        let mut date = now.date;
        for _ in 0..=366 {
            if date.year() > *YEARS.end() {
                return None;
            }
            let after = if date == now.date { now.minute } else { 0 };
            if let Some(r) = self.ranges(date).iter().find(|r| r.start >= after) {
                return Some(ClinicTime {
                    date,
                    minute: r.start,
                });
            }
            date = date.succ();
        }
        None
    }

    /// Rows of the hours table: each distinct range, and the weekdays it is open.
    pub fn table(&self) -> Vec<(TimeRange, [bool; 7])> {
        let mut ranges: Vec<TimeRange> = self.hours.iter().flatten().copied().collect();
        ranges.sort();
        ranges.dedup();
        ranges
            .into_iter()
            .map(|r| {
                let open = std::array::from_fn(|i| {
                    self.hours[i].contains(&r) && !self.closed_weekdays.contains(&Weekday::ALL[i])
                });
                (r, open)
            })
            .collect()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The clinic's own hours: Mon–Sat 9:00–13:00 and 15:00–19:00.
    pub fn clinic_schedule() -> Schedule {
        let ranges = vec![
            TimeRange {
                start: 540,
                end: 780,
            },
            TimeRange {
                start: 900,
                end: 1140,
            },
        ];
        let mut hours: [Vec<TimeRange>; 7] = Default::default();
        for h in hours.iter_mut().skip(1) {
            *h = ranges.clone();
        }
        Schedule {
            hours,
            closed_weekdays: vec![Weekday::Sun],
            closed_on_holidays: true,
            closures: vec![Closure {
                from: Date::new(2026, 1, 1).unwrap(),
                to: Date::new(2026, 1, 4).unwrap(),
                name: "年始休業".into(),
            }],
            ..Schedule::default()
        }
    }

    fn at(s: &str) -> ClinicTime {
        ClinicTime::parse(s).unwrap()
    }

    #[test]
    fn status_at_the_boundaries() {
        let s = clinic_schedule();
        let cases = [
            ("08:59", Status::BeforeOpening { opens: 540 }),
            ("09:00", Status::Open { until: 780 }),
            ("12:59", Status::Open { until: 780 }),
            ("13:00", Status::Break { resumes: 900 }),
            ("14:59", Status::Break { resumes: 900 }),
            ("15:00", Status::Open { until: 1140 }),
            ("18:59", Status::Open { until: 1140 }),
            ("19:00", Status::Finished),
        ];
        for (time, expected) in cases {
            let now = at(&format!("2026-02-12T{time}"));
            assert_eq!(s.status(now), expected, "at {time}");
        }
        assert!(s.status(at("2026-02-12T09:00")).is_open());
        assert!(!s.status(at("2026-02-12T08:59")).is_open());
    }

    #[test]
    fn next_opening_at_the_boundaries() {
        let s = clinic_schedule();
        let next = |t: &str| s.next_opening(at(t)).unwrap().to_string();
        assert_eq!(next("2026-02-12T08:59"), "2026-02-12 09:00");
        assert_eq!(next("2026-02-12T09:00"), "2026-02-12 09:00");
        assert_eq!(next("2026-02-12T13:00"), "2026-02-12 15:00");
        assert_eq!(next("2026-02-12T19:00"), "2026-02-13 09:00");
    }

    fn closed(reason: &str) -> Status {
        Status::ClosedToday {
            reason: ClosedReason::Holiday(reason.into()),
        }
    }

    #[test]
    fn saturday_evening_before_a_monday_holiday() {
        let s = clinic_schedule();
        // 2026-02-21 is a Saturday; 22 is Sunday, 23 天皇誕生日 (Monday).
        let now = at("2026-02-21T19:30");
        assert_eq!(s.status(now), Status::Finished);
        assert_eq!(s.next_opening(now), Some(at("2026-02-24T09:00")));
        assert_eq!(s.status(at("2026-02-23T10:00")), closed("天皇誕生日"));
        assert_eq!(
            s.status(at("2026-02-22T10:00")),
            Status::ClosedToday {
                reason: ClosedReason::Weekday(Weekday::Sun)
            }
        );
    }

    #[test]
    fn golden_week() {
        let s = clinic_schedule();
        // 2026: 4/29 Wed holiday, 5/2 Sat open, 5/3–5/6 holidays, 5/7 open.
        assert_eq!(s.status(at("2026-04-29T10:00")), closed("昭和の日"));
        assert!(s.status(at("2026-05-02T10:00")).is_open());
        for day in 3..=6 {
            assert!(s.day(Date::new(2026, 5, day).unwrap()).closed, "5/{day}");
        }
        assert_eq!(
            s.next_opening(at("2026-05-02T19:00")),
            Some(at("2026-05-07T09:00"))
        );
    }

    #[test]
    fn new_year_break() {
        let s = clinic_schedule();
        assert_eq!(
            s.status(at("2026-01-02T10:00")),
            Status::ClosedToday {
                reason: ClosedReason::Closure("年始休業".into())
            }
        );
        assert_eq!(
            s.next_opening(at("2025-12-31T20:00")),
            Some(at("2026-01-05T09:00"))
        );
    }

    #[test]
    fn no_next_opening_past_the_supported_years() {
        // Issue 8, item 8: at 9999-12-31 this printed 10000-01-01T…; past
        // 2099 the holidays are unknown, so the answer is "none known".
        let s = clinic_schedule();
        assert_eq!(s.next_opening(at("2099-12-31T20:00")), None);
        assert_eq!(s.next_opening(at("9999-12-31T20:00")), None);
        assert_eq!(
            s.next_opening(at("2099-12-30T20:00")),
            Some(at("2099-12-31T09:00"))
        );
    }

    #[test]
    fn time_ranges_accept_only_hh_mm_hh_mm() {
        // Issue 8, item 8: clinic hours took `+9:00` and single-digit hours.
        let r = TimeRange::parse("09:00-24:00").unwrap();
        assert_eq!((r.start, r.end), (540, 1440));
        for bad in [
            "+9:00-13:00",
            "9:00-13:00",
            "09:00-+1:00",
            "09:00 -13:00",
            "09:00-13:00 ",
            "09:00–13:00",
            "09:00-24:01",
            "09:00",
        ] {
            assert_eq!(TimeRange::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn overrides_add_and_remove_holidays() {
        let mut s = clinic_schedule();
        let day = Date::new(2026, 2, 12).unwrap();
        s.holidays_added.insert(day, "臨時の祝日".into());
        s.holidays_removed.push(Date::new(2026, 2, 11).unwrap());
        assert_eq!(
            s.day(day).reason(),
            Some(ClosedReason::Holiday("臨時の祝日".into()))
        );
        assert!(!s.day(Date::new(2026, 2, 11).unwrap()).closed);
    }

    #[test]
    fn hours_table_rows() {
        let table = clinic_schedule().table();
        assert_eq!(table.len(), 2);
        assert_eq!(table[0].0.to_string(), "09:00-13:00");
        assert_eq!(table[0].1, [false, true, true, true, true, true, true]);
    }
}
