//! `reader --clinic`: the clinic page as text, from the one clinic layout, or
//! its status as data for the JSON.

use serde::Serialize;

use crate::calendar::clock::ClinicTime;
use crate::calendar::month::Month;
use crate::content::Clinic;
use crate::layout::clinic::page;
use crate::layout::document::{self, DocOptions};
use crate::layout::{Line, Policy, Role, Span, Style};
use crate::output::text;
use crate::strings;

/// The page as the clinic screen shows it, under the clinic's name.
pub fn text(
    clinic: &Clinic,
    now: ClinicTime,
    month: Month,
    opts: &DocOptions,
    color: bool,
) -> String {
    let p = page(clinic, now, month, opts, opts.width);
    let title = document::plain(
        &[Span::new(clinic.name.as_str(), Style::of(Role::Title))],
        Policy::Phrase,
        opts,
    );
    let lines: Vec<Line> = [title, p.header, vec![Line::default()], p.body].concat();
    text::render(&lines, color)
}

/// The JSON scripts rely on; its keys are stable.
#[derive(Serialize)]
pub struct Status<'a> {
    name: &'a str,
    phone: &'a str,
    now: String,
    open_now: bool,
    status: String,
    next_open: Option<String>,
    month: String,
    days: Vec<Day>,
}

#[derive(Serialize)]
pub struct Day {
    date: String,
    weekday: &'static str,
    closed: bool,
    holiday: Option<String>,
    closure: Option<String>,
}

/// `{name, phone, now, open_now, status, next_open, month, days: [...]}`.
pub fn status(clinic: &Clinic, now: ClinicTime, month: Month) -> Status<'_> {
    let s = &clinic.schedule;
    let status = s.status(now);
    Status {
        name: &clinic.name,
        phone: &clinic.phone,
        now: now.rfc3339(),
        open_now: status.is_open(),
        status: strings::status(&status),
        next_open: s.next_opening(now).map(ClinicTime::rfc3339),
        month: month.to_string(),
        days: month
            .clinic_days(s)
            .into_iter()
            .map(|d| Day {
                date: d.date.to_string(),
                weekday: strings::weekday(d.date.weekday()),
                closed: d.closed,
                holiday: d.holiday,
                closure: d.closure,
            })
            .collect(),
    }
}
