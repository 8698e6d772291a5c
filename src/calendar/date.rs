//! A proleptic Gregorian calendar date, small and `Copy`, with the arithmetic
//! the holiday rules and month grids need. Owned here so the library needs no
//! time-zone database (clinic time is a fixed +09:00).

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Day of the week, Sunday first as Japanese calendars print it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Sun,
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Sun,
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
    ];

    /// 0 for Sunday … 6 for Saturday.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The one-kanji name: 日 月 火 水 木 金 土.
    pub fn kanji(self) -> &'static str {
        ["日", "月", "火", "水", "木", "金", "土"][self.index()]
    }

    pub fn from_kanji(s: &str) -> Option<Weekday> {
        Weekday::ALL.into_iter().find(|w| w.kanji() == s)
    }
}

/// Exactly `n` ASCII digits (1–4) as a number. `str::parse` alone would also
/// take a sign (`+9`), so the documented forms are checked here instead.
pub(crate) fn digits(s: &str, n: usize) -> Option<u16> {
    if n > 4 || s.len() != n || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.bytes().fold(0, |acc, b| acc * 10 + u16::from(b - b'0')))
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A valid date, or `None` (2026-02-30, month 13, day 0 …).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::days_since_epoch`].
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + n)
    }

    pub fn succ(self) -> Date {
        self.add_days(1)
    }

    pub fn pred(self) -> Date {
        self.add_days(-1)
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::ALL[(self.days_since_epoch() + 4).rem_euclid(7) as usize]
    }

    /// Parses `YYYY-MM-DD`: exactly those digits, nothing else (no sign, no spaces).
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.splitn(3, '-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        Date::new(
            i32::from(digits(y, 4)?),
            u8::try_from(digits(m, 2)?).ok()?,
            u8::try_from(digits(d, 2)?).ok()?,
        )
    }

    /// 2月24日（火）
    pub fn japanese_month_day(self) -> String {
        format!(
            "{}月{}日（{}）",
            self.month,
            self.day,
            self.weekday().kanji()
        )
    }

    /// 2026/02/20, as the clinic's page writes dates.
    pub fn slashed(self) -> String {
        format!("{:04}/{:02}/{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_weekdays() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().weekday(), Weekday::Thu);
        assert_eq!(Date::new(2026, 2, 20).unwrap().weekday(), Weekday::Fri);
        assert_eq!(Date::new(2000, 2, 29).unwrap().weekday(), Weekday::Tue);
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::new(2026, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2026, 13, 1).is_none());
        assert!(Date::new(2026, 1, 0).is_none());
        assert!(Date::parse("2026-00-00").is_none());
        assert_eq!(Date::parse("2026-02-20"), Date::new(2026, 2, 20));
    }

    #[test]
    fn dates_accept_only_their_documented_digits() {
        for bad in [
            "+026-02-20",
            "2026-+2-20",
            "2026-02-+2",
            "2026-2-20",
            "2026-02-2",
            "02026-02-20",
            " 2026-02-20",
            "2026-02-20 ",
            "２０２６-02-20",
            "2026-02-20-",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad:?}");
        }
        assert_eq!(digits("0905", 4), Some(905));
        assert_eq!(digits("+9", 2), None);
    }

    proptest! {
        #[test]
        fn day_numbers_round_trip(days in -800_000i64..800_000) {
            let d = Date::from_days_since_epoch(days);
            prop_assert_eq!(d.days_since_epoch(), days);
            prop_assert!(Date::new(d.year(), d.month(), d.day()).is_some());
        }

        #[test]
        fn succ_is_one_day_later(days in -800_000i64..800_000) {
            let d = Date::from_days_since_epoch(days);
            prop_assert!(d.succ() > d);
            prop_assert_eq!(d.succ().pred(), d);
            prop_assert_eq!(d.succ().weekday().index(), (d.weekday().index() + 1) % 7);
        }
    }
}
