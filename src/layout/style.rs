//! Styled text: what layout takes in and gives out. No terminal types here;
//! the TUI and the printers map [`Style`] to their own colours.

use std::sync::Arc;

/// What a run of text is, so each front end can draw it its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Role {
    #[default]
    Body,
    Title,
    Heading,
    Question,
    Marker,
    Muted,
    Link,
    /// Calendar: Sundays and holidays.
    Sunday,
    /// Calendar: Saturdays.
    Saturday,
    /// Calendar: today.
    Today,
    /// What must stand out: the phone number, the open-now status.
    Emphasis,
    /// A reading (furigana): on a ruby row above its base, or inline after
    /// it. Drawn quieter than the text; search and copying leave it out.
    Ruby,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Style {
    pub role: Role,
    pub strong: bool,
}

impl Style {
    pub const BODY: Style = Style::of(Role::Body);

    pub const fn of(role: Role) -> Style {
        Style {
            role,
            strong: false,
        }
    }

    pub const fn strong(self) -> Style {
        Style {
            strong: true,
            ..self
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
    /// Where the text links to (OSC 8 in terminals that support it). Shared:
    /// every line a long link's text wraps onto carries the same address, and
    /// a copy each would make memory grow with the square of its length.
    pub link: Option<Arc<str>>,
    /// Kept on one line where it fits the width: a ruby base with its
    /// reading, 腰椎（ようつい）.
    pub whole: bool,
    /// No break between this span and the one before it where both fit
    /// the width: an inline reading stays with its base.
    pub glued: bool,
    /// A ruby base's reading, for [`super::ruby`] to draw above it on a
    /// ruby row (or inline where the row has no room).
    pub ruby: Option<Arc<str>>,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Style) -> Span {
        Span {
            text: text.into(),
            style,
            link: None,
            whole: false,
            glued: false,
            ruby: None,
        }
    }

    pub fn linked(text: impl Into<String>, style: Style, link: impl Into<Arc<str>>) -> Span {
        Span {
            link: Some(link.into()),
            ..Span::new(text, style)
        }
    }
}

/// One laid-out line: spans that together fit the width they were made for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    pub spans: Vec<Span>,
    pub width: usize,
    /// A ruby row: the readings of the line below it, each over its base.
    /// A page keeps it with that line, and search looks past it.
    pub ruby: bool,
}

impl Line {
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    pub fn is_blank(&self) -> bool {
        self.spans.iter().all(|s| s.text.trim().is_empty())
    }
}
