//! The kiosk's screens, drawn from the kiosk and its reader: pure, like the
//! reader's view. The idle screen (big clock, name, status, the loop's
//! text, an invitation) and the reading screen (header, one reading column,
//! touch buttons).

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line as TuiLine;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::screen::{self, Target};
use super::{HERO_LINES, HERO_STATUS, Kiosk, digits};
use crate::calendar::clock::hhmm;
use crate::layout::Ambiguous;
use crate::layout::document::Furigana;
use crate::layout::{Line, Role, Style as TextStyle};
use crate::strings;
use crate::tui::model::Place;
use crate::tui::scroll::{Dir, Scroll};
use crate::tui::theme::Theme;
use crate::tui::view::{ask_for_room, border_set, scrollbar, settle, styled, text_row};

pub fn draw(k: &Kiosk, frame: &mut Frame) {
    let area = frame.area();
    let theme = k.app.settings().theme;
    frame.render_widget(Block::new().style(theme.base()), area);
    if screen::too_small(area) {
        too_small(k, frame, area, &theme);
    } else if k.attract {
        idle(k, frame, area, &theme);
    } else {
        reading(k, frame, area, &theme);
    }
    if let Some((rows, at)) = k.qr_placement(area) {
        // Dark modules on light, whatever the theme: scanners need it.
        let ink = Style::new()
            .fg(ratatui::style::Color::Black)
            .bg(ratatui::style::Color::White);
        frame.render_widget(Clear, at);
        frame.render_widget(Paragraph::new(rows.join("\n")).style(ink), at);
    }
    settle(frame, k.app.settings().ambiguous);
}

fn lines_in(
    frame: &mut Frame,
    area: Rect,
    lines: &[Line],
    top: usize,
    theme: &Theme,
    amb: Ambiguous,
) {
    let shown: Vec<TuiLine> = lines
        .iter()
        .skip(top)
        .take(usize::from(area.height))
        .map(|l| styled(l, theme, &[], amb))
        .collect();
    frame.render_widget(Paragraph::new(shown), area);
}

/// The page `scroll` is at: its lines up to the next page's start (a page
/// ends before a block kept whole for the next).
fn page_in(
    frame: &mut Frame,
    column: Rect,
    lines: &[Line],
    scroll: &Scroll,
    theme: &Theme,
    amb: Ambiguous,
) {
    let shown = scroll.shown().min(usize::from(column.height));
    let page = Rect {
        height: shown as u16,
        ..column
    };
    lines_in(frame, page, lines, scroll.offset(), theme, amb);
}

/// The header, then the reader's request for a larger window.
fn too_small(k: &Kiosk, frame: &mut Frame, area: Rect, theme: &Theme) {
    let amb = k.app.settings().ambiguous;
    let header = Rect { height: 1, ..area };
    text_row(
        frame,
        header,
        &k.header(usize::from(area.width)),
        (theme.bar(), Alignment::Left),
        amb,
    );
    let rest = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    ask_for_room(frame, rest, theme, amb);
}

/// Clock digits as painted cells.
fn big_clock(frame: &mut Frame, at: Rect, text: &str, scale: u16) {
    // A pixel twice as wide as tall looks square in a cell of about 1:2.
    paint(
        frame,
        at,
        &digits::pixels(text),
        (2 * scale, scale),
        Style::new(),
    );
}

/// Pixels as painted cells, each `cells` (columns, rows): a cell in reverse
/// video is solid in every terminal and font. Cells outside the frame are
/// skipped.
fn paint(frame: &mut Frame, at: Rect, pixels: &[Vec<bool>], cells: (u16, u16), style: Style) {
    let (w, h) = cells;
    let ink = style.add_modifier(Modifier::REVERSED);
    let at = at.intersection(frame.area());
    let buf = frame.buffer_mut();
    for (y, row) in pixels.iter().enumerate() {
        for (x, &on) in row.iter().enumerate() {
            if !on {
                continue;
            }
            for dy in 0..h {
                for dx in 0..w {
                    let cx = at.x + x as u16 * w + dx;
                    let cy = at.y + y as u16 * h + dy;
                    if let Some(cell) = buf
                        .cell_mut((cx, cy))
                        .filter(|_| at.contains((cx, cy).into()))
                    {
                        cell.set_symbol(" ").set_style(ink);
                    }
                }
            }
        }
    }
}

fn idle(k: &Kiosk, frame: &mut Frame, area: Rect, theme: &Theme) {
    let amb = k.app.settings().ambiguous;
    let s = k.idle_screen(area);
    let clinic = &k.app.library().clinic;
    let now = k.app.now();
    let status = clinic.schedule.status(now);
    let status_role = if status.is_open() {
        Role::Emphasis
    } else {
        Role::Heading
    };
    // As `Kiosk::hero_lines` orders them.
    let roles: [TextStyle; HERO_LINES] = [
        TextStyle::of(Role::Title).strong(),
        TextStyle::of(Role::Question).strong(),
        TextStyle::BODY,
        TextStyle::of(status_role).strong(),
        TextStyle::BODY,
    ];
    // The name and the status word in big cells, where they fit.
    if let Some(font) = s.font {
        let [name, word] = k.big_words(&digits::FONTS[font]);
        let big = [(s.name, name, Role::Title), (s.status, word, status_role)];
        for (at, pixels, role) in big {
            if let (Some(at), Some(pixels)) = (at, pixels) {
                paint(frame, at, &pixels, (1, 1), theme.text(TextStyle::of(role)));
            }
        }
    }
    let lines = k.hero_lines();
    let rows: Vec<(String, Style)> = lines
        .iter()
        .zip(roles)
        .map(|(t, r)| (t.clone(), theme.base().patch(theme.text(r))))
        .collect();
    let text_w = lines
        .iter()
        .map(|t| crate::text::width::str_width(t, amb) as u16)
        .max()
        .unwrap_or(0);
    // The clock and the text beside it, centred as one group; on a screen
    // too narrow for both, the time leads the status line instead.
    let (text, rows) = match s.clock {
        Some((cw, ch, scale)) => {
            let group = cw + screen::CLOCK_GAP + text_w;
            let left = s.hero.x + s.hero.width.saturating_sub(group) / 2;
            let clock = Rect {
                x: left.max(s.hero.x + 2),
                y: s.hero.y + 1,
                width: cw.min(s.hero.width.saturating_sub(2)),
                height: ch.min(s.hero.height.saturating_sub(1)),
            };
            big_clock(frame, clock, &hhmm(now.minute), scale);
            let text_x = clock.right() + screen::CLOCK_GAP;
            let text = Rect {
                x: text_x,
                width: s.hero.right().saturating_sub(text_x + 1),
                ..clock
            };
            (text, rows)
        }
        None => {
            let mut rows = rows;
            rows[HERO_STATUS].0 = format!("{} {}", hhmm(now.minute), rows[HERO_STATUS].0);
            let w = text_w + 6;
            let text = Rect {
                x: s.hero.x + s.hero.width.saturating_sub(w) / 2,
                y: s.hero.y + 1,
                width: w.min(s.hero.width),
                height: s.hero.height.saturating_sub(2),
            };
            (text, rows)
        }
    };
    // A blank row between the rows where the clock is tall enough.
    let n = rows.len() as u16;
    let step = if text.height >= 2 * n - 1 { 2 } else { 1 };
    let first = text.y + text.height.saturating_sub(step * (n - 1) + 1) / 2;
    for (i, (t, style)) in rows.iter().enumerate() {
        let y = first + step * i as u16;
        if y < text.bottom() && text.width > 0 {
            text_row(
                frame,
                Rect {
                    y,
                    height: 1,
                    ..text
                },
                t,
                (*style, Alignment::Left),
                amb,
            );
        }
    }
    // Text shorter than its column sits in the middle of it, so that no
    // empty band runs below it on a tall screen.
    let lines = k.step_lines();
    let shown = lines.len().saturating_sub(k.attract_scroll);
    let spare = s.content.height.saturating_sub(shown as u16) / 2;
    let content = Rect {
        y: s.content.y + spare,
        height: s.content.height - spare,
        ..s.content
    };
    lines_in(frame, content, lines, k.attract_scroll, theme, amb);
    // The invitation: a bright band across the bottom, the loop's place at
    // its right end, and a reload problem above it.
    let band_style = theme.selected(true);
    frame.render_widget(Block::new().style(band_style), s.band);
    let middle = Rect {
        y: s.band.y + s.band.height / 2,
        height: 1,
        ..s.band
    };
    let mut invite = middle;
    if let Some(p) = k.progress() {
        let w = (crate::text::width::str_width(&p, amb) as u16 + 2).min(middle.width);
        let corner = Rect {
            x: middle.right() - w,
            width: w,
            ..middle
        };
        text_row(frame, corner, &p, (band_style, Alignment::Left), amb);
        // Centred on the band unless that runs into the loop's place; then
        // in the room left of it, a column apart.
        let invite_w = crate::text::width::str_width(strings::KIOSK_INVITE, amb);
        if usize::from(middle.width) < invite_w + 2 * usize::from(w) + 2 {
            invite.width = middle.width.saturating_sub(w + 1);
        }
    }
    text_row(
        frame,
        invite,
        strings::KIOSK_INVITE,
        (band_style, Alignment::Center),
        amb,
    );
    warning(k, frame, s.band, theme);
}

/// A reload problem, on the row above `below`.
fn warning(k: &Kiosk, frame: &mut Frame, below: Rect, theme: &Theme) {
    let amb = k.app.settings().ambiguous;
    if let Some(w) = &k.warning
        && below.y > 1
    {
        let row = Rect {
            y: below.y - 1,
            height: 1,
            ..below
        };
        // Over the reading column: what the text left on the row must go,
        // or it shows after the message (and may be cut by it).
        frame.render_widget(Clear, row);
        text_row(
            frame,
            row,
            &format!(" {w}"),
            (theme.bar(), Alignment::Left),
            amb,
        );
    }
}

fn reading(k: &Kiosk, frame: &mut Frame, area: Rect, theme: &Theme) {
    let amb = k.app.settings().ambiguous;
    let r = screen::reading(area);
    text_row(
        frame,
        r.header,
        &k.header(usize::from(area.width)),
        (theme.bar(), Alignment::Left),
        amb,
    );
    let column = k.app.answer_area_in(area);
    let (total, top) = match k.page() {
        Place::Library => library(k, frame, area, theme),
        Place::Outline => outline(k, frame, area, theme),
        Place::Item(i) => {
            let lines = k.app.layout(i).map_or(&[][..], |l| &l.lines[..]);
            page_in(frame, column, lines, &k.app.item_scroll(i), theme, amb);
            // 用語's terms are buttons: their lines in a button's colours.
            for (rect, target) in k.targets_in(area) {
                if let Target::Term(_) = target {
                    frame.buffer_mut().set_style(rect, theme.selected(false));
                }
            }
            (lines.len(), k.app.scroll(i))
        }
        Place::Clinic => {
            let lines = &k.app.clinic_page().body;
            page_in(
                frame,
                column,
                lines,
                &k.app.clinic_scroll_state(),
                theme,
                amb,
            );
            (lines.len(), k.app.clinic_scroll())
        }
    };
    let track = Rect {
        x: (column.right() + 1).min(area.right().saturating_sub(1)),
        width: 1,
        ..column
    };
    scrollbar(&k.app, frame, track, total, top);
    let pages = k.app.scroll_state();
    for (rect, target) in screen::buttons(r.buttons) {
        button(k, frame, rect, target, theme, &pages);
    }
    warning(k, frame, r.buttons, theme);
}

/// The outline as a column of whole buttons; returns its rows and scroll.
fn outline(k: &Kiosk, frame: &mut Frame, area: Rect, theme: &Theme) -> (usize, usize) {
    let entries = k.app.outline();
    for (rect, target) in k.targets_in(area) {
        let Target::Item(i) = target else { continue };
        touch_button(frame, rect, entries[i], theme);
    }
    let total = k.app.outline_rows().last().map_or(0, |r| r.1);
    (total, k.app.outline_scroll())
}

/// The library: each category's heading, and its articles as buttons.
fn library(k: &Kiosk, frame: &mut Frame, area: Rect, theme: &Theme) -> (usize, usize) {
    let amb = k.app.settings().ambiguous;
    let page = k.app.library_page();
    let slots = k.app.library_slots();
    for (rect, s) in k.library_boxes(area, &slots) {
        let lines = &page.lines[slots[s].lines.clone()];
        if slots[s].entry.is_some() {
            touch_button(frame, rect, lines, theme);
        } else {
            // A heading at the foot of its rows, over its first button.
            let text: Vec<TuiLine> = lines.iter().map(|l| styled(l, theme, &[], amb)).collect();
            let y = rect.bottom().saturating_sub(text.len() as u16).max(rect.y);
            let at = Rect {
                y,
                height: rect.bottom() - y,
                ..rect
            };
            frame.render_widget(Paragraph::new(text), at);
        }
    }
    let total = slots.last().map_or(0, |s| s.rows.1);
    (total, k.app.library_scroll())
}

/// A touch button of `lines`, filled, with its lines in its middle.
fn touch_button(frame: &mut Frame, rect: Rect, lines: &[Line], theme: &Theme) {
    let face = theme.selected(false);
    frame.render_widget(Block::new().style(face), rect);
    let text: Vec<TuiLine> = lines
        .iter()
        .map(|l| TuiLine::styled(l.text(), face))
        .collect();
    let pad = rect.height.saturating_sub(text.len() as u16) / 2;
    let inner = Rect {
        x: rect.x + 1,
        y: rect.y + pad,
        width: rect.width.saturating_sub(1),
        height: rect.height - pad,
    };
    frame.render_widget(Paragraph::new(text).style(face), inner);
}

fn button(k: &Kiosk, frame: &mut Frame, rect: Rect, target: Target, theme: &Theme, pages: &Scroll) {
    let amb = k.app.settings().ambiguous;
    let labels = match target {
        Target::PrevPage => strings::KIOSK_PREV,
        Target::NextPage => strings::KIOSK_NEXT,
        Target::Outline => strings::KIOSK_OUTLINE,
        Target::Clinic => strings::KIOSK_CLINIC,
        Target::Back => strings::KIOSK_BACK,
        Target::Furigana => strings::KIOSK_FURIGANA,
        Target::Item(_) | Target::Article(_) | Target::Notice(_) | Target::Term(_) => &[],
    };
    // Narrow buttons take a shorter word rather than a cut one.
    let room = usize::from(rect.width.saturating_sub(2));
    let fits = |l: &&&str| crate::text::width::str_width(l, amb) <= room;
    let label = (labels.iter().find(fits))
        .or(labels.last())
        .copied()
        .unwrap_or_default();
    // Lit: the place shown, or readings while they show.
    let here = matches!(
        (target, k.page()),
        (Target::Outline, Place::Outline | Place::Library) | (Target::Clinic, Place::Clinic)
    ) || (target == Target::Furigana && k.app.settings().furigana != Furigana::Off);
    // A page button that has nowhere to go is drawn dim: the end is reached.
    let spent = match target {
        Target::PrevPage => !pages.more(Dir::Back),
        Target::NextPage => !pages.more(Dir::Forward),
        _ => false,
    };
    let style = if here {
        theme.selected(true)
    } else if spent {
        theme.disabled()
    } else {
        theme.bar()
    };
    let mut block = Block::bordered()
        .border_set(border_set(k.app.settings().ambiguous))
        .style(style);
    // The next-page button says where the patient is: 2/3.
    if target == Target::NextPage && pages.count() > 1 {
        block = block.title_bottom(
            ratatui::text::Line::from(strings::page_position(pages.current(), pages.count()))
                .centered(),
        );
    }
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if inner.height > 0 {
        let middle = Rect {
            y: inner.y + inner.height / 2,
            height: 1,
            ..inner
        };
        text_row(frame, middle, label, (style, Alignment::Center), amb);
    }
}
