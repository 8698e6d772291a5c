//! `reader --clinic`: status, hours, next opening and a month calendar, as
//! text or as JSON for scripts.

use serde_json::{Value, json};

use crate::calendar::clock::{ClinicTime, hhmm};
use crate::calendar::date::Weekday;
use crate::calendar::month::Month;
use crate::calendar::schedule::{Day, Schedule};
use crate::content::Clinic;
use crate::layout::{Line, Role, Span, Style};
use crate::output::text;
use crate::strings;
use crate::text::width::{Ambiguous, pad, str_width};

/// Open and closed marks of the hours table: full-width, never ambiguous.
pub const OPEN_MARK: &str = "〇";
pub const CLOSED_MARK: &str = "－";

/// Column heads of the hours table: Monday first, Sunday with holidays last.
pub const TABLE_DAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "月"),
    (Weekday::Tue, "火"),
    (Weekday::Wed, "水"),
    (Weekday::Thu, "木"),
    (Weekday::Fri, "金"),
    (Weekday::Sat, "土"),
    (Weekday::Sun, strings::SUNDAY_AND_HOLIDAYS),
];

/// The hours table as rows of text cells: a header row, then one row a range.
pub fn hours_rows(schedule: &Schedule) -> Vec<Vec<String>> {
    let mut rows = vec![
        std::iter::once(strings::HOURS.to_string())
            .chain(TABLE_DAYS.iter().map(|(_, l)| (*l).to_string()))
            .collect(),
    ];
    for (range, open) in schedule.table() {
        let mut row = vec![range.label()];
        for (wd, _) in TABLE_DAYS {
            // The 日祝 column is open only if Sundays are and holidays are not closed.
            let is_open = open[wd.index()] && (wd != Weekday::Sun || !schedule.closed_on_holidays);
            row.push(if is_open { OPEN_MARK } else { CLOSED_MARK }.to_string());
        }
        rows.push(row);
    }
    rows
}

/// Why a day is marked on the calendar: 建国記念の日, 年始休業 or nothing.
pub fn day_note(day: &Day) -> Option<String> {
    day.closure.clone().or_else(|| day.holiday.clone())
}

/// 11日（水）建国記念の日 — the month's holidays and closures, by date.
pub fn month_notes(schedule: &Schedule, month: Month) -> Vec<String> {
    month
        .clinic_days(schedule)
        .iter()
        .filter_map(|d| {
            let note = day_note(d)?;
            let w = d.date.weekday().kanji();
            Some(format!("{}日（{w}）{note}", d.date.day()))
        })
        .collect()
}

/// The month as a Japanese calendar: Sundays and holidays red, Saturdays
/// blue, closed days in ( ) so they show without colour too, today reversed.
pub fn month_grid(schedule: &Schedule, month: Month, today: ClinicTime) -> Vec<Line> {
    let head = |t: &str, role| Span::new(t, Style::of(role));
    let mut lines = vec![
        Line {
            spans: vec![head(&month.label(), Role::Heading)],
            width: str_width(&month.label(), Ambiguous::Narrow),
        },
        Line {
            spans: vec![
                head(" 日 ", Role::Sunday),
                head(" 月  火  水  木  金 ", Role::Body),
                head(" 土", Role::Saturday),
            ],
            width: WEEK_WIDTH - 1,
        },
    ];
    for week in month.weeks() {
        let mut line = Line::default();
        for cell in week {
            let span = match cell {
                None => Span::new("    ", Style::BODY),
                Some(date) => {
                    let day = schedule.day(date);
                    let text = if date == today.date {
                        format!("[{:>2}]", date.day())
                    } else if day.closed {
                        format!("({:>2})", date.day())
                    } else {
                        format!(" {:>2} ", date.day())
                    };
                    let role = if date == today.date {
                        Role::Today
                    } else if date.weekday() == Weekday::Sun || day.holiday.is_some() {
                        Role::Sunday
                    } else if date.weekday() == Weekday::Sat {
                        Role::Saturday
                    } else {
                        Role::Body
                    };
                    Span::new(text, Style::of(role))
                }
            };
            line.width += 4;
            line.spans.push(span);
        }
        lines.push(line);
    }
    lines
}

/// Columns a calendar takes: seven cells of four.
pub const WEEK_WIDTH: usize = 28;

pub fn text(clinic: &Clinic, now: ClinicTime, month: Month) -> String {
    let s = &clinic.schedule;
    let mut out = format!(
        "{}  {} {}（{}）\n{}\n{}\n\n",
        clinic.name,
        now.date.slashed(),
        hhmm(now.minute),
        now.date.weekday().kanji(),
        strings::status(&s.status(now)),
        strings::next_opening(s.next_opening(now))
    );
    for row in hours_rows(s) {
        out.push_str(&format!(
            "{} {}\n",
            pad(&row[0], 12, Ambiguous::Narrow),
            row[1..].join(" ")
        ));
    }
    out.push_str(&format!(
        "{}: {}\n\n",
        strings::CLOSED_DAYS,
        clinic.closed_summary()
    ));
    for line in month_grid(s, month, now) {
        out.push_str(&text::line(&line, false));
        out.push('\n');
    }
    out.push_str(strings::CALENDAR_LEGEND);
    out.push('\n');
    for note in month_notes(s, month) {
        out.push_str(&format!("{note}\n"));
    }
    out.push_str(&format!(
        "\n〒{} {}\n{}\n{} {}\n",
        clinic.postal_code,
        clinic.address,
        clinic.access,
        strings::PHONE,
        clinic.phone
    ));
    out
}

/// The JSON scripts rely on; its keys are stable.
pub fn json(clinic: &Clinic, now: ClinicTime, month: Month) -> Value {
    let s = &clinic.schedule;
    let days: Vec<Value> = month
        .clinic_days(s)
        .iter()
        .map(|d| {
            json!({
                "date": d.date,
                "weekday": d.date.weekday().kanji(),
                "closed": d.closed,
                "holiday": d.holiday,
                "closure": d.closure,
            })
        })
        .collect();
    json!({
        "name": clinic.name,
        "phone": clinic.phone,
        "now": now.rfc3339(),
        "open_now": s.status(now).is_open(),
        "status": strings::status(&s.status(now)),
        "next_open": s.next_opening(now).map(ClinicTime::rfc3339),
        "month": month.to_string(),
        "days": days,
    })
}
