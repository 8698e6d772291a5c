//! Ruby rows: a reading drawn above its base, as printed Japanese sets
//! furigana, where the line has room; otherwise inline after its base, as
//! 腰椎（ようつい）. No terminal here: a ruby row is a [`Line`] marked
//! `ruby`, before the line of its bases.
//!
//! A pure step after line filling. The paragraph is wrapped with each ruby
//! base (a span with `ruby`) kept whole; then each line's readings are
//! placed on the row above it. A reading is centred over its base (bases
//! side by side, as per-character readings are, read as one group with
//! their readings joined); one wider than its base overhangs its
//! neighbours only where the row above them is free, and stays [`GAP`]
//! columns from the next reading and within the width. A reading that
//! cannot be placed so goes inline, and the paragraph is wrapped again:
//! each round puts at least one more reading inline, so it ends.

use std::borrow::Cow;
use std::ops::Range;

use super::style::{Line, Role, Span, Style};
use super::wrap::{WrapOptions, wrap_traced};
use crate::strings;
use crate::text::width::{Ambiguous, str_width};

/// Columns kept free between two readings, so that they read as two words.
pub const GAP: usize = 1;

/// `base` with its reading inline after it: the base kept whole and the
/// reading, in parentheses, glued to it.
pub fn inline(base: Span, reading: &str) -> [Span; 2] {
    let reading = Span {
        text: strings::inline_reading(reading),
        style: Style::of(Role::Ruby),
        link: base.link.clone(),
        whole: true,
        glued: true,
        ruby: None,
    };
    let base = Span {
        whole: true,
        ruby: None,
        ..base
    };
    [base, reading]
}

/// Bases side by side on a line, read as one: their columns, their
/// readings joined, and their spans in the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub base: Range<usize>,
    pub reading: String,
    pub width: usize,
    pub spans: Range<usize>,
}

/// The ruby groups of `line`, left to right.
pub fn groups(line: &Line, ambiguous: Ambiguous) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut col = 0;
    for (k, span) in line.spans.iter().enumerate() {
        let w = str_width(&span.text, ambiguous);
        if let Some(reading) = &span.ruby {
            let rw = str_width(reading, ambiguous);
            match out.last_mut() {
                Some(g) if g.spans.end == k => {
                    g.base.end += w;
                    g.reading.push_str(reading);
                    g.width += rw;
                    g.spans.end = k + 1;
                }
                _ => out.push(Group {
                    base: col..col + w,
                    reading: reading.to_string(),
                    width: rw,
                    spans: k..k + 1,
                }),
            }
        }
        col += w;
    }
    out
}

/// Where each group's reading starts on a row `width` columns wide, or
/// `None` for a reading that has no room there. Each reading covers its
/// base (or lies within it, when narrower), as near centred as the others
/// allow, [`GAP`] columns apart.
pub fn place(groups: &[Group], width: usize) -> Vec<Option<usize>> {
    let w = |n: usize| n as isize;
    // The starts each reading may take alone, and the centred one.
    let bounds: Vec<(isize, isize, isize)> = groups
        .iter()
        .map(|g| {
            let (b0, b1, rw) = (w(g.base.start), w(g.base.end), w(g.width));
            let lo = b0.min(b1 - rw).max(0);
            let hi = b0.max(b1 - rw).min(w(width) - rw);
            (lo, hi, b0 + (b1 - b0 - rw).div_euclid(2))
        })
        .collect();
    // Packed to the left: a reading with no room even so goes inline.
    let gap = w(GAP);
    let mut left: Vec<Option<isize>> = Vec::with_capacity(groups.len());
    let mut end: Option<isize> = None;
    for (g, &(lo, hi, _)) in groups.iter().zip(&bounds) {
        let start = end.map_or(lo, |e| lo.max(e + gap));
        let fits = start <= hi;
        left.push(fits.then_some(start));
        if fits {
            end = Some(start + w(g.width));
        }
    }
    // Packed to the right, among those placed: each reading's room.
    let mut right = vec![0; groups.len()];
    let mut next: Option<isize> = None;
    for k in (0..groups.len()).rev() {
        if left[k].is_some() {
            let hi = bounds[k].1;
            right[k] = next.map_or(hi, |n| hi.min(n - gap - w(groups[k].width)));
            next = Some(right[k]);
        }
    }
    // Each as near its centre as its room and the one before allow.
    let mut end: Option<isize> = None;
    (0..groups.len())
        .map(|k| {
            let first = left[k]?;
            let from = end.map_or(first, |e| first.max(e + gap));
            let start = bounds[k].2.clamp(from, right[k]);
            end = Some(start + w(groups[k].width));
            Some(start as usize)
        })
        .collect()
}

/// The ruby row of `groups` placed at `starts`, if any has a place.
fn row(groups: &[Group], starts: &[Option<usize>]) -> Option<Line> {
    let style = Style::of(Role::Ruby);
    let mut line = Line {
        ruby: true,
        ..Line::default()
    };
    for (g, start) in groups.iter().zip(starts) {
        let Some(start) = *start else { continue };
        if start > line.width {
            let spaces = " ".repeat(start - line.width);
            line.spans.push(Span::new(spaces, style));
        }
        line.spans.push(Span::new(g.reading.as_str(), style));
        line.width = start + g.width;
    }
    (!line.spans.is_empty()).then_some(line)
}

/// Lays styled text out in lines of at most `opts.width` columns, as
/// [`super::wrap::wrap`] does, with each ruby base's reading on a ruby row
/// above its line where it can be placed there, else inline after it.
pub fn wrap(spans: &[Span], opts: &WrapOptions) -> Vec<Line> {
    wrap_in(spans, opts, 0)
}

/// [`wrap`] for text that starts `margin` columns in (after a list's
/// bullet or a question's number): its ruby rows start at the margin's
/// left edge, so that a reading may overhang the columns before the text.
pub fn wrap_in(spans: &[Span], opts: &WrapOptions, margin: usize) -> Vec<Line> {
    if !spans.iter().any(|s| s.ruby.is_some()) {
        return super::wrap::wrap(spans, opts);
    }
    let (amb, width) = (opts.ambiguous, opts.width.max(1));
    // Inline from the start: a reading or base wider than any row.
    let mut inline: Vec<bool> = (spans.iter())
        .map(|s| {
            let wide = |t: &str| str_width(t, amb) > width;
            s.ruby.as_deref().is_some_and(|r| wide(r) || wide(&s.text))
        })
        .collect();
    let mut sources = Vec::new();
    loop {
        // The spans as wrapped this round, and where each comes from.
        let mut from = Vec::with_capacity(spans.len());
        let shown: Cow<[Span]> = if inline.iter().any(|&i| i) {
            let mut shown = Vec::with_capacity(spans.len() + 8);
            for (i, s) in spans.iter().enumerate() {
                match &s.ruby {
                    Some(reading) if inline[i] => {
                        shown.extend(self::inline(s.clone(), reading));
                        from.extend([i, i]);
                    }
                    _ => {
                        shown.push(s.clone());
                        from.push(i);
                    }
                }
            }
            Cow::Owned(shown)
        } else {
            from.extend(0..spans.len());
            Cow::Borrowed(spans)
        };
        sources.clear();
        let lines = wrap_traced(&shown, opts, Some(&mut sources));
        // A base broken across lines (only where nothing else fit: see
        // wrap's keep_whole) has no one place for its reading.
        let mut lines_of = vec![0u32; shown.len()];
        for &s in &sources {
            lines_of[s as usize] += 1;
        }
        let mut out = Vec::with_capacity(lines.len() * 2);
        let mut clashed = false;
        let mut at = 0;
        for line in lines {
            let line_sources = &sources[at..at + line.spans.len()];
            at += line.spans.len();
            let mut groups = groups(&line, amb);
            for g in &mut groups {
                g.base = g.base.start + margin..g.base.end + margin;
            }
            let starts = place(&groups, margin + width);
            for (g, start) in groups.iter().zip(&starts) {
                let broken = g
                    .spans
                    .clone()
                    .any(|k| lines_of[line_sources[k] as usize] > 1);
                if start.is_none() || broken {
                    clashed = true;
                    for k in g.spans.clone() {
                        inline[from[line_sources[k] as usize]] = true;
                    }
                }
            }
            if !clashed {
                out.extend(row(&groups, &starts));
                out.push(line);
            }
        }
        if !clashed {
            return out;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(text: &str, reading: &str) -> Span {
        Span {
            whole: true,
            ruby: Some(reading.into()),
            ..Span::new(text, Style::BODY)
        }
    }

    fn texts(lines: &[Line]) -> Vec<(bool, String)> {
        lines.iter().map(|l| (l.ruby, l.text())).collect()
    }

    #[test]
    fn a_reading_sits_centred_over_its_base() {
        let spans = [
            Span::new("第", Style::BODY),
            base("腰椎", "ようつい"),
            Span::new("の再手術", Style::BODY),
        ];
        let lines = wrap(&spans, &WrapOptions::new(40));
        // 腰椎 takes columns 2..6; ようつい, 8 wide, 0..8.
        assert_eq!(
            texts(&lines),
            [
                (true, "ようつい".to_string()),
                (false, "第腰椎の再手術".to_string())
            ]
        );
        let spans = [Span::new("第三", Style::BODY), base("腰椎", "よう")];
        let lines = wrap(&spans, &WrapOptions::new(40));
        assert_eq!(lines[0].text(), "    よう", "within its base");
    }

    #[test]
    fn readings_that_would_touch_go_inline() {
        // ようつい over 腰椎 and こんせいつう over 根性痛 need 8 + 1 + 12
        // columns over 4 + 2 + 6: the second goes inline.
        let spans = [
            Span::new("あ", Style::BODY),
            base("腰椎", "ようつい"),
            Span::new("の", Style::BODY),
            base("根性痛", "こんせいつう"),
        ];
        let lines = wrap(&spans, &WrapOptions::new(60));
        assert_eq!(
            texts(&lines),
            [
                (true, "ようつい".to_string()),
                (false, "あ腰椎の根性痛（こんせいつう）".to_string())
            ]
        );
        // With room between them, both go above.
        let spans = [
            base("腰椎", "ようつい"),
            Span::new("からくる", Style::BODY),
            base("根性痛", "こんせいつう"),
        ];
        let lines = wrap(&spans, &WrapOptions::new(60));
        assert_eq!(lines[0].text(), "ようつい こんせいつう");
        assert!(lines[0].ruby && !lines[1].ruby);
    }

    #[test]
    fn per_character_readings_are_read_as_one_group() {
        let spans = [
            Span::new("これは", Style::BODY),
            base("偽", "ぎ"),
            base("関", "かん"),
            base("節", "せつ"),
        ];
        let lines = wrap(&spans, &WrapOptions::new(40));
        // 偽関節 at 6..12; ぎかんせつ, 10 wide, centred: 4..14.
        assert_eq!(lines[0].text(), "    ぎかんせつ");
    }

    #[test]
    fn a_reading_wider_than_the_line_goes_inline_and_may_break() {
        let spans = [base("腰", "ようついようつい")];
        let lines = wrap(&spans, &WrapOptions::new(10));
        assert!(lines.iter().all(|l| !l.ruby && l.width <= 10));
        assert_eq!(
            lines.iter().map(Line::text).collect::<String>(),
            "腰（ようついようつい）"
        );
    }

    #[test]
    fn placement_moves_a_reading_off_centre_to_make_room() {
        let g = |base: Range<usize>, width| Group {
            base,
            reading: String::new(),
            width,
            spans: 0..1,
        };
        // 腰椎 at 10..14 (ようつい, 8), の, 根性痛 at 16..22 (12): the
        // first moves a column left of centre, the second three right.
        let starts = place(&[g(10..14, 8), g(16..22, 12)], 40);
        assert_eq!(starts, [Some(7), Some(16)]);
        // At the line's start a reading begins over its base.
        assert_eq!(place(&[g(0..4, 8)], 40), [Some(0)]);
        // At its end it ends there.
        assert_eq!(place(&[g(36..40, 8)], 40), [Some(32)]);
        assert_eq!(place(&[g(0..2, 12)], 10), [None]);
    }
}
