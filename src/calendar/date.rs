//! Civil dates and weekdays: thin types over `jiff::civil`, with the API the
//! holiday rules, month grids and screens use (Sunday-first weekdays, the
//! clinic's date forms, strict parsing). Clinic time is a fixed +09:00, so
//! no time-zone database is built in.

use std::fmt;

use jiff::civil;

/// A proleptic Gregorian calendar date (jiff's `civil::Date`), years 1–9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(civil::Date);

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

    pub fn to_jiff(self) -> civil::Weekday {
        match self {
            Weekday::Sun => civil::Weekday::Sunday,
            Weekday::Mon => civil::Weekday::Monday,
            Weekday::Tue => civil::Weekday::Tuesday,
            Weekday::Wed => civil::Weekday::Wednesday,
            Weekday::Thu => civil::Weekday::Thursday,
            Weekday::Fri => civil::Weekday::Friday,
            Weekday::Sat => civil::Weekday::Saturday,
        }
    }
}

impl From<civil::Weekday> for Weekday {
    fn from(w: civil::Weekday) -> Weekday {
        // `to_sunday_zero_offset` is 0–6 by its contract.
        Weekday::ALL[w.to_sunday_zero_offset() as usize]
    }
}

/// Whether `s` has exactly the shape of `template`, where `9` stands for one
/// ASCII digit and any other byte for itself. jiff's parsers are generous
/// (signs, one-digit fields, seconds, a space for `T`); the documented forms
/// are exactly these, so the shape is checked before jiff reads the values.
pub(crate) fn has_shape(s: &str, template: &str) -> bool {
    s.len() == template.len()
        && s.bytes().zip(template.bytes()).all(|(c, t)| match t {
            b'9' => c.is_ascii_digit(),
            _ => c == t,
        })
}

impl Date {
    /// A valid date, or `None` (2026-02-30, month 13, day 0, year 0 …).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let year = i16::try_from(year).ok().filter(|y| *y >= 1)?;
        civil::Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?)
            .ok()
            .map(Date)
    }

    /// A date known when compiling; an invalid one fails the build.
    pub const fn constant(year: i16, month: i8, day: i8) -> Date {
        Date(civil::Date::constant(year, month, day))
    }

    pub fn year(self) -> i32 {
        i32::from(self.0.year())
    }
    pub fn month(self) -> u8 {
        // 1–12 and 1–31 by jiff's invariants, and years start at 1 (`new`).
        self.0.month() as u8
    }
    pub fn day(self) -> u8 {
        self.0.day() as u8
    }

    pub fn to_jiff(self) -> civil::Date {
        self.0
    }

    /// `n` days later (earlier when negative), held at jiff's last (or first)
    /// day rather than overflowing: the clinic's code stops at 2099 anyway.
    pub fn add_days(self, n: i64) -> Date {
        // jiff's dates span fewer than 8 million days, so the clamp changes no
        // answer and keeps the hours within `SignedDuration`.
        let n = n.clamp(-8_000_000, 8_000_000);
        Date(
            self.0
                .saturating_add(jiff::SignedDuration::from_hours(n * 24)),
        )
    }

    pub fn succ(self) -> Date {
        self.add_days(1)
    }

    pub fn pred(self) -> Date {
        self.add_days(-1)
    }

    pub fn weekday(self) -> Weekday {
        self.0.weekday().into()
    }

    /// The number of days in this date's month.
    pub fn days_in_month(self) -> u8 {
        self.0.days_in_month() as u8
    }

    /// Parses `YYYY-MM-DD`: exactly those digits, nothing else (no sign, no spaces).
    pub fn parse(s: &str) -> Option<Date> {
        if !has_shape(s, "9999-99-99") {
            return None;
        }
        s.parse::<civil::Date>()
            .ok()
            .filter(|d| d.year() >= 1)
            .map(Date)
    }

    /// 2026/02/20, as the clinic's page writes dates.
    pub fn slashed(self) -> String {
        // By hand, not jiff's `strftime`, which adds 63 KB to the binary for
        // this one pattern and `Month`'s YYYY-MM.
        format!("{:04}/{:02}/{:02}", self.year(), self.month(), self.day())
    }
}

impl From<civil::Date> for Date {
    fn from(d: civil::Date) -> Date {
        Date(d)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // jiff prints ISO 8601 / RFC 3339 dates: 2026-02-20.
        fmt::Display::fmt(&self.0, f)
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
        assert!(Date::parse("0000-01-01").is_none());
        assert_eq!(Date::parse("2026-02-20"), Date::new(2026, 2, 20));
    }

    #[test]
    fn prints_the_clinic_forms() {
        let d = Date::new(2026, 2, 3).unwrap();
        assert_eq!(d.to_string(), "2026-02-03");
        assert_eq!(d.slashed(), "2026/02/03");
        assert_eq!(Date::new(999, 1, 1).unwrap().to_string(), "0999-01-01");
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
            "20260220",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad:?}");
        }
        assert!(has_shape("0905", "9999"));
        assert!(!has_shape("+9", "99"));
    }

    #[test]
    fn arithmetic_stays_in_range() {
        let last = Date::new(9999, 12, 31).unwrap();
        assert_eq!(last.succ(), last);
        assert_eq!(Date::new(2024, 2, 28).unwrap().succ().day(), 29);
    }

    proptest! {
        #[test]
        fn succ_is_one_day_later(days in -700_000i64..700_000) {
            let d = Date::new(2000, 1, 1).unwrap().add_days(days);
            prop_assert!(d.succ() > d);
            prop_assert_eq!(d.succ().pred(), d);
            prop_assert_eq!(d.succ().weekday().index(), (d.weekday().index() + 1) % 7);
            prop_assert_eq!(Date::new(d.year(), d.month(), d.day()), Some(d));
            prop_assert_eq!(Date::parse(&d.to_string()), Some(d));
        }
    }
}
