//! Display width in terminal columns, counted by grapheme cluster.
//!
//! A grapheme cluster (UAX #29: a letter and its combining marks, an emoji
//! ZWJ sequence, a flag's two regional indicators, a Hangul jamo syllable) is
//! what a terminal draws as one glyph, so it is measured, and never split, as
//! a whole.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How East Asian Ambiguous characters (• ※ ○ ① ─) are counted: terminals
/// differ, so the user chooses (`--ambiguous-wide`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ambiguous {
    #[default]
    Narrow,
    Wide,
}

/// The widest a cluster is laid out. A family emoji is one two-cell glyph,
/// but terminals draw most other clusters a character at a time (tmux 3.3a,
/// measured: 30 conjoining jamo take 60 columns, ｸ and 20 ﾞ 21): a cluster
/// wider than this is laid out as its characters, which a line may break
/// between.
pub const MAX_CLUSTER_WIDTH: usize = 2;

/// The width of a character on its own (for text known to be one cluster a
/// character; see [`clusters`] otherwise).
pub fn char_width(c: char, ambiguous: Ambiguous) -> usize {
    // Nearly all of an article: no table lookup (a test checks these ranges
    // against unicode-width's).
    match c {
        ' '..='~' => return 1,
        // Terminals draw a soft hyphen (wcwidth 1); unicode-width says 0.
        '\u{ad}' => return 1,
        '\u{3041}'..='\u{3096}' | '\u{30a1}'..='\u{30fa}' | '\u{4e00}'..='\u{9fff}' => return 2,
        _ => {}
    }
    let w = match ambiguous {
        Ambiguous::Narrow => c.width(),
        Ambiguous::Wide => c.width_cjk(),
    };
    w.unwrap_or(0)
}

/// The width of one grapheme cluster as terminals draw it: two for an emoji
/// ZWJ sequence (the `unicode-width` crate's sequence rules), else the more
/// of those rules and its characters' widths one by one (a skin tone
/// modifier, a spacing mark or a halfwidth ﾞ each take their own cells).
/// Above [`MAX_CLUSTER_WIDTH`], [`cluster_chars`] splits the cluster.
pub fn cluster_width(cluster: &str, ambiguous: Ambiguous) -> usize {
    let sequence = match ambiguous {
        Ambiguous::Narrow => cluster.width(),
        Ambiguous::Wide => cluster.width_cjk(),
    };
    if cluster.contains('\u{200d}') {
        return sequence.min(MAX_CLUSTER_WIDTH);
    }
    let one_by_one: usize = cluster.chars().map(|c| char_width(c, ambiguous)).sum();
    sequence.max(one_by_one)
}

/// Characters that form a cluster of their own next to each other: by
/// UAX #29's rules none of them is Prepend, Extend, ZWJ, SpacingMark, a
/// regional indicator or a conjoining jamo (L, V, T), so a text of only these
/// has one cluster a character and needs no segmenting. ASCII, Latin,
/// general punctuation, symbols, kana, kanji and full-width forms: the text
/// of articles. Combining marks (U+3099, U+302A…), emoji and variation
/// selectors are left out on purpose.
fn is_lone(c: char) -> bool {
    // The commonest first: a chain of ranges is tried in order.
    if matches!(c, ' '..='~' | '\u{4e00}'..='\u{9fff}' | '\u{3041}'..='\u{3096}' | '\u{30a1}'..='\u{30fa}')
    {
        return true;
    }
    matches!(c,
        ' '..='~'
        | '\u{a0}'..='\u{2ff}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205e}'
        | '\u{2100}'..='\u{2bff}'
        | '\u{3000}'..='\u{3029}'
        | '\u{3030}'..='\u{3098}'
        | '\u{309b}'..='\u{30ff}'
        | '\u{31f0}'..='\u{31ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{f900}'..='\u{faff}'
        | '\u{ff01}'..='\u{ff9d}'
        | '\u{ffe0}'..='\u{ffee}'
    )
}

/// The width of `c` when it is a cluster of its own beside any other such
/// character (see `is_lone`): a text of only these needs no segmenting.
/// `None` when `c` may join a cluster.
pub fn lone_width(c: char, ambiguous: Ambiguous) -> Option<usize> {
    is_lone(c).then(|| char_width(c, ambiguous))
}

/// Each character of `s` as a [`ClusterChar`]: the columns its grapheme
/// cluster takes are on the cluster's first character, 0 on the rest.
///
/// A lone character (see `is_lone`) followed by another is a cluster by
/// itself without segmenting: that is several times faster, and it is
/// nearly all the text layout sees. Elsewhere one cluster is segmented from
/// where the last one ended; UAX #29 decides a boundary from the cluster it
/// ends and, for flags, the regional indicators since the last boundary, so
/// starting at a boundary finds the same clusters as starting at the text's
/// beginning (a property test checks this).
pub fn cluster_chars(s: &str, ambiguous: Ambiguous) -> ClusterChars<'_> {
    ClusterChars {
        s,
        chars: s.char_indices().peekable(),
        rest: "".char_indices(),
        offset: 0,
        next_lone: None,
        split: false,
        ambiguous,
    }
}

/// One character of a text, and its place in its grapheme cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClusterChar {
    /// Byte offset in the text.
    pub byte: usize,
    pub c: char,
    /// The cluster's width on its first character, 0 on the others.
    pub width: usize,
    /// Whether a cluster starts here (a line may break only before one).
    pub starts_cluster: bool,
}

/// See [`cluster_chars`].
pub struct ClusterChars<'a> {
    s: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    /// The characters after the first of a segmented cluster.
    rest: std::str::CharIndices<'a>,
    /// Where that cluster starts.
    offset: usize,
    /// Whether the next character is lone, when it was looked at.
    next_lone: Option<bool>,
    /// Whether that cluster is wider than [`MAX_CLUSTER_WIDTH`], so its
    /// characters are laid out one by one.
    split: bool,
    ambiguous: Ambiguous,
}

impl Iterator for ClusterChars<'_> {
    type Item = ClusterChar;

    fn next(&mut self) -> Option<ClusterChar> {
        if let Some((i, c)) = self.rest.next() {
            self.chars.next();
            // In a split cluster, each character that takes cells starts one.
            let width = if self.split {
                char_width(c, self.ambiguous)
            } else {
                0
            };
            return Some(ClusterChar {
                byte: self.offset + i,
                c,
                width,
                starts_cluster: width > 0,
            });
        }
        let (byte, c) = self.chars.next()?;
        let lone = self.next_lone.take().unwrap_or_else(|| is_lone(c));
        let next_lone = self.chars.peek().map(|&(_, next)| is_lone(next));
        if lone && next_lone.unwrap_or(true) {
            self.next_lone = next_lone;
            return Some(ClusterChar {
                byte,
                c,
                width: char_width(c, self.ambiguous),
                starts_cluster: true,
            });
        }
        // `s[byte..]` starts with `c`, so it has a first cluster; `?` only
        // satisfies the type.
        let cluster = self.s[byte..].graphemes(true).next()?;
        self.rest = cluster.char_indices();
        self.rest.next();
        self.offset = byte;
        let width = cluster_width(cluster, self.ambiguous);
        self.split = width > MAX_CLUSTER_WIDTH;
        Some(ClusterChar {
            byte,
            c,
            width: if self.split {
                char_width(c, self.ambiguous)
            } else {
                width
            },
            starts_cluster: true,
        })
    }
}

pub fn str_width(s: &str, ambiguous: Ambiguous) -> usize {
    cluster_chars(s, ambiguous).map(|g| g.width).sum()
}

/// The longest prefix of `s` that fits in `width` columns, in whole clusters.
pub fn truncate(s: &str, width: usize, ambiguous: Ambiguous) -> &str {
    let mut used = 0;
    for g in cluster_chars(s, ambiguous) {
        used += g.width;
        if used > width {
            return &s[..g.byte];
        }
    }
    s
}

/// `s` padded with spaces to `width` columns (unchanged when already wider).
pub fn pad(s: &str, width: usize, ambiguous: Ambiguous) -> String {
    let w = str_width(s, ambiguous);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// " a｜b｜c" with as many whole parts as fit `width`, so a bar never cuts a
/// word; the first part is cut only when it alone is too wide.
pub fn join_fitting(parts: &[String], sep: &str, width: usize, ambiguous: Ambiguous) -> String {
    let mut text = String::new();
    for (i, part) in parts.iter().enumerate() {
        let next = if i == 0 {
            format!(" {part}")
        } else {
            format!("{text}{sep}{part}")
        };
        if i > 0 && str_width(&next, ambiguous) > width {
            break;
        }
        text = next;
    }
    text
}

/// All parts when they fit; otherwise the first part (a header's least
/// needed one) gives way and the rest are joined as far as they fit.
pub fn join_fitting_or_rest(
    parts: &[String],
    sep: &str,
    width: usize,
    ambiguous: Ambiguous,
) -> String {
    let all_fit = str_width(&format!(" {}", parts.join(sep)), ambiguous) <= width;
    match parts {
        [_, rest @ ..] if !all_fit && !rest.is_empty() => join_fitting(rest, sep, width, ambiguous),
        _ => join_fitting(parts, sep, width, ambiguous),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_widths_are_unicode_widths() {
        for c in (' '..='~')
            .chain('\u{3041}'..='\u{3096}')
            .chain('\u{30a1}'..='\u{30fa}')
            .chain('\u{4e00}'..='\u{9fff}')
        {
            assert_eq!(Some(char_width(c, Ambiguous::Narrow)), c.width(), "{c}");
            assert_eq!(Some(char_width(c, Ambiguous::Wide)), c.width_cjk(), "{c}");
        }
    }

    #[test]
    fn ambiguous_characters_follow_the_option() {
        for c in ['•', '※', '○', '①', '─'] {
            assert_eq!(char_width(c, Ambiguous::Narrow), 1, "{c}");
            assert_eq!(char_width(c, Ambiguous::Wide), 2, "{c}");
        }
        assert_eq!(str_width("再手術a", Ambiguous::Narrow), 7);
        assert_eq!(truncate("再手術", 5, Ambiguous::Narrow), "再手");
        let parts = ["再手術".to_string(), "成功率".to_string()];
        assert_eq!(
            join_fitting(&parts, " ", 14, Ambiguous::Narrow),
            " 再手術 成功率"
        );
        assert_eq!(join_fitting(&parts, " ", 13, Ambiguous::Narrow), " 再手術");
        assert_eq!(
            join_fitting_or_rest(&parts, " ", 14, Ambiguous::Narrow),
            " 再手術 成功率"
        );
        assert_eq!(
            join_fitting_or_rest(&parts, " ", 13, Ambiguous::Narrow),
            " 成功率"
        );
    }

    #[test]
    fn clusters_are_measured_as_terminals_draw_them() {
        for (text, width) in [
            ("👨\u{200d}👩\u{200d}👧\u{200d}👦", 2),
            ("🇯🇵", 2),
            ("e\u{301}", 1),
            ("か\u{3099}", 2),
            ("❤\u{fe0f}", 2),
            ("\u{1100}\u{1161}\u{11a8}", 2),
            ("葛\u{e0100}", 2),
        ] {
            let starts = cluster_chars(text, Ambiguous::Narrow)
                .filter(|g| g.starts_cluster)
                .count();
            assert_eq!(starts, 1, "{text:?} is one cluster");
            assert_eq!(str_width(text, Ambiguous::Narrow), width, "{text:?}");
            assert_eq!(str_width(text, Ambiguous::Wide), width, "{text:?}");
        }
        assert_eq!(str_width("🇯🇵🇯🇵a", Ambiguous::Narrow), 5);
        // Wider than two columns as tmux draws them: laid out a character
        // at a time, so a line can break inside.
        for (text, width, parts) in [
            ("👍🏽", 4, 2),
            ("\u{1100}\u{1100}\u{1100}", 6, 3),
            ("\u{ff78}\u{ff9e}\u{ff9e}", 3, 3),
            ("a\u{ad}b", 3, 3),
        ] {
            let starts = cluster_chars(text, Ambiguous::Narrow)
                .filter(|g| g.starts_cluster)
                .count();
            assert_eq!(
                (str_width(text, Ambiguous::Narrow), starts),
                (width, parts),
                "{text:?}"
            );
        }
        assert_eq!(
            truncate("e\u{301}e\u{301}", 1, Ambiguous::Narrow),
            "e\u{301}"
        );
    }

    /// Clusters by segmenting the whole text, a wide one as its characters.
    fn segmented(s: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (i, g) in s.grapheme_indices(true) {
            let w = cluster_width(g, Ambiguous::Narrow);
            if w <= MAX_CLUSTER_WIDTH {
                out.push((i, w));
                continue;
            }
            let first = g
                .chars()
                .next()
                .map(|c| (i, char_width(c, Ambiguous::Narrow)));
            out.extend(first);
            out.extend(g.char_indices().skip(1).filter_map(|(j, c)| {
                let w = char_width(c, Ambiguous::Narrow);
                (w > 0).then_some((i + j, w))
            }));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn cluster_chars_find_the_clusters_segmenting_the_whole_text_finds(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "あ", "漢", " ", "‼", "☺", "\u{301}", "\u{3099}", "\u{200d}", "\u{fe0f}",
                "🇯", "🇵", "👨", "🏽", "\u{1100}", "\u{1161}", "\u{11a8}", "가", "\u{915}",
                "\u{94d}", "\u{600}", "\r", "\n",
            ]), 0..40)
        ) {
            let s = pieces.concat();
            let fast: Vec<(usize, usize)> = cluster_chars(&s, Ambiguous::Narrow)
                .filter(|g| g.starts_cluster)
                .map(|g| (g.byte, g.width))
                .collect();
            proptest::prop_assert_eq!(fast, segmented(&s), "{:?}", s);
        }
    }

    #[test]
    fn lone_characters_are_clusters_of_their_own() {
        // The fast path in `clusters` is exact: no character it accepts joins
        // a neighbour (UAX #29 rules are pairwise by class, so pairing each
        // with itself and with a plain letter on either side covers them).
        let lone: Vec<char> = (0..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_lone(c))
            .collect();
        for c in lone {
            for pair in [format!("{c}{c}"), format!("a{c}"), format!("{c}a")] {
                assert_eq!(pair.graphemes(true).count(), 2, "{c:?} U+{:04X}", c as u32);
            }
        }
    }
}
