//! Colours: layout roles and UI parts → ratatui styles, per theme. Without
//! colour (NO_COLOR), focus and matches still show by bold and reverse.

use ratatui::style::{Color, Modifier, Style};

use crate::layout::{Role, Style as TextStyle};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeKind {
    #[default]
    Default,
    HighContrast,
    /// NO_COLOR: modifiers only.
    Mono,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub kind: ThemeKind,
}

impl Theme {
    pub fn new(kind: ThemeKind) -> Theme {
        Theme { kind }
    }

    fn color(&self, default: Color, high: Color) -> Style {
        match self.kind {
            ThemeKind::Default => Style::new().fg(default),
            ThemeKind::HighContrast => Style::new().fg(high),
            ThemeKind::Mono => Style::new(),
        }
    }

    pub fn text(&self, s: TextStyle) -> Style {
        let base = match s.role {
            Role::Body => Style::new(),
            Role::Title => self
                .color(Color::LightYellow, Color::White)
                .add_modifier(Modifier::BOLD),
            Role::Question => self
                .color(Color::LightCyan, Color::Yellow)
                .add_modifier(Modifier::BOLD),
            Role::Heading => self
                .color(Color::Yellow, Color::Yellow)
                .add_modifier(Modifier::BOLD),
            Role::Marker => self.color(Color::Cyan, Color::White),
            Role::Muted => match self.kind {
                ThemeKind::HighContrast => Style::new().fg(Color::White),
                _ => Style::new().add_modifier(Modifier::DIM),
            },
            Role::Link => self
                .color(Color::LightBlue, Color::LightCyan)
                .add_modifier(Modifier::UNDERLINED),
            Role::Sunday => self.color(Color::LightRed, Color::LightRed),
            Role::Saturday => self.color(Color::LightBlue, Color::LightCyan),
            Role::Today => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            Role::Emphasis => self
                .color(Color::LightGreen, Color::LightGreen)
                .add_modifier(Modifier::BOLD),
        };
        let base = if self.kind == ThemeKind::HighContrast {
            base.bg(Color::Black)
        } else {
            base
        };
        if s.strong {
            base.add_modifier(Modifier::BOLD)
        } else {
            base
        }
    }

    pub fn bar(&self) -> Style {
        match self.kind {
            ThemeKind::Default => Style::new().bg(Color::Blue).fg(Color::White),
            ThemeKind::HighContrast => Style::new()
                .bg(Color::White)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            ThemeKind::Mono => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        match (self.kind, focused) {
            (ThemeKind::Mono, true) => Style::new().add_modifier(Modifier::BOLD),
            (ThemeKind::Mono, false) => Style::new(),
            (ThemeKind::HighContrast, true) => {
                Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
            }
            (ThemeKind::HighContrast, false) => Style::new().fg(Color::White),
            (ThemeKind::Default, true) => Style::new().fg(Color::LightCyan),
            (ThemeKind::Default, false) => Style::new().fg(Color::DarkGray),
        }
    }

    pub fn selected(&self, focused: bool) -> Style {
        match (self.kind, focused) {
            (ThemeKind::Default, true) => Style::new().bg(Color::Cyan).fg(Color::Black),
            (ThemeKind::Default, false) => Style::new().bg(Color::DarkGray),
            (ThemeKind::HighContrast, _) => Style::new().bg(Color::Yellow).fg(Color::Black),
            (ThemeKind::Mono, true) => {
                Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
            }
            (ThemeKind::Mono, false) => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    pub fn matched(&self, current: bool) -> Style {
        match (self.kind, current) {
            (ThemeKind::Mono, true) => {
                Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
            }
            (ThemeKind::Mono, false) => Style::new().add_modifier(Modifier::REVERSED),
            (_, true) => Style::new()
                .bg(Color::LightYellow)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            (_, false) => Style::new().bg(Color::Yellow).fg(Color::Black),
        }
    }
}
