//! Random documents laid out and printed at random widths: the layout's
//! promises stated as properties, with readings in every mode, inline or
//! on ruby rows.
//!
//! A short seeded run is part of `cargo test`. The heavy run:
//! `READER_FUZZ_CASES=100000 cargo test --release --test fuzz_layout`
//! (`READER_FUZZ_SEED=n` picks another seed).

use std::sync::LazyLock;

use proptest::prelude::*;

use reader::content::load_library;
use reader::content::model::{Article, Block, Inline, ListItem, Question};
use reader::layout::document::{self, DocOptions, Furigana, HEADING_MARK, MIN_WIDTH};
use reader::layout::{Ambiguous, Line, Policy};
use reader::output;
use reader::text::sanitize::is_stripped;
use reader::text::width::str_width;

#[path = "common/fuzz.rs"]
mod fuzz;

static BUNDLED: LazyLock<Article> =
    LazyLock::new(|| load_library(None).expect("bundled content").articles[0].clone());

/// Pieces of hostile and ordinary text: each kind the layout must measure or
/// keep whole (clusters, tokens), and each it must drop (controls).
fn piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "再手術",
        "の",
        "成功率を高めるために",
        "、",
        "。",
        "「",
        "」",
        "（",
        "）",
        "ー",
        "っ",
        "々",
        "……",
        "――",
        "39.5%",
        "27.10倍",
        " ",
        "  ",
        "Latin words ",
        "doi: 10.1007/S00701-012-1380-7",
        "https://www.researchgate.net/profile/Ayman-Galhom/publication/325274329",
        // ZWJ sequences, flags, a lone regional indicator, skin tones.
        "👨\u{200d}👩\u{200d}👧\u{200d}👦",
        "🏳\u{fe0f}\u{200d}🌈",
        "👩🏽\u{200d}💻",
        "🇯🇵",
        "🇯🇵🇺🇸",
        "🇯",
        "👍🏻",
        // Combining marks, stacked and on kana; a mark with no base.
        "e\u{301}",
        "a\u{300}\u{301}\u{302}\u{303}",
        "か\u{3099}",
        "\u{301}",
        // Variation selectors (emoji, text, ideographic).
        "❤\u{fe0f}",
        "☺\u{fe0e}",
        "葛\u{e0100}",
        "1\u{fe0f}\u{20e3}",
        // Hangul: a jamo syllable and a run of leading jamo.
        "\u{1100}\u{1161}\u{11a8}",
        "\u{1100}\u{1100}\u{1100}\u{1161}",
        "한국어",
        // Full-width and East Asian Ambiguous.
        "ＡＢＣ１２３",
        "•",
        "※",
        "○",
        "①",
        "─",
        "ｶﾀｶﾅ",
        // Zero-width and control characters.
        "\u{200d}",
        "\u{200b}",
        "\u{1b}[31m",
        "\t",
        "\n",
        "\u{202e}",
        "\u{9b}2J",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        8 => fixed,
        // A long Latin token: wider than most lines.
        1 => "[A-Za-z0-9./_-]{1,200}",
        1 => any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..8).prop_map(|v| v.concat())
}

fn inlines() -> impl Strategy<Value = Vec<Inline>> {
    prop::collection::vec(
        (
            text(),
            any::<bool>(),
            prop::option::weighted(0.2, "https://[a-z]{1,20}"),
            // Readings, some wider than any line.
            prop::option::weighted(0.3, "[ぁ-んー]{1,40}"),
        ),
        1..4,
    )
    .prop_map(|v| {
        v.into_iter()
            .map(|(text, strong, link, ruby)| Inline {
                text,
                strong,
                link,
                ruby,
            })
            .collect()
    })
}

/// A list whose first item is nested `depth` deep, with siblings on the way.
fn list() -> impl Strategy<Value = Block> {
    (
        0usize..=60,
        any::<bool>(),
        prop::collection::vec(inlines(), 1..13),
    )
        .prop_map(|(depth, ordered, texts)| {
            let mut item = ListItem {
                text: texts[0].clone(),
                children: Vec::new(),
            };
            for level in 0..depth {
                let sibling = ListItem {
                    text: texts[level % texts.len()].clone(),
                    children: Vec::new(),
                };
                item = ListItem {
                    text: texts[(level + 1) % texts.len()].clone(),
                    children: vec![item, sibling],
                };
            }
            let mut items = vec![item];
            items.extend(texts[1..].iter().map(|text| ListItem {
                text: text.clone(),
                children: Vec::new(),
            }));
            Block::List { ordered, items }
        })
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        3 => inlines().prop_map(|text| Block::Paragraph { text }),
        1 => inlines().prop_map(|text| Block::Heading { level: 3, text }),
        2 => list(),
    ]
}

fn options() -> impl Strategy<Value = DocOptions> {
    (
        MIN_WIDTH..=300,
        prop::sample::select(vec![Ambiguous::Narrow, Ambiguous::Wide]),
        prop::sample::select(vec![Policy::Normal, Policy::Phrase]),
        prop::sample::select(vec![Furigana::Off, Furigana::First, Furigana::All]),
        any::<bool>(),
    )
        .prop_map(|(width, ambiguous, body, furigana, ruby_rows)| DocOptions {
            ambiguous,
            body,
            furigana,
            ruby_rows,
            ..DocOptions::new(width)
        })
}

/// The bundled article with random title, summary, questions (up to 12, so
/// numbers reach two digits), and some of its references (up to 17, so
/// labels reach two digits) with random titles.
fn article() -> impl Strategy<Value = Article> {
    (
        text(),
        prop::collection::vec(block(), 0..4),
        prop::collection::vec((text(), prop::collection::vec(block(), 0..3)), 0..12),
        prop::collection::vec(text(), 0..=17),
    )
        .prop_map(|(title, summary, questions, refs)| {
            let mut a = BUNDLED.clone();
            a.title = title;
            a.summary = summary;
            a.questions = questions
                .into_iter()
                .map(|(title, answer)| Question {
                    title,
                    title_ruby: Vec::new(),
                    answer,
                })
                .collect();
            a.references.truncate(refs.len());
            for (r, title) in a.references.iter_mut().zip(refs) {
                r.title = title;
            }
            a
        })
}

fn check_lines(lines: &[Line], opts: &DocOptions) -> Result<(), TestCaseError> {
    for line in lines {
        let text = line.text();
        let measured = str_width(&text, opts.ambiguous);
        prop_assert!(
            measured <= opts.width && line.width <= opts.width,
            "{text:?} is {measured} wide (counted {}) at width {}",
            line.width,
            opts.width
        );
        prop_assert!(
            !text.chars().any(is_stripped),
            "control character in {text:?}"
        );
    }
    Ok(())
}

/// What must survive layout: the text with its U+0020 spaces (break
/// whitespace, indents) and control characters (dropped by design) removed.
fn visible(text: &str) -> String {
    text.chars()
        .filter(|&c| c != ' ' && !is_stripped(c))
        .collect()
}

fn plain(inlines: &[Inline]) -> String {
    inlines.iter().map(|i| i.text.as_str()).collect()
}

/// A list's markers and texts in reading order, as its lines must hold them.
fn list_text(items: &[ListItem], ordered: bool, depth: usize, out: &mut String) {
    for (n, item) in items.iter().enumerate() {
        let bullet = if depth == 0 { "・" } else { "-" };
        let mark = if ordered {
            format!("{}.", n + 1)
        } else {
            bullet.to_string()
        };
        out.push_str(&mark);
        out.push_str(&plain(&item.text));
        list_text(&item.children, false, depth + 1, out);
    }
}

fn block_text(block: &Block) -> String {
    match block {
        Block::Paragraph { text } => plain(text),
        Block::Heading { text, .. } => format!("{}{}", HEADING_MARK, plain(text)),
        Block::List { ordered, items } => {
            let mut out = String::new();
            list_text(items, *ordered, 0, &mut out);
            out
        }
    }
}

fn joined(lines: &[Line]) -> String {
    lines.iter().map(Line::text).collect()
}

proptest! {
    #![proptest_config(fuzz::config(16, 8))]

    #[test]
    fn no_line_is_wider_than_the_width_at_any_width(a in article(), opts in options()) {
        check_lines(&document::article(&a, &opts), &opts)?;
    }

    #[test]
    fn no_text_is_lost_but_spaces_and_controls(blocks in prop::collection::vec(block(), 1..4), n in 1usize..120, title in text(), opts in options()) {
        for b in &blocks {
            let lines = document::block(b, &opts);
            check_lines(&lines, &opts)?;
            prop_assert_eq!(visible(&joined(&lines)), visible(&block_text(b)));
        }
        let lines = document::question(n, &title, &opts);
        check_lines(&lines, &opts)?;
        prop_assert_eq!(visible(&joined(&lines)), visible(&format!("Q{n}.{title}")));
    }

    #[test]
    fn printed_text_fits_the_width_and_has_no_stray_control(a in article(), opts in options(), color in any::<bool>()) {
        let printed = output::text::render(&document::article(&a, &opts), color);
        for line in printed.lines() {
            // With colour on, the printer's own SGR sequences are the only
            // escapes; they take no columns.
            let shown = strip_sgr(line);
            prop_assert!(str_width(&shown, opts.ambiguous) <= opts.width, "{shown:?} at {}", opts.width);
            prop_assert!(!shown.chars().any(is_stripped), "control character in {line:?}");
        }
    }
}

/// `line` without `ESC [ digits/; m` sequences.
fn strip_sgr(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find("\u{1b}[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match after.find(|c: char| !(c.is_ascii_digit() || c == ';')) {
            Some(end) if after[end..].starts_with('m') => rest = &after[end + 1..],
            // Not an SGR: keep the ESC so the control check sees it.
            _ => {
                out.push('\u{1b}');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}
