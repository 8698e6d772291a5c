//! Japanese national holidays by the rules of 国民の祝日に関する法律
//! (Article 2 list with its history, 第3条第2項 振替休日, 第3条第3項 国民の休日)
//! and the one-off days set by special laws, for 1955–2099.

use super::date::{Date, Weekday};

/// A holiday: its date and the name the Cabinet Office list uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: Date,
    pub name: String,
}

pub const FIRST_YEAR: i32 = 1955;
pub const LAST_YEAR: i32 = 2099;

fn d(year: i32, month: u8, day: u8) -> Date {
    // Cannot fail, so a failure is a bug to hear about, not a date to invent:
    // callers pass literal months and days that every year has (no 2月29日),
    // the equinox formulas give 19–23, and `nth_weekday` the 1st of a month.
    // `every_supported_year_builds` runs every year of 1955–2099 through here.
    Date::new(year, month, day).expect("a month-day that every year has")
}

/// The `n`th given weekday of a month (ハッピーマンデー: 成人の日 is the 2nd Monday).
fn nth_weekday(year: i32, month: u8, n: u8, wd: Weekday) -> Date {
    let first = d(year, month, 1);
    let offset = (wd.index() + 7 - first.weekday().index()) % 7;
    first.add_days(offset as i64 + 7 * i64::from(n - 1))
}

/// 春分日, by the formula the National Astronomical Observatory uses (valid 1900–2099).
fn vernal_equinox(year: i32) -> u8 {
    equinox(year, 20.8357, 20.8431)
}

fn autumnal_equinox(year: i32) -> u8 {
    equinox(year, 23.2588, 23.2488)
}

fn equinox(year: i32, before_1980: f64, from_1980: f64) -> u8 {
    let y = f64::from(year - 1980);
    let (base, leap) = if year < 1980 {
        (before_1980, (year - 1983) / 4)
    } else {
        (from_1980, (year - 1980) / 4)
    };
    (base + 0.242_194 * y - f64::from(leap)).floor() as u8
}

/// The days Article 2 (and the one-off laws) name, before 振替休日 and 国民の休日.
fn named_days(year: i32) -> Vec<(Date, &'static str)> {
    let mut v: Vec<(Date, &'static str)> = Vec::new();
    let mon = Weekday::Mon;
    v.push((d(year, 1, 1), "元日"));
    v.push(if year < 2000 {
        (d(year, 1, 15), "成人の日")
    } else {
        (nth_weekday(year, 1, 2, mon), "成人の日")
    });
    if year >= 1967 {
        v.push((d(year, 2, 11), "建国記念の日"));
    }
    if year >= 2020 {
        v.push((d(year, 2, 23), "天皇誕生日"));
    }
    v.push((d(year, 3, vernal_equinox(year)), "春分の日"));
    v.push((
        d(year, 4, 29),
        match year {
            ..1989 => "天皇誕生日",
            1989..2007 => "みどりの日",
            _ => "昭和の日",
        },
    ));
    v.push((d(year, 5, 3), "憲法記念日"));
    if year >= 2007 {
        v.push((d(year, 5, 4), "みどりの日"));
    }
    v.push((d(year, 5, 5), "こどもの日"));
    match year {
        1996..2003 => v.push((d(year, 7, 20), "海の日")),
        2020 => v.push((d(2020, 7, 23), "海の日")),
        2021 => v.push((d(2021, 7, 22), "海の日")),
        2003.. => v.push((nth_weekday(year, 7, 3, mon), "海の日")),
        _ => {}
    }
    match year {
        2020 => v.push((d(2020, 8, 10), "山の日")),
        2021 => v.push((d(2021, 8, 8), "山の日")),
        2016.. => v.push((d(year, 8, 11), "山の日")),
        _ => {}
    }
    match year {
        1966..2003 => v.push((d(year, 9, 15), "敬老の日")),
        2003.. => v.push((nth_weekday(year, 9, 3, mon), "敬老の日")),
        _ => {}
    }
    v.push((d(year, 9, autumnal_equinox(year)), "秋分の日"));
    match year {
        1966..2000 => v.push((d(year, 10, 10), "体育の日")),
        2000..2019 => v.push((nth_weekday(year, 10, 2, mon), "体育の日")),
        // The 2019 list already printed the coming name beside the old one.
        2019 => v.push((nth_weekday(year, 10, 2, mon), "体育の日（スポーツの日）")),
        2020 => v.push((d(2020, 7, 24), "スポーツの日")),
        2021 => v.push((d(2021, 7, 23), "スポーツの日")),
        2022.. => v.push((nth_weekday(year, 10, 2, mon), "スポーツの日")),
        _ => {}
    }
    v.push((d(year, 11, 3), "文化の日"));
    v.push((d(year, 11, 23), "勤労感謝の日"));
    if (1989..2019).contains(&year) {
        v.push((d(year, 12, 23), "天皇誕生日"));
    }
    // Days set once by special laws.
    let one_off: &[(Date, &str)] = &[
        (d(1959, 4, 10), "結婚の儀"),
        (d(1989, 2, 24), "大喪の礼"),
        (d(1990, 11, 12), "即位礼正殿の儀"),
        (d(1993, 6, 9), "結婚の儀"),
        (d(2019, 5, 1), "休日（祝日扱い）"),
        (d(2019, 10, 22), "休日（祝日扱い）"),
    ];
    v.extend(one_off.iter().filter(|(date, _)| date.year() == year));
    v.sort_by_key(|(date, _)| *date);
    v
}

/// 振替休日 started on 1973-04-12; 国民の休日 on 1985-12-27.
const SUBSTITUTE_FROM: (i32, u8, u8) = (1973, 4, 12);
const CITIZENS_FROM: (i32, u8, u8) = (1985, 12, 27);

/// Every national holiday of `year`, in date order. Empty outside 1955–2099.
pub fn holidays_in_year(year: i32) -> Vec<Holiday> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Vec::new();
    }
    let named = named_days(year);
    let is_named = |date: Date| named.iter().any(|(n, _)| *n == date);
    let mut out: Vec<Holiday> = named
        .iter()
        .map(|(date, name)| Holiday {
            date: *date,
            name: (*name).to_string(),
        })
        .collect();

    // 振替休日: a holiday on a Sunday gives the next day (from 2007, the next
    // day that is not itself a holiday).
    let substitute_from = d(SUBSTITUTE_FROM.0, SUBSTITUTE_FROM.1, SUBSTITUTE_FROM.2);
    for (date, name) in &named {
        if date.weekday() != Weekday::Sun || *date < substitute_from {
            continue;
        }
        let mut sub = date.succ();
        if year >= 2007 {
            while is_named(sub) {
                sub = sub.succ();
            }
        } else if is_named(sub) {
            continue;
        }
        out.push(Holiday {
            date: sub,
            name: format!("{name} 振替休日"),
        });
    }

    // 国民の休日: a day between two named holidays. Before 2007 a Sunday or a
    // substitute day did not count.
    let citizens_from = d(CITIZENS_FROM.0, CITIZENS_FROM.1, CITIZENS_FROM.2);
    for (date, _) in &named {
        let between = date.succ();
        let taken = out.iter().any(|h| h.date == between);
        if between >= citizens_from
            && is_named(between.succ())
            && !taken
            && (year >= 2007 || between.weekday() != Weekday::Sun)
        {
            out.push(Holiday {
                date: between,
                name: "休日".to_string(),
            });
        }
    }
    out.sort_by_key(|h| h.date);
    out.dedup_by_key(|h| h.date);
    out
}

/// The holiday on `date`, if any.
pub fn holiday_on(date: Date) -> Option<Holiday> {
    holidays_in_year(date.year())
        .into_iter()
        .find(|h| h.date == date)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Cabinet Office list for 2025–2027, written out so this test always runs.
    const OFFICIAL_2025_2027: &str = "2025-01-01 元日 2025-01-13 成人の日 2025-02-11 建国記念の日 2025-02-23 天皇誕生日 2025-02-24 休日 2025-03-20 春分の日 2025-04-29 昭和の日 2025-05-03 憲法記念日 2025-05-04 みどりの日 2025-05-05 こどもの日 2025-05-06 休日 2025-07-21 海の日 2025-08-11 山の日 2025-09-15 敬老の日 2025-09-23 秋分の日 2025-10-13 スポーツの日 2025-11-03 文化の日 2025-11-23 勤労感謝の日 2025-11-24 休日 \
        2026-01-01 元日 2026-01-12 成人の日 2026-02-11 建国記念の日 2026-02-23 天皇誕生日 2026-03-20 春分の日 2026-04-29 昭和の日 2026-05-03 憲法記念日 2026-05-04 みどりの日 2026-05-05 こどもの日 2026-05-06 休日 2026-07-20 海の日 2026-08-11 山の日 2026-09-21 敬老の日 2026-09-22 休日 2026-09-23 秋分の日 2026-10-12 スポーツの日 2026-11-03 文化の日 2026-11-23 勤労感謝の日 \
        2027-01-01 元日 2027-01-11 成人の日 2027-02-11 建国記念の日 2027-02-23 天皇誕生日 2027-03-21 春分の日 2027-03-22 休日 2027-04-29 昭和の日 2027-05-03 憲法記念日 2027-05-04 みどりの日 2027-05-05 こどもの日 2027-07-19 海の日 2027-08-11 山の日 2027-09-20 敬老の日 2027-09-23 秋分の日 2027-10-11 スポーツの日 2027-11-03 文化の日 2027-11-23 勤労感謝の日";

    /// The Cabinet Office writes 休日 for substitute and citizens' holidays alike.
    fn official_name(name: &str) -> &str {
        if name.ends_with("振替休日") {
            "休日"
        } else {
            name
        }
    }

    #[test]
    fn matches_the_cabinet_office_list_2025_to_2027() {
        let words: Vec<&str> = OFFICIAL_2025_2027.split_whitespace().collect();
        let expected: Vec<(String, &str)> =
            words.chunks(2).map(|p| (p[0].to_string(), p[1])).collect();
        let ours: Vec<(String, String)> = (2025..=2027)
            .flat_map(holidays_in_year)
            .map(|h| (h.date.to_string(), official_name(&h.name).to_string()))
            .collect();
        let ours: Vec<(String, &str)> = ours.iter().map(|(d, n)| (d.clone(), n.as_str())).collect();
        assert_eq!(ours, expected);
    }

    #[test]
    fn substitute_holiday_after_golden_week() {
        // 2026-05-03 is a Sunday: the substitute is the first non-holiday after it.
        let h = holiday_on(Date::new(2026, 5, 6).unwrap()).unwrap();
        assert_eq!(h.name, "憲法記念日 振替休日");
    }

    #[test]
    fn one_off_days_of_2019() {
        let names: Vec<String> = holidays_in_year(2019)
            .into_iter()
            .filter(|h| h.date.month() == 4 || h.date.month() == 5)
            .map(|h| format!("{} {}", h.date, h.name))
            .collect();
        assert!(names.contains(&"2019-04-30 休日".to_string()), "{names:?}");
        assert!(names.contains(&"2019-05-01 休日（祝日扱い）".to_string()));
        assert!(names.contains(&"2019-05-02 休日".to_string()));
    }

    #[test]
    fn every_supported_year_builds() {
        for year in FIRST_YEAR..=LAST_YEAR {
            let days = holidays_in_year(year);
            assert!(days.len() >= 9, "{year}: {days:?}");
            assert!(days.iter().all(|h| h.date.year() == year), "{year}");
        }
    }

    #[test]
    fn outside_the_supported_years_is_empty() {
        assert!(holidays_in_year(1954).is_empty());
        assert!(holidays_in_year(2100).is_empty());
        assert!(!holidays_in_year(1955).is_empty());
        assert!(!holidays_in_year(2099).is_empty());
    }
}
