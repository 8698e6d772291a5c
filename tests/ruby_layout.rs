//! Ruby rows (issue 21): random text with random readings laid out at
//! random widths from 10 to 300, and the rules stated as properties: no
//! line wider than the width, kinsoku, a base and its reading never split,
//! each reading over its base and clear of the others, and the text (less
//! the readings) kept in order. Then the fixture article in every mode at
//! every width, through the document layout.
//!
//! A short seeded run is part of `cargo test`; the heavy run:
//! `READER_FUZZ_CASES=100000 cargo test --release --test ruby_layout`
//! (`READER_FUZZ_SEED=n` picks another seed).

use std::ops::Range;
use std::sync::Arc;

use proptest::prelude::*;

use reader::content::load_library;
use reader::content::model::{Article, Item};
use reader::layout::breaks::{is_no_end, is_no_start};
use reader::layout::document::{self, DocOptions, Furigana};
use reader::layout::ruby::{self, GAP};
use reader::layout::wrap::WrapOptions;
use reader::layout::{Ambiguous, Line, Policy, Role, Span, Style};
use reader::strings;
use reader::text::width::str_width;

#[path = "common/fuzz.rs"]
mod fuzz;

/// Text as an article has it (kinsoku can always be kept at width 10):
/// non-starters follow ordinary characters.
fn words() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "再手術",
        "の",
        "成功率",
        "を",
        "高める",
        "ために",
        "です。",
        "ます、",
        "「原因」",
        "（SCS）",
        "コーヒー",
        "ちょっと",
        "人々",
        "は39.5%と",
        "Latin words ",
        "が",
    ]);
    prop::collection::vec(pieces, 0..4).prop_map(|v| v.concat())
}

/// A ruby base: one to `max` kanji.
fn base(max: usize) -> impl Strategy<Value = String> {
    let kanji = prop::sample::select(
        "腰椎根性痛偽関節癒合不全除圧術脊髄"
            .chars()
            .collect::<Vec<_>>(),
    );
    prop::collection::vec(kanji, 1..=max).prop_map(|v| v.into_iter().collect())
}

/// A reading of `max` characters at most, as content has them (kana, ー).
fn reading(max: usize) -> impl Strategy<Value = String> {
    let kana = prop::sample::select(
        "ようついこんせいつうぎかんせつゆごうふぜんじょあっーょ"
            .chars()
            .collect::<Vec<_>>(),
    );
    prop::collection::vec(kana, 1..=max.max(1)).prop_map(|v| v.into_iter().collect())
}

/// A paragraph of text and ruby bases (a run of bases side by side, as
/// per-character readings are, now and then), each unit of a base with its
/// reading inline narrower than `width`.
fn paragraph(width: usize) -> impl Strategy<Value = Vec<Span>> {
    // Kanji and kana are two columns; the parentheses take four.
    let max_base = ((width - 6) / 2).min(4);
    let max_reading = ((width - 4 - 2 * max_base) / 2).clamp(1, 8);
    let run = (
        words(),
        prop::collection::vec((base(max_base), reading(max_reading)), 0..3),
    );
    prop::collection::vec(run, 1..10).prop_map(|runs| {
        let mut spans = Vec::new();
        for (text, bases) in runs {
            if !text.is_empty() {
                spans.push(Span::new(text, Style::BODY));
            }
            for (b, r) in bases {
                spans.push(Span {
                    whole: true,
                    ruby: Some(Arc::from(r.as_str())),
                    ..Span::new(b, Style::BODY)
                });
            }
        }
        spans
    })
}

/// A paragraph, its width and policy, and the margin before it (a
/// bullet's or a question number's columns, which its ruby rows span).
fn case() -> impl Strategy<Value = (Vec<Span>, WrapOptions, usize)> {
    (
        10usize..=300,
        prop::sample::select(vec![Policy::Normal, Policy::Phrase]),
        0usize..=8,
    )
        .prop_flat_map(|(width, policy, margin)| {
            (
                paragraph(width),
                Just(WrapOptions::new(width).with_policy(policy)),
                Just(margin),
            )
        })
}

/// Where each reading of a ruby row is: (columns, text), left to right.
fn readings_of(row: &Line) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut col = 0;
    for span in &row.spans {
        let w = str_width(&span.text, Ambiguous::Narrow);
        if !span.text.trim().is_empty() {
            out.push((col..col + w, span.text.clone()));
        }
        col += w;
    }
    out
}

/// A text line's bases, those side by side as one: their columns and
/// their readings joined.
fn bases_of(line: &Line) -> Vec<(Range<usize>, String)> {
    let mut out: Vec<(Range<usize>, String)> = Vec::new();
    let (mut col, mut last) = (0, None);
    for (k, span) in line.spans.iter().enumerate() {
        let w = str_width(&span.text, Ambiguous::Narrow);
        if let Some(r) = &span.ruby {
            match out.last_mut() {
                Some(g) if last == Some(k) => {
                    g.0.end += w;
                    g.1.push_str(r);
                }
                _ => out.push((col..col + w, r.to_string())),
            }
            last = Some(k + 1);
        }
        col += w;
    }
    out
}

/// The (base, reading) pairs a paragraph's lines show, in order: over
/// their bases (rows begin `margin` columns before the text), or inline
/// after them; and the text less readings.
fn shown(lines: &[Line], margin: usize) -> Result<(Vec<(String, String)>, String), TestCaseError> {
    let mut pairs = Vec::new();
    let mut text = String::new();
    let mut row: Option<&Line> = None;
    for line in lines {
        if line.ruby {
            prop_assert!(row.is_none(), "two ruby rows one above the other");
            row = Some(line);
            continue;
        }
        let groups = bases_of(line);
        let placed = row.take().map(readings_of).unwrap_or_default();
        prop_assert_eq!(
            placed.len(),
            groups.len(),
            "a reading a group: {:?}",
            line.text()
        );
        let mut end = None;
        for ((at, reading), (base, joined)) in placed.iter().zip(&groups) {
            let base = base.start + margin..base.end + margin;
            prop_assert_eq!(reading, joined);
            // Over its base (or within it), clear of the one before.
            let covers = at.start <= base.start && at.end >= base.end;
            let within = at.start >= base.start && at.end <= base.end;
            prop_assert!(covers || within, "{reading} at {at:?} over {base:?}");
            prop_assert!(
                end.is_none_or(|e| at.start >= e + GAP),
                "{reading} at {at:?} after {end:?}"
            );
            end = Some(at.end);
        }
        for (k, span) in line.spans.iter().enumerate() {
            if let Some(r) = &span.ruby {
                pairs.push((span.text.clone(), r.to_string()));
            }
            if span.style.role == Role::Ruby {
                // Inline: right after its base, on the same line.
                let before = k.checked_sub(1).map(|b| &line.spans[b]);
                prop_assert!(
                    before.is_some_and(|b| b.whole && b.style.role != Role::Ruby),
                    "{:?} cut from its base",
                    line.text()
                );
                let r = span.text.trim_start_matches('（').trim_end_matches('）');
                pairs.push((before.unwrap().text.clone(), r.to_string()));
            } else {
                text.push_str(&span.text);
            }
        }
    }
    prop_assert!(row.is_none(), "a ruby row with no line under it");
    Ok((pairs, text))
}

fn visible(text: &str) -> String {
    text.chars().filter(|&c| c != ' ').collect()
}

proptest! {
    #![proptest_config(fuzz::config(256, 21))]

    #[test]
    fn readings_sit_over_their_bases_or_inline_and_nothing_is_lost((spans, opts, margin) in case()) {
        let lines = ruby::wrap_in(&spans, &opts, margin);
        for line in &lines {
            let width = opts.width + if line.ruby { margin } else { 0 };
            prop_assert!(line.width <= width, "{:?} is {} wide at {}", line.text(), line.width, width);
            prop_assert_eq!(line.width, str_width(&line.text(), Ambiguous::Narrow));
        }
        // Kinsoku on the lines of text.
        let text: Vec<String> = lines.iter().filter(|l| !l.ruby).map(Line::text).collect();
        for (i, line) in text.iter().enumerate() {
            if i > 0 {
                let first = line.chars().next().unwrap();
                prop_assert!(!is_no_start(first), "line starts with {first}: {text:?}");
            }
            if i + 1 < text.len() {
                let last = line.chars().last().unwrap();
                prop_assert!(!is_no_end(last), "line ends with {last}: {text:?}");
            }
        }
        let (pairs, kept) = shown(&lines, margin)?;
        let expected: Vec<(String, String)> = (spans.iter())
            .filter_map(|s| Some((s.text.clone(), s.ruby.as_deref()?.to_string())))
            .collect();
        prop_assert_eq!(pairs, expected, "every base with its reading, once, in order");
        let written: String = spans.iter().map(|s| s.text.as_str()).collect();
        prop_assert_eq!(visible(&kept), visible(&written));
    }

    #[test]
    fn readings_wider_than_the_line_end_inline_within_the_width(
        width in 10usize..40,
        spans in paragraph(300),
    ) {
        // Readings up to 16 columns at widths from 10: some have no room
        // on any row, and their units break as text.
        let opts = WrapOptions::new(width);
        for line in ruby::wrap(&spans, &opts) {
            prop_assert!(line.width <= width, "{:?} at {width}", line.text());
        }
    }
}

/// The fixture of the bundled article's own sentences with readings.
fn fixture() -> Article {
    let dir = std::path::Path::new("tests/fixtures/ruby");
    load_library(Some(dir)).unwrap().articles.remove(0)
}

#[test]
fn every_width_and_mode_keeps_the_rules_on_the_fixture() {
    let a = fixture();
    for furigana in [Furigana::Off, Furigana::First, Furigana::All] {
        let mut rows = 0;
        for width in 10..=300 {
            let opts = DocOptions {
                furigana,
                ruby_rows: true,
                ..DocOptions::new(width)
            };
            for item in a.items() {
                let mut lines = document::item_heading(&a, item, &opts);
                lines.extend(document::stack(document::item_parts(&a, item, &opts)).0);
                // Each reading over its base, a row over its line (rows
                // span the markers: columns count from the line's start),
                // where 軸性疼痛（じくせいとうつう） and a marker fit a line.
                if width >= 32 {
                    let (pairs, _) = shown(&lines, 0).unwrap();
                    let none = furigana == Furigana::Off || item == Item::References;
                    assert_eq!(pairs.is_empty(), none, "{width}: {item:?}");
                }
                for (n, line) in lines.iter().enumerate() {
                    assert!(line.width <= width, "{width}: {:?}", line.text());
                    if line.ruby {
                        rows += 1;
                        let under = lines.get(n + 1);
                        assert!(
                            under.is_some_and(|l| !l.ruby && !l.is_blank()),
                            "{width}: a row over nothing"
                        );
                    }
                }
                let text: Vec<String> = lines
                    .iter()
                    .filter(|l| !l.ruby && !l.is_blank())
                    .map(Line::text)
                    .collect();
                for pair in text.windows(2) {
                    let (end, start) = (
                        pair[0].chars().last().unwrap(),
                        pair[1].trim_start().chars().next().unwrap(),
                    );
                    // A list item's bullet starts its line.
                    assert!(
                        !is_no_end(end) && (start == '・' || !is_no_start(start)),
                        "{width}: {pair:?}"
                    );
                }
            }
        }
        assert_eq!(
            rows > 0,
            furigana != Furigana::Off,
            "{furigana:?}: {rows} ruby rows"
        );
    }
}

#[test]
fn printed_readings_stay_inline_as_before() {
    // Print never has ruby rows: 腰椎（ようつい）, whatever the width.
    let a = fixture();
    let opts = DocOptions {
        furigana: Furigana::All,
        ..DocOptions::new(80)
    };
    let lines = document::article(&a, &opts);
    assert!(lines.iter().all(|l| !l.ruby));
    let text: String = lines.iter().map(Line::text).collect();
    let inline = format!("腰椎{}", strings::inline_reading("ようつい"));
    assert!(text.contains(&inline), "{text}");
    assert!(
        !document::item_heading(&a, Item::Question(0), &opts)
            .iter()
            .any(|l| l.ruby)
    );
}
