//! Search that does not depend on the window: matches are found in each
//! item's source lines (every block on one line, laid out with no width
//! limit), NFKC-normalised as whole strings and case-folded, so ２７ finds 27
//! and ｶﾞｲﾄﾞﾗｲﾝ finds ガイドライン; then each match is mapped onto the lines
//! on screen, where it may run across a line break.

use unicode_normalization::UnicodeNormalization;

use crate::layout::Line;

/// Part of a match on one line: characters `start..end` of `line`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub item: usize,
    pub segments: Vec<Segment>,
}

/// Chars that never combine with the one before them under NFKC, and that
/// NFKC leaves as they are: most of Japanese text takes this short path.
fn stable_starter(c: char) -> bool {
    c.is_ascii()
        || ('\u{3041}'..='\u{3096}').contains(&c)
        || ('\u{30A1}'..='\u{30FA}').contains(&c)
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

fn nfkc(s: &str) -> String {
    s.nfkc().collect()
}

/// The text NFKC-normalised as a whole and lower-cased, and for each char
/// of the result the chars of `chars` it comes from: chars that compose
/// (ｶ + ﾞ → ガ) come from both.
pub fn fold(chars: &[char]) -> (Vec<char>, Vec<std::ops::Range<usize>>) {
    let mut out = Vec::with_capacity(chars.len());
    let mut origin = Vec::with_capacity(chars.len());
    let mut start = 0;
    while start < chars.len() {
        // Grow the run while its next char changes what NFKC makes of it.
        let mut end = start + 1;
        let mut run: String = chars[start].to_string();
        while end < chars.len() && !stable_starter(chars[end]) {
            let next = chars[end].to_string();
            let joined = nfkc(&format!("{run}{next}"));
            if joined == nfkc(&run) + &nfkc(&next) {
                break;
            }
            run.push(chars[end]);
            end += 1;
        }
        for c in nfkc(&run).chars().flat_map(char::to_lowercase) {
            out.push(c);
            origin.push(start..end);
        }
        start = end;
    }
    (out, origin)
}

/// Non-overlapping matches of `needle` in `text`, as ranges of `text`.
fn matches(text: &[char], needle: &[char]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while !needle.is_empty() && i + needle.len() <= text.len() {
        if text[i..i + needle.len()] == *needle {
            out.push(i..i + needle.len());
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

fn chars_of(line: &Line) -> Vec<char> {
    line.spans.iter().flat_map(|s| s.text.chars()).collect()
}

/// For each char of the source lines, where it is on screen: the laid-out
/// lines hold the same chars, less the spaces dropped at breaks and plus the
/// indents of continued lines, so a walk through both lines them up.
fn align(source: &[Line], shown: &[Line]) -> Vec<Vec<(usize, usize)>> {
    let shown: Vec<Vec<char>> = shown.iter().map(chars_of).collect();
    let (mut line, mut col) = (0, 0);
    let mut last = (0, 0);
    source
        .iter()
        .map(|src| {
            chars_of(src)
                .into_iter()
                .map(|c| {
                    loop {
                        let Some(here) = shown.get(line) else {
                            return last;
                        };
                        match here.get(col) {
                            None => (line, col) = (line + 1, 0),
                            Some(&s) if s == c => {
                                last = (line, col);
                                col += 1;
                                return last;
                            }
                            // A dropped space stays where the line broke.
                            _ if c.is_whitespace() => return last,
                            // An indent, or a blank line between blocks.
                            Some(_) => col += 1,
                        }
                    }
                })
                .collect()
        })
        .collect()
}

/// Every match of `query` in each item, in reading order: `sources` are the
/// items' source lines, `shown` the same items as laid out on screen.
pub fn find(sources: &[Vec<Line>], shown: &[&[Line]], query: &str) -> Vec<Hit> {
    let q: Vec<char> = query.trim().chars().collect();
    let (needle, _) = fold(&q);
    if needle.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (item, (source, lines)) in sources.iter().zip(shown).enumerate() {
        let places = align(source, lines);
        for (src, place) in source.iter().zip(&places) {
            let (text, origin) = fold(&chars_of(src));
            for m in matches(&text, &needle) {
                let chars = origin[m.start].start..origin[m.end - 1].end;
                hits.push(Hit {
                    item,
                    segments: segments(&place[chars]),
                });
            }
        }
    }
    hits
}

fn segments(places: &[(usize, usize)]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for &(line, col) in places {
        match out.last_mut() {
            Some(s) if s.line == line => s.end = s.end.max(col + 1),
            _ => out.push(Segment {
                line,
                start: col,
                end: col + 1,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Span, Style};
    use proptest::prelude::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .map(|t| Line {
                spans: vec![Span::new(*t, Style::BODY)],
                width: 0,
            })
            .collect()
    }

    fn search(source: &[&str], shown: &[&str], query: &str) -> Vec<Hit> {
        let shown = lines(shown);
        find(&[lines(source)], &[shown.as_slice()], query)
    }

    #[test]
    fn full_width_digits_and_half_width_katakana_match() {
        assert_eq!(search(&["約27倍"], &["約27倍"], "２７").len(), 1);
        assert_eq!(
            search(&["カタカナ語"], &["カタカナ語"], "ｶﾀｶﾅ")[0].segments[0],
            Segment {
                line: 0,
                start: 0,
                end: 4
            }
        );
    }

    #[test]
    fn voiced_half_width_kana_compose_as_a_whole_string() {
        let hits = search(&["診療ガイドライン"], &["診療ガイドライン"], "ｶﾞｲﾄﾞﾗｲﾝ");
        assert_eq!(hits.len(), 1);
        let hits = search(&["ｶﾞｲﾄﾞﾗｲﾝ"], &["ｶﾞｲﾄﾞﾗｲﾝ"], "ガイド");
        assert_eq!(
            hits[0].segments,
            [Segment {
                line: 0,
                start: 0,
                end: 5
            }]
        );
    }

    #[test]
    fn a_match_is_mapped_across_a_break_and_an_indent() {
        let hits = search(&["• 再手術の感染症"], &["• 再手術の感", "  染症"], "感染症");
        assert_eq!(hits.len(), 1);
        assert_eq!(
            hits[0].segments,
            [
                Segment {
                    line: 0,
                    start: 6,
                    end: 7
                },
                Segment {
                    line: 1,
                    start: 2,
                    end: 4
                }
            ]
        );
        assert_eq!(
            search(&["Failed back"], &["Failed", "back"], "failed back").len(),
            1
        );
    }

    #[test]
    fn empty_query_finds_nothing() {
        assert!(search(&["a"], &["a"], "  ").is_empty());
    }

    fn alphabet() -> impl Strategy<Value = char> {
        prop::sample::select(vec![
            'a', 'B', '1', '２', ' ', 'ｶ', 'ﾞ', 'ﾟ', 'ﾊ', 'か', 'ガ', '感', '染', 'ﾗ', 'ｲ', 'ﾝ',
        ])
    }

    proptest! {
        #[test]
        fn the_count_is_what_nfkc_of_the_whole_text_gives(
            text in prop::collection::vec(alphabet(), 0..40),
            query in prop::collection::vec(alphabet(), 1..4),
        ) {
            let text: String = text.into_iter().collect();
            let query: String = query.into_iter().collect();
            let whole: Vec<char> = nfkc(&text).chars().flat_map(char::to_lowercase).collect();
            let needle: Vec<char> =
                nfkc(query.trim()).chars().flat_map(char::to_lowercase).collect();
            let expected = matches(&whole, &needle).len();
            prop_assert_eq!(search(&[&text], &[&text], &query).len(), expected);
        }

        #[test]
        fn the_count_does_not_depend_on_where_lines_break(
            text in prop::collection::vec(alphabet(), 1..40),
            query in prop::collection::vec(alphabet(), 1..4),
            width in 1usize..12,
        ) {
            let text: String = text.into_iter().collect::<String>().trim().to_string();
            let query: String = query.into_iter().collect();
            let chars: Vec<char> = text.chars().collect();
            let broken: Vec<String> = chars
                .chunks(width)
                .enumerate()
                .map(|(i, c)| {
                    let indent = if i == 0 { "" } else { "  " };
                    format!("{indent}{}", c.iter().collect::<String>().trim())
                })
                .collect();
            let broken: Vec<&str> = broken.iter().map(String::as_str).collect();
            prop_assert_eq!(
                search(&[&text], &broken, &query).len(),
                search(&[&text], &[&text], &query).len()
            );
        }
    }
}
