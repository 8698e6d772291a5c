//! Layout throughput and the time to print the article as a whole process.
//! `cargo bench --bench layout`; the README quotes its figures.

use std::hint::black_box;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use reader::content::load_library;
use reader::content::model::{Block, plain_text};
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

fn main() {
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
