//! The clinic screen: the clinic page (laid out by the model) with its
//! header fixed and its body scrolling.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line as TuiLine;
use ratatui::widgets::Paragraph;

use super::{pane_block, scrollbar, styled};
use crate::strings;
use crate::tui::model::Model;
use crate::tui::panes::clinic_areas;

pub fn draw(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = model.settings().theme;
    frame.render_widget(pane_block(model, strings::CLINIC_TITLE, true), area);
    let page = model.clinic_page();
    let (head_area, body_area) = clinic_areas(area, page.header.len());
    let head: Vec<TuiLine> = page
        .header
        .iter()
        .map(|l| styled(l, &theme, &[], model.settings().ambiguous))
        .collect();
    frame.render_widget(Paragraph::new(head), head_area);
    let top = model.clinic_scroll();
    // A page ends before a block kept whole for the next.
    let shown = model
        .clinic_scroll_state()
        .shown()
        .min(usize::from(body_area.height));
    let body: Vec<TuiLine> = page
        .body
        .iter()
        .skip(top)
        .take(shown)
        .map(|l| styled(l, &theme, &[], model.settings().ambiguous))
        .collect();
    frame.render_widget(Paragraph::new(body), body_area);
    // The body's rows of the pane's right border carry its scrollbar.
    let track = Rect {
        y: body_area.y,
        height: body_area.height,
        ..area
    };
    scrollbar(model, frame, track, page.body.len(), top);
}
