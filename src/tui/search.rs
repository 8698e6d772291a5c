//! Search over the laid-out article, NFKC-normalised and case-folded so ２７
//! finds 27 and ｶﾀｶﾅ finds カタカナ. A match may run across a line break.

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

fn fold(c: char, out: &mut Vec<char>) {
    for n in std::iter::once(c).nfkc() {
        out.extend(n.to_lowercase());
    }
}

pub fn normalize(s: &str) -> Vec<char> {
    let mut out = Vec::new();
    for c in s.chars() {
        fold(c, &mut out);
    }
    out
}

/// Every match of `query` in each item's lines, in reading order.
pub fn find<'a>(items: impl IntoIterator<Item = &'a [Line]>, query: &str) -> Vec<Hit> {
    let needle = normalize(query.trim());
    if needle.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (item, lines) in items.into_iter().enumerate() {
        // The folded text of the item and, for each folded char, its (line, char).
        let mut text: Vec<char> = Vec::new();
        let mut origin: Vec<(usize, usize)> = Vec::new();
        for (li, line) in lines.iter().enumerate() {
            // A wrapped Latin phrase had a space where the line broke.
            let first = line.spans.iter().flat_map(|s| s.text.chars()).next();
            if text.last().is_some_and(char::is_ascii_alphanumeric)
                && first.is_some_and(|c| c.is_ascii_alphanumeric())
                && let Some(&(pl, pc)) = origin.last()
            {
                text.push(' ');
                origin.push((pl, pc + 1));
            }
            let mut col = 0;
            let mut buf = Vec::new();
            for span in &line.spans {
                for c in span.text.chars() {
                    buf.clear();
                    fold(c, &mut buf);
                    for &f in &buf {
                        text.push(f);
                        origin.push((li, col));
                    }
                    col += 1;
                }
            }
        }
        let mut i = 0;
        while i + needle.len() <= text.len() {
            if text[i..i + needle.len()] == needle[..] {
                hits.push(Hit {
                    item,
                    segments: segments(&origin[i..i + needle.len()]),
                });
                i += needle.len();
            } else {
                i += 1;
            }
        }
    }
    hits
}

fn segments(origin: &[(usize, usize)]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for &(line, col) in origin {
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

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .map(|t| Line {
                spans: vec![Span::new(*t, Style::BODY)],
                width: 0,
            })
            .collect()
    }

    #[test]
    fn full_width_digits_and_half_width_katakana_match() {
        let items = [lines(&["約27倍", "カタカナ語"])];
        assert_eq!(find(items.iter().map(Vec::as_slice), "２７").len(), 1);
        assert_eq!(
            find(items.iter().map(Vec::as_slice), "ｶﾀｶﾅ")[0].segments[0],
            Segment {
                line: 1,
                start: 0,
                end: 4
            }
        );
    }

    #[test]
    fn a_match_can_cross_a_line_break() {
        let items = [lines(&["再手", "術の"])];
        let hits = find(items.iter().map(Vec::as_slice), "手術");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].segments.len(), 2);
        assert_eq!(
            find([lines(&["Failed", "back"]).as_slice()], "failed back").len(),
            1
        );
    }

    #[test]
    fn empty_query_finds_nothing() {
        assert!(find([lines(&["a"]).as_slice()], "  ").is_empty());
    }
}
