//! Phrase (文節) boundaries by BudouX's Japanese model, compiled into the
//! binary by `build.rs`: no model to parse at start, no allocation a lookup.
//!
//! BudouX scores the boundary before character `i` as minus half the sum of
//! every weight, plus the weight of each feature found around it: the
//! characters at `i-3 … i+2` (UW1–UW6), the pairs starting at `i-2 … i`
//! (BW1–BW3) and the triples starting at `i-3 … i` (TW1–TW4). A feature
//! reaching past either end of the text counts nothing (BudouX looks up a
//! shortened key, which no group of that length holds). A positive score is
//! a boundary. `tests` checks this against the `budouy` crate itself.

include!(concat!(env!("OUT_DIR"), "/phrase_model.rs"));

/// An open-addressed hash table of `u32` keys and their values, built by
/// `build.rs`; a miss gives the value's `EMPTY`.
pub(super) struct Table<V: 'static, const N: usize> {
    bits: u32,
    keys: [u32; N],
    values: [V; N],
}

/// What a table's empty slots hold, and a miss returns.
pub(super) trait Empty {
    const EMPTY: Self;
}

impl<const G: usize> Empty for [i16; G] {
    const EMPTY: Self = [0; G];
}

/// A character of the model's keys: its number (from 1) in packed bigram
/// and trigram keys, the places it takes in them (bits of `PLACES`), and its
/// weights as UW1–UW6.
#[derive(Clone, Copy)]
pub(super) struct Letter {
    id: u16,
    places: u8,
    unigrams: [i16; 6],
}

impl Empty for Letter {
    const EMPTY: Letter = Letter {
        id: 0,
        places: 0,
        unigrams: [0; 6],
    };
}

impl<V: Copy + Empty, const N: usize> Table<V, N> {
    fn get(&self, key: u32) -> V {
        let mut slot = (u64::from(key).wrapping_mul(HASH_MUL) >> (64 - self.bits)) as usize;
        loop {
            let k = self.keys[slot];
            if k == key {
                return self.values[slot];
            }
            if k == u32::MAX {
                return V::EMPTY;
            }
            slot = (slot + 1) & (N - 1);
        }
    }
}

/// Whether `letters` can stand, in order, at the places of a key of their
/// number (`PLACES[0]` for pairs, `PLACES[1]` for triples).
fn may_key(letters: &[Letter], places: &[u8; 3]) -> bool {
    letters
        .iter()
        .zip(places)
        .all(|(l, &place)| l.places & place != 0)
}

fn pack(letters: &[Letter]) -> u32 {
    letters
        .iter()
        .fold(0, |k, l| (k << ID_BITS) | u32::from(l.id))
}

/// Calls `boundary(i)` for every phrase boundary, in order: `i` is the index
/// of the character after it, in `1..chars.len()`.
#[inline(never)] // a phase of wrap::wrap_with: see there
pub fn boundaries(chars: &[char], mut boundary: impl FnMut(usize)) {
    let n = chars.len();
    if n < 2 {
        return;
    }
    // Twice the score, so that the half of TOTAL stays an integer.
    // Each feature adds to the boundaries it is seen from; `score[i + 3]` is
    // boundary `i`, so that a feature of the first characters can add to
    // boundaries before the text (-2 … 0) and of the last ones to those past
    // it (up to n + 2), which are never read.
    let mut score = vec![-TOTAL; n + 6];
    let letter = |j: usize| match chars.get(j) {
        Some(&c) => LETTERS.get(u32::from(c)),
        None => Letter::EMPTY,
    };
    // The letters at j, j + 1 and j + 2; past the end, none.
    let mut window = [letter(0), letter(1), letter(2)];
    for j in 0..n {
        let [first, ..] = window;
        if first.id != 0 {
            for (g, &w) in first.unigrams.iter().enumerate() {
                // UW(g+1) is the character at i - 3 + g: boundary j + 3 - g.
                score[j + 6 - g] += 2 * i32::from(w);
            }
            if may_key(&window[..2], &PLACES[0]) {
                for (g, &w) in BIGRAMS.get(pack(&window[..2])).iter().enumerate() {
                    score[j + 5 - g] += 2 * i32::from(w);
                }
            }
            if may_key(&window, &PLACES[1]) {
                for (g, &w) in TRIGRAMS.get(pack(&window)).iter().enumerate() {
                    score[j + 6 - g] += 2 * i32::from(w);
                }
            }
        }
        window = [window[1], window[2], letter(j + 3)];
    }
    for i in 1..n {
        if score[i + 3] > 0 {
            boundary(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::LazyLock;

    static BUDOUX: LazyLock<budouy::Parser> =
        LazyLock::new(budouy::model::load_default_japanese_parser);

    fn ours(text: &str) -> Vec<usize> {
        let chars: Vec<char> = text.chars().collect();
        let mut found = Vec::new();
        boundaries(&chars, |b| found.push(b));
        found
    }

    #[test]
    fn the_bundled_article_segments_as_budoux_does() {
        let source = include_str!("../../articles/revision-surgery.md");
        let mut compared = 0;
        for text in source.split('\n').chain([source]) {
            assert_eq!(ours(text), BUDOUX.parse_boundaries(text), "{text}");
            compared += 1;
        }
        assert!(compared > 50);
    }

    #[test]
    fn splits_into_phrases() {
        assert_eq!(ours("再手術の成功率を高めるために"), [4, 8, 11]);
        assert!(ours("").is_empty());
        assert!(ours("再").is_empty());
    }

    /// Random text from the model's own keys and the characters around them,
    /// so that unigram, bigram and trigram features all fire.
    fn japanese_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "再",
            "手術",
            "の",
            "成功率",
            "を",
            "高める",
            "ために",
            "、",
            "。",
            "「",
            "」",
            "は",
            "が",
            "です",
            "ます",
            "ない",
            "こと",
            "する",
            "した",
            "って",
            "ッ",
            "ー",
            "電",
            "話",
            "お",
            "ご",
            "以",
            "上",
            "方",
            "部",
            "…",
            "！",
            "？",
            "（",
            "）",
            "・",
            "ア",
            "イ",
            "ン",
            "a",
            "1",
            " ",
            "漢",
            "字",
            "から",
            "まで",
            "よう",
            "もの",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn phrase_boundaries_are_budouxs(text in japanese_text()) {
            prop_assert_eq!(ours(&text), BUDOUX.parse_boundaries(&text));
        }

        #[test]
        fn phrase_boundaries_are_budouxs_for_any_chars(text in "[ぁ-んァ-ン一-龥、。「」a-z0-9 ]{0,30}") {
            prop_assert_eq!(ours(&text), BUDOUX.parse_boundaries(&text));
        }
    }
}
