//! The help overlay, generated from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line as TuiLine;
use ratatui::widgets::{Clear, Paragraph};

use super::pane_block;
use crate::layout::width::{pad, str_width};
use crate::tui::keymap::{bindings, keys_label};
use crate::tui::model::Model;
use crate::tui::panes::text_area;
use crate::tui::strings;
use crate::tui::update::context;

/// One `keys  what they do` row a binding.
pub fn help_rows(model: &Model) -> Vec<String> {
    let amb = model.settings.ambiguous;
    let rows: Vec<(String, &str)> = bindings(context(model))
        .map(|b| (keys_label(b), b.help))
        .collect();
    let key_width = rows
        .iter()
        .map(|(k, _)| str_width(k, amb))
        .max()
        .unwrap_or(0);
    rows.iter()
        .map(|(k, h)| format!("{}  {h}", pad(k, key_width, amb)))
        .collect()
}

pub fn draw(model: &Model, frame: &mut Frame, area: Rect) {
    let rows = help_rows(model);
    let amb = model.settings.ambiguous;
    let want_w = rows.iter().map(|r| str_width(r, amb)).max().unwrap_or(0) as u16 + 4;
    let want_h = rows.len() as u16 + 3;
    let w = want_w.min(area.width);
    let h = want_h.min(area.height);
    let popup = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, popup);
    let block = pane_block(model, strings::HELP_TITLE, true)
        .title_bottom(TuiLine::from(format!(" {} ", strings::HELP_CLOSE)).right_aligned());
    frame.render_widget(block, popup);
    let lines: Vec<TuiLine> = rows
        .iter()
        .map(|r| {
            TuiLine::from(
                crate::layout::width::truncate(r, usize::from(text_area(popup).width), amb)
                    .to_string(),
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), text_area(popup));
}
