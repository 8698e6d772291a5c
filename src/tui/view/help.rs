//! The help overlay, generated from the keymap. Wrapped by the layout engine
//! and scrollable, so it reads at every size.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line as TuiLine;
use ratatui::widgets::{Clear, Paragraph};

use super::{pane_block, styled};
use crate::layout::document::{self, DocOptions};
use crate::layout::{Line, Policy, Role, Span, Style};
use crate::strings;
use crate::text::width::{pad, str_width};
use crate::tui::keymap::{bindings, keys_label};
use crate::tui::model::Model;
use crate::tui::panes::text_area;
use crate::tui::update::context;

const MAX_WIDTH: u16 = 64;

/// The overlay's lines and where it goes on a screen of `area`: as tall as
/// its lines need, up to the screen less a row above and below.
fn popup(model: &Model, area: Rect) -> (Vec<Line>, Rect) {
    let w = MAX_WIDTH.min(area.width);
    let lines = help_lines(model, text_area(Rect::new(0, 0, w, 0)).width);
    let h = (lines.len() as u16 + 2)
        .min(area.height.saturating_sub(2))
        .max(3)
        .min(area.height);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    (lines, rect)
}

/// One entry a binding: its keys, then what they do, wrapped under itself.
pub fn help_lines(model: &Model, width: u16) -> Vec<Line> {
    let amb = model.settings.ambiguous;
    let rows: Vec<(String, &str)> = bindings(context(model), model.locked)
        .map(|b| (keys_label(b), b.help))
        .collect();
    let key_width = rows
        .iter()
        .map(|(k, _)| str_width(k, amb))
        .max()
        .unwrap_or(0);
    let opts = DocOptions {
        ambiguous: amb,
        ..DocOptions::new(usize::from(width))
    };
    rows.iter()
        .flat_map(|(keys, help)| {
            let marker = Span::new(
                format!("{}  ", pad(keys, key_width, amb)),
                Style::of(Role::Marker),
            );
            document::hanging(
                marker,
                &[Span::new(*help, Style::BODY)],
                Policy::Phrase,
                &opts,
            )
        })
        .collect()
}

/// The furthest the overlay can scroll.
pub fn max_scroll(model: &Model) -> usize {
    let (lines, rect) = popup(model, model.area);
    lines
        .len()
        .saturating_sub(usize::from(text_area(rect).height))
}

pub fn draw(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = model.settings.theme;
    let (lines, popup) = popup(model, area);
    frame.render_widget(Clear, popup);
    let block = pane_block(model, strings::HELP_TITLE, true)
        .title_bottom(TuiLine::from(format!(" {} ", strings::HELP_CLOSE)).right_aligned());
    frame.render_widget(block, popup);
    let inner = text_area(popup);
    let top = model
        .help_scroll
        .min(lines.len().saturating_sub(usize::from(inner.height)));
    let shown: Vec<TuiLine> = lines
        .iter()
        .skip(top)
        .take(usize::from(inner.height))
        .map(|l| styled(l, &theme, &[]))
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
