//! The list of articles, when there is more than one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line as TuiLine;
use ratatui::widgets::Paragraph;

use super::{pane_block, styled};
use crate::layout::document::{self, DocOptions};
use crate::layout::{Span, Style};
use crate::strings;
use crate::tui::model::Model;
use crate::tui::panes::text_area;

pub fn draw(model: &Model, frame: &mut Frame, area: Rect) {
    let theme = model.settings().theme;
    frame.render_widget(pane_block(model, strings::ARTICLES_TITLE, true), area);
    let inner = text_area(area);
    let opts = DocOptions {
        ambiguous: model.settings().ambiguous,
        ..DocOptions::new(usize::from(inner.width))
    };
    let mut lines: Vec<TuiLine> = Vec::new();
    for (i, a) in model.library().articles.iter().enumerate() {
        let text = format!(
            "{}（{} {}）",
            a.title,
            strings::PUBLISHED,
            a.published.slashed()
        );
        for l in document::plain(
            &[Span::new(text, Style::BODY)],
            crate::layout::Policy::Phrase,
            &opts,
        ) {
            lines.push(if i == model.list_selected() {
                TuiLine::styled(l.text(), theme.selected(true))
            } else {
                styled(&l, &theme, &[], model.settings().ambiguous)
            });
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
