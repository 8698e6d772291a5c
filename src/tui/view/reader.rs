//! The reader: outline (目次) and answer panes.

use ratatui::Frame;
use ratatui::buffer::CellWidth;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line as TuiLine;
use ratatui::widgets::Paragraph;

use unicode_segmentation::UnicodeSegmentation;

use super::{pane_block, scrollbar, styled, track, widen};
use crate::layout::document::Furigana;
use crate::strings;
use crate::tui::model::{Focus, Item, Model};
use crate::tui::panes::{Chrome, Panes, panes, text_area, too_small};
use crate::tui::search::Segment;

pub fn draw(model: &Model, frame: &mut Frame, p: &Panes) {
    if p.wide || model.focus() == Focus::Outline {
        outline(model, frame, p);
    }
    if p.wide || model.focus() == Focus::Answer {
        answer(model, frame, p);
    }
}

fn outline(model: &Model, frame: &mut Frame, p: &Panes) {
    let theme = model.settings().theme;
    let focused = model.focus() == Focus::Outline;
    frame.render_widget(
        pane_block(model, strings::OUTLINE_TITLE, focused),
        p.outline,
    );
    let area = text_area(p.outline);
    let top = model.outline_scroll();
    // Only the entries on screen: from the gap above the first one that
    // shows, scrolled to the outline's top row.
    let first = model.outline_entry_from(top).unwrap_or(model.outline_len());
    let from = match first.checked_sub(1) {
        Some(above) => model.outline_span(above).map_or(0, |(_, end)| end),
        None => 0,
    };
    let bottom = top + usize::from(area.height);
    let mut lines: Vec<TuiLine> = Vec::new();
    for i in first..model.outline_len() {
        if model
            .outline_span(i)
            .is_none_or(|(start, _)| start >= bottom)
        {
            break;
        }
        if i > 0 {
            lines.push(TuiLine::default());
        }
        for line in model.outline_entry(i) {
            // The selected entry in one colour pair, whatever its roles.
            lines.push(if i == model.selected() {
                TuiLine::styled(line.text(), theme.selected(focused))
            } else {
                styled(line, &theme, &[], model.settings().ambiguous)
            });
        }
    }
    frame.render_widget(Paragraph::new(lines).scroll(((top - from) as u16, 0)), area);
    let total = model.outline_total();
    scrollbar(
        model,
        frame,
        track(p.outline),
        total,
        model.outline_scroll(),
    );
}

fn item_title(model: &Model) -> String {
    match model.items().get(model.selected()) {
        Some(Item::Question(i)) => strings::question_title(i + 1),
        Some(Item::References) => strings::REFERENCES.to_string(),
        Some(Item::Terms) => strings::TERMS.to_string(),
        Some(Item::Summary) => strings::SUMMARY.to_string(),
        None => strings::RELATED.to_string(),
    }
}

fn answer(model: &Model, frame: &mut Frame, p: &Panes) {
    let theme = model.settings().theme;
    let focused = model.focus() == Focus::Answer;
    let Some(layout) = model.layout(model.selected()) else {
        return;
    };
    let top = model.scroll(model.selected());
    let title = item_title(model);
    let position = strings::line_position(top, layout.lines.len());
    let readings = match model.settings().furigana {
        Furigana::Off => strings::FURIGANA_OFF,
        Furigana::First => strings::FURIGANA_FIRST,
        Furigana::All => strings::FURIGANA_ALL,
    };
    let block = pane_block(model, &title, focused)
        .title_bottom(TuiLine::from(format!(" {readings} ")).left_aligned())
        .title_bottom(TuiLine::from(format!(" {position} ")).right_aligned());
    frame.render_widget(block, p.answer);

    let area = model.answer_area_in(frame.area());
    // A page ends before a heading kept with the line after it.
    let height = model
        .item_scroll(model.selected())
        .shown()
        .min(usize::from(area.height));
    let found = matches(model);
    let lines: Vec<TuiLine> = layout
        .lines
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(n, line)| styled(line, &theme, &marks(&found, n), model.settings().ambiguous))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
    scrollbar(model, frame, track(p.answer), layout.lines.len(), top);
}

/// Text on screen that links somewhere: where it is drawn and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRegion {
    pub x: u16,
    pub y: u16,
    /// Columns, as drawn.
    pub width: u16,
    pub text: String,
    pub url: String,
}

/// The links the answer pane shows in a frame of `area`, for the terminal
/// to mark as OSC 8 hyperlinks over it (ratatui's cells cannot carry them).
/// Each link's columns are counted as the drawing counts them, cell widths
/// of the same graphemes, and a link that runs past the column is left out.
pub fn links(model: &Model, area: Rect) -> Vec<LinkRegion> {
    let p = panes(area, Chrome::Reader);
    let visible = model.screen() == crate::tui::model::Screen::Reader
        && model.help().is_none()
        && (p.wide || model.focus() == Focus::Answer);
    let Some(layout) = model.layout(model.selected()).filter(|_| visible) else {
        return Vec::new();
    };
    if too_small(area) {
        return Vec::new();
    }
    let amb = model.settings().ambiguous;
    let area = model.answer_area_in(area);
    let top = model.scroll(model.selected());
    let mut out = Vec::new();
    for (row, line) in layout
        .lines
        .iter()
        .skip(top)
        .take(
            model
                .item_scroll(model.selected())
                .shown()
                .min(usize::from(area.height)),
        )
        .enumerate()
    {
        let mut x = area.x;
        for span in &line.spans {
            let w = widen(&span.text, amb)
                .graphemes(true)
                .map(|g| usize::from(g.cell_width()))
                .sum::<usize>();
            let w = u16::try_from(w).unwrap_or(u16::MAX);
            let inside = x.saturating_add(w) <= area.right();
            if let Some(url) = span.link.as_ref().filter(|_| inside) {
                out.push(LinkRegion {
                    x,
                    y: area.y + row as u16,
                    width: w,
                    text: span.text.clone(),
                    url: url.to_string(),
                });
            }
            x = x.saturating_add(w);
        }
    }
    out
}

/// The search matches in the selected item, placed on its lines, each
/// styled as current or not.
fn matches(model: &Model) -> Vec<(Segment, Style)> {
    let theme = model.settings().theme;
    model
        .item_hits(model.selected())
        .flat_map(|i| {
            let current = model.search().current == Some(i);
            model
                .hit_segments(i)
                .into_iter()
                .map(move |s| (s, theme.matched(current)))
        })
        .collect()
}

/// Search matches on line `n` of the selected item.
fn marks(found: &[(Segment, Style)], n: usize) -> Vec<(usize, usize, Style)> {
    found
        .iter()
        .filter(|(s, _)| s.line == n)
        .map(|&(s, style)| (s.start, s.end, style))
        .collect()
}
