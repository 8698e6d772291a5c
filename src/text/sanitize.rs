//! Content never writes to the terminal directly: escape sequences and control
//! characters are removed before text reaches layout or output.

/// Removes ANSI/VT escape sequences (CSI, OSC, DCS, SOS, PM, APC, in their
/// ESC and C1 forms), C0/C1 control characters and bidi overrides. Newlines
/// and tabs become spaces.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(is_stripped) {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let keep = kept(&chars);
    chars
        .iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(&c, _)| if is_whitespace_control(c) { ' ' } else { c })
        .collect()
}

/// For each character of `chars`, whether it survives sanitising. Newlines,
/// tabs and carriage returns are kept (as themselves), so a caller that treats
/// line breaks specially can still see them; every other control character
/// and every character of an escape sequence is not.
///
/// Whole text is scanned at once because a sequence can span the pieces a
/// parser hands out: pulldown-cmark splits `ESC[2J` at the `[`, and decodes
/// `&#27;` into a text event of its own.
pub fn kept(chars: &[char]) -> Vec<bool> {
    let mut keep = vec![true; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        let (end, drop) = match chars[i] {
            c if is_whitespace_control(c) => (i + 1, false),
            '\u{1b}' => (escape_end(chars, i + 1), true),
            '\u{9b}' => (until_final(chars, i + 1), true),
            // C1 DCS, SOS, OSC, PM and APC open a string that ST or BEL ends.
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                (string_end(chars, i + 1), true)
            }
            c => (i + 1, is_stripped(c)),
        };
        if drop {
            keep[i..end].fill(false);
        }
        i = end;
    }
    keep
}

fn is_whitespace_control(c: char) -> bool {
    matches!(c, '\n' | '\t' | '\r')
}

/// Control characters and the bidi controls that can reorder a terminal line.
pub fn is_stripped(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Where an ESC sequence that starts at `i` (just after the ESC) ends.
fn escape_end(chars: &[char], i: usize) -> usize {
    match chars.get(i) {
        Some('[') => until_final(chars, i + 1),
        Some(']' | 'P' | 'X' | '^' | '_') => string_end(chars, i + 1),
        // nF escapes: intermediates (0x20–0x2F) then one final (ESC ( B).
        Some(c) if ('\u{20}'..='\u{2f}').contains(c) => {
            let mut j = i;
            while chars
                .get(j)
                .is_some_and(|c| ('\u{20}'..='\u{2f}').contains(c))
            {
                j += 1;
            }
            (j + 1).min(chars.len())
        }
        // Two-character escapes (ESC c, ESC 7, ESC =).
        Some(c) if ('\u{30}'..='\u{7e}').contains(c) => i + 1,
        _ => i,
    }
}

/// A CSI sequence ends at its final byte (0x40–0x7E); a character that cannot
/// be part of one (a control, or anything beyond ASCII) ends it too, so that
/// one stray introducer does not swallow the text after it.
fn until_final(chars: &[char], mut i: usize) -> usize {
    while let Some(&c) = chars.get(i) {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            return i + 1;
        }
        if !('\u{20}'..='\u{3f}').contains(&c) {
            return i;
        }
        i += 1;
    }
    i
}

/// OSC/DCS/SOS/PM/APC strings end with BEL or ST (ESC \ or U+009C); one that
/// never ends takes the rest of the text, as a terminal would.
fn string_end(chars: &[char], mut i: usize) -> usize {
    while let Some(&c) = chars.get(i) {
        match c {
            '\u{7}' | '\u{9c}' => return i + 1,
            '\u{1b}' if chars.get(i + 1) == Some(&'\\') => return i + 2,
            // Another ESC starts a new sequence: the string ends before it.
            '\u{1b}' => return i,
            _ => i += 1,
        }
    }
    i
}

/// Text shown to the operator (a diagnostic quoting a file, an error
/// quoting an argument or a setting): every control character and bidi
/// override shown as a visible `\u{…}` escape, so the operator sees what
/// was given and the terminal sees nothing it would act on. The one
/// boundary for everything echoed.
pub fn escape_for_display(text: &str) -> String {
    if !text.chars().any(is_stripped) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_stripped(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn strips_sequences_and_controls() {
        assert_eq!(sanitize("a\u{1b}[31mred\u{1b}[0m"), "ared");
        assert_eq!(
            sanitize("x\u{1b}]8;;http://e\u{7}link\u{1b}]8;;\u{1b}\\y"),
            "xlinky"
        );
        assert_eq!(sanitize("再\u{0}手\u{7f}術\u{202e}"), "再手術");
        assert_eq!(sanitize("a\nb\tc"), "a b c");
        assert_eq!(sanitize("普通の文"), "普通の文");
    }

    #[test]
    fn removes_whole_sequences_not_only_the_escape() {
        assert_eq!(sanitize("a\u{1b}[2J\u{1b}[H\u{1b}]0;TITLE\u{7}b"), "ab");
        assert_eq!(sanitize("a\u{9b}2Jb"), "ab");
        assert_eq!(sanitize("a\u{9d}52;c;cm0=\u{9c}b"), "ab");
        assert_eq!(sanitize("a\u{1b}P1$r\u{1b}\\b"), "ab");
        assert_eq!(sanitize("a\u{1b}X sos \u{1b}\\b"), "ab");
        assert_eq!(sanitize("a\u{1b}^pm\u{7}b"), "ab");
        assert_eq!(sanitize("a\u{1b}_apc\u{9c}b"), "ab");
        assert_eq!(sanitize("a\u{1b}(Bb"), "ab");
        assert_eq!(sanitize("a\u{1b}cb"), "ab");
    }

    #[test]
    fn a_stray_csi_does_not_swallow_japanese_text() {
        assert_eq!(sanitize("\u{1b}[再手術"), "再手術");
    }

    #[test]
    fn diagnostics_show_controls_as_escapes() {
        assert_eq!(
            escape_for_display("\u{1b}]52;c;x\u{7}"),
            "\\u{1b}]52;c;x\\u{7}"
        );
        assert_eq!(escape_for_display("\u{9b}2J"), "\\u{9b}2J");
    }

    proptest! {
        #[test]
        fn no_control_character_survives(s in "\\PC*|[\\x00-\\x1f\\x7f-\\x9f a-z再\\[\\];]*") {
            let out = sanitize(&s);
            prop_assert!(!out.chars().any(is_stripped));
            prop_assert!(!escape_for_display(&s).chars().any(is_stripped));
        }

        #[test]
        fn text_without_controls_is_unchanged(s in "\\PC*") {
            prop_assume!(!s.chars().any(is_stripped));
            prop_assert_eq!(sanitize(&s), s);
        }
    }
}
