//! Clinic time: Asia/Tokyo, a fixed +09:00 (Japan has no daylight saving), so
//! no time-zone database and no dependence on the machine's zone. jiff does
//! the conversions, the parsing and RFC 3339.

use std::fmt;

use jiff::{Timestamp, civil, tz::Offset};

use super::date::{Date, has_shape};

/// Asia/Tokyo: +09:00 all year since 1952.
pub const TOKYO: Offset = Offset::constant(9);

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

    /// From seconds since the Unix epoch (UTC); a count past jiff's range
    /// (years ±9999) is held at its end.
    pub fn from_unix(seconds: i64) -> ClinicTime {
        let ts = Timestamp::from_second(seconds).unwrap_or(if seconds < 0 {
            Timestamp::MIN
        } else {
            Timestamp::MAX
        });
        ClinicTime::from_jiff(TOKYO.to_datetime(ts))
    }

    fn from_jiff(dt: civil::DateTime) -> ClinicTime {
        ClinicTime {
            date: dt.date().into(),
            // 0–23 and 0–59 by jiff's invariants.
            minute: dt.hour() as u16 * 60 + dt.minute() as u16,
        }
    }

    /// The civil date and time (seconds zero).
    pub fn to_jiff(self) -> civil::DateTime {
        // `minute` is below 1440 for every value `new`, `parse` and
        // `from_unix` make, so hour and minute fit an i8.
        self.date
            .to_jiff()
            .at((self.minute / 60) as i8, (self.minute % 60) as i8, 0, 0)
    }

    /// Seconds since the Unix epoch of the start of this minute.
    pub fn to_unix(self) -> i64 {
        // Civil arithmetic, which has no range to leave: 1970-01-01T00:00Z
        // was 09:00 in Tokyo.
        let epoch = civil::date(1970, 1, 1).at(9, 0, 0, 0);
        self.to_jiff().duration_since(epoch).as_secs()
    }

    /// Parses `YYYY-MM-DDTHH:MM` (clinic time), exactly those digits.
    pub fn parse(s: &str) -> Option<ClinicTime> {
        if !has_shape(s, "9999-99-99T99:99") {
            return None;
        }
        let dt: civil::DateTime = s.parse().ok()?;
        (dt.year() >= 1).then(|| ClinicTime::from_jiff(dt))
    }

    /// RFC 3339 with the +09:00 offset: 2026-02-12T09:00:00+09:00.
    pub fn rfc3339(self) -> String {
        // jiff prints the civil part with seconds (RFC 3339 wants them); the
        // offset is Tokyo's, the same for every date.
        format!("{}+09:00", self.to_jiff())
    }
}

impl fmt::Display for ClinicTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.date, hhmm(self.minute))
    }
}

/// `HH:MM`, exactly two digits each, hours 00–24 (24:00 closes a day).
pub fn parse_hhmm(s: &str) -> Option<(u8, u8)> {
    if !has_shape(s, "99:99") {
        return None;
    }
    if s == "24:00" {
        return Some((24, 0));
    }
    let t: civil::Time = s.parse().ok()?;
    // 0–23 and 0–59 by jiff's invariants.
    Some((t.hour() as u8, t.minute() as u8))
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
        assert_eq!(parse_hhmm("24:01"), None);
        assert_eq!(parse_hhmm("23:60"), None);
    }

    #[test]
    fn the_ends_of_time_do_not_panic() {
        let late = ClinicTime::from_unix(i64::MAX);
        assert_eq!(late.date.year(), 9999);
        assert_eq!(
            ClinicTime::parse("9999-12-31T23:59").unwrap().rfc3339(),
            "9999-12-31T23:59:00+09:00"
        );
        assert_eq!(
            ClinicTime::parse("0001-01-01T00:00").unwrap().rfc3339(),
            "0001-01-01T00:00:00+09:00"
        );
        assert_eq!(ClinicTime::parse("0000-01-01T00:00"), None);
    }
}
