//! The article as Markdown, in the same format the content files use
//! (without the front matter): for tools that want markup, not layout.

use crate::content::model::{Article, Block, Inline, Item, ListItem};
use crate::strings;

fn inlines(text: &[Inline]) -> String {
    text.iter()
        .map(|i| {
            let t = match &i.link {
                Some(url) => format!("[{}]({})", i.text, destination(url)),
                None => i.text.clone(),
            };
            if i.strong { format!("**{t}**") } else { t }
        })
        .collect()
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

/// `--list --format markdown`: a list item per article.
pub fn list(articles: &[Article]) -> String {
    articles
        .iter()
        .map(|a| format!("- **{}** (`{}`)\n", a.title, a.slug))
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
        }
    }
    out
}
