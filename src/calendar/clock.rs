//! Clinic time: Asia/Tokyo, a fixed +09:00 (Japan has no daylight saving), so
//! no time-zone database and no dependence on the machine's zone.

use std::fmt;

use super::date::{Date, digits};

pub const TOKYO_OFFSET_SECONDS: i64 = 9 * 3600;

/// A minute of a day in clinic time, 0..1440.
pub type Minute = u16;

/// A moment in clinic time, to the minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClinicTime {
    pub date: Date,
    pub minute: Minute,
}

impl ClinicTime {
    /// A time of day 00:00–23:59 on `date`, or `None` (24:00 ends a range but
    /// is not a moment of the day).
    pub fn new(date: Date, hour: u8, minute: u8) -> Option<ClinicTime> {
        (hour < 24 && minute < 60).then(|| ClinicTime {
            date,
            minute: u16::from(hour) * 60 + u16::from(minute),
        })
    }

    /// From seconds since the Unix epoch (UTC).
    pub fn from_unix(seconds: i64) -> ClinicTime {
        let local = seconds + TOKYO_OFFSET_SECONDS;
        ClinicTime {
            date: Date::from_days_since_epoch(local.div_euclid(86_400)),
            minute: (local.rem_euclid(86_400) / 60) as Minute,
        }
    }

    /// Seconds since the Unix epoch of the start of this minute.
    pub fn to_unix(self) -> i64 {
        self.date.days_since_epoch() * 86_400 + i64::from(self.minute) * 60 - TOKYO_OFFSET_SECONDS
    }

    /// Parses `YYYY-MM-DDTHH:MM` (clinic time), exactly those digits.
    pub fn parse(s: &str) -> Option<ClinicTime> {
        let (date, time) = s.split_once('T')?;
        let (h, m) = parse_hhmm(time)?;
        ClinicTime::new(Date::parse(date)?, h, m)
    }

    /// RFC 3339 with the +09:00 offset: 2026-02-12T09:00:00+09:00.
    pub fn rfc3339(self) -> String {
        format!("{}T{}:00+09:00", self.date, hhmm(self.minute))
    }
}

impl fmt::Display for ClinicTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.date, hhmm(self.minute))
    }
}

/// `HH:MM`, exactly two digits each, hours 00–24 (24:00 closes a day).
pub fn parse_hhmm(s: &str) -> Option<(u8, u8)> {
    let (h, m) = s.split_once(':')?;
    let (h, m) = (
        u8::try_from(digits(h, 2)?).ok()?,
        u8::try_from(digits(m, 2)?).ok()?,
    );
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some((h, m))
}

/// 09:00
pub fn hhmm(minute: Minute) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// 9:00, as the clinic writes times for patients.
pub fn h_mm(minute: Minute) -> String {
    format!("{}:{:02}", minute / 60, minute % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_time_becomes_tokyo_time() {
        // 2026-02-11T01:00:00Z is 10:00 in Tokyo.
        let t = ClinicTime::from_unix(1_770_771_600);
        assert_eq!(t.to_string(), "2026-02-11 10:00");
        assert_eq!(t.to_unix(), 1_770_771_600);
        // 15:30Z is already the next day in Tokyo.
        let t = ClinicTime::from_unix(1_770_771_600 + 14 * 3600 + 1800);
        assert_eq!(t.to_string(), "2026-02-12 00:30");
    }

    #[test]
    fn parses_and_prints() {
        let t = ClinicTime::parse("2026-02-11T10:05").unwrap();
        assert_eq!(t.rfc3339(), "2026-02-11T10:05:00+09:00");
        assert!(ClinicTime::parse("2026-02-11T25:00").is_none());
        assert!(ClinicTime::parse("2026-02-30T10:00").is_none());
        assert_eq!(h_mm(9 * 60), "9:00");
    }

    #[test]
    fn times_accept_only_yyyy_mm_ddthh_mm() {
        // Issue 8, item 8: `+9:+5` was read as 09:05.
        for bad in [
            "2026-02-11T+9:+5",
            "2026-02-11T9:05",
            "2026-02-11T09:5",
            "2026-02-11T009:05",
            "2026-02-11T09:05:00",
            "2026-02-11 09:05",
            "2026-02-11T24:00",
            "2026-02-11T-1:00",
            "+2026-02-11T09:05",
        ] {
            assert_eq!(ClinicTime::parse(bad), None, "{bad:?}");
        }
        assert_eq!(parse_hhmm("24:00"), Some((24, 0)));
        assert_eq!(parse_hhmm("+9:00"), None);
        assert_eq!(parse_hhmm("9:00"), None);
    }
}
