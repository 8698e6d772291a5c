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
}
