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
    for span in &line.spans {
        let code = if color { sgr(span.style) } else { "" };
        out.push_str(code);
        out.push_str(&span.text);
        if !code.is_empty() {
            out.push_str("\x1b[0m");
        }
    }
    if !color {
        out.truncate(out.trim_end().len());
    }
    out
}

pub fn render(lines: &[Line], color: bool) -> String {
    let mut out = String::new();
    for l in lines {
        out.push_str(&line(l, color));
        out.push('\n');
    }
    out
}
