//! The reader: outline (目次) and answer panes.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::Line as TuiLine;
use ratatui::widgets::Paragraph;

use super::{pane_block, scrollbar, styled, track};
use crate::strings;
use crate::tui::model::{Focus, Item, Model};
use crate::tui::panes::{Panes, text_area};

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
    let mut lines: Vec<TuiLine> = Vec::new();
    for (i, entry) in model.outline().iter().enumerate() {
        if i > 0 {
            lines.push(TuiLine::default());
        }
        for line in entry {
            // The selected entry in one colour pair, whatever its roles.
            lines.push(if i == model.selected() {
                TuiLine::styled(line.text(), theme.selected(focused))
            } else {
                styled(line, &theme, &[], model.settings().ambiguous)
            });
        }
    }
    let area = text_area(p.outline);
    frame.render_widget(
        Paragraph::new(lines).scroll((model.outline_scroll() as u16, 0)),
        area,
    );
    let total = model.outline_rows().last().map_or(0, |r| r.1);
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
        _ => strings::SUMMARY.to_string(),
    }
}

fn answer(model: &Model, frame: &mut Frame, p: &Panes) {
    let theme = model.settings().theme;
    let focused = model.focus() == Focus::Answer;
    let Some(layout) = model.layouts().get(model.selected()) else {
        return;
    };
    let top = model.scroll(model.selected());
    let title = item_title(model);
    let position = strings::line_position(top, layout.lines.len());
    let block = pane_block(model, &title, focused)
        .title_bottom(TuiLine::from(format!(" {position} ")).right_aligned());
    frame.render_widget(block, p.answer);

    let area = model.answer_area();
    let height = usize::from(area.height);
    let lines: Vec<TuiLine> = layout
        .lines
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(n, line)| styled(line, &theme, &marks(model, n), model.settings().ambiguous))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
    scrollbar(model, frame, track(p.answer), layout.lines.len(), top);
}

/// Text on screen that links somewhere: where it is drawn and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRegion {
    pub x: u16,
    pub y: u16,
    pub text: String,
    pub url: String,
    pub style: Style,
}

/// The links the answer pane shows now, for the terminal to mark as OSC 8
/// hyperlinks over the drawn frame (ratatui's cells cannot carry them).
pub fn links(model: &Model) -> Vec<LinkRegion> {
    let p = model.panes();
    let visible = model.screen() == crate::tui::model::Screen::Reader
        && model.help().is_none()
        && (p.wide || model.focus() == Focus::Answer);
    let Some(layout) = model.layouts().get(model.selected()).filter(|_| visible) else {
        return Vec::new();
    };
    let area = model.answer_area();
    let top = model.scroll(model.selected());
    let mut out = Vec::new();
    for (row, line) in layout
        .lines
        .iter()
        .skip(top)
        .take(usize::from(area.height))
        .enumerate()
    {
        let mut x = area.x;
        for span in &line.spans {
            let w = crate::text::width::str_width(&span.text, model.settings().ambiguous) as u16;
            if let Some(url) = &span.link {
                out.push(LinkRegion {
                    x,
                    y: area.y + row as u16,
                    text: span.text.clone(),
                    url: url.clone(),
                    // Written outside ratatui: the ground must be the theme's, not
                    // the terminal's.
                    style: model
                        .settings()
                        .theme
                        .base()
                        .patch(model.settings().theme.text(span.style)),
                });
            }
            x += w;
        }
    }
    out
}

/// Search matches on line `n` of the selected item.
fn marks(model: &Model, n: usize) -> Vec<(usize, usize, Style)> {
    let theme = model.settings().theme;
    model
        .search()
        .hits
        .iter()
        .enumerate()
        .filter(|(_, h)| h.item == model.selected())
        .flat_map(|(i, h)| {
            let current = model.search().current == Some(i);
            h.segments
                .iter()
                .filter(|s| s.line == n)
                .map(move |s| (s.start, s.end, theme.matched(current)))
        })
        .collect()
}
