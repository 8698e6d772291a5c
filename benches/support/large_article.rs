//! A 10 MB article for measuring (issue 13): the bundled article's front
//! matter and summary, then its six questions repeated until the text is
//! 10 MB, which takes 3,575 of them. Built in memory because the loader
//! refuses files over 4 MiB.

use reader::content::article::parse_article;
use reader::content::{Article, Library, load_library};

/// The article's size in bytes.
pub const BYTES: usize = 10_000_000;

/// The article's Markdown.
pub fn text() -> String {
    let source = include_str!("../../articles/revision-surgery.md");
    let (front, body) = source
        .split_once("\n## ")
        .expect("the bundled article has questions");
    let questions: Vec<&str> = body.split("\n## ").collect();
    let mut text = String::with_capacity(11 << 20);
    text.push_str(front);
    for q in questions.iter().cycle() {
        if text.len() >= BYTES {
            break;
        }
        text.push_str("\n## ");
        text.push_str(q);
    }
    text
}

/// The large article, parsed.
pub fn article() -> Article {
    article_from(&text())
}

pub fn article_from(text: &str) -> Article {
    parse_article("large.md", text).expect("the large article parses")
}

/// The bundled library with the large article in place of its own.
// Shared by the benches and the print example, which needs no library.
#[allow(dead_code)]
pub fn library() -> Library {
    let mut library = load_library(None).expect("bundled content");
    library.articles = vec![article()];
    library
}
