//! Laid-out lines as plain text, with ANSI styles when colour is on.

use crate::content::model::Article;
use crate::layout::document::{self, DocOptions};
use crate::layout::{Line, Role, Style};
use crate::strings;

fn sgr(style: Style) -> &'static str {
    match (style.role, style.strong) {
        (Role::Title, _) => "\x1b[1;4m",
        (Role::Question, _) => "\x1b[1;36m",
        (Role::Heading, _) => "\x1b[1;33m",
        (Role::Muted | Role::Ruby, _) => "\x1b[2m",
        (Role::Link, true) => "\x1b[1;4m",
        (Role::Link, false) => "\x1b[4m",
        (Role::Marker, _) => "\x1b[36m",
        (Role::Sunday, _) => "\x1b[31m",
        (Role::Saturday, _) => "\x1b[34m",
        (Role::Today, _) => "\x1b[7m",
        (Role::Emphasis, _) => "\x1b[1;32m",
        (Role::Body, true) => "\x1b[1m",
        (Role::Body, false) => "",
    }
}

/// `--list`: a `slug<TAB>category<TAB>date<TAB>title` line per article,
/// the date being the update's, else the publication's.
pub fn list(articles: &[&Article]) -> String {
    (articles.iter())
        .map(|a| {
            let category = strings::category(a);
            format!("{}\t{category}\t{}\t{}\n", a.slug, a.date(), a.title)
        })
        .collect()
}

/// One line of text, trailing spaces removed.
pub fn line(line: &Line, color: bool) -> String {
    let mut out = String::new();
    push_line(&mut out, line, color);
    out
}

/// Appends one line of text to `out`, trailing spaces removed.
fn push_line(out: &mut String, line: &Line, color: bool) {
    let from = out.len();
    for span in &line.spans {
        let code = if color { sgr(span.style) } else { "" };
        out.push_str(code);
        out.push_str(&span.text);
        if !code.is_empty() {
            out.push_str("\x1b[0m");
        }
    }
    if !color {
        let end = from + out[from..].trim_end().len();
        out.truncate(end);
    }
}

pub fn render(lines: &[Line], color: bool) -> String {
    let mut out = String::new();
    for l in lines {
        push_line(&mut out, l, color);
        out.push('\n');
    }
    out
}

/// Writes lines as [`render`] makes them, one buffer reused for every line.
pub fn write<'a>(
    out: &mut impl std::io::Write,
    lines: impl IntoIterator<Item = &'a Line>,
    color: bool,
) -> std::io::Result<()> {
    let mut buf = String::new();
    for l in lines {
        buf.clear();
        push_line(&mut buf, l, color);
        buf.push('\n');
        out.write_all(buf.as_bytes())?;
    }
    Ok(())
}

/// Articles with fewer questions than this are laid out on one thread:
/// parts are the unit of work shared, and starting threads would cost a
/// short article more than they save.
const PARALLEL_FROM: usize = 64;

/// Parts laid out ahead of the writer: a long article is never held laid
/// out whole (the 10 MB article prints in under 60 MB).
const BATCH: usize = 64;

/// Writes the whole article as [`document::article_parts`] lays it out. A
/// long article is laid out on every core the process may use, a batch of
/// parts at a time, and written in order.
pub fn write_article(
    out: &mut impl std::io::Write,
    article: &Article,
    opts: &DocOptions,
    color: bool,
) -> std::io::Result<()> {
    let parts = document::part_count(article);
    let threads = if article.questions.len() >= PARALLEL_FROM {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    } else {
        1
    };
    // On one thread a part is written as soon as it is laid out, so that
    // the next reuses its memory instead of touching new pages.
    let batch = if threads == 1 { 1 } else { BATCH };
    let mut start = 0;
    while start < parts {
        let end = (start + batch).min(parts);
        let laid_out = in_parallel(threads, start..end, |i| {
            document::article_part(article, i, opts)
        });
        for part in &laid_out {
            write(out, part, color)?;
        }
        start = end;
    }
    Ok(())
}

/// `make(i)` for each `i` of `range`, in order, computed on `threads`
/// threads (this one among them) that each take the next `i` when free.
fn in_parallel<T: Send>(
    threads: usize,
    range: std::ops::Range<usize>,
    make: impl Fn(usize) -> T + Sync,
) -> Vec<T> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(range.start);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= range.end {
                return done;
            }
            done.push((i, make(i)));
        }
    };
    let mut done: Vec<(usize, T)> = std::thread::scope(|s| {
        let helpers: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut done = work();
        for helper in helpers {
            // A panic in a helper is a panic here, as it would be on one thread.
            done.extend(
                helper
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
        done
    });
    done.sort_unstable_by_key(|&(i, _)| i);
    done.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::article::parse_article;

    /// The bundled article with its questions repeated `n` times.
    fn article_of(repeats: usize) -> Article {
        let source = include_str!("../../articles/revision-surgery.md");
        let (front, body) = source.split_once("\n## ").unwrap();
        let body = format!("\n## {body}");
        parse_article("long.md", &format!("{front}{}", body.repeat(repeats))).unwrap()
    }

    #[test]
    fn a_long_article_laid_out_on_several_threads_reads_as_on_one() {
        let article = article_of(20);
        assert!(article.questions.len() >= PARALLEL_FROM);
        let opts = DocOptions::new(60);
        let mut one = Vec::new();
        for part in document::article_parts(&article, &opts) {
            write(&mut one, &part, true).unwrap();
        }
        let mut several = Vec::new();
        write_article(&mut several, &article, &opts, true).unwrap();
        assert_eq!(String::from_utf8(one), String::from_utf8(several));
    }

    #[test]
    fn parts_come_back_in_order_whatever_thread_made_them() {
        for threads in 1..5 {
            let out = in_parallel(threads, 3..40, |i| {
                // Later parts finish first.
                std::thread::sleep(std::time::Duration::from_micros(40 - i as u64));
                i
            });
            assert_eq!(out, (3..40).collect::<Vec<_>>());
        }
    }

    #[test]
    #[should_panic(expected = "part 7")]
    fn a_panic_on_another_thread_is_a_panic_here() {
        in_parallel(3, 0..16, |i| assert!(i != 7, "part 7"));
    }
}
