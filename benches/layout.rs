//! Layout throughput, whole-article layout, the time to print the article as
//! a whole process, and the parse and layout growth curves, timed by divan (`cargo bench --bench layout`, or `-- wrap` for one group);
//! and, printed first, figures that are not timings: how many heading and
//! body line breaks fall inside a phrase, how full body lines are, and how
//! many paragraphs end on a line of one or two characters, and the growth
//! curve's time and peak RSS, each size laid out in a process of its own.
//! The README quotes these figures.

use std::hint::black_box;
use std::process::{Command, Stdio};
use std::sync::LazyLock;

use divan::Bencher;
use divan::counter::BytesCount;

use reader::content::article::parse_article;
use reader::content::model::{Block, Inline, ListItem, plain_text};
use reader::content::{Library, load_library};
use reader::layout::document::{self, DocOptions, Furigana};
use reader::layout::quality::{Quality, body_items, line_starts, phrase_bounds};
use reader::layout::{Policy, Span, Style, WrapOptions, wrap};

#[path = "../tests/common/readings.rs"]
mod readings;

static LIBRARY: LazyLock<Library> = LazyLock::new(|| load_library(None).expect("bundled content"));

/// The article's paragraphs (summary and answers) as plain text.
static PARAGRAPHS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let article = &LIBRARY.articles[0];
    article
        .questions
        .iter()
        .flat_map(|q| q.answer.iter())
        .chain(article.summary.iter())
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(plain_text(text)),
            _ => None,
        })
        .collect()
});

fn main() {
    if let Ok(spec) = std::env::var(growth_curve::CHILD) {
        growth_curve::one_in_this_process(&spec);
        return;
    }
    phrase_breaks(&LIBRARY.articles[0]);
    body_breaks();
    growth_curve::peak_rss();
    divan::main();
}

/// Every paragraph of the article laid out at `width`, in MB/s of its text.
fn wrap_paragraphs(bencher: Bencher, policy: Policy, width: usize) {
    let spans: Vec<Vec<Span>> = PARAGRAPHS
        .iter()
        .map(|p| vec![Span::new(p.as_str(), Style::BODY)])
        .collect();
    let bytes: usize = PARAGRAPHS.iter().map(String::len).sum();
    let opts = WrapOptions::new(width).with_policy(policy);
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for s in &spans {
            black_box(wrap(black_box(s), &opts));
        }
    });
}

/// Layout with the normal policy (UAX #14 and kinsoku), the body's default.
#[divan::bench(args = [40, 80])]
fn wrap_normal(bencher: Bencher, width: usize) {
    wrap_paragraphs(bencher, Policy::Normal, width);
}

/// Layout with the phrase policy (BudouX on every paragraph); headings only by default.
#[divan::bench(args = [40, 80])]
fn wrap_phrase(bencher: Bencher, width: usize) {
    wrap_paragraphs(bencher, Policy::Phrase, width);
}

/// Layout when every paragraph needs grapheme segmenting (one emoji in it
/// turns the fast path off), against the same text without: normal policy,
/// width 80.
#[divan::bench(args = ["one cluster a char", "segmented"])]
fn wrap_segmented(bencher: Bencher, what: &str) {
    let suffix = if what == "segmented" { "👍🏽" } else { "" };
    let spans: Vec<Vec<Span>> = PARAGRAPHS
        .iter()
        .map(|p| vec![Span::new(format!("{p}{suffix}"), Style::BODY)])
        .collect();
    let bytes: usize = spans.iter().map(|s| s[0].text.len()).sum();
    let opts = WrapOptions::new(80);
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for s in &spans {
            black_box(wrap(black_box(s), &opts));
        }
    });
}

/// The whole article laid out as the screen and the printer show it.
#[divan::bench(args = [80, 200])]
fn whole_article(bencher: Bencher, width: usize) {
    let article = &LIBRARY.articles[0];
    let opts = DocOptions::new(width);
    bencher.bench(|| black_box(document::article(black_box(article), &opts)));
}

/// The same with readings for the article's commonest words, every one
/// shown: above its word on a ruby row (the screen) or inline (print).
#[divan::bench(args = ["rows", "inline"])]
fn whole_article_ruby(bencher: Bencher, placed: &str) {
    let library = readings::with_common_readings(LIBRARY.clone());
    let article = &library.articles[0];
    let opts = DocOptions {
        furigana: Furigana::All,
        ruby_rows: placed == "rows",
        ..DocOptions::new(80)
    };
    bencher.bench(|| black_box(document::article(black_box(article), &opts)));
}

/// `reader --article revision-surgery --width 80` as a whole process.
#[divan::bench]
fn print_article_process() {
    let status = Command::new(env!("CARGO_BIN_EXE_reader"))
        .args(["--article", "revision-surgery", "--width", "80"])
        .stdout(Stdio::null())
        .status()
        .expect("reader runs");
    assert!(status.success());
}

/// Of the line breaks in questions and sub-headings at widths 10–60, how
/// many fall inside a BudouX phrase, with each policy.
fn phrase_breaks(article: &reader::content::Article) {
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
            let bounds = phrase_bounds(&chars);
            for width in 10..=60 {
                let lines = wrap(
                    &[Span::new(text.as_str(), Style::BODY)],
                    &WrapOptions::new(width).with_policy(policy),
                );
                for at in line_starts(text, &lines) {
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

/// The article's paragraphs and list items at 40, 60 and 80 columns, as
/// `layout::quality` counts them: breaks inside a phrase, fill, and last
/// lines of one or two characters (`examples/break_quality.rs` prints the
/// same as the README's table, with Chromium's rows).
fn body_breaks() {
    let items = body_items(&LIBRARY.articles[0]);
    for width in [40, 60, 80] {
        for policy in [Policy::Normal, Policy::Phrase] {
            let q = Quality::of_policy(&items, width, policy);
            println!(
                "body breaks at {width}, {policy:?} policy: {} of {} inside a phrase ({:.1}%), fill {:.1}%, {} last lines of 1–2 characters",
                q.inside,
                q.breaks,
                q.inside_percent(),
                q.fill_percent(),
                q.short_last_lines,
            );
        }
    }
}

/// Parse time against input size (issue 8: parsing is linear), at 1, 2, 4
/// and 8 MB: the bundled article's questions repeated, and a paragraph of
/// `**a**` pairs. Parsed in memory: the loader refuses files over 4 MiB.
mod parse_curve {
    use super::*;

    /// An article of about `mb` MB: the bundled front matter, then `unit`
    /// repeated (after a question heading when `unit` is no question).
    fn article_of(unit: &str, mb: usize) -> String {
        let source = include_str!("../articles/revision-surgery.md");
        let (front, _) = source
            .split_once("\n## ")
            .expect("the bundled article has questions");
        let size = mb * 1024 * 1024;
        let mut text = String::with_capacity(size + front.len() + 64);
        text.push_str(front);
        if !unit.starts_with("\n## ") {
            text.push_str("\n## q\n\n");
        }
        while text.len() < size {
            text.push_str(unit);
        }
        text.push('\n');
        text
    }

    fn parse(bencher: Bencher, text: &str) {
        bencher
            .counter(BytesCount::of_str(text))
            .bench(|| black_box(parse_article("curve.md", black_box(text)).expect("parses")));
    }

    /// The article's own questions and answers, repeated.
    #[divan::bench(args = [1, 2, 4, 8], sample_count = 5, sample_size = 1)]
    fn article_text(bencher: Bencher, mb: usize) {
        let source = include_str!("../articles/revision-surgery.md");
        let (_, body) = source
            .split_once("\n## ")
            .expect("the bundled article has questions");
        parse(bencher, &article_of(&format!("\n## {body}"), mb));
    }

    /// One paragraph of `**a**` pairs (quadratic before issue 8's fix).
    #[divan::bench(args = [1, 2, 4, 8], sample_count = 5, sample_size = 1)]
    fn strong_pairs(bencher: Bencher, mb: usize) {
        parse(bencher, &article_of("**a**", mb));
    }
}

/// Layout time against article size: 1, 2, 4 and 8 MB of the bundled
/// article's answers repeated, as many paragraphs and lists (as written) and
/// as one paragraph (as a hostile file could have it), under both policies.
/// Linear means 8 MB within 10× the time of 1 MB (compare the `fastest`
/// column: the machine is shared, and a slower run measures the neighbours).
mod growth_curve {
    use super::*;

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

    /// About `mb` MB of the article's answers, as they are or as one paragraph.
    fn blocks(mb: usize, one_paragraph: bool) -> Vec<Block> {
        let article = &LIBRARY.articles[0];
        let answers: Vec<Block> = article
            .questions
            .iter()
            .flat_map(|q| q.answer.iter().cloned())
            .collect();
        let size: usize = mb << 20;
        if one_paragraph {
            let one_copy: String = answers
                .iter()
                .filter_map(|b| match b {
                    Block::Paragraph { text } => Some(plain_text(text)),
                    _ => None,
                })
                .collect();
            vec![Block::Paragraph {
                text: vec![Inline {
                    text: one_copy.repeat(size.div_ceil(one_copy.len())),
                    strong: false,
                    link: None,
                    ruby: None,
                }],
            }]
        } else {
            let copy_bytes: usize = answers.iter().map(text_bytes).sum();
            answers
                .iter()
                .cycle()
                .take(answers.len() * size.div_ceil(copy_bytes))
                .cloned()
                .collect()
        }
    }

    /// The variable that makes this bench lay out one article and report.
    pub const CHILD: &str = "READER_GROWTH_RSS";

    /// Each policy and shape at 1, 2, 4 and 8 MB: time and peak RSS, each
    /// laid out in a process of its own (this bench run again), since a
    /// process's peak only grows.
    pub fn peak_rss() {
        for policy in ["normal", "phrase"] {
            for shape in ["paragraphs", "one paragraph"] {
                let figures: Vec<String> = [1, 2, 4, 8]
                    .iter()
                    .map(|mb| {
                        let out = Command::new(std::env::current_exe().expect("this bench"))
                            .env(CHILD, format!("{policy},{shape},{mb}"))
                            .output()
                            .expect("the bench runs again");
                        assert!(out.status.success(), "{policy} {shape} {mb} MB failed");
                        format!("{mb} MB: {}", String::from_utf8_lossy(&out.stdout).trim())
                    })
                    .collect();
                println!("growth, {policy} policy, {shape}: {}", figures.join("; "));
            }
        }
    }

    /// Lays out the article `spec` ("policy,shape,mb") names and prints the
    /// time it took and the process's peak RSS (VmHWM, which includes the
    /// article itself).
    pub fn one_in_this_process(spec: &str) {
        let [policy, shape, mb] = spec.split(',').collect::<Vec<_>>()[..] else {
            panic!("{CHILD} is policy,shape,mb: {spec}");
        };
        let policy = if policy == "phrase" {
            Policy::Phrase
        } else {
            Policy::Normal
        };
        let blocks = blocks(mb.parse().expect("MB"), shape == "one paragraph");
        let opts = DocOptions {
            body: policy,
            ..DocOptions::new(80)
        };
        let start = std::time::Instant::now();
        let lines = document::blocks(&blocks, &opts);
        let took = start.elapsed();
        let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
        let peak = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .expect("VmHWM in /proc/self/status")
            .trim();
        println!("{} ms, peak RSS {peak}", took.as_millis());
        black_box(lines);
    }

    fn lay_out(bencher: Bencher, policy: Policy, mb: usize, one_paragraph: bool) {
        let blocks = blocks(mb, one_paragraph);
        let opts = DocOptions {
            body: policy,
            ..DocOptions::new(80)
        };
        bencher
            .counter(BytesCount::new(mb << 20))
            .bench(|| black_box(document::blocks(black_box(&blocks), &opts)));
    }

    #[divan::bench(args = [1, 2, 4, 8], sample_count = 3, sample_size = 1)]
    fn normal_paragraphs(bencher: Bencher, mb: usize) {
        lay_out(bencher, Policy::Normal, mb, false);
    }

    #[divan::bench(args = [1, 2, 4, 8], sample_count = 3, sample_size = 1)]
    fn normal_one_paragraph(bencher: Bencher, mb: usize) {
        lay_out(bencher, Policy::Normal, mb, true);
    }

    #[divan::bench(args = [1, 2, 4, 8], sample_count = 3, sample_size = 1)]
    fn phrase_paragraphs(bencher: Bencher, mb: usize) {
        lay_out(bencher, Policy::Phrase, mb, false);
    }

    #[divan::bench(args = [1, 2, 4, 8], sample_count = 3, sample_size = 1)]
    fn phrase_one_paragraph(bencher: Bencher, mb: usize) {
        lay_out(bencher, Policy::Phrase, mb, true);
    }
}
