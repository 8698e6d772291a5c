//! Layout throughput and the time to print the article as a whole process.
//! `cargo bench --bench layout`; the README quotes its figures.

use std::hint::black_box;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use reader::content::article::parse_article;
use reader::content::load_library;
use reader::content::model::{Block, Inline, ListItem, plain_text};
use reader::layout::breaks::{is_no_end, is_no_start};
use reader::layout::document::{self, DocOptions};
use reader::layout::{Policy, Span, Style, WrapOptions, wrap};

/// Median seconds per call of `f`, over batches filling about `budget`.
fn median_secs(budget: Duration, mut f: impl FnMut()) -> f64 {
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed() < budget || samples.len() < 5 {
        let t = Instant::now();
        f();
        samples.push(t.elapsed().as_secs_f64());
    }
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// Of the line breaks in questions and sub-headings at widths 10–60, how
/// many fall inside a BudouX phrase, with each policy.
fn phrase_breaks(article: &reader::content::Article) {
    let parser = budouy::model::load_default_japanese_parser();
    let mut texts: Vec<String> = article.questions.iter().map(|q| q.title.clone()).collect();
    for q in &article.questions {
        for b in &q.answer {
            if let Block::Heading { text, .. } = b {
                texts.push(plain_text(text));
            }
        }
    }
    for policy in [Policy::Normal, Policy::Phrase] {
        let (mut breaks, mut inside, mut forced) = (0, 0, 0);
        for text in &texts {
            let chars: Vec<char> = text.chars().collect();
            // A phrase boundary before a closing mark (…ですか|?) is no place to
            // break: kinsoku keeps the mark with its phrase.
            let mut bounds: Vec<usize> = parser
                .parse_boundaries(text)
                .into_iter()
                .filter(|&b| !is_no_start(chars[b]) && !is_no_end(chars[b - 1]))
                .collect();
            bounds.insert(0, 0);
            bounds.push(chars.len());
            for width in 10..=60 {
                let lines = wrap(
                    &[Span::new(text.as_str(), Style::BODY)],
                    &WrapOptions::new(width).with_policy(policy),
                );
                let mut at = 0;
                for line in &lines[..lines.len().saturating_sub(1)] {
                    at += line.text().chars().count();
                    breaks += 1;
                    if !bounds.contains(&at) {
                        inside += 1;
                        // Forced: the phrase around the break is wider than the line.
                        let start = bounds.iter().rev().find(|&&b| b < at).copied().unwrap_or(0);
                        let end = bounds
                            .iter()
                            .find(|&&b| b > at)
                            .copied()
                            .unwrap_or(chars.len());
                        let phrase: String = chars[start..end].iter().collect();
                        if reader::text::width::str_width(
                            &phrase,
                            reader::layout::Ambiguous::Narrow,
                        ) > width
                        {
                            forced += 1;
                        }
                    }
                }
            }
        }
        println!(
            "headings, {policy:?} policy: {inside} of {breaks} line breaks inside a phrase ({:.0}%), {forced} of them where the phrase is wider than the line",
            100.0 * inside as f64 / breaks.max(1) as f64
        );
    }
}

/// Layout throughput when every paragraph needs grapheme segmenting (one
/// emoji in it turns the fast path off), against the same text without.
fn segmented_throughput(paragraphs: &[String]) {
    for (what, suffix) in [("one cluster a char", ""), ("segmented", "👍🏽")] {
        let spans: Vec<Vec<Span>> = paragraphs
            .iter()
            .map(|p| vec![Span::new(format!("{p}{suffix}"), Style::BODY)])
            .collect();
        let bytes: usize = spans.iter().map(|s| s[0].text.len()).sum();
        let opts = WrapOptions::new(80);
        let secs = median_secs(Duration::from_secs(2), || {
            for s in &spans {
                black_box(wrap(black_box(s), &opts));
            }
        });
        println!(
            "layout Normal width 80, {what}: {:.1} MB/s",
            bytes as f64 / secs / 1e6
        );
    }
}

/// Bytes of text in a block, list items included.
fn text_bytes(block: &Block) -> usize {
    fn items(list: &[ListItem]) -> usize {
        list.iter()
            .map(|i| plain_text(&i.text).len() + items(&i.children))
            .sum()
    }
    match block {
        Block::Paragraph { text } | Block::Heading { text, .. } => plain_text(text).len(),
        Block::List { items: list, .. } => items(list),
    }
}

/// Layout time against article size: 1, 2, 4 and 8 MB of the bundled
/// article's answers repeated, as many paragraphs and lists (as written) and
/// as one paragraph (as a hostile file could have it), under both policies.
/// Linear means 8 MB within 10× the time of 1 MB.
fn layout_growth_curve(article: &reader::content::Article) {
    let answers: Vec<Block> = article
        .questions
        .iter()
        .flat_map(|q| q.answer.iter().cloned())
        .collect();
    let one_copy: String = answers
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(plain_text(text)),
            _ => None,
        })
        .collect();
    let copy_bytes: usize = answers.iter().map(text_bytes).sum();
    for policy in [Policy::Normal, Policy::Phrase] {
        let opts = DocOptions {
            body: policy,
            ..DocOptions::new(80)
        };
        for shape in ["paragraphs", "one paragraph"] {
            let mut first = None;
            let mut row = Vec::new();
            for mb in [1, 2, 4, 8] {
                let size: usize = mb << 20;
                let blocks: Vec<Block> = match shape {
                    "paragraphs" => answers
                        .iter()
                        .cycle()
                        .take(answers.len() * size.div_ceil(copy_bytes))
                        .cloned()
                        .collect(),
                    _ => vec![Block::Paragraph {
                        text: vec![Inline {
                            text: one_copy.repeat(size.div_ceil(one_copy.len())),
                            strong: false,
                            link: None,
                        }],
                    }],
                };
                // The fastest of three: the machine is shared, and a
                // slower run measures the neighbours, not the layout.
                let secs = (0..3)
                    .map(|_| {
                        let t = Instant::now();
                        black_box(document::blocks(black_box(&blocks), &opts));
                        t.elapsed().as_secs_f64()
                    })
                    .fold(f64::INFINITY, f64::min);
                let base = *first.get_or_insert(secs);
                row.push(format!(
                    "{mb} MB {:.0} ms ({:.1}×)",
                    secs * 1e3,
                    secs / base
                ));
            }
            println!("growth, {policy:?} policy, {shape}: {}", row.join(", "));
        }
    }
}

/// Parse time against input size (issue 8: parsing is linear): the bundled
/// article's questions repeated, and a paragraph of `**a**` pairs, at 1, 2, 4
/// and 8 MB. Parsed in memory: the loader refuses files over 4 MiB.
fn parse_curve() {
    let source = include_str!("../articles/revision-surgery.md");
    let (front, body) = source
        .split_once("\n## ")
        .expect("the bundled article has questions");
    let questions = format!("\n## {body}");
    for (name, unit) in [
        ("article text", questions.as_str()),
        ("**a** pairs", "**a**"),
    ] {
        let mut line = format!("parse curve, {name}:");
        for mb in [1, 2, 4, 8] {
            let size = mb * 1024 * 1024;
            let mut text = String::with_capacity(size + front.len() + 64);
            text.push_str(front);
            if unit == "**a**" {
                text.push_str("\n## q\n\n");
            }
            while text.len() < size {
                text.push_str(unit);
            }
            text.push('\n');
            let secs = median_secs(Duration::from_secs(3), || {
                black_box(parse_article("curve.md", black_box(&text)).expect("parses"));
            });
            line.push_str(&format!(
                " {mb} MB {:.0} ms ({:.1} MB/s);",
                secs * 1e3,
                mb as f64 / secs
            ));
        }
        println!("{}", line.trim_end_matches(';'));
    }
}

fn main() {
    parse_curve();
    let lib = load_library(None).expect("bundled content");
    let article = &lib.articles[0];
    let paragraphs: Vec<String> = article
        .questions
        .iter()
        .flat_map(|q| q.answer.iter())
        .chain(article.summary.iter())
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(plain_text(text)),
            _ => None,
        })
        .collect();
    let bytes: usize = paragraphs.iter().map(String::len).sum();
    let spans: Vec<Vec<Span>> = paragraphs
        .iter()
        .map(|p| vec![Span::new(p.as_str(), Style::BODY)])
        .collect();

    for policy in [Policy::Normal, Policy::Phrase] {
        for width in [40, 80] {
            let opts = WrapOptions::new(width).with_policy(policy);
            let secs = median_secs(Duration::from_secs(2), || {
                for s in &spans {
                    black_box(wrap(black_box(s), &opts));
                }
            });
            println!(
                "layout {policy:?} width {width}: {:.1} MB/s ({bytes} bytes of Japanese text in {:.3} ms)",
                bytes as f64 / secs / 1e6,
                secs * 1e3
            );
        }
    }

    for width in [80, 200] {
        let opts = DocOptions::new(width);
        let secs = median_secs(Duration::from_secs(1), || {
            black_box(document::article(black_box(article), &opts));
        });
        println!(
            "whole article laid out at width {width}: {:.3} ms",
            secs * 1e3
        );
    }

    phrase_breaks(article);
    segmented_throughput(&paragraphs);
    layout_growth_curve(article);

    let exe = env!("CARGO_BIN_EXE_reader");
    let secs = median_secs(Duration::from_secs(2), || {
        let status = Command::new(exe)
            .args(["--article", "revision-surgery", "--width", "80"])
            .stdout(Stdio::null())
            .status()
            .expect("reader runs");
        assert!(status.success());
    });
    println!(
        "print the article (whole process, {exe}): {:.2} ms",
        secs * 1e3
    );
}
