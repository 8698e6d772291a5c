//! Prints the 10 MB article of 3,000 questions as `reader --article SLUG
//! --width 80` prints an article, for whole-process time and peak RSS
//! (issue 13); the binary's loader refuses files over 4 MiB, so the article
//! is built in memory. `cargo build --release --example print_large`, then
//! `/usr/bin/time -v target/release/examples/print_large > /dev/null`.
//! With `markdown` it prints the article's Markdown instead.

use std::io::Write;

use reader::layout::document::DocOptions;
use reader::output;

#[path = "../benches/support/large_article.rs"]
mod large_article;

fn main() -> std::io::Result<()> {
    let text = large_article::text();
    let mut out = std::io::stdout().lock();
    if std::env::args().nth(1).as_deref() == Some("markdown") {
        return out.write_all(text.as_bytes());
    }
    let article = large_article::article_from(&text);
    drop(text);
    // As the binary prints an article.
    let opts = DocOptions::new(80);
    let mut out = std::io::BufWriter::new(out);
    output::text::write_article(&mut out, &article, &opts, false)?;
    out.flush()
}
