//! Where each part of the kiosk's screen goes, as pure functions of the
//! terminal's size: the view draws into these areas and a touch is looked
//! up in the same ones.

use ratatui::layout::{Position, Rect};

use super::digits;
use crate::tui::panes::{KIOSK_BUTTON_ROWS, column};

/// What a touch asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    PrevPage,
    NextPage,
    Outline,
    Clinic,
    Back,
    /// Readings on or off.
    Furigana,
    /// An entry of the outline: the summary, a question, the references,
    /// a related article.
    Item(usize),
    /// An entry of the library.
    Article(usize),
    /// A notice on the clinic page that opens an article (an index into
    /// its `articles`).
    Notice(usize),
    /// A term of the 用語 item, which goes to where the article uses it.
    Term(usize),
}

/// The row of touch buttons, left to right.
pub const BUTTONS: [Target; 6] = [
    Target::PrevPage,
    Target::Outline,
    Target::Clinic,
    Target::Furigana,
    Target::Back,
    Target::NextPage,
];

/// Below this the kiosk shows only its name, the time and a request for a
/// larger window.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 16;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The buttons side by side along `row`, each an equal share of it.
pub fn buttons(row: Rect) -> Vec<(Rect, Target)> {
    let n = BUTTONS.len() as u16;
    let w = row.width / n;
    let spare = row.width - w * n;
    let mut x = row.x;
    BUTTONS
        .iter()
        .enumerate()
        .map(|(i, &t)| {
            // The spare columns go to the middle buttons, a column each.
            let extra =
                u16::from((i as u16) >= (n - spare) / 2 && (i as u16) < (n - spare) / 2 + spare);
            let r = Rect {
                x,
                width: w + extra,
                ..row
            };
            x += r.width;
            (r, t)
        })
        .collect()
}

/// The reading screen: the header row, the reading column, the buttons.
pub struct Reading {
    pub header: Rect,
    pub buttons: Rect,
}

pub fn reading(area: Rect) -> Reading {
    let rows = KIOSK_BUTTON_ROWS.min(area.height.saturating_sub(1));
    Reading {
        header: Rect { height: 1, ..area },
        buttons: Rect {
            y: area.bottom().saturating_sub(rows),
            height: rows,
            ..area
        },
    }
}

/// The idle screen: the big clock and the clinic's name and status above,
/// the loop's text in a reading column, an invitation to touch below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Idle {
    pub hero: Rect,
    /// The big clock's size in cells and its scale; none where it and the
    /// text beside it do not fit, and the text stands alone.
    pub clock: Option<(u16, u16, u16)>,
    pub content: Rect,
    pub band: Rect,
    /// The big font the name and the status word are drawn in (its index
    /// in the fonts given), and where each goes, where they fit.
    pub font: Option<usize>,
    pub name: Option<Rect>,
    pub status: Option<Rect>,
}

/// A big font's rows, and the columns the clinic's name and the status word
/// take in it (none where a glyph is missing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BigWords {
    pub rows: u16,
    pub cols: [Option<u16>; 2],
}

/// Rows of the invitation band.
const BAND_ROWS: u16 = 3;

/// Columns between the big clock and the text beside it.
pub const CLOCK_GAP: u16 = 4;

/// The idle screen for `rows` lines of text `beside` columns wide: the clock
/// as large as the screen allows with the text beside it whole and half the
/// height left for the loop.
///
/// From [`BIG`] up, the clinic's name above and the status word below the
/// clock are drawn large too, in one of `fonts` (largest first): the
/// largest the name fits in, else the largest the status word fits in.
pub fn idle(area: Rect, measure_cols: u16, rows: u16, beside: u16, fonts: &[BigWords]) -> Idle {
    let big = area.width >= BIG.0 && area.height >= BIG.1;
    let fits = |w: Option<u16>| w.filter(|&w| big && w + 4 <= area.width);
    let font = (0..2).find_map(|word| fonts.iter().position(|f| fits(f.cols[word]).is_some()));
    let (word_rows, [name_w, status_w]) = font.map_or((0, [None, None]), |i| {
        (fonts[i].rows + 1, fonts[i].cols.map(fits))
    });
    let name = name_w.map(|w| Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + 1,
        width: w,
        height: word_rows - 1,
    });
    let top = area.y + name.map_or(0, |_| word_rows);
    let status_rows = status_w.map_or(0, |_| word_rows);
    let room = area.bottom().saturating_sub(top + status_rows);
    let clock = (1..=4).rev().find_map(|s| {
        let (w, h) = digits::size("00:00", s);
        let fits = w + CLOCK_GAP + beside + 4 <= area.width && h * 2 + BAND_ROWS + 2 <= room;
        fits.then_some((w, h, s))
    });
    let hero_h = clock.map_or(rows, |(_, h, _)| h) + 2;
    let hero = Rect {
        y: top,
        height: hero_h.min(room),
        ..area
    };
    let status = status_w.map(|w| Rect {
        x: area.x + (area.width - w) / 2,
        y: hero.bottom(),
        width: w,
        height: word_rows - 1,
    });
    let above = status.map_or(hero.bottom(), |s| s.bottom() + 1);
    let band_h = BAND_ROWS.min(area.bottom().saturating_sub(above));
    let band = Rect {
        y: area.bottom() - band_h,
        height: band_h,
        ..area
    };
    let middle = Rect {
        x: area.x + 2,
        y: above,
        width: area.width.saturating_sub(4),
        height: band.y.saturating_sub(above),
    };
    Idle {
        hero,
        clock,
        content: column(middle, measure_cols),
        band,
        font,
        name,
        status,
    }
}

/// From this size (columns, rows) the idle screen draws the clinic's name
/// and the status word large.
pub const BIG: (u16, u16) = (160, 45);

/// Where the take-home QR code goes beside the reading `column`: the
/// right-hand margin, when the code fits there. Its foot is at the
/// column's; it may rise above the column's top up to `ceiling`, where
/// nothing else is drawn in the margin but `beside` (the idle screen's big
/// status word), which it must clear.
pub fn qr_spot(
    area: Rect,
    column: Rect,
    size: (u16, u16),
    ceiling: u16,
    beside: Option<Rect>,
) -> Option<Rect> {
    let (w, h) = size;
    let right = area.right().saturating_sub(1);
    let spot = Rect {
        x: right.checked_sub(w)?,
        y: column.bottom().checked_sub(h)?,
        width: w,
        height: h,
    };
    let fits = right >= column.right() + 2 + w
        && spot.y >= ceiling.min(column.y)
        && beside.is_none_or(|b| !b.intersects(spot));
    fits.then_some(spot)
}

/// Rows a 目次 button may grow by to fill its page.
const MAX_GROWTH: u16 = 4;

/// The outline's buttons as touch targets: each entry's `rows` (its lines
/// with a blank row above and below, one row apart, as the model lays the
/// kiosk's outline out), scrolled by `scroll` rows. Only buttons wholly
/// inside `area` are there, so that no page shows a cut button; the rows a
/// page has spare go to its buttons for which `grows` holds (a few each),
/// so a large screen gets larger buttons rather than an empty half.
pub fn outline_boxes(
    area: Rect,
    rows: &[(usize, usize)],
    scroll: usize,
    grows: impl Fn(usize) -> bool,
) -> Vec<(Rect, usize)> {
    let whole: Vec<(Rect, usize)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, &(start, end))| {
            let top = start.checked_sub(scroll)?;
            let height = end - start;
            let fits = height > 0 && top + height <= usize::from(area.height);
            fits.then(|| {
                let rect = Rect {
                    y: area.y + top as u16,
                    height: height as u16,
                    ..area
                };
                (rect, i)
            })
        })
        .collect();
    let (Some(first), Some(last)) = (whole.first(), whole.last()) else {
        return whole;
    };
    // From the top of the area (a button cut there is left out), the spare
    // rows shared.
    let shift = first.0.y - area.y;
    let spare = area.bottom() - (last.0.bottom() - shift);
    let growing = whole.iter().filter(|&&(_, i)| grows(i)).count().max(1);
    let grow = (spare / growing as u16).min(MAX_GROWTH);
    let mut moved = 0;
    whole
        .iter()
        .map(|&(r, i)| {
            let by = if grows(i) { grow } else { 0 };
            let rect = Rect {
                y: r.y - shift + moved,
                height: r.height + by,
                ..r
            };
            moved += by;
            (rect, i)
        })
        .collect()
}

/// The target under a touch at `at`, among `targets`.
pub fn hit(targets: &[(Rect, Target)], at: Position) -> Option<Target> {
    targets
        .iter()
        .find(|(r, _)| r.contains(at))
        .map(|&(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_fill_the_row_and_are_big_enough_for_a_finger() {
        for width in [80u16, 120, 191, 240] {
            let row = Rect::new(0, 21, width, 3);
            let b = buttons(row);
            assert_eq!(b.len(), BUTTONS.len());
            assert_eq!(b.iter().map(|(r, _)| r.width).sum::<u16>(), width);
            assert!(b.iter().all(|(r, _)| r.width >= 8 && r.height >= 3));
            assert!(b.windows(2).all(|w| w[0].0.right() == w[1].0.x));
        }
    }

    #[test]
    fn the_idle_clock_grows_with_the_screen() {
        let small = idle(Rect::new(0, 0, 80, 24), 80, 4, 28, &[]);
        let large = idle(Rect::new(0, 0, 240, 70), 80, 4, 28, &[]);
        assert_eq!(small.clock.map(|c| c.2), Some(1));
        assert!(large.clock.is_some_and(|c| c.2 >= 2));
        // Too narrow for the clock and the text: the text alone, whole.
        let narrow = idle(Rect::new(0, 0, 60, 20), 80, 4, 28, &[]);
        assert_eq!(narrow.clock, None);
        assert_eq!(narrow.hero.height, 6);
        assert!(small.content.height >= 10, "{small:?}");
        assert_eq!(large.content.width, 80);
        assert!(large.content.x > 60, "centred: {large:?}");
    }

    #[test]
    fn the_qr_code_rises_from_the_column_only_into_a_free_margin() {
        let area = Rect::new(0, 0, 160, 50);
        let column = Rect::new(40, 36, 80, 11);
        let spot = Rect::new(126, 30, 33, 17);
        assert_eq!(qr_spot(area, column, (33, 17), 24, None), Some(spot));
        assert_eq!(
            qr_spot(area, column, (33, 10), 36, None).map(|r| r.y),
            Some(37)
        );
        // Not above its ceiling, over the status word, or past the column.
        assert_eq!(qr_spot(area, column, (33, 17), 31, None), None);
        let status = Rect::new(47, 24, 88, 11);
        assert_eq!(qr_spot(area, column, (33, 17), 24, Some(status)), None);
        assert_eq!(qr_spot(area, column, (39, 10), 24, None), None);
    }

    #[test]
    fn outline_boxes_are_whole_and_scroll() {
        let area = Rect::new(10, 1, 60, 8);
        // Entries of one, two and one lines: rows 0..3, 4..8, 9..12.
        let rows = [(0, 3), (4, 8), (9, 12)];
        let boxes = outline_boxes(area, &rows, 0, |_| true);
        assert_eq!(
            boxes,
            vec![(Rect::new(10, 1, 60, 3), 0), (Rect::new(10, 5, 60, 4), 1)]
        );
        // Scrolled a row: the first is cut at the top, the third would be
        // cut at the bottom; neither shows, and the second moves up and
        // takes the spare rows.
        let scrolled = outline_boxes(area, &rows, 1, |_| true);
        assert_eq!(scrolled, vec![(Rect::new(10, 1, 60, 8), 1)]);
        // A tall area: every button grows by the same rows, a few at most.
        let tall = outline_boxes(Rect::new(10, 1, 60, 20), &rows, 0, |_| true);
        assert_eq!(
            tall.iter()
                .map(|(r, _)| (r.y, r.height))
                .collect::<Vec<_>>(),
            [(1, 5), (7, 6), (14, 5)]
        );
        let huge = outline_boxes(Rect::new(10, 1, 60, 60), &rows, 0, |_| true);
        assert!(huge.iter().all(|(r, _)| r.height <= 4 + MAX_GROWTH));
        // A slot that does not grow (a heading) keeps its rows; the others
        // share the spare ones.
        let fixed = outline_boxes(Rect::new(10, 1, 60, 20), &rows, 0, |i| i != 0);
        assert_eq!(
            fixed
                .iter()
                .map(|(r, _)| (r.y, r.height))
                .collect::<Vec<_>>(),
            [(1, 3), (5, 8), (14, 7)]
        );
        let at = Position::new(20, 5);
        let targets: Vec<(Rect, Target)> = scrolled
            .iter()
            .map(|&(r, i)| (r, Target::Item(i)))
            .collect();
        assert_eq!(hit(&targets, at), Some(Target::Item(1)));
    }
}
