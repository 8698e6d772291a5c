//! Content never writes to the terminal directly: escape sequences and control
//! characters are removed before text reaches layout or output.

/// Removes ANSI/VT escape sequences (CSI, OSC, DCS and friends), C0/C1 control
/// characters and bidi overrides. Newlines and tabs become spaces.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(needs_care) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' | '\r' => out.push(' '),
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI/OSC/DCS introducers start sequences too.
            '\u{9b}' => skip_until_final(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_stripped(c) => {}
            c => out.push(c),
        }
    }
    out
}

fn needs_care(c: char) -> bool {
    c.is_control() || is_stripped(c)
}

/// Control characters and the bidi controls that can reorder a terminal line.
pub fn is_stripped(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => skip_until_final(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // Two-character escapes (ESC c, ESC 7 …) and intermediates (ESC ( B).
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

fn skip_until_final(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// OSC/DCS strings end with BEL or ST (ESC \ or U+009C).
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
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

    proptest! {
        #[test]
        fn no_control_character_survives(s in "\\PC*|[\\x00-\\x1f\\x7f-\\x9f a-z再]*") {
            let out = sanitize(&s);
            prop_assert!(!out.chars().any(is_stripped));
        }
    }
}
