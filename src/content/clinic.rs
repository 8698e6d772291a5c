//! `clinic.toml`: the clinic's details, hours, closed days and notices.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::article::{SlugRef, is_valid_slug};
use super::diagnostic::{Diagnostic, SourceMap, lf_line_breaks};
use super::toml_util::{Field, date_field, parse_capped};
use crate::calendar::date::{Date, Weekday};
use crate::calendar::schedule::{Closure, Schedule, TimeRange};
use crate::text::sanitize::sanitize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clinic {
    pub name: String,
    pub phone: String,
    pub postal_code: String,
    pub address: String,
    pub access: String,
    pub parking: String,
    pub invitation: String,
    pub phone_note: String,
    pub form_note: String,
    pub website: Option<String>,
    pub director: Director,
    pub schedule: Schedule,
    /// Newest first.
    pub notices: Vec<Notice>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Director {
    pub name: String,
    pub introduction: String,
    pub greeting: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub date: Date,
    /// The last day the notice shows; none: it stays.
    pub until: Option<Date>,
    pub title: String,
    pub body: Vec<String>,
    /// The slug of an article the notice is about (the loader checks it).
    pub article: Option<String>,
    /// That article's title, given by the loader once it knows the
    /// articles (none where the article is not in the library).
    pub article_title: Option<String>,
}

impl Notice {
    /// Whether the notice still applies on `day`.
    pub fn shows_on(&self, day: Date) -> bool {
        self.until.is_none_or(|last| day <= last)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClinic {
    name: String,
    phone: String,
    postal_code: String,
    address: String,
    access: String,
    parking: String,
    invitation: String,
    phone_note: String,
    form_note: String,
    website: Option<String>,
    director: RawDirector,
    reception: Vec<RawReception>,
    closed: RawClosed,
    #[serde(default)]
    closures: Vec<RawClosure>,
    #[serde(default)]
    holidays: RawHolidays,
    #[serde(default)]
    notices: Vec<RawNotice>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDirector {
    name: String,
    introduction: String,
    greeting: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReception {
    days: Vec<Spanned<String>>,
    times: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClosed {
    #[serde(default)]
    weekdays: Vec<Spanned<String>>,
    #[serde(default)]
    national_holidays: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClosure {
    from: Field,
    to: Field,
    name: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawHolidays {
    #[serde(default)]
    add: Vec<RawHoliday>,
    #[serde(default)]
    remove: Vec<Field>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    date: Field,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNotice {
    date: Field,
    until: Option<Field>,
    title: String,
    #[serde(default)]
    body: Vec<String>,
    article: Option<Spanned<String>>,
}

/// Parses `clinic.toml`, with the slugs its notices name.
pub fn parse_clinic(path: &str, text: &str) -> Result<(Clinic, Vec<SlugRef>), Vec<Diagnostic>> {
    let text = &*lf_line_breaks(text);
    let map = SourceMap::new(path, text);
    let raw: RawClinic = parse_capped(&map, 0, text)?;
    let mut problems = Vec::new();
    let date = |f: &Field, problems: &mut Vec<Diagnostic>| date_field(&map, 0, f, problems);

    let weekday = |s: &Spanned<String>, problems: &mut Vec<Diagnostic>| {
        let w = Weekday::from_kanji(s.get_ref().trim_end_matches("曜日").trim_end_matches('曜'));
        if w.is_none() {
            problems.push(map.at(
                s.span().start,
                format!(
                    "unknown weekday “{}”: expected one of 日 月 火 水 木 金 土",
                    s.get_ref()
                ),
            ));
        }
        w
    };

    let mut hours: [Vec<TimeRange>; 7] = Default::default();
    for rule in &raw.reception {
        let mut ranges = Vec::new();
        for t in &rule.times {
            match TimeRange::parse(t.get_ref()) {
                Some(r) if r.start < r.end => ranges.push(r),
                Some(_) => problems.push(map.at(
                    t.span().start,
                    format!("time range “{}” ends before it starts: expected HH:MM-HH:MM with the start first", t.get_ref()),
                )),
                None => problems.push(map.at(
                    t.span().start,
                    format!("invalid time range “{}”: expected HH:MM-HH:MM, e.g. 09:00-13:00", t.get_ref()),
                )),
            }
        }
        for d in &rule.days {
            if let Some(w) = weekday(d, &mut problems) {
                let day = &mut hours[w.index()];
                for r in &ranges {
                    if let Some(other) = day.iter().find(|o| o.start < r.end && r.start < o.end) {
                        problems.push(map.at(
                            d.span().start,
                            format!(
                                "{}: {} overlaps {}: expected separate time ranges",
                                d.get_ref(),
                                r,
                                other
                            ),
                        ));
                    } else {
                        day.push(*r);
                    }
                }
                day.sort();
            }
        }
    }
    let closed_weekdays = raw
        .closed
        .weekdays
        .iter()
        .filter_map(|w| weekday(w, &mut problems))
        .collect();

    let mut closures = Vec::new();
    for c in &raw.closures {
        if let (Some(from), Some(to)) = (date(&c.from, &mut problems), date(&c.to, &mut problems)) {
            if to < from {
                problems.push(map.at(
                    c.to.span().start,
                    "closure ends before it starts: expected `to` on or after `from`",
                ));
            }
            closures.push(Closure {
                from,
                to,
                name: sanitize(&c.name),
            });
        }
    }
    let mut holidays_added = BTreeMap::new();
    for h in &raw.holidays.add {
        if let Some(d) = date(&h.date, &mut problems) {
            holidays_added.insert(d, sanitize(&h.name));
        }
    }
    let holidays_removed = raw
        .holidays
        .remove
        .iter()
        .filter_map(|f| date(f, &mut problems))
        .collect();
    let mut notices: Vec<Notice> = raw
        .notices
        .iter()
        .filter_map(|n| {
            let until = match &n.until {
                Some(f) => Some(date(f, &mut problems)?),
                None => None,
            };
            Some(Notice {
                date: date(&n.date, &mut problems)?,
                until,
                title: sanitize(&n.title),
                body: n.body.iter().map(|b| sanitize(b)).collect(),
                article: n.article.as_ref().map(|a| a.get_ref().clone()),
                article_title: None,
            })
        })
        .collect();
    notices.sort_by_key(|n| std::cmp::Reverse(n.date));
    let mut articles = Vec::new();
    for a in raw.notices.iter().filter_map(|n| n.article.as_ref()) {
        if is_valid_slug(a.get_ref()) {
            articles.push(SlugRef::new(&map, a.span().start, a.get_ref()));
        } else {
            problems.push(map.at(
                a.span().start,
                format!(
                    "notice article “{}”: expected a slug: lowercase letters, digits and hyphens",
                    a.get_ref()
                ),
            ));
        }
    }

    if !problems.is_empty() {
        return Err(problems);
    }
    let s = |v: &str| sanitize(v);
    let clinic = Clinic {
        name: s(&raw.name),
        phone: s(&raw.phone),
        postal_code: s(&raw.postal_code),
        address: s(&raw.address),
        access: s(&raw.access),
        parking: s(&raw.parking),
        invitation: s(&raw.invitation),
        phone_note: s(&raw.phone_note),
        form_note: s(&raw.form_note),
        website: raw.website.as_deref().map(s),
        director: Director {
            name: s(&raw.director.name),
            introduction: s(&raw.director.introduction),
            greeting: raw.director.greeting.iter().map(|g| s(g)).collect(),
        },
        schedule: Schedule {
            hours,
            closed_weekdays,
            closed_on_holidays: raw.closed.national_holidays,
            closures,
            holidays_added,
            holidays_removed,
        },
        notices,
    };
    Ok((clinic, articles))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"
name = "n"
phone = "p"
postal_code = "1"
address = "a"
access = "a"
parking = "p"
invitation = "i"
phone_note = "p"
form_note = "f"
[director]
name = "n"
introduction = "i"
greeting = []
"#;

    fn parse(extra: &str) -> Result<Clinic, Vec<Diagnostic>> {
        parse_clinic("clinic.toml", &format!("{BASE}{extra}")).map(|(c, _)| c)
    }

    #[test]
    fn bundled_clinic_parses() {
        let (c, _) =
            parse_clinic("clinic.toml", include_str!("../../articles/clinic.toml")).unwrap();
        assert_eq!(c.notices[0].date.to_string(), "2026-01-21");
        assert_eq!(c.notices.len(), 4);
    }

    #[test]
    fn a_notice_names_an_article_by_its_slug() {
        let notice = |slug: &str| {
            format!(
                "[[reception]]\ndays = []\ntimes = []\n[closed]\n[[notices]]\ndate = 2026-01-01\ntitle = \"t\"\narticle = \"{slug}\"\n"
            )
        };
        let (c, refs) =
            parse_clinic("clinic.toml", &format!("{BASE}{}", notice("back-a"))).unwrap();
        assert_eq!(c.notices[0].article.as_deref(), Some("back-a"));
        assert_eq!(
            (refs[0].slug.as_str(), refs[0].line, refs[0].column),
            ("back-a", 22, 11)
        );
        let errs = parse(&notice("../x")).unwrap_err();
        assert!(
            errs[0]
                .to_string()
                .starts_with("clinic.toml:22:11: notice article “../x”: expected a slug"),
            "{errs:?}"
        );
    }

    #[test]
    fn rejects_bad_weekdays_ranges_and_dates() {
        let errs = parse(
            "[[reception]]\ndays = [\"月\", \"Mon\"]\ntimes = [\"13:00-09:00\", \"9:00-25:00\", \"08:00-10:00\", \"09:00-11:00\"]\n[closed]\nweekdays = [\"日\"]\n[[closures]]\nfrom = \"2026-02-30\"\nto = 2026-01-04\nname = \"x\"\n",
        )
        .unwrap_err();
        let msgs: Vec<String> = errs.iter().map(ToString::to_string).collect();
        let has = |needle: &str| msgs.iter().any(|m| m.contains(needle));
        assert!(has("unknown weekday “Mon”"), "{msgs:?}");
        assert!(has("ends before it starts"), "{msgs:?}");
        assert!(has("invalid time range “9:00-25:00”"), "{msgs:?}");
        assert!(has("overlaps"), "{msgs:?}");
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("clinic.toml:21:8: invalid date")),
            "{msgs:?}"
        );
    }
}
