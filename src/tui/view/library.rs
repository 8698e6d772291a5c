//! The library: the articles by category, one entry chosen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line as TuiLine;
use ratatui::widgets::Paragraph;

use super::{pane_block, scrollbar, styled, track};
use crate::strings;
use crate::tui::model::Model;

pub fn draw(model: &Model, frame: &mut Frame, pane: Rect) {
    let theme = model.settings().theme;
    let amb = model.settings().ambiguous;
    frame.render_widget(pane_block(model, strings::ARTICLES_TITLE, true), pane);
    let area = model.library_area_in(frame.area());
    let page = model.library_page();
    let s = model.library_scroll_state();
    let chosen = page.entries.get(model.list_selected());
    let lines: Vec<TuiLine> = (page.lines.iter().enumerate())
        .skip(s.offset())
        .take(s.shown().min(usize::from(area.height)))
        .map(|(n, line)| match chosen {
            // The chosen entry in one colour pair, whatever its roles.
            Some(e) if e.lines.contains(&n) => TuiLine::styled(line.text(), theme.selected(true)),
            _ => styled(line, &theme, &[], amb),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
    scrollbar(model, frame, track(pane), page.lines.len(), s.offset());
}
