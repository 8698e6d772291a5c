//! The clinic screen: status and clock, phone, hours, two months of calendar,
//! address, notices and the director's greeting.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line as TuiLine;
use ratatui::widgets::Paragraph;

use super::{pane_block, scrollbar, styled};
use crate::calendar::clock::{ClinicTime, hhmm};
use crate::calendar::month::Month;
use crate::content::Clinic;
use crate::layout::document::{self, DocOptions};
use crate::layout::{Ambiguous, Line, Policy, Role, Span, Style};
use crate::output::clinic::{CLOSED_MARK, WEEK_WIDTH, hours_rows, month_grid, month_notes};
use crate::strings;
use crate::text::width::{pad, str_width};
use crate::tui::model::Model;
use crate::tui::panes::{panes, text_area};

/// The two header lines that never scroll: clock and status, next opening.
pub fn header_lines(clinic: &Clinic, now: ClinicTime, opts: &DocOptions) -> Vec<Line> {
    let s = &clinic.schedule;
    let status = s.status(now);
    let role = if status.is_open() {
        Role::Emphasis
    } else {
        Role::Heading
    };
    let clock = format!(
        "{} {}（{}） ",
        now.date.slashed(),
        hhmm(now.minute),
        now.date.weekday().kanji()
    );
    let mut out = document::plain(
        &[
            Span::new(clock, Style::BODY),
            Span::new(strings::status(&status), Style::of(role).strong()),
        ],
        Policy::Phrase,
        opts,
    );
    out.extend(document::plain(
        &[Span::new(
            strings::next_opening(s.next_opening(now)),
            Style::BODY,
        )],
        Policy::Phrase,
        opts,
    ));
    out
}

fn section(title: &str, opts: &DocOptions) -> Vec<Line> {
    document::heading(
        &format!("{}{title}", document::heading_mark(opts.ambiguous)),
        opts,
    )
}

fn text(t: &str, role: Role, opts: &DocOptions) -> Vec<Line> {
    document::plain(&[Span::new(t, Style::of(role))], Policy::Normal, opts)
}

fn hours_table(clinic: &Clinic, ambiguous: Ambiguous) -> Vec<Line> {
    let rows = hours_rows(&clinic.schedule);
    let first = rows
        .iter()
        .map(|r| str_width(&r[0], ambiguous))
        .max()
        .unwrap_or(0);
    rows.iter()
        .map(|row| {
            let mut spans = vec![Span::new(
                format!("{} ", pad(&row[0], first, ambiguous)),
                Style::BODY,
            )];
            for cell in &row[1..] {
                let role = if cell == CLOSED_MARK {
                    Role::Sunday
                } else {
                    Role::Body
                };
                spans.push(Span::new(format!("{cell} "), Style::of(role)));
            }
            let width = spans.iter().map(|s| str_width(&s.text, ambiguous)).sum();
            Line { spans, width }
        })
        .collect()
}

/// Two calendars side by side when they fit, else one under the other.
fn calendars(clinic: &Clinic, now: ClinicTime, month: Month, opts: &DocOptions) -> Vec<Line> {
    let s = &clinic.schedule;
    let grids = [month_grid(s, month, now), month_grid(s, month.next(), now)];
    let mut out = Vec::new();
    const GAP: usize = 4;
    if opts.width >= 2 * WEEK_WIDTH + GAP {
        let rows = grids[0].len().max(grids[1].len());
        for i in 0..rows {
            let mut line = grids[0].get(i).cloned().unwrap_or_default();
            line.spans.push(Span::new(
                " ".repeat(WEEK_WIDTH + GAP - line.width),
                Style::BODY,
            ));
            if let Some(right) = grids[1].get(i) {
                line.spans.extend(right.spans.iter().cloned());
            }
            line.width = WEEK_WIDTH + GAP + grids[1].get(i).map_or(0, |l| l.width);
            out.push(line);
        }
    } else {
        out.extend(grids[0].iter().cloned());
        out.push(Line::default());
        out.extend(grids[1].iter().cloned());
    }
    for m in [month, month.next()] {
        for note in month_notes(s, m) {
            out.extend(text(
                &strings::month_note(m.month(), &note),
                Role::Body,
                opts,
            ));
        }
    }
    out.extend(text(strings::CALENDAR_LEGEND, Role::Muted, opts));
    out
}

/// Everything below the header, laid out for `opts.width`.
pub fn clinic_lines(
    clinic: &Clinic,
    now: ClinicTime,
    month: Month,
    opts: &DocOptions,
) -> Vec<Line> {
    let phone = format!("{} {}", strings::PHONE, clinic.phone);
    let address = format!("〒{} {}", clinic.postal_code, clinic.address);
    let mut parts: Vec<Vec<Line>> = vec![
        [
            document::plain(
                &[Span::new(phone, Style::of(Role::Emphasis).strong())],
                Policy::Phrase,
                opts,
            ),
            text(&clinic.phone_note, Role::Body, opts),
            text(&clinic.form_note, Role::Body, opts),
        ]
        .concat(),
        [
            section(strings::HOURS, opts),
            hours_table(clinic, opts.ambiguous),
            text(
                &format!("{}: {}", strings::CLOSED_DAYS, clinic.closed_summary()),
                Role::Body,
                opts,
            ),
        ]
        .concat(),
        calendars(clinic, now, month, opts),
        [
            section(strings::ADDRESS, opts),
            text(&address, Role::Body, opts),
            section(strings::ACCESS, opts),
            text(&clinic.access, Role::Body, opts),
            text(
                &format!("{}: {}", strings::PARKING, clinic.parking),
                Role::Body,
                opts,
            ),
        ]
        .concat(),
    ];
    let mut notices = section(strings::NOTICES, opts);
    for n in &clinic.notices {
        notices.extend(text(
            &format!("{} {}", n.date.slashed(), n.title),
            Role::Heading,
            opts,
        ));
        for b in &n.body {
            notices.extend(document::hanging(
                Span::new("  ", Style::BODY),
                &[Span::new(b, Style::BODY)],
                Policy::Normal,
                opts,
            ));
        }
    }
    parts.push(notices);
    let mut greeting = section(strings::GREETING, opts);
    greeting.extend(text(&clinic.director.introduction, Role::Heading, opts));
    for g in &clinic.director.greeting {
        greeting.extend(text(g, Role::Body, opts));
    }
    parts.push(greeting);
    document::stack(parts).0
}

/// The clinic screen laid out in its pane: the header that stays, and the
/// body that scrolls below it.
pub struct ClinicScreen {
    pub header: Vec<Line>,
    pub body: Vec<Line>,
    pub head_area: Rect,
    pub body_area: Rect,
}

impl ClinicScreen {
    pub fn new(model: &Model, pane: Rect) -> ClinicScreen {
        let inner = text_area(pane);
        let opts = DocOptions {
            ambiguous: model.settings.ambiguous,
            ..DocOptions::new(usize::from(inner.width))
        };
        let clinic = &model.library.clinic;
        let header = header_lines(clinic, model.now, &opts);
        let head_h = (header.len() as u16 + 1).min(inner.height);
        ClinicScreen {
            body: clinic_lines(clinic, model.now, model.month, &opts),
            header,
            head_area: Rect {
                height: head_h,
                ..inner
            },
            body_area: Rect {
                y: inner.y + head_h,
                height: inner.height - head_h,
                ..inner
            },
        }
    }

    /// The clinic screen as the model's terminal shows it.
    pub fn of(model: &Model) -> ClinicScreen {
        ClinicScreen::new(model, panes(model.area).body)
    }

    /// The furthest the body can scroll.
    pub fn max_scroll(&self) -> usize {
        self.body
            .len()
            .saturating_sub(usize::from(self.body_area.height))
    }

    /// How much text the body shows, to time a kiosk step by.
    pub fn chars(&self) -> usize {
        self.body.iter().map(|l| l.text().chars().count()).sum()
    }
}

pub fn draw(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = model.settings.theme;
    frame.render_widget(pane_block(model, strings::CLINIC_TITLE, true), area);
    let screen = ClinicScreen::new(model, area);
    let head: Vec<TuiLine> = screen
        .header
        .iter()
        .map(|l| styled(l, &theme, &[]))
        .collect();
    frame.render_widget(Paragraph::new(head), screen.head_area);
    let top = model.clinic_scroll.min(screen.max_scroll());
    let body: Vec<TuiLine> = screen
        .body
        .iter()
        .skip(top)
        .take(usize::from(screen.body_area.height))
        .map(|l| styled(l, &theme, &[]))
        .collect();
    frame.render_widget(Paragraph::new(body), screen.body_area);
    // The body's rows of the pane's right border carry its scrollbar.
    let track = Rect {
        y: screen.body_area.y,
        height: screen.body_area.height,
        ..area
    };
    scrollbar(model, frame, track, screen.body.len(), top);
}
