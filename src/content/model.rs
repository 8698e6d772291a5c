//! The content model: what an article and the clinic are, with no terminal
//! and no file format in it.

use serde::Serialize;

use crate::calendar::date::Date;

/// A run of inline text. `strong` is Markdown's **bold**.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inline {
    pub text: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub strong: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The reading (furigana) of `text`, which is then one ruby base: the
    /// layout keeps a base and its reading on one line. Per-character
    /// readings (`{偽関節|ぎ|かん|せつ}`) are a run per character.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ruby: Option<String>,
}

impl Inline {
    /// A run of unstyled text without a reading.
    pub fn plain(text: impl Into<String>) -> Inline {
        Inline {
            text: text.into(),
            strong: false,
            link: None,
            ruby: None,
        }
    }
}

/// Longer addresses stay text (or are left out): a terminal writes a
/// link's address beside its text on every frame (OSC 8).
pub const MAX_LINK_LENGTH: usize = 2048;

/// The DOI resolver's address for a DOI.
const DOI_RESOLVER: &str = "https://doi.org/";

/// Whether `dest` may be a link a terminal makes clickable: only web and
/// mail addresses. Everything else (`javascript:`, `file:`, `data:`, relative
/// paths) stays text.
pub fn is_link_destination(dest: &str) -> bool {
    let Some((scheme, rest)) = dest.split_once(':') else {
        return false;
    };
    let web = ["http", "https"]
        .iter()
        .any(|s| scheme.eq_ignore_ascii_case(s));
    (web && rest.starts_with("//") && rest.len() > 2)
        || (scheme.eq_ignore_ascii_case("mailto") && !rest.is_empty())
}

/// The runs' text: ruby bases without their readings (what search finds).
pub fn plain_text(inlines: &[Inline]) -> String {
    inlines.iter().map(|i| i.text.as_str()).collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// A sub-heading inside an answer (`###`).
    Heading {
        level: u8,
        text: Vec<Inline>,
    },
    Paragraph {
        text: Vec<Inline>,
    },
    List {
        ordered: bool,
        items: Vec<ListItem>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListItem {
    pub text: Vec<Inline>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<ListItem>,
}

impl Block {
    /// Calls `f` with each run of text the block holds, in reading order
    /// (a list's items depth first).
    pub fn each_text<'a>(&'a self, f: &mut impl FnMut(&'a [Inline])) {
        fn items<'a>(list: &'a [ListItem], f: &mut impl FnMut(&'a [Inline])) {
            for item in list {
                f(&item.text);
                items(&item.children, f);
            }
        }
        match self {
            Block::Heading { text, .. } | Block::Paragraph { text } => f(text),
            Block::List { items: list, .. } => items(list, f),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    /// The `##` heading's text (ruby bases without readings).
    #[serde(rename = "question")]
    pub title: String,
    /// The heading as runs when inline ruby marks some of it (`title` is
    /// their text); empty otherwise, as nearly every title is.
    #[serde(rename = "question_ruby", skip_serializing_if = "Vec::is_empty")]
    pub title_ruby: Vec<Inline>,
    pub answer: Vec<Block>,
}

/// A word of the front matter's `[[terms]]`: its reading applies wherever
/// it occurs in the article; `plain` explains it in the article's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub term: String,
    pub reading: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plain: Option<String>,
}

/// A year and month, as references give their dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearMonth {
    pub year: i32,
    pub month: Option<u8>,
}

impl Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.month {
            Some(m) => s.collect_str(&format_args!("{:04}-{:02}", self.year, m)),
            None => s.collect_str(&self.year),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    pub authors: Vec<String>,
    pub et_al: bool,
    pub title: String,
    pub container: Option<String>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub pages: Option<String>,
    pub date: Option<YearMonth>,
    pub doi: Option<String>,
    pub url: Option<String>,
}

impl Reference {
    /// The reference in IEEE style, as the clinic's page prints it.
    pub fn citation(&self) -> String {
        let mut out = self.author_list();
        let mut tail: Vec<String> = Vec::new();
        tail.extend(self.container.clone());
        tail.extend(self.volume.as_ref().map(|v| format!("vol. {v}")));
        tail.extend(self.issue.as_ref().map(|v| format!("no. {v}")));
        tail.extend(self.pages.as_ref().map(|v| format!("pp. {v}")));
        tail.extend(self.date.map(ieee_date));
        // IEEE puts the comma inside the quotes when the source follows.
        if tail.is_empty() {
            out.push_str(&format!(", “{}”", self.title));
        } else {
            out.push_str(&format!(", “{},” {}", self.title, tail.join(", ")));
        }
        if let Some(doi) = &self.doi {
            out.push_str(&format!(", doi: {doi}."));
        } else if let Some(url) = &self.url {
            out.push_str(&format!(", [Online]. Available: {url}"));
        }
        out
    }

    fn author_list(&self) -> String {
        let a = &self.authors;
        if self.et_al {
            return format!("{} et al.", a.join(", "));
        }
        match a.len() {
            0 => String::new(),
            1 => a[0].clone(),
            2 => format!("{} and {}", a[0], a[1]),
            n => format!("{}, and {}", a[..n - 1].join(", "), a[n - 1]),
        }
    }

    /// Where the reference can be read: its DOI resolver address, else its
    /// URL when that is a web address (the loader warns about any other).
    /// A DOI whose address would be longer than [`MAX_LINK_LENGTH`] is text
    /// only (the loader warns).
    pub fn link(&self) -> Option<String> {
        match &self.doi {
            Some(d) => doi_link_fits(d).then(|| format!("{DOI_RESOLVER}{d}")),
            None => self.url.clone().filter(|u| is_link_destination(u)),
        }
    }
}

/// Whether the resolver address of `doi` is short enough to be a link.
pub fn doi_link_fits(doi: &str) -> bool {
    DOI_RESOLVER.len() + doi.chars().count() <= MAX_LINK_LENGTH
}

fn ieee_date(d: YearMonth) -> String {
    const MONTHS: [&str; 12] = [
        "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
        "Dec.",
    ];
    match d.month {
        Some(m) => format!("{} {}", MONTHS[usize::from(m.clamp(1, 12)) - 1], d.year),
        None => d.year.to_string(),
    }
}

/// A question or reference with its number (from 1), as the JSON gives them.
#[derive(Serialize)]
struct Numbered<'a, T: Serialize> {
    number: usize,
    #[serde(flatten)]
    item: &'a T,
    #[serde(skip_serializing_if = "Option::is_none")]
    citation: Option<String>,
}

fn numbered_questions<S: serde::Serializer>(qs: &[Question], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(qs.iter().enumerate().map(|(i, q)| Numbered {
        number: i + 1,
        item: q,
        citation: None,
    }))
}

fn numbered_references<S: serde::Serializer>(refs: &[Reference], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(refs.iter().enumerate().map(|(i, r)| Numbered {
        number: i + 1,
        item: r,
        citation: Some(r.citation()),
    }))
}

/// Serialised as the JSON `--format json` prints: questions and references
/// numbered from 1, references with their IEEE citation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    pub slug: String,
    pub title: String,
    /// `None` puts the article under 「その他」 (`strings::category`).
    pub category: Option<String>,
    pub tags: Vec<String>,
    /// Slugs of other articles of the library (the loader checks them).
    pub related: Vec<String>,
    /// Shown in the kiosk's loop.
    pub featured: bool,
    pub published: Date,
    /// `None` when the page gives no real update date.
    pub updated: Option<Date>,
    pub image_caption: Option<String>,
    pub url: Option<String>,
    pub summary: Vec<Block>,
    #[serde(serialize_with = "numbered_questions")]
    pub questions: Vec<Question>,
    #[serde(serialize_with = "numbered_references")]
    pub references: Vec<Reference>,
    pub terms: Vec<Term>,
    /// The terms found at once, made when first used.
    #[serde(skip)]
    pub term_finder: super::ruby::TermFinder,
}

/// The parts an article is read in, in order: the summary, each question,
/// the references. The reader's outline, the kiosk's 目次 and loop, the
/// layout and every printer walk an article by these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Summary,
    /// Question `n`, from 0.
    Question(usize),
    References,
    /// The article's terms with their readings, plain words and where they
    /// are used (用語): read on screen where readings are shown, never
    /// printed, and not among [`Article::items`].
    Terms,
}

impl Article {
    /// The article's items, in reading order.
    pub fn items(&self) -> impl ExactSizeIterator<Item = Item> + '_ {
        (0..self.questions.len() + 2).map(|i| match i {
            0 => Item::Summary,
            _ if i <= self.questions.len() => Item::Question(i - 1),
            _ => Item::References,
        })
    }

    /// The date a list shows: the update, else the publication.
    pub fn date(&self) -> Date {
        self.updated.unwrap_or(self.published)
    }

    /// `runs` with the readings of the article's `[[terms]]` given to every
    /// occurrence of each term; runs with inline ruby keep theirs.
    pub fn with_readings(&self, runs: &[Inline]) -> Vec<Inline> {
        super::ruby::with_terms_found(&self.terms, &self.term_finder, runs)
    }

    /// Where the article's `[[terms]]` occur in `text` (of a run without a
    /// reading of its own): byte ranges, each with its term's reading.
    pub fn term_matches<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (std::ops::Range<usize>, &'a str)> + 'a {
        super::ruby::term_matches(&self.terms, &self.term_finder, text)
    }

    /// Question `i`'s title (from 0) as runs, with its readings.
    pub fn question_runs(&self, i: usize) -> Vec<Inline> {
        let q = &self.questions[i];
        if q.title_ruby.is_empty() {
            self.with_readings(&[Inline::plain(q.title.as_str())])
        } else {
            self.with_readings(&q.title_ruby)
        }
    }

    /// The items that use `term`: the summary, and each question whose
    /// title or answer has it.
    pub fn uses(&self, term: &str) -> Vec<Item> {
        let has = |blocks: &[Block]| {
            let mut found = false;
            blocks
                .iter()
                .for_each(|b| b.each_text(&mut |runs| found |= plain_text(runs).contains(term)));
            found
        };
        let summary = has(&self.summary).then_some(Item::Summary);
        let questions = (self.questions.iter().enumerate())
            .filter(|(_, q)| q.title.contains(term) || has(&q.answer))
            .map(|(i, _)| Item::Question(i));
        summary.into_iter().chain(questions).collect()
    }

    /// The text of the title, the summary, the questions and the answers
    /// (ruby bases without readings), a line for each block, list item and
    /// title: what a term's `plain` must be found in.
    pub fn text(&self) -> String {
        let mut out = self.title.clone();
        let mut push = |runs: &[Inline]| {
            out.push('\n');
            out.extend(runs.iter().map(|r| r.text.as_str()));
        };
        self.summary.iter().for_each(|b| b.each_text(&mut push));
        for q in &self.questions {
            push(&[Inline::plain(q.title.as_str())]);
            q.answer.iter().for_each(|b| b.each_text(&mut push));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_is_used_in_the_items_whose_text_holds_it() {
        let lib = crate::content::load_library(None).unwrap();
        let a = &lib.articles[0];
        let uses = a.uses("根性痛");
        for (i, q) in a.questions.iter().enumerate() {
            let mut text = q.title.clone();
            q.answer
                .iter()
                .for_each(|b| b.each_text(&mut |r| text += &plain_text(r)));
            let used = uses.contains(&Item::Question(i));
            assert_eq!(used, text.contains("根性痛"), "Q{}", i + 1);
        }
        assert!(uses.len() >= 2, "{uses:?}");
        assert!(a.uses("存在しない語").is_empty());
    }

    fn reference() -> Reference {
        Reference {
            authors: vec!["R. B. North".into()],
            et_al: true,
            title: "Failed back surgery syndrome.".into(),
            container: Some("Neurosurgery".into()),
            volume: Some("28".into()),
            issue: Some("5".into()),
            pages: Some("685–691".into()),
            date: Some(YearMonth {
                year: 1991,
                month: Some(5),
            }),
            doi: Some("10.1227/x".into()),
            url: None,
        }
    }

    #[test]
    fn ieee_citation_with_source() {
        assert_eq!(
            reference().citation(),
            "R. B. North et al., “Failed back surgery syndrome.,” Neurosurgery, vol. 28, no. 5, pp. 685–691, May 1991, doi: 10.1227/x."
        );
        assert_eq!(
            reference().link().as_deref(),
            Some("https://doi.org/10.1227/x")
        );
    }

    #[test]
    fn ieee_citation_online_only() {
        let r = Reference {
            authors: vec!["A".into(), "B".into(), "C".into()],
            et_al: false,
            container: None,
            volume: None,
            issue: None,
            pages: None,
            date: None,
            doi: None,
            url: Some("https://e.org/p".into()),
            ..reference()
        };
        assert_eq!(
            r.citation(),
            "A, B, and C, “Failed back surgery syndrome.”, [Online]. Available: https://e.org/p"
        );
        let script = Reference {
            url: Some("javascript:alert(1)".into()),
            ..r
        };
        assert_eq!(script.link(), None, "only web addresses are links");
    }

    #[test]
    fn term_readings_apply_in_headings_questions_body_and_lists() {
        let a = crate::content::article::parse_article(
            "a.md",
            "+++\nslug = \"a\"\ntitle = \"題\"\npublished = 2026-02-20\n[[terms]]\nterm = \"腰椎\"\nreading = \"ようつい\"\n+++\n腰椎の話。\n\n## 腰椎とは？\n\n### 腰椎の形\n\n- 上の腰椎\n  - {腰椎|こしぼね}と腰椎\n\n## {骨|ほね}と腰椎\n\n答\n",
        )
        .unwrap();
        let read = |runs: &[Inline]| -> Vec<(String, Option<String>)> {
            (a.with_readings(runs).into_iter())
                .map(|r| (r.text, r.ruby))
                .collect()
        };
        let yo = || ("腰椎".to_string(), Some("ようつい".to_string()));
        let text = |t: &str| (t.to_string(), None);
        let mut seen = Vec::new();
        a.summary[0].each_text(&mut |runs| seen.push(read(runs)));
        for b in &a.questions[0].answer {
            b.each_text(&mut |runs| seen.push(read(runs)));
        }
        assert_eq!(
            seen,
            [
                vec![yo(), text("の話。")],
                vec![yo(), text("の形")],
                vec![text("上の"), yo()],
                vec![
                    ("腰椎".to_string(), Some("こしぼね".to_string())),
                    text("と"),
                    yo()
                ],
            ]
        );
        let question = |i| -> Vec<(String, Option<String>)> {
            (a.question_runs(i).into_iter())
                .map(|r| (r.text, r.ruby))
                .collect()
        };
        assert_eq!(question(0), [yo(), text("とは？")]);
        assert_eq!(
            question(1),
            [
                ("骨".to_string(), Some("ほね".to_string())),
                text("と"),
                yo()
            ]
        );
        assert_eq!(plain_text(&a.questions[1].title_ruby), "骨と腰椎");
    }

    #[test]
    fn only_web_and_mail_destinations_are_links() {
        for ok in ["https://e.jp/a", "HTTP://e.jp", "mailto:a@e.jp"] {
            assert!(is_link_destination(ok), "{ok}");
        }
        for no in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "../x.md",
            "x.md",
            "https:",
            "//e.jp",
        ] {
            assert!(!is_link_destination(no), "{no}");
        }
    }
}
