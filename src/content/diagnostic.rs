//! Problems found in content, each pinned to `path:line:column`.

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::fmt;

use crate::text::sanitize::escape_for_display;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Diagnostic {
    /// A problem at `path:line:column`. The path and message may quote the
    /// file's content (or a hostile file name): their control characters are
    /// shown as escapes, so printing a diagnostic never drives the terminal.
    pub fn new(path: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            path: escape_for_display(path),
            line,
            column,
            message: escape_for_display(&message.into()),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

/// Turns byte offsets of one file into 1-based line and column (in characters).
pub struct SourceMap<'a> {
    path: &'a str,
    text: &'a str,
    /// Found on the first diagnostic: most files have none, and finding
    /// them is a pass over the whole file.
    line_starts: OnceCell<Vec<usize>>,
    /// The last position asked for: (offset, line index, column). Parsers ask
    /// in file order, so counting on from it keeps many problems on one long
    /// line linear instead of counting the line from its start each time.
    last: Cell<(usize, usize, usize)>,
}

impl<'a> SourceMap<'a> {
    pub fn new(path: &'a str, text: &'a str) -> Self {
        SourceMap {
            path,
            text,
            line_starts: OnceCell::new(),
            last: Cell::new((0, 0, 0)),
        }
    }

    pub fn position(&self, offset: usize) -> (usize, usize) {
        let bytes = self.text.as_bytes();
        // LF, CRLF and a lone CR (old Mac files) each end a line.
        let line_starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(
                    self.text
                        .match_indices(['\n', '\r'])
                        .filter(|&(i, _)| !is_cr_before_lf(bytes, i))
                        .map(|(i, _)| i + 1),
                )
                .collect()
        });
        let mut offset = offset.min(self.text.len());
        // The LF of a CRLF is where its CR is: the same column as an LF alone.
        if offset > 0 && is_cr_before_lf(bytes, offset - 1) {
            offset -= 1;
        }
        let line = line_starts.partition_point(|&s| s <= offset) - 1;
        let (last_offset, last_line, last_column) = self.last.get();
        let (from, counted) = if last_line == line && last_offset <= offset {
            (last_offset, last_column)
        } else {
            (line_starts[line], 0)
        };
        let column = counted
            + self
                .text
                .get(from..offset)
                .map_or(offset - from, |s| s.chars().count());
        self.last.set((offset, line, column));
        (line + 1, column + 1)
    }

    pub fn at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.position(offset);
        Diagnostic::new(self.path, line, column, message)
    }
}

/// Whether `bytes[i]` is the CR of a CRLF.
fn is_cr_before_lf(bytes: &[u8], i: usize) -> bool {
    bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')
}

/// `text` with each lone CR (an old Mac line break) made an LF, byte for
/// byte: TOML knows only LF and CRLF, and offsets into the result are
/// offsets into `text`.
pub fn lf_line_breaks(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    if text
        .match_indices('\r')
        .all(|(i, _)| is_cr_before_lf(bytes, i))
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.char_indices()
            .map(|(i, c)| match c {
                '\r' if !is_cr_before_lf(bytes, i) => '\n',
                c => c,
            })
            .collect(),
    )
}

/// Where the first invalid UTF-8 byte of `bytes` sits.
pub fn utf8_error(path: &str, bytes: &[u8], err: &std::str::Utf8Error) -> Diagnostic {
    let valid = &bytes[..err.valid_up_to()];
    // The prefix is valid UTF-8 by definition of `valid_up_to`.
    let text = std::str::from_utf8(valid).unwrap_or_default();
    SourceMap::new(path, text).at(
        text.len(),
        format!(
            "invalid UTF-8 (byte 0x{:02x}): content files must be UTF-8 text",
            bytes[err.valid_up_to()]
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let map = SourceMap::new("a.md", "ab\n日本語x\n");
        assert_eq!(map.position(0), (1, 1));
        assert_eq!(map.position(3), (2, 1));
        assert_eq!(map.position(3 + 9), (2, 4));
        assert_eq!(map.at(3, "m").to_string(), "a.md:2:1: m");
        // Out of order, after a later position on the same line.
        assert_eq!(map.position(3 + 3), (2, 2));
        assert_eq!(map.position(1), (1, 2));
    }

    #[test]
    fn a_lone_cr_and_crlf_end_lines_as_lf_does() {
        for eol in ["\n", "\r", "\r\n"] {
            let text = format!("ab{eol}{eol}日本x{eol}");
            let map = SourceMap::new("a.md", &text);
            let third = 2 + 2 * eol.len();
            assert_eq!(map.position(third + 6), (3, 3), "{eol:?}");
            assert_eq!(map.position(2), (1, 3), "{eol:?}");
            assert_eq!(map.position(2 + eol.len() - 1), (1, 3), "{eol:?}");
            assert_eq!(map.position(text.len()), (4, 1), "{eol:?}");
            let lf = lf_line_breaks(&text);
            assert_eq!(lf.len(), text.len());
            assert_eq!(lf.lines().count(), 3, "{eol:?}");
        }
        assert!(matches!(lf_line_breaks("a\r\nb\n"), Cow::Borrowed(_)));
        assert_eq!(lf_line_breaks("a\rb\r\nc\r"), "a\nb\r\nc\n");
    }

    #[test]
    fn quoted_controls_are_escaped() {
        let d = SourceMap::new("a\u{1b}.md", "x").at(0, "date “\u{9b}2J”");
        assert_eq!(d.to_string(), "a\\u{1b}.md:1:1: date “\\u{9b}2J”");
    }

    #[test]
    fn utf8_error_names_the_line() {
        let bytes: &[u8] = &[b'o', b'k', b'\n', b'l', b'i', b'n', b'e', b' ', 0xff];
        let err = std::str::from_utf8(std::hint::black_box(bytes)).unwrap_err();
        let d = utf8_error("x.md", bytes, &err);
        assert_eq!((d.line, d.column), (2, 6));
        assert!(d.message.contains("0xff"));
    }
}
