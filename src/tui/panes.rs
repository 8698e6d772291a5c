//! Where each part of the screen goes, as a pure function of the terminal
//! size. `view` draws into these areas and `update` maps mouse positions and
//! page sizes with the same numbers.

use ratatui::layout::Rect;

/// From this width both panes show side by side.
pub const WIDE: u16 = 80;
/// Below this the screen asks for a larger window.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub top: Rect,
    pub body: Rect,
    pub bottom: Rect,
    /// Side by side when wide; both the whole body when narrow.
    pub outline: Rect,
    pub answer: Rect,
    pub wide: bool,
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// Which screen the panes are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Chrome {
    /// The reader: bars above and below, outline and answer side by side
    /// when wide.
    #[default]
    Reader,
    /// The kiosk: a header row, one reading column, and a row of touch
    /// buttons below.
    Kiosk,
}

/// Rows of the kiosk's touch buttons: a finger needs three.
pub const KIOSK_BUTTON_ROWS: u16 = 3;

pub fn panes(area: Rect, chrome: Chrome) -> Panes {
    if chrome == Chrome::Kiosk {
        let top = Rect { height: 1, ..area };
        let bottom_h = KIOSK_BUTTON_ROWS.min(area.height.saturating_sub(1));
        let bottom = Rect {
            y: area.bottom().saturating_sub(bottom_h),
            height: bottom_h,
            ..area
        };
        let body = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1 + bottom_h),
            ..area
        };
        return Panes {
            top,
            body,
            bottom,
            outline: body,
            answer: body,
            wide: false,
        };
    }
    let top = Rect { height: 1, ..area };
    let bottom = Rect {
        y: area.bottom().saturating_sub(1),
        height: 1,
        ..area
    };
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(2),
        ..area
    };
    let wide = area.width >= WIDE;
    let (outline, answer) = if wide {
        let w = (area.width * 3 / 10).clamp(24, 36);
        (
            Rect { width: w, ..body },
            Rect {
                x: body.x + w,
                width: body.width - w,
                ..body
            },
        )
    } else {
        (body, body)
    };
    Panes {
        top,
        body,
        bottom,
        outline,
        answer,
        wide,
    }
}

/// Inside a bordered pane, with one column of padding on the left.
pub fn text_area(pane: Rect) -> Rect {
    Rect {
        x: pane.x + 2,
        y: pane.y + 1,
        width: pane.width.saturating_sub(4),
        height: pane.height.saturating_sub(2),
    }
}

/// A column at most `max` wide, centred in `area`.
pub fn column(area: Rect, max: u16) -> Rect {
    let width = area.width.min(max);
    Rect {
        x: area.x + (area.width - width) / 2,
        width,
        ..area
    }
}

/// Where answers are read: the answer pane's text area, at most `measure`
/// full-width characters wide and centred, so a wide screen gets margins.
pub fn reading_column(area: Rect, chrome: Chrome, measure: usize) -> Rect {
    let cols = u16::try_from(measure.saturating_mul(2)).unwrap_or(u16::MAX);
    column(text_area(panes(area, chrome).answer), cols)
}

/// The clinic page in its pane: the header that stays (and a blank row
/// under it), and the body that scrolls below.
pub fn clinic_areas(pane: Rect, header_lines: usize) -> (Rect, Rect) {
    let inner = text_area(pane);
    let head_h = (header_lines as u16).saturating_add(1).min(inner.height);
    (
        Rect {
            height: head_h,
            ..inner
        },
        Rect {
            y: inner.y + head_h,
            height: inner.height - head_h,
            ..inner
        },
    )
}

/// The help overlay's widest.
const HELP_WIDTH: u16 = 64;

/// Where the help overlay goes: centred, as tall as its `lines` need, up to
/// the screen less a row above and below.
pub fn help_popup(area: Rect, lines: usize) -> Rect {
    let w = HELP_WIDTH.min(area.width);
    let h = (lines as u16)
        .saturating_add(2)
        .min(area.height.saturating_sub(2))
        .max(3)
        .min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_split_and_narrow_ones_share() {
        let p = panes(Rect::new(0, 0, 120, 40), Chrome::Reader);
        assert!(p.wide);
        assert_eq!(p.outline.width + p.answer.width, 120);
        assert_eq!(p.outline.width, 36);
        let p = panes(Rect::new(0, 0, 60, 20), Chrome::Reader);
        assert!(!p.wide);
        assert_eq!(p.outline, p.answer);
        assert_eq!(text_area(p.answer).width, 56);
        assert!(too_small(Rect::new(0, 0, 20, 20)));
    }
}
