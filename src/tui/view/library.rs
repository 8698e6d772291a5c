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
    let title = match model.library_searched() {
        true => strings::LIBRARY_SEARCH_TITLE,
        false => strings::ARTICLES_TITLE,
    };
    frame.render_widget(pane_block(model, title, true), pane);
    let area = model.library_area_in(frame.area());
    // The shelves, or the search's matches: lines, and the chosen one's.
    let (lines, chosen) = if model.library_searched() {
        let page = model.results_page();
        let chosen = model.search().current.and_then(|c| page.matches.get(c));
        (&page.lines, chosen.cloned())
    } else {
        let page = model.library_page();
        let chosen = page.entries.get(model.list_selected());
        (&page.lines, chosen.map(|e| e.lines.clone()))
    };
    let s = model.library_scroll_state();
    let shown: Vec<TuiLine> = (lines.iter().enumerate())
        .skip(s.offset())
        .take(s.shown().min(usize::from(area.height)))
        .map(|(n, line)| match &chosen {
            // The chosen entry in one colour pair, whatever its roles.
            Some(c) if c.contains(&n) => TuiLine::styled(line.text(), theme.selected(true)),
            _ => styled(line, &theme, &[], amb),
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), area);
    scrollbar(model, frame, track(pane), lines.len(), s.offset());
}
