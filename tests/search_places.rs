//! Search finds matches in the article's text and maps them onto the lines
//! of the item shown: at every size, each match shows on the chars it
//! matched.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use reader::tui::model::item_text;
use reader::tui::{Msg, update};

mod common;
use common::model;

fn visible(chars: impl IntoIterator<Item = char>) -> String {
    chars.into_iter().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_match_shows_on_the_chars_it_matched_at_every_size() {
    for (w, h) in [(200, 60), (120, 40), (80, 24), (60, 20), (40, 15), (24, 8)] {
        for query in ["感染症", "再手術", "ﾍﾙﾆｱ", "failed back", "２７", "の", "1"]
        {
            let mut m = model(w, h);
            for c in format!("/{query}").chars() {
                update(
                    &mut m,
                    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
                );
            }
            assert!(!m.search().hits.is_empty(), "{query}");
            for (i, hit) in m.search().hits.iter().enumerate() {
                let item = m.items()[hit.item];
                let unit: Vec<char> = item_text(m.article(), item)[hit.unit].chars().collect();
                let lines = &m.layout(hit.item).unwrap().lines;
                let shown: String = m
                    .hit_segments(i)
                    .iter()
                    .flat_map(|s| {
                        let chars: Vec<char> = lines[s.line].text().chars().collect();
                        chars[s.start..s.end].to_vec()
                    })
                    .collect();
                assert_eq!(
                    visible(shown.chars()),
                    visible(unit[hit.chars.clone()].iter().copied()),
                    "{query} at {w}x{h}, hit {i}"
                );
            }
        }
    }
}
