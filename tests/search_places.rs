//! Search finds matches in the article's text and maps them onto the lines
//! of the item shown: at every size, each match shows on the chars it
//! matched.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use reader::content::model::plain_text;
use reader::tui::model::item_text;
use std::path::Path;

use reader::content::load_library;
use reader::tui::{Model, Msg, update};

mod common;
use common::{model, model_of};

fn visible(chars: impl IntoIterator<Item = char>) -> String {
    chars.into_iter().filter(|c| !c.is_whitespace()).collect()
}

/// `m` with `query` typed after `/`.
fn searched(mut m: Model, query: &str) -> Model {
    for c in format!("/{query}").chars() {
        update(
            &mut m,
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
    m
}

/// Searches `query` at every size and checks each match shows on the chars
/// it matched; the count of matches at each size.
fn check_places(make: impl Fn(u16, u16) -> Model, query: &str) -> Vec<usize> {
    let mut counts = Vec::new();
    for (w, h) in [(200, 60), (120, 40), (80, 24), (60, 20), (40, 15), (24, 8)] {
        let m = searched(make(w, h), query);
        assert!(!m.search().hits.is_empty(), "{query}");
        for (i, hit) in m.search().hits.iter().enumerate() {
            let item = m.items()[hit.item];
            let unit: Vec<char> = plain_text(&item_text(m.article(), item)[hit.unit])
                .chars()
                .collect();
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
        counts.push(m.search().hits.len());
    }
    counts
}

#[test]
fn every_match_shows_on_the_chars_it_matched_at_every_size() {
    for query in ["感染症", "再手術", "ﾍﾙﾆｱ", "failed back", "２７", "の", "1"] {
        check_places(model, query);
    }
}

/// A match by reading shows on its base: 腰椎 for ようつい, at every size,
/// as often at each. The fixture gives 腰椎 and 根性痛 through [[terms]] and
/// 軸性疼痛 inline.
#[test]
fn a_match_by_reading_shows_on_its_base_at_every_size() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ruby");
    let make = |w, h| model_of(load_library(Some(Path::new(dir))).unwrap(), w, h);
    for (query, base, count) in [
        ("ようつい", "腰椎", 4),
        ("ヨウツイ", "腰椎", 4),
        ("こんせいつう", "根性痛", 2),
        ("じくせいとうつう", "軸性疼痛", 1),
    ] {
        let counts = check_places(make, query);
        assert_eq!(counts, [count; 6], "{query}");
        let m = searched(make(80, 24), query);
        for hit in &m.search().hits {
            let unit = plain_text(&item_text(m.article(), m.items()[hit.item])[hit.unit]);
            let chars: String = unit
                .chars()
                .skip(hit.chars.start)
                .take(hit.chars.len())
                .collect();
            assert_eq!(chars, base, "{query}");
        }
    }
}
