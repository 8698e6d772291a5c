//! The article as Markdown, in the same format the content files use
//! (without the front matter): for tools that want markup, not layout.

use crate::content::model::{Article, Block, Inline, Item, ListItem};
use crate::strings;

/// Runs as the content files write them: bold and links around each run
/// of one style, ruby as `{腰椎|ようつい}`, and per-character readings
/// (runs of one character each) as `{偽関節|ぎ|かん|せつ}`.
fn inlines(text: &[Inline]) -> String {
    let mono = |r: &Inline| r.ruby.is_some() && r.text.chars().nth(1).is_none();
    let mut out = String::new();
    for styled in text.chunk_by(|a, b| a.strong == b.strong && a.link == b.link) {
        let mut t = String::new();
        for group in styled.chunk_by(|a, b| mono(a) && mono(b)) {
            match group {
                [plain @ Inline { ruby: None, .. }] => t.push_str(&plain.text.replace('{', "\\{")),
                [one] => t.push_str(&format!(
                    "{{{}|{}}}",
                    one.text,
                    one.ruby.as_deref().unwrap_or_default()
                )),
                chars => {
                    let base: String = chars.iter().map(|r| r.text.as_str()).collect();
                    let readings: Vec<&str> =
                        chars.iter().filter_map(|r| r.ruby.as_deref()).collect();
                    t.push_str(&format!("{{{base}|{}}}", readings.join("|")));
                }
            }
        }
        let Some(first) = styled.first() else {
            continue;
        };
        if let Some(url) = &first.link {
            t = format!("[{t}]({})", destination(url));
        }
        out.push_str(&if first.strong { format!("**{t}**") } else { t });
    }
    out
}

/// A destination as Markdown reads it back: in `<…>` when a space or a
/// parenthesis would end the plain form early. The loader has already made
/// it a clean web or mail address.
fn destination(url: &str) -> String {
    if url.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", url.replace('<', "\\<").replace('>', "\\>"))
    } else {
        url.to_string()
    }
}

fn items(out: &mut String, list: &[ListItem], ordered: bool, depth: usize) {
    for (n, item) in list.iter().enumerate() {
        let mark = if ordered {
            format!("{}.", n + 1)
        } else {
            "-".into()
        };
        out.push_str(&format!(
            "{}{mark} {}\n",
            "  ".repeat(depth),
            inlines(&item.text)
        ));
        items(out, &item.children, false, depth + 1);
    }
}

pub fn blocks(out: &mut String, blocks: &[Block]) {
    for b in blocks {
        match b {
            Block::Paragraph { text } => out.push_str(&format!("{}\n\n", inlines(text))),
            Block::Heading { level, text } => out.push_str(&format!(
                "{} {}\n\n",
                "#".repeat(usize::from(*level)),
                inlines(text)
            )),
            Block::List {
                ordered,
                items: list,
            } => {
                items(out, list, *ordered, 0);
                out.push('\n');
            }
        }
    }
}

/// `--list --format markdown`: a list item per article, with its slug,
/// category and date (the update's, else the publication's).
pub fn list(articles: &[&Article]) -> String {
    (articles.iter())
        .map(|a| {
            let category = strings::category(a);
            format!(
                "- **{}** (`{}`): {category}, {}\n",
                a.title,
                a.slug,
                a.date()
            )
        })
        .collect()
}

pub fn article(a: &Article, only: Option<usize>) -> String {
    let mut out = format!("# {}\n\n{}: {}\n", a.title, strings::PUBLISHED, a.published);
    if let Some(u) = a.updated {
        out.push_str(&format!("{}: {u}\n", strings::UPDATED));
    }
    out.push('\n');
    let shown = a
        .items()
        .filter(|&item| only.is_none_or(|o| item == Item::Question(o)));
    for item in shown {
        match item {
            // The text before the first `##` is the summary, as in the source.
            Item::Summary => blocks(&mut out, &a.summary),
            Item::Question(i) => {
                let q = &a.questions[i];
                out.push_str(&format!("## {}\n\n", q.title));
                blocks(&mut out, &q.answer);
            }
            Item::References => {
                out.push_str(&format!("## {}\n\n", strings::REFERENCES));
                for (i, r) in a.references.iter().enumerate() {
                    out.push_str(&format!("{}. {}\n", i + 1, r.citation()));
                }
            }
            // Not among an article's items: its terms are in the front matter.
            Item::Terms => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::article::parse_article;

    #[test]
    fn ruby_and_literal_braces_read_back_as_they_were() {
        let source = "+++\nslug = \"a\"\ntitle = \"t\"\npublished = 2026-01-01\n+++\n## q\n\n{腰椎|ようつい}と**{偽関節|ぎ|かん|せつ}**、\\{a|b}と[{骨|ほね}](https://e.jp/)\n";
        let a = parse_article("a.md", source).unwrap();
        let printed = article(&a, Some(0));
        assert!(
            printed.contains(
                "{腰椎|ようつい}と**{偽関節|ぎ|かん|せつ}**、\\{a|b}と[{骨|ほね}](https://e.jp/)"
            ),
            "{printed}"
        );
        let again = parse_article(
            "a.md",
            &format!(
                "+++\nslug = \"a\"\ntitle = \"t\"\npublished = 2026-01-01\n+++\n{}",
                printed
                    .split_once("\n## ")
                    .map(|(_, q)| format!("## {q}"))
                    .unwrap()
            ),
        )
        .unwrap();
        assert_eq!(again.questions, a.questions);
    }
}
