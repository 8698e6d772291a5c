//! The library page: a clinic's articles grouped by category, each with its
//! title, date and number of questions. No terminal here: the reader draws
//! it as a list to choose from, the kiosk as touch buttons.

use std::ops::Range;

use super::breaks::Policy;
use super::document::{DocOptions, hanging, heading};
use super::style::{Line, Role, Span, Style};
use crate::content::Library;
use crate::strings;

/// The library laid out to a width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LibraryPage {
    pub lines: Vec<Line>,
    /// Each entry, in the order listed: its article and its lines.
    pub entries: Vec<Entry>,
    /// Lines a page keeps together: a category's heading with its first
    /// entry, and each entry.
    pub keep: Vec<Range<usize>>,
    /// Each category: its heading's lines and its entries.
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub heading: Range<usize>,
    /// Indices into [`LibraryPage::entries`].
    pub entries: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Index into [`Library::articles`].
    pub article: usize,
    pub lines: Range<usize>,
}

impl LibraryPage {
    /// The entry listing article `article`.
    pub fn entry_of(&self, article: usize) -> Option<usize> {
        self.entries.iter().position(|e| e.article == article)
    }

    /// The entry drawn on line `line`, if any.
    pub fn entry_at(&self, line: usize) -> Option<usize> {
        self.entries.iter().position(|e| e.lines.contains(&line))
    }
}

/// An article's entry: its title, then its date and questions, muted.
pub fn entry(library: &Library, article: usize, opts: &DocOptions) -> Vec<Line> {
    let a = &library.articles[article];
    let mut lines = hanging(
        Span::new("・", Style::of(Role::Marker)),
        &[Span::new(&a.title, Style::BODY.strong())],
        Policy::Phrase,
        opts,
    );
    let about = strings::library_entry_about(a);
    let indent = Span::new("　", Style::of(Role::Muted));
    lines.extend(hanging(
        indent,
        &[Span::new(about, Style::of(Role::Muted))],
        Policy::Phrase,
        opts,
    ));
    lines
}

/// The library grouped by category, with counts.
pub fn page(library: &Library, opts: &DocOptions) -> LibraryPage {
    let mut out = LibraryPage::default();
    for (n, shelf) in library.shelves().into_iter().enumerate() {
        if n > 0 {
            out.lines.push(Line::default());
        }
        let name = shelf.category.unwrap_or(strings::OTHER_CATEGORY);
        let head = out.lines.len();
        out.lines.extend(heading(
            &strings::category_heading(name, shelf.articles.len()),
            opts,
        ));
        let heading = head..out.lines.len();
        let first = out.entries.len();
        for (i, &article) in shelf.articles.iter().enumerate() {
            let start = out.lines.len();
            out.lines.extend(entry(library, article, opts));
            let lines = start..out.lines.len();
            out.keep.push(if i == 0 {
                head..lines.end
            } else {
                lines.clone()
            });
            out.entries.push(Entry { article, lines });
        }
        out.groups.push(Group {
            heading,
            entries: first..out.entries.len(),
        });
    }
    out
}

/// A search match as the results list shows it: its article, where in the
/// article it is (概要, Q3, 参考文献), and its text around it as (before,
/// match, after).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub article: usize,
    pub place: String,
    pub context: (String, String, String),
}

/// Search results across the library laid out to a width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResultsPage {
    pub lines: Vec<Line>,
    /// Each match's lines, in the order of the matches given.
    pub matches: Vec<Range<usize>>,
    /// An article's heading with its first match, and each match.
    pub keep: Vec<Range<usize>>,
}

/// `matches`, grouped by article (they come in the library's order), each
/// article headed by its title and its count in `counts` (the matches it
/// has, of which some may not be given); where fewer are given, a line
/// says how many more there are.
pub fn results(
    library: &Library,
    matches: &[Match],
    counts: &[(usize, usize)],
    opts: &DocOptions,
) -> ResultsPage {
    let mut out = ResultsPage::default();
    for (n, &(article, count)) in counts.iter().enumerate() {
        if n > 0 {
            out.lines.push(Line::default());
        }
        let head = out.lines.len();
        let title = &library.articles[article].title;
        out.lines
            .extend(heading(&strings::results_heading(title, count), opts));
        let mut given = 0;
        for m in matches.iter().filter(|m| m.article == article) {
            let start = out.lines.len();
            let (before, found, after) = &m.context;
            let text = [
                Span::new(before, Style::BODY),
                Span::new(found, Style::of(Role::Emphasis).strong()),
                Span::new(after, Style::BODY),
            ];
            let marker = Span::new(format!("{} ", m.place), Style::of(Role::Marker));
            out.lines
                .extend(hanging(marker, &text, Policy::Phrase, opts));
            let lines = start..out.lines.len();
            out.keep.push(if given == 0 {
                head..lines.end
            } else {
                lines.clone()
            });
            out.matches.push(lines);
            given += 1;
        }
        if given < count {
            let more = Span::new(strings::more_matches(count - given), Style::of(Role::Muted));
            out.lines.extend(hanging(
                Span::new("　", Style::of(Role::Muted)),
                &[more],
                Policy::Phrase,
                opts,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load_library;

    fn library(categories: &[Option<&str>]) -> Library {
        let mut library = load_library(None).unwrap();
        let a = library.articles[0].clone();
        library.articles = categories
            .iter()
            .enumerate()
            .map(|(i, c)| crate::content::Article {
                slug: format!("a{i}"),
                title: format!("記事{i}"),
                category: c.map(str::to_string),
                ..a.clone()
            })
            .collect();
        library
    }

    #[test]
    fn articles_are_grouped_by_category_with_counts_and_other_last() {
        let lib = library(&[None, Some("腰痛"), Some("ガイドライン"), Some("腰痛")]);
        let page = page(&lib, &DocOptions::new(60));
        let text: Vec<String> = page.lines.iter().map(Line::text).collect();
        let find = |s: &str| text.iter().position(|l| l.contains(s)).unwrap();
        assert!(find("腰痛（2件）") < find("ガイドライン（1件）"));
        assert!(find("ガイドライン（1件）") < find("その他（1件）"));
        let order: Vec<usize> = page.entries.iter().map(|e| e.article).collect();
        assert_eq!(order, [1, 3, 2, 0]);
        assert_eq!(page.entry_of(3), Some(1));
        // Each entry's lines hold its title and its question count.
        for e in &page.entries {
            let t: String = page.lines[e.lines.clone()].iter().map(Line::text).collect();
            assert!(t.contains(&format!("記事{}", e.article)), "{t}");
            assert!(t.contains("質問"), "{t}");
            assert_eq!(page.entry_at(e.lines.start), page.entry_of(e.article));
        }
        // A category's heading is kept with its first entry.
        assert_eq!(page.keep[0].start, find("腰痛（2件）"));
    }

    #[test]
    fn results_are_grouped_by_article_with_counts_and_the_rest_counted() {
        let lib = library(&[None, None]);
        let m = |article: usize, place: &str| Match {
            article,
            place: place.into(),
            context: ("...前の".into(), "感染".into(), "の後...".into()),
        };
        let matches = [m(1, "Q1"), m(1, "Q5"), m(0, "概要")];
        let page = results(&lib, &matches, &[(1, 5), (0, 1)], &DocOptions::new(60));
        let text: Vec<String> = page.lines.iter().map(Line::text).collect();
        assert_eq!(text[0], "記事1（5件）");
        assert_eq!(text[1], "Q1 ...前の感染の後...");
        assert!(text[3].contains("ほか 3件"), "{text:?}");
        assert_eq!(text[5], "記事0（1件）");
        assert_eq!(page.matches, [1..2, 2..3, 6..7]);
        assert_eq!(page.keep[0], 0..2);
        let found = &page.lines[1].spans[2];
        assert_eq!(
            (found.text.as_str(), found.style.role),
            ("感染", Role::Emphasis)
        );
    }

    #[test]
    fn no_line_is_wider_than_the_width() {
        let lib = library(&[Some("とても長いカテゴリーの名前がここにあります"), None]);
        for width in 2..80 {
            let page = page(&lib, &DocOptions::new(width));
            for l in &page.lines {
                assert!(l.width <= width, "{width}: {:?}", l.text());
            }
        }
    }
}
