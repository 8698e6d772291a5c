//! `view`: a pure function of the model that draws one frame.

pub mod clinic;
pub mod help;
mod library;
pub mod reader;

use ratatui::Frame;
use ratatui::layout::{Alignment, Margin, Rect};
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::symbols::scrollbar;
use ratatui::text::{Line as TuiLine, Span as TuiSpan};
use ratatui::widgets::{Block, Paragraph};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::keymap::{Stage, bar_entries};
use super::model::{Focus, Model, Screen};
use super::panes::{panes, too_small};
use super::theme::Theme;
use crate::layout::{Ambiguous, Line};
use crate::strings;
use crate::text::width::{char_width, join_fitting_or_rest, str_width, truncate};

pub fn view(model: &Model, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Block::new().style(model.settings().theme.base()), area);
    if too_small(area) {
        ask_for_room(
            frame,
            area,
            &model.settings().theme,
            model.settings().ambiguous,
        );
        return;
    }
    let p = panes(area, super::panes::Chrome::Reader);
    top_bar(model, frame, p.top);
    match model.screen() {
        Screen::Library => library::draw(model, frame, p.body),
        Screen::Reader => reader::draw(model, frame, &p),
        Screen::Clinic => clinic::draw(model, frame, p.body),
    }
    bottom_bar(model, frame, p.bottom);
    if let Some(top) = model.help() {
        help::draw(model, frame, area, p.body, top);
    }
    settle(frame, model.settings().ambiguous);
}

/// On a screen too small to read: a request for a larger window, wrapped to
/// the width there is.
pub fn ask_for_room(frame: &mut Frame, area: Rect, theme: &Theme, amb: Ambiguous) {
    let opts = crate::layout::document::DocOptions {
        ambiguous: amb,
        ..crate::layout::document::DocOptions::new(usize::from(area.width))
    };
    let lines = crate::layout::document::plain(
        &[crate::layout::Span::new(
            strings::TOO_SMALL,
            crate::layout::Style::BODY,
        )],
        crate::layout::Policy::Phrase,
        &opts,
    );
    let shown: Vec<TuiLine> = lines.iter().map(|l| styled(l, theme, &[], amb)).collect();
    frame.render_widget(Paragraph::new(shown), area);
}

/// The rows of a bordered pane's right border that a scrollbar runs along.
pub fn track(pane: Rect) -> Rect {
    pane.inner(Margin::new(0, 1))
}

/// A scrollbar on `track`'s right column when `total` lines overflow it.
pub fn scrollbar(model: &Model, frame: &mut Frame, track: Rect, total: usize, top: usize) {
    let visible = usize::from(track.height);
    if total <= visible {
        return;
    }
    // Box drawing, which terminals draw themselves, or ASCII where even that
    // is drawn wide; no arrows or blocks, which CJK fonts draw wide. The
    // thumb is a painted cell (a space in reverse video): a heavy line (┃)
    // was drawn as dashes beside the track in xterm with a CJK font.
    let symbols = match model.settings().ambiguous {
        Ambiguous::Narrow => scrollbar::Set {
            track: "│",
            thumb: " ",
            begin: "",
            end: "",
        },
        Ambiguous::Wide => scrollbar::Set {
            track: "|",
            thumb: "#",
            begin: "",
            end: "",
        },
    };
    let theme = model.settings().theme;
    let mut state = ScrollbarState::new(total.saturating_sub(visible)).position(top);
    frame.render_stateful_widget(
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .symbols(symbols)
            .begin_symbol(None)
            .end_symbol(None)
            .track_style(theme.border(false))
            .thumb_style(
                theme
                    .border(true)
                    .add_modifier(ratatui::style::Modifier::REVERSED),
            ),
        track,
        &mut state,
    );
}

/// Borders that stay aligned where ambiguous characters are drawn wide.
pub fn border_set(ambiguous: Ambiguous) -> border::Set<'static> {
    match ambiguous {
        Ambiguous::Narrow => border::ROUNDED,
        Ambiguous::Wide => border::Set {
            top_left: "+",
            top_right: "+",
            bottom_left: "+",
            bottom_right: "+",
            vertical_left: "|",
            vertical_right: "|",
            horizontal_top: "-",
            horizontal_bottom: "-",
        },
    }
}

pub fn pane_block<'a>(model: &Model, title: &'a str, focused: bool) -> Block<'a> {
    let theme = model.settings().theme;
    Block::bordered()
        .border_set(border_set(model.settings().ambiguous))
        .border_style(theme.border(focused))
        .title(TuiSpan::styled(format!(" {title} "), theme.border(focused)))
}

/// East Asian Ambiguous: one column to ratatui, two to a terminal that draws
/// it wide.
fn ambiguous(c: char) -> bool {
    char_width(c, Ambiguous::Narrow) == 1 && char_width(c, Ambiguous::Wide) == 2
}

/// Where the terminal draws ambiguous characters wide (`--ambiguous-wide`),
/// each is followed by a filler cell, so that ratatui's buffer has the
/// columns the terminal uses; `settle` then keeps ratatui from writing the
/// filler over the character's right half.
pub fn widen(text: &str, amb: Ambiguous) -> std::borrow::Cow<'_, str> {
    if amb == Ambiguous::Narrow || !text.chars().any(ambiguous) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        out.push(c);
        if ambiguous(c) {
            out.push(' ');
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Marks each filler cell that `widen` put after an ambiguous character as
/// one ratatui must not write: the terminal's wide glyph covers it, and the
/// next cell is written with its own cursor move.
pub fn settle(frame: &mut Frame, amb: Ambiguous) {
    if amb == Ambiguous::Narrow {
        return;
    }
    let area = frame.area();
    let buf = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(1) {
            let mut chars = buf[(x, y)].symbol().chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && ambiguous(c)
            {
                buf[(x + 1, y)].set_diff_option(ratatui::buffer::CellDiffOption::Skip);
            }
        }
    }
}

/// A laid-out line in the theme's styles, with `marks` (char ranges and
/// styles) drawn over it.
pub fn styled(
    line: &Line,
    theme: &Theme,
    marks: &[(usize, usize, Style)],
    amb: Ambiguous,
) -> TuiLine<'static> {
    let mut spans: Vec<TuiSpan<'static>> = Vec::new();
    let mut col = 0;
    for span in &line.spans {
        let base = theme.text(span.style);
        let mut run = String::new();
        let mut run_style = base;
        for c in span.text.chars() {
            let style = marks
                .iter()
                .find(|(s, e, _)| *s <= col && col < *e)
                .map_or(base, |(_, _, m)| base.patch(*m));
            if style != run_style && !run.is_empty() {
                spans.push(TuiSpan::styled(std::mem::take(&mut run), run_style));
            }
            run_style = style;
            run.push(c);
            if amb == Ambiguous::Wide && ambiguous(c) {
                run.push(' ');
            }
            col += 1;
        }
        if !run.is_empty() {
            spans.push(TuiSpan::styled(run, run_style));
        }
    }
    TuiLine::from(spans)
}

/// A one-row bar in the theme's bar colours, cut to the width.
fn draw_bar(model: &Model, frame: &mut Frame, area: Rect, text: &str) {
    let s = model.settings();
    text_row(
        frame,
        area,
        text,
        (s.theme.bar(), Alignment::Left),
        s.ambiguous,
    );
}

/// One row of text, cut to the row as the terminal counts it, in `style`.
pub fn text_row(
    frame: &mut Frame,
    area: Rect,
    text: &str,
    (style, align): (Style, Alignment),
    amb: Ambiguous,
) {
    let shown = widen(truncate(text, usize::from(area.width), amb), amb).into_owned();
    frame.render_widget(
        Paragraph::new(TuiLine::from(shown))
            .style(style)
            .alignment(align),
        area,
    );
}

fn top_bar(model: &Model, frame: &mut Frame, area: Rect) {
    let clinic = &model.library().clinic;
    let parts = match model.screen() {
        Screen::Library => vec![clinic.name.clone(), strings::ARTICLES_TITLE.to_string()],
        Screen::Clinic => vec![clinic.name.clone(), strings::CLINIC_TITLE.to_string()],
        Screen::Reader => {
            let a = model.article();
            let published = format!("{} {}", strings::PUBLISHED, a.published.slashed());
            vec![clinic.name.clone(), a.title.clone(), published]
        }
    };
    // Narrow: the article's title matters more than the clinic's name.
    let text = join_fitting_or_rest(
        &parts,
        " ｜ ",
        usize::from(area.width),
        model.settings().ambiguous,
    );
    draw_bar(model, frame, area, &text);
}

/// The bar's entries in the room there is: every long label, else the
/// short labels of the best ranks that fit, each whole, in table order. The
/// best-ranked entry shows even alone in too little room (a typed query,
/// cut by the row).
pub fn fit_bar(entries: &[(String, String, u8)], width: usize, amb: Ambiguous) -> String {
    let join = |parts: Vec<&str>, sep: &str| format!(" {}", parts.join(sep));
    let long = join(entries.iter().map(|e| e.0.as_str()).collect(), "  ");
    if str_width(&long, amb) <= width {
        return long;
    }
    let mut by_rank: Vec<usize> = (0..entries.len()).collect();
    by_rank.sort_by_key(|&i| entries[i].2);
    let mut kept = vec![false; entries.len()];
    let mut used = 0;
    for i in by_rank {
        let w = 1 + str_width(&entries[i].1, amb);
        if used > 0 && used + w > width {
            break;
        }
        kept[i] = true;
        used += w;
    }
    join(
        entries
            .iter()
            .zip(&kept)
            .filter(|(_, k)| **k)
            .map(|(e, _)| e.1.as_str())
            .collect(),
        " ",
    )
}

/// What the patient is doing, as the bar names the keys for it.
fn stage(model: &Model) -> Stage {
    let several = model.library().articles.len() > 1;
    match (model.screen(), model.focus()) {
        (Screen::Clinic, _) if model.notice_article_shown().is_some() => Stage::Notice,
        (Screen::Clinic, _) | (Screen::Reader, Focus::Answer) => Stage::Reading,
        (Screen::Reader, Focus::Outline) if several => Stage::Browsing,
        _ => Stage::Choosing,
    }
}

fn bottom_bar(model: &Model, frame: &mut Frame, area: Rect) {
    let s = model.search();
    let text = if s.editing {
        fit_bar(
            &strings::search_editing(&s.query, model.match_count()),
            usize::from(area.width),
            model.settings().ambiguous,
        )
    } else if !s.query.is_empty() {
        let pos = match (model.match_ordinal(), model.match_count()) {
            (_, 0) => strings::NO_MATCHES.to_string(),
            (Some(c), n) => strings::match_position(c + 1, n),
            (None, n) => strings::match_position(0, n),
        };
        fit_bar(
            &strings::search_result(&s.query, &pos, model.library_searched()),
            usize::from(area.width),
            model.settings().ambiguous,
        )
    } else {
        fit_bar(
            &bar_entries(
                model.context(),
                stage(model),
                model.is_locked(),
                model.article().questions.len(),
            ),
            usize::from(area.width),
            model.settings().ambiguous,
        )
    };
    draw_bar(model, frame, area, &text);
    if s.editing {
        let typed = str_width(
            &format!(" {}{}", strings::SEARCH_PROMPT, s.query),
            model.settings().ambiguous,
        );
        let x = area.x + (typed as u16).min(area.width.saturating_sub(1));
        frame.set_cursor_position((x, area.y));
    }
}
