//! Display width in terminal columns.

use unicode_width::UnicodeWidthChar;

/// How East Asian Ambiguous characters (• ※ ○ ① ─) are counted: terminals
/// differ, so the user chooses (`--ambiguous-wide`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ambiguous {
    #[default]
    Narrow,
    Wide,
}

pub fn char_width(c: char, ambiguous: Ambiguous) -> usize {
    let w = match ambiguous {
        Ambiguous::Narrow => c.width(),
        Ambiguous::Wide => c.width_cjk(),
    };
    w.unwrap_or(0)
}

pub fn str_width(s: &str, ambiguous: Ambiguous) -> usize {
    s.chars().map(|c| char_width(c, ambiguous)).sum()
}

/// The longest prefix of `s` that fits in `width` columns.
pub fn truncate(s: &str, width: usize, ambiguous: Ambiguous) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        used += char_width(c, ambiguous);
        if used > width {
            return &s[..i];
        }
    }
    s
}

/// `s` padded with spaces to `width` columns (unchanged when already wider).
pub fn pad(s: &str, width: usize, ambiguous: Ambiguous) -> String {
    let w = str_width(s, ambiguous);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ambiguous_characters_follow_the_option() {
        for c in ['•', '※', '○', '①', '─'] {
            assert_eq!(char_width(c, Ambiguous::Narrow), 1, "{c}");
            assert_eq!(char_width(c, Ambiguous::Wide), 2, "{c}");
        }
        assert_eq!(str_width("再手術a", Ambiguous::Narrow), 7);
        assert_eq!(truncate("再手術", 5, Ambiguous::Narrow), "再手");
    }
}
