//! The clinic page laid out once, for the printer, the TUI and the kiosk:
//! a header (clock, open-now status, next opening) and a body (phone, hours,
//! two months of calendar, address, notices, greeting).

use std::ops::Range;

use super::document::{self, DocOptions};
use super::{Line, Policy, Role, Span, Style};
use crate::calendar::clock::ClinicTime;
use crate::calendar::date::Weekday;
use crate::calendar::month::Month;
use crate::calendar::schedule::{Day, Schedule};
use crate::content::Clinic;
use crate::strings;
use crate::text::width::{Ambiguous, pad, str_width};

/// Open and closed marks of the hours table: full-width, never ambiguous.
const OPEN_MARK: &str = "〇";
const CLOSED_MARK: &str = "－";

/// Column heads of the hours table: Monday first, Sunday with holidays last.
fn table_days() -> impl Iterator<Item = Weekday> {
    Weekday::ALL[1..].iter().chain(&Weekday::ALL[..1]).copied()
}

/// Sundays red and Saturdays blue, as Japanese calendars colour them.
fn weekday_role(day: Weekday) -> Role {
    match day {
        Weekday::Sun => Role::Sunday,
        Weekday::Sat => Role::Saturday,
        _ => Role::Body,
    }
}

/// Columns between two calendars side by side.
const CALENDAR_GAP: usize = 4;

/// The clinic page at one width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClinicPage {
    /// What stays on screen: clock and status, next opening.
    pub header: Vec<Line>,
    /// What scrolls below it.
    pub body: Vec<Line>,
    /// The body's line where the calendars begin (their legend).
    pub calendars: usize,
    /// Runs of body lines a page keeps together: a month (its name, weekday
    /// row and weeks), the hours table under its heading, a notice, a
    /// heading with the line after it.
    pub blocks: Vec<Range<usize>>,
    /// Each notice that opens an article: its body lines and the article's slug.
    pub articles: Vec<(Range<usize>, String)>,
}

impl ClinicPage {
    /// How much text the body holds, to time a kiosk step by.
    pub fn chars(&self) -> usize {
        self.body.iter().map(|l| l.text().chars().count()).sum()
    }
}

/// The page with its text at `opts.width` (a reading measure) and its
/// calendars side by side in up to `room` columns, each centred in `room`;
/// a printer passes its width as both.
pub fn page(
    clinic: &Clinic,
    now: ClinicTime,
    month: Month,
    opts: &DocOptions,
    room: usize,
) -> ClinicPage {
    let room = room.max(opts.width);
    let mut b = Body::new(opts, room);
    body(&mut b, clinic, now, month);
    ClinicPage {
        header: header(clinic, now, opts, room),
        body: b.lines,
        calendars: b.calendars,
        blocks: b.blocks,
        articles: b.articles,
    }
}

/// The body as it is built: lines, blocks, and where text sits.
struct Body<'a> {
    opts: &'a DocOptions,
    room: usize,
    /// Columns left of the text's measure, to centre it in `room`.
    margin: usize,
    lines: Vec<Line>,
    blocks: Vec<Range<usize>>,
    calendars: usize,
    articles: Vec<(Range<usize>, String)>,
}

impl<'a> Body<'a> {
    fn new(opts: &'a DocOptions, room: usize) -> Body<'a> {
        Body {
            opts,
            room,
            margin: (room - opts.width.min(room)) / 2,
            lines: Vec::new(),
            blocks: Vec::new(),
            calendars: 0,
            articles: Vec::new(),
        }
    }

    /// Lines of the text column.
    fn text(&mut self, lines: Vec<Line>) {
        let margin = self.margin;
        self.lines.extend(lines.into_iter().map(|mut l| {
            indent(&mut l, margin);
            l
        }));
    }

    /// A grid (calendars): in the text's column where it fits the measure,
    /// else centred in the room; cut to the room.
    fn grid(&mut self, lines: Vec<Line>) {
        let width = lines.iter().map(|l| l.width).max().unwrap_or(0);
        let margin = if width <= self.opts.width {
            self.margin
        } else {
            (self.room - width.min(self.room)) / 2
        };
        let opts = DocOptions {
            width: self.room,
            ..*self.opts
        };
        self.lines
            .extend(fit(lines, &opts).into_iter().map(|mut l| {
                indent(&mut l, margin);
                l
            }));
    }

    /// What `add` adds, kept on one page.
    fn keep(&mut self, add: impl FnOnce(&mut Self)) {
        let start = self.lines.len();
        add(self);
        if self.lines.len() > start + 1 {
            self.blocks.push(start..self.lines.len());
        }
    }

    /// A section heading, kept with the first line under it.
    fn section(&mut self, title: &str, first: Vec<Line>) {
        let opts = self.opts;
        self.keep(|b| {
            b.text(section(title, opts));
            b.text(first);
        });
    }

    /// A blank line between parts.
    fn gap(&mut self) {
        self.lines.push(Line::default());
    }
}

/// `line` moved `margin` columns to the right.
fn indent(line: &mut Line, margin: usize) {
    if margin > 0 && line.width > 0 {
        line.spans
            .insert(0, Span::new(" ".repeat(margin), Style::BODY));
        line.width += margin;
    }
}

/// The clock, the status and the next opening: the one place they are
/// composed; at the text's measure, centred in `room` as the body's text is.
pub fn header(clinic: &Clinic, now: ClinicTime, opts: &DocOptions, room: usize) -> Vec<Line> {
    let mut b = Body::new(opts, room.max(opts.width));
    b.text(status_lines(clinic, now, opts));
    b.lines
}

fn status_lines(clinic: &Clinic, now: ClinicTime, opts: &DocOptions) -> Vec<Line> {
    let s = &clinic.schedule;
    let status = s.status(now);
    let role = if status.is_open() {
        Role::Emphasis
    } else {
        Role::Heading
    };
    let mut out = document::plain(
        &[
            Span::new(format!("{} ", strings::clock(now)), Style::BODY),
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
    document::heading(&format!("{}{title}", document::HEADING_MARK), opts)
}

/// Text of the page, broken as body text is (issue 19: with another policy
/// it broke inside words, お問い合わせく|ださい).
fn text(t: &str, role: Role, opts: &DocOptions) -> Vec<Line> {
    document::plain(&[Span::new(t, Style::of(role))], opts.body, opts)
}

fn line_of(spans: Vec<Span>, ambiguous: Ambiguous) -> Line {
    let width = spans.iter().map(|s| str_width(&s.text, ambiguous)).sum();
    Line {
        spans,
        width,
        ruby: false,
    }
}

/// The hours table: a head row, then one row a time range; each column as
/// wide as its widest cell.
fn hours_table(schedule: &Schedule, ambiguous: Ambiguous) -> Vec<Line> {
    let mut rows: Vec<Vec<(String, Role)>> = vec![
        std::iter::once((strings::HOURS.to_string(), Role::Body))
            .chain(table_days().map(|d| (strings::table_day(d).to_string(), weekday_role(d))))
            .collect(),
    ];
    for (range, open) in schedule.table() {
        let mut row = vec![(strings::time_range(range), Role::Body)];
        for wd in table_days() {
            // The 日祝 column is open only if Sundays are and holidays are not closed.
            let is_open = open[wd.index()] && (wd != Weekday::Sun || !schedule.closed_on_holidays);
            row.push(if is_open {
                (OPEN_MARK.to_string(), Role::Body)
            } else {
                (CLOSED_MARK.to_string(), Role::Sunday)
            });
        }
        rows.push(row);
    }
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|(t, _)| str_width(t, ambiguous))
                .max()
                .unwrap_or(0)
        })
        .collect();
    rows.iter()
        .map(|row| {
            let spans = row
                .iter()
                .zip(&widths)
                .map(|((t, role), &w)| {
                    Span::new(format!("{} ", pad(t, w, ambiguous)), Style::of(*role))
                })
                .collect();
            let mut line = line_of(spans, ambiguous);
            trim_end(&mut line, ambiguous);
            line
        })
        .collect()
}

/// Drops the trailing space of a line's last span.
fn trim_end(line: &mut Line, ambiguous: Ambiguous) {
    if let Some(last) = line.spans.last_mut() {
        last.text.truncate(last.text.trim_end().len());
    }
    line.width = line
        .spans
        .iter()
        .map(|s| str_width(&s.text, ambiguous))
        .sum();
}

/// Why a day is marked on the calendar: 建国記念の日, 年始休業 or nothing.
fn day_note(day: &Day) -> Option<String> {
    day.closure.clone().or_else(|| day.holiday.clone())
}

/// 2月11日（水）建国記念の日 — the month's holidays and closures, by date.
fn month_notes(schedule: &Schedule, month: Month) -> Vec<String> {
    month
        .clinic_days(schedule)
        .iter()
        .filter_map(|d| {
            let note = day_note(d)?;
            Some(strings::day_note(d.date, &note))
        })
        .collect()
}

/// A calendar cell: the day's number in a mark that shows without colour
/// too: [ ] today, ( ) closed; a space before it keeps two marked days
/// apart.
fn day_cell(day: u8, today: bool, closed: bool) -> String {
    let (open, close) = match (today, closed) {
        (true, _) => ('[', ']'),
        (false, true) => ('(', ')'),
        (false, false) => (' ', ' '),
    };
    format!(" {open}{day:>2}{close}")
}

/// Columns a calendar cell takes: a day's two digits and its marks.
fn cell_width() -> usize {
    day_cell(31, false, true).len()
}

/// Columns a calendar takes.
fn week_width() -> usize {
    7 * cell_width()
}

/// The month as a Japanese calendar: Sundays and holidays red, Saturdays
/// blue, closed days in ( ), today in [ ].
fn month_grid(schedule: &Schedule, month: Month, today: ClinicTime, amb: Ambiguous) -> Vec<Line> {
    let cell = cell_width();
    let mut lines = vec![
        line_of(
            vec![Span::new(
                strings::month_label(month),
                Style::of(Role::Heading),
            )],
            amb,
        ),
        line_of(
            Weekday::ALL
                .iter()
                .map(|&d| {
                    let role = weekday_role(d);
                    let label = strings::weekday(d);
                    let pad_left = (cell - str_width(label, amb)).div_ceil(2);
                    let text = format!("{}{}", " ".repeat(pad_left), label);
                    Span::new(pad(&text, cell, amb), Style::of(role))
                })
                .collect(),
            amb,
        ),
    ];
    for week in month.weeks() {
        let spans = week
            .iter()
            .map(|cell_date| match cell_date {
                None => Span::new(" ".repeat(cell), Style::BODY),
                Some(date) => {
                    let day = schedule.day(*date);
                    let is_today = *date == today.date;
                    let role = if is_today {
                        Role::Today
                    } else if day.holiday.is_some() {
                        Role::Sunday
                    } else {
                        weekday_role(date.weekday())
                    };
                    Span::new(day_cell(date.day(), is_today, day.closed), Style::of(role))
                }
            })
            .collect();
        lines.push(line_of(spans, amb));
    }
    lines
}

/// Months shown: this one and the next, or three where they fit side by side.
fn months_shown(month: Month, room: usize) -> Vec<Month> {
    let three = 3 * week_width() + 2 * CALENDAR_GAP;
    let n = if room >= three { 3 } else { 2 };
    std::iter::successors(Some(month), |m| Some(m.next()))
        .take(n)
        .collect()
}

/// The calendars: the legend, the months side by side when they fit (else
/// one under the other, each kept on a page), then the months' holidays
/// and closures.
fn calendars(b: &mut Body, schedule: &Schedule, now: ClinicTime, month: Month) {
    let opts = b.opts;
    let amb = opts.ambiguous;
    let months = months_shown(month, b.room);
    let grids: Vec<Vec<Line>> = months
        .iter()
        .map(|&m| month_grid(schedule, m, now, amb))
        .collect();
    b.calendars = b.lines.len();
    // The legend first, so that the marks are explained where they are
    // seen: kept with the first month.
    let legend = text(strings::CALENDAR_LEGEND, Role::Muted, opts);
    let column = week_width() + CALENDAR_GAP;
    if b.room >= column * (grids.len() - 1) + week_width() {
        let rows = grids.iter().map(Vec::len).max().unwrap_or(0);
        let lines = (0..rows)
            .map(|i| {
                let mut line = Line::default();
                for (n, grid) in grids.iter().enumerate() {
                    if n > 0 {
                        let fill = column * n - line.width;
                        line.spans.push(Span::new(" ".repeat(fill), Style::BODY));
                        line.width += fill;
                    }
                    if let Some(row) = grid.get(i) {
                        line.spans.extend(row.spans.iter().cloned());
                        line.width += row.width;
                    }
                }
                line
            })
            .collect();
        b.keep(|b| {
            b.text(legend);
            b.grid(lines);
        });
    } else {
        let mut legend = Some(legend);
        for (n, grid) in grids.into_iter().enumerate() {
            if n > 0 {
                b.gap();
            }
            b.keep(|b| {
                if let Some(legend) = legend.take() {
                    b.text(legend);
                }
                b.grid(grid);
            });
        }
    }
    for &m in &months {
        for note in month_notes(schedule, m) {
            b.text(text(&note, Role::Body, opts));
        }
    }
}

/// The body: phone, hours, calendars, address and access, notices, greeting.
fn body(b: &mut Body, clinic: &Clinic, now: ClinicTime, month: Month) {
    let opts = b.opts;
    let phone = format!("{} {}", strings::PHONE, clinic.phone);
    let address = format!("〒{} {}", clinic.postal_code, clinic.address);
    b.text(document::plain(
        &[Span::new(phone, Style::of(Role::Emphasis).strong())],
        Policy::Phrase,
        opts,
    ));
    b.text(text(&clinic.phone_note, Role::Body, opts));
    b.text(text(&clinic.form_note, Role::Body, opts));
    b.gap();
    b.keep(|b| {
        b.text(section(strings::HOURS, opts));
        b.text(fit(hours_table(&clinic.schedule, opts.ambiguous), opts));
    });
    b.text(text(
        &format!(
            "{}: {}",
            strings::CLOSED_DAYS,
            strings::closed_summary(&clinic.schedule)
        ),
        Role::Body,
        opts,
    ));
    b.gap();
    calendars(b, &clinic.schedule, now, month);
    b.gap();
    b.section(strings::ADDRESS, text(&address, Role::Body, opts));
    b.section(strings::ACCESS, text(&clinic.access, Role::Body, opts));
    b.text(text(
        &format!("{}: {}", strings::PARKING, clinic.parking),
        Role::Body,
        opts,
    ));
    b.gap();
    b.text(section(strings::NOTICES, opts));
    // A notice about a month that has passed is no longer news.
    for (i, n) in clinic
        .notices
        .iter()
        .filter(|n| n.shows_on(now.date))
        .enumerate()
    {
        let start = b.lines.len();
        b.keep(|b| {
            b.text(text(
                &format!("{} {}", n.date.slashed(), n.title),
                Role::Heading,
                opts,
            ));
            for p in &n.body {
                b.text(document::hanging(
                    Span::new("  ", Style::BODY),
                    &[Span::new(p, Style::BODY)],
                    opts.body,
                    opts,
                ));
            }
            if let (Some(slug), Some(title)) = (&n.article, &n.article_title) {
                b.text(document::hanging(
                    Span::new("  ", Style::BODY),
                    &[Span::new(
                        strings::notice_article(title),
                        Style::of(Role::Link),
                    )],
                    Policy::Phrase,
                    opts,
                ));
                b.articles.push((start..b.lines.len(), slug.clone()));
            }
        });
        // The section's heading stays with the first notice, whole.
        if i == 0 {
            b.blocks.push(start - 1..b.lines.len());
        }
    }
    b.gap();
    b.section(
        strings::GREETING,
        text(&clinic.director.introduction, Role::Heading, opts),
    );
    for g in &clinic.director.greeting {
        b.text(text(g, Role::Body, opts));
    }
}

/// Tables and calendars are grids, which cannot wrap: on a screen narrower
/// than a grid, each of its lines is cut to the width rather than overflow.
fn fit(lines: Vec<Line>, opts: &DocOptions) -> Vec<Line> {
    lines
        .into_iter()
        .map(|l| {
            if l.width <= opts.width {
                return l;
            }
            let mut out = Line::default();
            for span in l.spans {
                let room = opts.width - out.width;
                let kept = crate::text::width::truncate(&span.text, room, opts.ambiguous);
                if kept.is_empty() {
                    break;
                }
                out.width += str_width(kept, opts.ambiguous);
                out.spans.push(Span {
                    text: kept.to_string(),
                    ..span
                });
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load_library;

    fn at(s: &str) -> ClinicTime {
        ClinicTime::parse(s).expect("a valid test time")
    }

    #[test]
    fn no_line_of_the_page_is_wider_than_the_width() {
        let library = load_library(None).expect("bundled content loads");
        let now = at("2026-02-11T10:00");
        for width in 8..=140 {
            let opts = DocOptions::new(width);
            let p = page(&library.clinic, now, Month::of(now.date), &opts, width);
            for l in p.header.iter().chain(&p.body) {
                assert!(l.width <= width, "{:?} is wider than {width}", l.text());
                assert_eq!(l.width, str_width(&l.text(), Ambiguous::Narrow));
            }
        }
    }

    #[test]
    fn calendars_go_side_by_side_only_when_both_fit() {
        let library = load_library(None).expect("bundled content loads");
        let now = at("2026-02-11T10:00");
        let month = Month::of(now.date);
        let lines = |w| page(&library.clinic, now, month, &DocOptions::new(w), w).body;
        let months = |w: usize| {
            let row = lines(w)
                .into_iter()
                .map(|l| l.text())
                .find(|t| t.contains("2026年2月"))
                .unwrap_or_default();
            ["2026年2月", "2026年3月", "2026年4月"]
                .iter()
                .filter(|m| row.contains(*m))
                .count()
        };
        assert_eq!(months(2 * week_width() + CALENDAR_GAP), 2);
        assert_eq!(months(2 * week_width() + CALENDAR_GAP - 1), 1);
        assert_eq!(months(3 * week_width() + 2 * CALENDAR_GAP - 1), 2);
        assert_eq!(months(3 * week_width() + 2 * CALENDAR_GAP), 3);
    }

    #[test]
    fn text_keeps_to_the_measure_centred_and_calendars_use_the_room() {
        let library = load_library(None).expect("bundled content loads");
        let now = at("2026-02-11T10:00");
        let p = page(
            &library.clinic,
            now,
            Month::of(now.date),
            &DocOptions::new(80),
            200,
        );
        let text_lines: Vec<&Line> = p.body.iter().filter(|l| l.text().contains('〒')).collect();
        assert_eq!(text_lines.len(), 1);
        // The address starts 60 columns in: (200 - 80) / 2.
        assert!(text_lines[0].text().starts_with(&" ".repeat(60)));
        assert!(p.body.iter().all(|l| l.width <= 200));
        assert!(
            p.header
                .iter()
                .all(|l| l.text().starts_with(&" ".repeat(60)))
        );
    }

    #[test]
    fn each_month_is_one_block_and_the_hours_table_another() {
        let library = load_library(None).expect("bundled content loads");
        let now = at("2026-02-11T10:00");
        for width in [40, 80] {
            let p = page(
                &library.clinic,
                now,
                Month::of(now.date),
                &DocOptions::new(width),
                width,
            );
            let block_of = |needle: &str| {
                let at = p
                    .body
                    .iter()
                    .position(|l| l.text().contains(needle))
                    .unwrap();
                p.blocks.iter().find(|b| b.contains(&at)).cloned().unwrap()
            };
            // The legend, the month's name, its weekday row and its last
            // week (the 28th).
            let feb = block_of("2026年2月");
            let rows: Vec<String> = p.body[feb].iter().map(Line::text).collect();
            assert!(rows[0].contains("休診日"), "{width}: {rows:?}");
            assert!(
                rows[2].contains('日') && rows[2].contains('土'),
                "{width}: {rows:?}"
            );
            assert!(rows.iter().any(|r| r.contains(" 28")), "{width}: {rows:?}");
            let hours = block_of("受付時間");
            assert!(
                p.body[hours.end - 1].text().contains('〇')
                    || p.body[hours.end - 1].text().contains('－')
            );
        }
    }

    #[test]
    fn notices_go_once_their_last_day_has_passed() {
        let library = load_library(None).expect("bundled content loads");
        let text = |t: &str| {
            let now = at(t);
            let p = page(
                &library.clinic,
                now,
                Month::of(now.date),
                &DocOptions::new(80),
                80,
            );
            p.body
                .iter()
                .map(|l| l.text())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let february = text("2026-02-10T10:00");
        assert!(february.contains("2026年 2月のお休み"), "{february}");
        assert!(!february.contains("2026年1月のお休み"));
        let november = text("2026-11-25T10:00");
        assert!(!november.contains("2026年 2月のお休み"));
        assert!(
            november.contains("新しい記事を公開しました"),
            "notices with no end stay"
        );
    }

    #[test]
    fn today_and_closed_days_show_without_colour() {
        assert_eq!(day_cell(5, true, false), " [ 5]");
        assert_eq!(day_cell(11, false, true), " (11)");
        assert_eq!(day_cell(12, false, false), "  12 ");
        assert_eq!(cell_width(), 5);
    }
}
