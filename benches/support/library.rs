//! A library of 200 generated articles of about 25 kB each, 5 MB in all
//! (issue 20, Scale), made from the bundled article's own text: no medical
//! text is written here. Each article is the bundled one under another
//! slug and title (its title and a number), a category named by a word of
//! its own text (or none, for その他), a published date, some `related`
//! slugs and `featured = true`; its body is its summary and its questions
//! from a different one each time, fewer or repeated to make its size.
//! Unlike the tests' generator (tests/common/library.rs) its `[[terms]]`
//! stay, so search by reading (ようつい) has readings to find.

use std::path::Path;

/// The bundled article's source.
const BUNDLED: &str = include_str!("../../articles/revision-surgery.md");

/// Articles in the library.
pub const ARTICLES: usize = 200;

/// Categories: words of the bundled article's own text; `None` is その他.
const CATEGORIES: [Option<&str>; 9] = [
    Some("腰痛"),
    Some("再手術"),
    Some("感染症"),
    Some("リハビリ"),
    Some("治療法"),
    Some("入院"),
    Some("神経"),
    Some("禁煙"),
    None,
];

/// Article `i`'s slug.
pub fn slug(i: usize) -> String {
    format!("article-{i:03}")
}

/// Article `i`'s Markdown: between 20 and 30 kB, 25 kB on average.
pub fn article(i: usize) -> String {
    let rest = BUNDLED.strip_prefix("+++\n").expect("front matter");
    let (front, body) = rest.split_once("\n+++\n").expect("closing +++");
    let (summary, questions) = body.split_once("\n## ").expect("questions");
    let questions: Vec<&str> = questions.split("\n## ").collect();
    let mut out = String::from("+++\n");
    for line in front.lines() {
        if line.starts_with("slug = ") {
            out.push_str(&format!("slug = \"{}\"\n", slug(i)));
        } else if let Some(title) = line.strip_prefix("title = \"") {
            // The article's own title: the first title line, before any
            // reference's.
            if !out.contains("\ntitle = ") {
                let title = title.trim_end_matches('"');
                out.push_str(&format!("title = \"{title}（{}）\"\n", i + 1));
                if let Some(c) = CATEGORIES[i % CATEGORIES.len()] {
                    out.push_str(&format!("category = \"{c}\"\n"));
                }
                // Every third article names one to three others.
                if i.is_multiple_of(3) {
                    let related: Vec<String> = [1, 7, 50][..1 + i / 3 % 3]
                        .iter()
                        .map(|d| format!("\"{}\"", slug((i + d) % ARTICLES)))
                        .collect();
                    out.push_str(&format!("related = [{}]\n", related.join(", ")));
                }
                if i.is_multiple_of(10) {
                    out.push_str("featured = true\n");
                }
            } else {
                out.push_str(line);
                out.push('\n');
            }
        } else if line.starts_with("published = ") {
            out.push_str(&format!(
                "published = 2025-{:02}-{:02}\n",
                1 + i % 12,
                1 + i % 28
            ));
        } else if !line.starts_with("category = ") {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str("+++\n");
    out.push_str(summary);
    // 20.0 to 30.0 kB, spread over the articles.
    let target = 20_000 + (i * 37 % 101) * 100;
    for (n, q) in questions.iter().cycle().skip(i).enumerate() {
        // The question that brings the size nearest the target.
        if n > 0 && out.len() + q.len() / 2 >= target {
            break;
        }
        out.push_str("\n## ");
        out.push_str(q);
    }
    out
}

/// Writes the library into `dir` as `slug.md` files; returns their bytes.
pub fn write(dir: &Path) -> usize {
    (0..ARTICLES)
        .map(|i| {
            let text = article(i);
            std::fs::write(dir.join(format!("{}.md", slug(i))), &text)
                .expect("the article is written");
            text.len()
        })
        .sum()
}

/// A temporary directory holding the library, and its bytes.
pub fn dir() -> (tempfile::TempDir, usize) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let bytes = write(dir.path());
    (dir, bytes)
}
