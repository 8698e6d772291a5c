//! `reader --clinic`: status, hours, next opening and a month calendar, as
//! text or as JSON for scripts.

use serde_json::{Value, json};

use crate::calendar::clock::{ClinicTime, hhmm};
use crate::calendar::date::Weekday;
use crate::calendar::month::Month;
use crate::calendar::schedule::{Day, Schedule};
use crate::content::Clinic;
use crate::layout::width::{Ambiguous, pad};

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
    (Weekday::Sun, "日祝"),
];

/// The hours table as rows of text cells: a header row, then one row a range.
pub fn hours_rows(schedule: &Schedule) -> Vec<Vec<String>> {
    let mut rows = vec![
        std::iter::once("受付時間".to_string())
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

/// The month as text lines; closed days in ( ), today in [ ].
pub fn month_lines(schedule: &Schedule, month: Month, today: ClinicTime) -> Vec<String> {
    let mut lines = vec![month.label(), " 日  月  火  水  木  金  土".to_string()];
    for week in month.weeks() {
        let cells: Vec<String> = week
            .iter()
            .map(|cell| match cell {
                None => "    ".to_string(),
                Some(date) if *date == today.date => format!("[{:>2}]", date.day()),
                Some(date) if schedule.day(*date).closed => format!("({:>2})", date.day()),
                Some(date) => format!(" {:>2} ", date.day()),
            })
            .collect();
        lines.push(cells.concat().trim_end().to_string());
    }
    lines
}

pub fn text(clinic: &Clinic, now: ClinicTime, month: Month) -> String {
    let s = &clinic.schedule;
    let mut out = format!(
        "{}  {} {}（{}）\n{}\n{}\n\n",
        clinic.name,
        now.date.slashed(),
        hhmm(now.minute),
        now.date.weekday().kanji(),
        s.status(now).label(),
        s.next_opening_label(now)
    );
    for row in hours_rows(s) {
        out.push_str(&format!(
            "{} {}\n",
            pad(&row[0], 12, Ambiguous::Narrow),
            row[1..].join(" ")
        ));
    }
    out.push_str(&format!("定休日: {}\n\n", clinic.closed_summary()));
    for line in month_lines(s, month, now) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("( )=休診日 [ ]=今日\n");
    for note in month_notes(s, month) {
        out.push_str(&format!("{note}\n"));
    }
    out.push_str(&format!(
        "\n〒{} {}\n{}\n電話 {}\n",
        clinic.postal_code, clinic.address, clinic.access, clinic.phone
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
        "status": s.status(now).label(),
        "next_open": s.next_opening(now).map(ClinicTime::rfc3339),
        "month": month.to_string(),
        "days": days,
    })
}
