//! Laid-out lines as plain text, with ANSI styles when colour is on.

use crate::layout::{Line, Role, Style};

fn sgr(style: Style) -> &'static str {
    match (style.role, style.strong) {
        (Role::Title, _) => "\x1b[1;4m",
        (Role::Question, _) => "\x1b[1;36m",
        (Role::Heading, _) => "\x1b[1;33m",
        (Role::Muted, _) => "\x1b[2m",
        (Role::Link, true) => "\x1b[1;4m",
        (Role::Link, false) => "\x1b[4m",
        (Role::Marker, _) => "\x1b[36m",
        (Role::Sunday, _) => "\x1b[31m",
        (Role::Saturday, _) => "\x1b[34m",
        (Role::Today, _) => "\x1b[7m",
        (Role::Emphasis, _) => "\x1b[1;32m",
        (Role::Body, true) => "\x1b[1m",
        (Role::Body, false) => "",
    }
}

/// One line of text, trailing spaces removed.
pub fn line(line: &Line, color: bool) -> String {
    let mut out = String::new();
    push_line(&mut out, line, color);
    out
}

/// Appends one line of text to `out`, trailing spaces removed.
fn push_line(out: &mut String, line: &Line, color: bool) {
    let from = out.len();
    for span in &line.spans {
        let code = if color { sgr(span.style) } else { "" };
        out.push_str(code);
        out.push_str(&span.text);
        if !code.is_empty() {
            out.push_str("\x1b[0m");
        }
    }
    if !color {
        let end = from + out[from..].trim_end().len();
        out.truncate(end);
    }
}

pub fn render(lines: &[Line], color: bool) -> String {
    let mut out = String::new();
    for l in lines {
        push_line(&mut out, l, color);
        out.push('\n');
    }
    out
}

/// Writes lines as [`render`] makes them, one buffer reused for every line.
pub fn write<'a>(
    out: &mut impl std::io::Write,
    lines: impl IntoIterator<Item = &'a Line>,
    color: bool,
) -> std::io::Result<()> {
    let mut buf = String::new();
    for l in lines {
        buf.clear();
        push_line(&mut buf, l, color);
        buf.push('\n');
        out.write_all(buf.as_bytes())?;
    }
    Ok(())
}
