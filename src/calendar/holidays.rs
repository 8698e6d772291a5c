//! Japanese national holidays by the rules of 国民の祝日に関する法律 (祝日法)
//! and the special laws for one-off days, for 1955–2099: one table of rules
//! with year ranges ([`RULES`]), then 振替休日 (第3条第2項) and 国民の休日
//! (第3条第3項) applied to the days it names.

use super::date::{Date, Weekday};

/// A holiday: its date and the name the Cabinet Office list uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: Date,
    pub name: String,
}

pub const FIRST_YEAR: i32 = 1955;
pub const LAST_YEAR: i32 = 2099;

/// How a rule finds its day in a year.
#[derive(Debug, Clone, Copy)]
enum On {
    /// A month and day, every year (or the one year of a one-off rule).
    Fixed(u8, u8),
    /// The `n`th Monday of a month (ハッピーマンデー制度, from 2000).
    NthMonday(u8, i8),
    /// 春分日 and 秋分日, by the formulas below.
    VernalEquinox,
    AutumnalEquinox,
}

/// A day the law names, in the years `from..=to`.
struct Rule {
    from: i32,
    to: i32,
    on: On,
    name: &'static str,
}

const fn rule(from: i32, to: i32, on: On, name: &'static str) -> Rule {
    Rule { from, to, on, name }
}

use On::{AutumnalEquinox, Fixed, NthMonday, VernalEquinox};
/// The first year the table answers for (the law dates from 1948).
const LAW: i32 = FIRST_YEAR;
const END: i32 = LAST_YEAR;

/// 祝日法 第2条 with each amendment's years, then the days set once by special
/// laws (皇室の慶弔, the 2019 enthronement, the 2020–2021 Olympic moves by
/// 平成三十年法律第五十七号 and 令和二年法律第六十八号). A single-year rule is a
/// one-off day; a moved day is an ordinary rule with a gap around it.
const RULES: &[Rule] = &[
    rule(LAW, END, Fixed(1, 1), "元日"),
    rule(LAW, 1999, Fixed(1, 15), "成人の日"),
    rule(2000, END, NthMonday(1, 2), "成人の日"),
    rule(1967, END, Fixed(2, 11), "建国記念の日"),
    rule(2020, END, Fixed(2, 23), "天皇誕生日"),
    rule(LAW, END, VernalEquinox, "春分の日"),
    rule(LAW, 1988, Fixed(4, 29), "天皇誕生日"),
    rule(1989, 2006, Fixed(4, 29), "みどりの日"),
    rule(2007, END, Fixed(4, 29), "昭和の日"),
    rule(LAW, END, Fixed(5, 3), "憲法記念日"),
    rule(2007, END, Fixed(5, 4), "みどりの日"),
    rule(LAW, END, Fixed(5, 5), "こどもの日"),
    rule(1996, 2002, Fixed(7, 20), "海の日"),
    rule(2003, 2019, NthMonday(7, 3), "海の日"),
    rule(2020, 2020, Fixed(7, 23), "海の日"),
    rule(2021, 2021, Fixed(7, 22), "海の日"),
    rule(2022, END, NthMonday(7, 3), "海の日"),
    rule(2016, 2019, Fixed(8, 11), "山の日"),
    rule(2020, 2020, Fixed(8, 10), "山の日"),
    rule(2021, 2021, Fixed(8, 8), "山の日"),
    rule(2022, END, Fixed(8, 11), "山の日"),
    rule(1966, 2002, Fixed(9, 15), "敬老の日"),
    rule(2003, END, NthMonday(9, 3), "敬老の日"),
    rule(LAW, END, AutumnalEquinox, "秋分の日"),
    rule(1966, 1999, Fixed(10, 10), "体育の日"),
    rule(2000, 2018, NthMonday(10, 2), "体育の日"),
    // The 2019 list already printed the coming name beside the old one.
    rule(2019, 2019, NthMonday(10, 2), "体育の日（スポーツの日）"),
    rule(2020, 2020, Fixed(7, 24), "スポーツの日"),
    rule(2021, 2021, Fixed(7, 23), "スポーツの日"),
    rule(2022, END, NthMonday(10, 2), "スポーツの日"),
    rule(LAW, END, Fixed(11, 3), "文化の日"),
    rule(LAW, END, Fixed(11, 23), "勤労感謝の日"),
    rule(1989, 2018, Fixed(12, 23), "天皇誕生日"),
    // One-off days.
    rule(1959, 1959, Fixed(4, 10), "結婚の儀"),
    rule(1989, 1989, Fixed(2, 24), "大喪の礼"),
    rule(1990, 1990, Fixed(11, 12), "即位礼正殿の儀"),
    rule(1993, 1993, Fixed(6, 9), "結婚の儀"),
    rule(2019, 2019, Fixed(5, 1), "休日（祝日扱い）"),
    rule(2019, 2019, Fixed(10, 22), "休日（祝日扱い）"),
];

/// 振替休日 (第3条第2項) from 1973-04-12: a named day on a Sunday gives the
/// next day; from 2007 the next day that is not itself named.
const SUBSTITUTE_FROM: Date = Date::constant(1973, 4, 12);
/// 国民の休日 (第3条第3項) from 1985-12-27: a day between two named days;
/// before 2007 not when it is a Sunday (or already a substitute day).
const CITIZENS_FROM: Date = Date::constant(1985, 12, 27);
/// The 2005 amendment (in force 2007) that changed both rules as above.
const AMENDED_2007: i32 = 2007;

fn d(year: i32, month: u8, day: u8) -> Date {
    // Cannot fail, so a failure is a bug to hear about, not a date to invent:
    // the table has only month-days every year has (no 2月29日), and the
    // equinox formulas give 19–23. `every_supported_year_builds` runs every
    // year of 1955–2099 through here.
    Date::new(year, month, day).expect("a month-day that every year has")
}

/// 春分日 and 秋分日 by the formulas the National Astronomical Observatory
/// uses (valid 1900–2099): day = floor(base + 0.242194 (y − 1980) − leap days).
fn equinox(year: i32, before_1980: f64, from_1980: f64) -> u8 {
    let y = f64::from(year - 1980);
    let (base, leap) = if year < 1980 {
        (before_1980, (year - 1983) / 4)
    } else {
        (from_1980, (year - 1980) / 4)
    };
    (base + 0.242_194 * y - f64::from(leap)).floor() as u8
}

impl On {
    fn date(self, year: i32) -> Date {
        match self {
            Fixed(month, day) => d(year, month, day),
            NthMonday(month, n) => d(year, month, 1)
                .to_jiff()
                .nth_weekday_of_month(n, jiff::civil::Weekday::Monday)
                // Every month has a 1st to 4th Monday; the table asks for 2nd or 3rd.
                .expect("a month has four Mondays")
                .into(),
            VernalEquinox => d(year, 3, equinox(year, 20.8357, 20.8431)),
            AutumnalEquinox => d(year, 9, equinox(year, 23.2588, 23.2488)),
        }
    }
}

/// The days the table names for `year`, in date order, before 振替休日 and 国民の休日.
fn named_days(year: i32) -> Vec<(Date, &'static str)> {
    let mut v: Vec<(Date, &'static str)> = RULES
        .iter()
        .filter(|r| (r.from..=r.to).contains(&year))
        .map(|r| (r.on.date(year), r.name))
        .collect();
    v.sort_by_key(|(date, _)| *date);
    v
}

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

    // 振替休日 (第3条第2項).
    for (date, name) in &named {
        if date.weekday() != Weekday::Sun || *date < SUBSTITUTE_FROM {
            continue;
        }
        let mut sub = date.succ();
        if year >= AMENDED_2007 {
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

    // 国民の休日 (第3条第3項).
    for (date, _) in &named {
        let between = date.succ();
        let taken = out.iter().any(|h| h.date == between);
        if between >= CITIZENS_FROM
            && is_named(between.succ())
            && !taken
            && (year >= AMENDED_2007 || between.weekday() != Weekday::Sun)
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
    fn no_two_rules_name_the_same_day() {
        for year in FIRST_YEAR..=LAST_YEAR {
            let named = named_days(year);
            for pair in named.windows(2) {
                assert_ne!(pair[0].0, pair[1].0, "{year}: {pair:?}");
            }
        }
    }

    #[test]
    fn rules_of_one_name_do_not_overlap() {
        // A moved or renamed day ends one rule the year before the next
        // starts. Only one-off days (single-year rules) share a name in a year:
        // 2019 had two days 休日（祝日扱い）.
        let one_off = |r: &Rule| r.from == r.to;
        for a in RULES {
            for b in RULES {
                if std::ptr::eq(a, b) || a.name != b.name || (one_off(a) && one_off(b)) {
                    continue;
                }
                assert!(
                    a.to < b.from || b.to < a.from,
                    "{} {}–{}",
                    a.name,
                    a.from,
                    a.to
                );
            }
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
