//! Colours: layout roles and UI parts → ratatui styles, from a palette of RGB
//! values this module defines (a terminal's idea of "cyan" varies), so every
//! pair's contrast can be tested. Selection and focus also show without
//! colour: bold, and reverse under NO_COLOR.

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

/// The colours a theme draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Palette {
    bg: Color,
    text: Color,
    title: Color,
    question: Color,
    heading: Color,
    marker: Color,
    muted: Color,
    link: Color,
    sunday: Color,
    saturday: Color,
    emphasis: Color,
    bar_bg: Color,
    bar_fg: Color,
    /// A button that cannot act: a face and label nearer the ground than
    /// the bar's, so that it reads as dimmer, never as chosen.
    disabled_bg: Color,
    disabled_fg: Color,
    border: Color,
    border_focused: Color,
    selected_bg: Color,
    selected_fg: Color,
    selected_dim_bg: Color,
    match_bg: Color,
    match_current_bg: Color,
    match_fg: Color,
}

const fn rgb(hex: u32) -> Color {
    Color::Rgb((hex >> 16) as u8, (hex >> 8) as u8, hex as u8)
}

/// Light text on a dark ground; every pair at least 4.5:1 (WCAG AA).
const DEFAULT: Palette = Palette {
    bg: rgb(0x16_16_1c),
    text: rgb(0xe8_e8_e8),
    title: rgb(0xff_d8_66),
    question: rgb(0x7f_db_ff),
    heading: rgb(0xff_d8_66),
    marker: rgb(0x7f_db_ff),
    muted: rgb(0xa8_a8_a8),
    link: rgb(0x8a_b4_f8),
    sunday: rgb(0xff_8a_80),
    saturday: rgb(0x82_b1_ff),
    emphasis: rgb(0x9c_e6_9c),
    bar_bg: rgb(0x1f_3a_5f),
    bar_fg: rgb(0xff_ff_ff),
    disabled_bg: rgb(0x26_26_30),
    disabled_fg: rgb(0x8a_8a_8a),
    border: rgb(0x8a_8a_8a),
    border_focused: rgb(0x7f_db_ff),
    selected_bg: rgb(0xff_d8_66),
    selected_fg: rgb(0x16_16_1c),
    selected_dim_bg: rgb(0x3a_3a_44),
    match_bg: rgb(0xff_d8_66),
    match_current_bg: rgb(0xff_9e_3d),
    match_fg: rgb(0x00_00_00),
};

/// Black and white and pure yellows; every pair at least 7:1 (WCAG AAA).
const HIGH_CONTRAST: Palette = Palette {
    bg: rgb(0x00_00_00),
    text: rgb(0xff_ff_ff),
    title: rgb(0xff_ff_00),
    question: rgb(0xff_ff_00),
    heading: rgb(0xff_ff_00),
    marker: rgb(0xff_ff_ff),
    muted: rgb(0xd0_d0_d0),
    link: rgb(0x00_ff_ff),
    sunday: rgb(0xff_9c_9c),
    saturday: rgb(0x9c_c8_ff),
    emphasis: rgb(0x7c_fc_00),
    bar_bg: rgb(0xff_ff_ff),
    bar_fg: rgb(0x00_00_00),
    disabled_bg: rgb(0x80_80_80),
    disabled_fg: rgb(0x20_20_20),
    border: rgb(0xff_ff_ff),
    border_focused: rgb(0xff_ff_00),
    selected_bg: rgb(0xff_ff_00),
    selected_fg: rgb(0x00_00_00),
    selected_dim_bg: rgb(0xff_ff_ff),
    match_bg: rgb(0x00_ff_ff),
    match_current_bg: rgb(0xff_ff_00),
    match_fg: rgb(0x00_00_00),
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub kind: ThemeKind,
}

impl Theme {
    pub fn new(kind: ThemeKind) -> Theme {
        Theme { kind }
    }

    fn palette(&self) -> Option<&'static Palette> {
        match self.kind {
            ThemeKind::Default => Some(&DEFAULT),
            ThemeKind::HighContrast => Some(&HIGH_CONTRAST),
            ThemeKind::Mono => None,
        }
    }

    /// The whole screen's ground and text colour, drawn under everything.
    pub fn base(&self) -> Style {
        match self.palette() {
            Some(p) => Style::new().bg(p.bg).fg(p.text),
            None => Style::new(),
        }
    }

    fn fg(&self, pick: fn(&Palette) -> Color) -> Style {
        match self.palette() {
            Some(p) => Style::new().fg(pick(p)),
            None => Style::new(),
        }
    }

    pub fn text(&self, s: TextStyle) -> Style {
        let bold = Modifier::BOLD;
        let base = match s.role {
            Role::Body => Style::new(),
            Role::Title => self.fg(|p| p.title).add_modifier(bold),
            Role::Question => self.fg(|p| p.question).add_modifier(bold),
            Role::Heading => self.fg(|p| p.heading).add_modifier(bold),
            Role::Marker => self.fg(|p| p.marker),
            // Readings too: quieter than the text they read, as furigana's
            // small type is.
            Role::Muted | Role::Ruby => match self.kind {
                ThemeKind::Mono => Style::new().add_modifier(Modifier::DIM),
                _ => self.fg(|p| p.muted),
            },
            Role::Link => self.fg(|p| p.link).add_modifier(Modifier::UNDERLINED),
            Role::Sunday => self.fg(|p| p.sunday),
            Role::Saturday => self.fg(|p| p.saturday),
            Role::Today => match self.palette() {
                Some(p) => Style::new().bg(p.text).fg(p.bg).add_modifier(bold),
                None => Style::new().add_modifier(Modifier::REVERSED | bold),
            },
            Role::Emphasis => self.fg(|p| p.emphasis).add_modifier(bold),
        };
        if s.strong {
            base.add_modifier(bold)
        } else {
            base
        }
    }

    pub fn bar(&self) -> Style {
        match self.palette() {
            Some(p) => Style::new().bg(p.bar_bg).fg(p.bar_fg),
            None => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// A button that cannot act now (a page button at the end): dimmer
    /// than the bar's buttons in every theme; without colour, dim and not
    /// reversed.
    pub fn disabled(&self) -> Style {
        match self.palette() {
            Some(p) => Style::new().bg(p.disabled_bg).fg(p.disabled_fg),
            None => Style::new().add_modifier(Modifier::DIM),
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        match (self.palette(), focused) {
            (Some(p), true) => Style::new()
                .fg(p.border_focused)
                .add_modifier(Modifier::BOLD),
            (Some(p), false) => Style::new().fg(p.border),
            (None, true) => Style::new().add_modifier(Modifier::BOLD),
            (None, false) => Style::new(),
        }
    }

    /// The selected row: one colour pair for all its text, whatever the
    /// text's role, and bold so that it shows without colour too.
    pub fn selected(&self, focused: bool) -> Style {
        let bold = Modifier::BOLD;
        match (self.palette(), focused) {
            (Some(p), true) => Style::new()
                .bg(p.selected_bg)
                .fg(p.selected_fg)
                .add_modifier(bold),
            (Some(p), false) => Style::new()
                .bg(p.selected_dim_bg)
                .fg(if self.kind == ThemeKind::HighContrast {
                    p.selected_fg
                } else {
                    p.text
                })
                .add_modifier(bold),
            (None, true) => Style::new().add_modifier(Modifier::REVERSED | bold),
            (None, false) => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    pub fn matched(&self, current: bool) -> Style {
        match (self.palette(), current) {
            (Some(p), true) => Style::new()
                .bg(p.match_current_bg)
                .fg(p.match_fg)
                .add_modifier(Modifier::BOLD),
            (Some(p), false) => Style::new().bg(p.match_bg).fg(p.match_fg),
            (None, true) => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            (None, false) => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// Every style this theme draws text with, as the terminal would
    /// combine it with the screen's ground.
    pub fn all_styles(&self) -> Vec<Style> {
        let roles = [
            Role::Body,
            Role::Title,
            Role::Heading,
            Role::Question,
            Role::Marker,
            Role::Muted,
            Role::Link,
            Role::Sunday,
            Role::Saturday,
            Role::Today,
            Role::Emphasis,
            Role::Ruby,
        ];
        let mut out = vec![self.base(), self.bar()];
        for role in roles {
            for strong in [false, true] {
                out.push(self.text(TextStyle { role, strong }));
            }
        }
        for b in [false, true] {
            out.extend([self.border(b), self.selected(b), self.matched(b)]);
        }
        out.into_iter().map(|s| self.base().patch(s)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 relative luminance of an sRGB colour.
    fn luminance(c: Color) -> f64 {
        let Color::Rgb(r, g, b) = c else {
            panic!("the palette is RGB: {c:?}");
        };
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    fn contrast(a: Color, b: Color) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    fn worst(kind: ThemeKind) -> (f64, Style) {
        Theme::new(kind)
            .all_styles()
            .into_iter()
            .map(|s| {
                let (mut fg, mut bg) = (s.fg.expect("a foreground"), s.bg.expect("a ground"));
                if s.add_modifier.contains(Modifier::REVERSED) {
                    std::mem::swap(&mut fg, &mut bg);
                }
                (contrast(fg, bg), s)
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .expect("styles")
    }

    #[test]
    fn every_pair_of_the_default_theme_is_at_least_4_5_to_1() {
        let (ratio, style) = worst(ThemeKind::Default);
        assert!(ratio >= 4.5, "{ratio:.2}:1 for {style:?}");
    }

    #[test]
    fn every_pair_of_the_high_contrast_theme_is_at_least_7_to_1() {
        let (ratio, style) = worst(ThemeKind::HighContrast);
        assert!(ratio >= 7.0, "{ratio:.2}:1 for {style:?}");
    }

    #[test]
    fn the_contrast_check_knows_a_bad_pair() {
        assert!(contrast(rgb(0x00_ff_ff), rgb(0x00_cc_cc)) < 1.6);
        assert!((contrast(rgb(0xff_ff_ff), rgb(0)) - 21.0).abs() < 0.01);
    }

    #[test]
    fn a_disabled_button_is_dimmer_than_an_enabled_one_in_every_theme() {
        for kind in [ThemeKind::Default, ThemeKind::HighContrast] {
            let t = Theme::new(kind);
            let ground = t.base().bg.expect("a ground");
            let pair = |s: Style| {
                let s = t.base().patch(s);
                let (fg, bg) = (s.fg.expect("a foreground"), s.bg.expect("a ground"));
                (contrast(fg, bg), contrast(bg, ground))
            };
            let (enabled, enabled_face) = pair(t.bar());
            let (disabled, disabled_face) = pair(t.disabled());
            // Its label is fainter and its face stands out less from the
            // screen, yet it still reads (3:1).
            assert!(
                disabled < enabled,
                "{kind:?}: {disabled:.2} vs {enabled:.2}"
            );
            assert!(disabled_face < enabled_face, "{kind:?}");
            assert!(disabled >= 3.0, "{kind:?}: {disabled:.2}");
        }
        // High contrast keeps its enabled labels at 7:1.
        let hc = Theme::new(ThemeKind::HighContrast).bar();
        let ratio = contrast(hc.fg.expect("fg"), hc.bg.expect("bg"));
        assert!(ratio >= 7.0, "{ratio:.2}");
        let mono = Theme::new(ThemeKind::Mono);
        assert!(mono.bar().add_modifier.contains(Modifier::REVERSED));
        assert!(!mono.disabled().add_modifier.contains(Modifier::REVERSED));
        assert!(mono.disabled().add_modifier.contains(Modifier::DIM));
    }

    #[test]
    fn selection_shows_without_colour_in_every_theme() {
        for kind in [ThemeKind::Default, ThemeKind::HighContrast, ThemeKind::Mono] {
            for focused in [true, false] {
                let s = Theme::new(kind).selected(focused);
                assert!(
                    s.add_modifier
                        .intersects(Modifier::BOLD | Modifier::REVERSED),
                    "{kind:?} {focused}"
                );
            }
        }
    }
}
