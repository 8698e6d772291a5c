//! The help overlay: the keymap's help lines (laid out by the model), in a
//! centred box that scrolls.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line as TuiLine;
use ratatui::widgets::{Clear, Paragraph};

use super::{pane_block, scrollbar, styled, track};
use crate::strings;
use crate::tui::model::Model;
use crate::tui::panes::{help_popup, text_area};

/// The help over `body` (the screen between its bars), which it covers
/// whole: nothing of the panes shows beside it, not a cut counter or half
/// a wide character.
pub fn draw(model: &Model, frame: &mut Frame, area: Rect, body: Rect, scroll: usize) {
    let theme = model.settings().theme;
    let lines = model.help_lines();
    let popup = help_popup(area, lines.len());
    frame.render_widget(Clear, body);
    // The theme's own ground: on a light terminal the cleared cells are white.
    frame.render_widget(ratatui::widgets::Block::new().style(theme.base()), body);
    let block = pane_block(model, strings::HELP_TITLE, true)
        .title_bottom(TuiLine::from(format!(" {} ", strings::HELP_CLOSE)).right_aligned());
    frame.render_widget(block, popup);
    let inner = text_area(popup);
    let top = scroll.min(lines.len().saturating_sub(usize::from(inner.height)));
    let shown: Vec<TuiLine> = lines
        .iter()
        .skip(top)
        .take(usize::from(inner.height))
        .map(|l| styled(l, &theme, &[], model.settings().ambiguous))
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
    // Where the help does not fit, its border shows that it scrolls.
    scrollbar(model, frame, track(popup), lines.len(), top);
}
