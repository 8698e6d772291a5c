//! The items of an article as the reader shows them: the summary, each
//! question, the references; each laid out for the answer pane, named in
//! the outline, and as text for search.

pub use crate::content::Item;
use std::borrow::Cow;

use crate::content::{Article, Block, Inline};
use crate::layout::document::{self, DocOptions, Furigana};
use crate::layout::{Line, Policy, Role, Span, Style};
use crate::strings;

/// The article's items, as the outline lists them.
/// With readings shown, an article with `[[terms]]` ends with 用語: each
/// term with its reading, its plain words and where it is used.
pub fn items(article: &Article, furigana: Furigana) -> Vec<Item> {
    let glossary = furigana != Furigana::Off && !article.terms.is_empty();
    article
        .items()
        .chain(glossary.then_some(Item::Terms))
        .collect()
}

/// An item laid out for the answer pane, with the line each block starts on
/// (so a resize can keep the reader at the same paragraph).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ItemLayout {
    pub lines: Vec<Line>,
    pub anchors: Vec<usize>,
    /// Lines a page keeps together: each heading (the item's own and its
    /// sub-headings) with the first line of what follows it, and each ruby
    /// row with the line of its bases.
    pub keep: Vec<std::ops::Range<usize>>,
}

impl ItemLayout {
    /// The lines block `n` takes.
    pub(super) fn block(&self, n: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.anchors.get(n)?;
        let end = self.anchors.get(n + 1).copied().unwrap_or(self.lines.len());
        Some(start..end)
    }

    /// How much text the item holds, to time a kiosk step by.
    pub fn chars(&self) -> usize {
        self.lines.iter().map(|l| l.text().chars().count()).sum()
    }
}

pub fn layout_item(article: &Article, item: Item, opts: &DocOptions) -> ItemLayout {
    let head = document::item_heading(article, item, opts);
    let parts = document::item_parts(article, item, opts);
    let (lines, anchors) = document::stack(std::iter::once(head).chain(parts));
    let blocks: &[Block] = match item {
        Item::Summary => &article.summary,
        Item::Question(i) => &article.questions[i].answer,
        Item::References | Item::Terms => &[],
    };
    // Part 0 is the item's heading; part n + 1 is block n.
    let headed =
        |part: usize| part == 0 || matches!(blocks.get(part - 1), Some(Block::Heading { .. }));
    // A line of text with the ruby row above it, if it has one.
    let text_line = |n: usize| n + usize::from(lines.get(n).is_some_and(|l| l.ruby));
    let headings = (0..anchors.len().saturating_sub(1))
        .filter(|&part| headed(part))
        .map(|part| anchors[part]..text_line(anchors[part + 1]) + 1);
    let rows = (0..lines.len())
        .filter(|&n| lines[n].ruby)
        .map(|n| n..n + 2);
    let keep = headings.chain(rows).collect();
    ItemLayout {
        lines,
        anchors,
        keep,
    }
}

/// An item's text as search looks in it: a unit each heading, question,
/// paragraph, list item and reference, in the order the item shows them,
/// as runs with their inline ruby (the index gives `[[terms]]` their
/// readings), with none of the marks layout adds (Q1., bullets, numbers).
pub fn item_text(article: &Article, item: Item) -> Vec<Cow<'_, [Inline]>> {
    let plain = |text: &str| Cow::Owned(vec![Inline::plain(text)]);
    let mut out = Vec::new();
    let blocks = match item {
        Item::Summary => {
            out.push(plain(strings::SUMMARY));
            &article.summary[..]
        }
        Item::Question(i) => {
            let q = &article.questions[i];
            out.push(match q.title_ruby.is_empty() {
                true => plain(&q.title),
                false => Cow::Borrowed(&q.title_ruby[..]),
            });
            &q.answer[..]
        }
        Item::References => {
            out.push(plain(strings::REFERENCES));
            out.extend(article.references.iter().map(|r| plain(&r.citation())));
            &[]
        }
        // Search finds a term where the article uses it, not in the list.
        Item::Terms => &[],
    };
    for block in blocks {
        block.each_text(&mut |runs| out.push(Cow::Borrowed(runs)));
    }
    out
}

/// How the outline names a related article: 関連記事 and its title.
pub fn related_entry(other: &Article, opts: &DocOptions) -> Vec<Line> {
    let marker = Span::new(format!("{} ", strings::RELATED), Style::of(Role::Marker));
    let title = [Span::new(&other.title, Style::BODY)];
    document::hanging(marker, &title, Policy::Phrase, opts)
}

/// What the answer pane shows of a related article before it is opened:
/// its title and dates, its summary, and how to open it.
pub fn layout_related(other: &Article, opts: &DocOptions) -> ItemLayout {
    let open = vec![Span::new(strings::OPEN_RELATED, Style::of(Role::Muted))];
    let parts = std::iter::once(document::title(other, opts))
        .chain(document::item_parts(other, Item::Summary, opts))
        .chain(std::iter::once(document::plain(
            &open,
            Policy::Phrase,
            opts,
        )));
    let (lines, anchors) = document::stack(parts);
    ItemLayout {
        // The title with the first line after it.
        keep: std::iter::once(0..anchors.get(1).map_or(lines.len(), |&a| a + 1)).collect(),
        lines,
        anchors,
    }
}

/// How the outline names an item, laid out to its width: as its heading.
pub fn outline_entry(article: &Article, item: Item, opts: &DocOptions) -> Vec<Line> {
    document::item_heading(article, item, opts)
}
