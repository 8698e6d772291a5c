//! One article file: `+++` TOML front matter, then the Markdown body.

use serde::Deserialize;
use toml::Spanned;

use super::diagnostic::{Diagnostic, SourceMap, lf_line_breaks};
use super::markdown::parse_body;
use super::model::{
    Article, MAX_LINK_LENGTH, Reference, Term, YearMonth, doi_link_fits, is_link_destination,
};
use super::ruby::{reading_error, reading_warning};
use super::toml_util::{Field, date_field, parse_capped};
use crate::text::sanitize::{is_stripped, sanitize};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    slug: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
    category: Option<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    related: Vec<Spanned<String>>,
    #[serde(default)]
    featured: bool,
    #[serde(default)]
    terms: Vec<RawTerm>,
    published: Option<Field>,
    updated: Option<Field>,
    image_caption: Option<String>,
    url: Option<Spanned<String>>,
    #[serde(default)]
    references: Vec<Spanned<RawReference>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReference {
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    et_al: bool,
    title: Option<String>,
    container: Option<String>,
    volume: Option<String>,
    issue: Option<String>,
    pages: Option<String>,
    date: Option<Spanned<String>>,
    doi: Option<String>,
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    term: Spanned<String>,
    reading: Spanned<String>,
    plain: Option<Spanned<String>>,
}

const FENCE: &str = "+++";

/// A slug named in a content file (an article's `related`, a notice's
/// `article`), where it is written: the loader checks that it names an
/// article of the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlugRef {
    pub slug: String,
    pub line: usize,
    pub column: usize,
}

impl SlugRef {
    pub fn new(map: &SourceMap, at: usize, slug: &str) -> SlugRef {
        let (line, column) = map.position(at);
        SlugRef {
            slug: slug.to_string(),
            line,
            column,
        }
    }
}

/// An article as the loader takes it: with what loads but is shown
/// differently from how it was written, and the slugs it names.
#[derive(Debug)]
pub struct Parsed {
    pub article: Article,
    pub warnings: Vec<Diagnostic>,
    pub related: Vec<SlugRef>,
}

/// Parses one article; `path` is what diagnostics call the file.
pub fn parse_article(path: &str, text: &str) -> Result<Article, Vec<Diagnostic>> {
    parse_article_with_warnings(path, text).map(|p| p.article)
}

/// Why an address from the front matter cannot be a link, if it cannot:
/// the rule body links follow (see `markdown::link_target`).
fn url_problem(url: &str) -> Option<String> {
    // No longer than a link may be: every string of the TOML is capped at
    // as many characters (toml_util::MAX_STRING).
    if url.chars().any(is_stripped) {
        Some("it holds control characters".into())
    } else if !is_link_destination(url) {
        Some("expected an http or https address".into())
    } else {
        None
    }
}

/// Parses one article, with the warnings about what loads but is shown
/// differently from how it was written (links that stay text, readings
/// to look at again) and the slugs its `related` names.
pub fn parse_article_with_warnings(path: &str, text: &str) -> Result<Parsed, Vec<Diagnostic>> {
    let text = &*lf_line_breaks(text);
    let map = SourceMap::new(path, text);
    let (toml_start, toml_end, body_start) = split_front_matter(text).ok_or_else(|| {
        vec![map.at(
            0,
            "expected front matter: a “+++” line, TOML (slug, title, published …), and a closing “+++” line",
        )]
    })?;
    let fm: FrontMatter = parse_capped(&map, toml_start, &text[toml_start..toml_end])?;

    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let at = |span: std::ops::Range<usize>| toml_start + span.start;
    // Empty once cleaned is empty: a title of escape sequences shows nothing.
    let mut required = |field: Option<Spanned<String>>, what: &str| match field {
        Some(s) if !sanitize(s.get_ref()).trim().is_empty() => Some(sanitize(s.get_ref())),
        Some(s) => {
            problems.push(map.at(at(s.span()), format!("empty {what}")));
            None
        }
        None => {
            problems.push(map.at(
                0,
                format!("missing {what}: add `{what} = \"…\"` to the front matter"),
            ));
            None
        }
    };
    // Checked as written: cleaning could turn a slug with an escape in it
    // into a valid one.
    let raw_slug = fm.slug.as_ref().map(|s| s.get_ref().clone());
    let title = required(fm.title, "title");
    let slug = required(fm.slug, "slug");
    if let Some(s) = (raw_slug.as_ref()).filter(|s| !s.trim().is_empty() && !is_valid_slug(s)) {
        problems.push(map.at(
            0,
            format!("slug “{s}”: expected lowercase letters, digits and hyphens"),
        ));
    }
    // A short name, shown as written: an empty one would be a blank heading.
    let name = |field: Spanned<String>, what: &str, problems: &mut Vec<Diagnostic>| {
        let clean = sanitize(field.get_ref()).trim().to_string();
        if clean.is_empty() {
            problems.push(map.at(
                at(field.span()),
                format!("empty {what}: expected a short name, or leave it out"),
            ));
        }
        clean
    };
    let category = fm.category.map(|c| name(c, "category", &mut problems));
    let tags = (fm.tags.into_iter())
        .map(|t| name(t, "tag", &mut problems))
        .collect();
    let mut related = Vec::new();
    for r in fm.related {
        if !is_valid_slug(r.get_ref()) {
            problems.push(map.at(
                at(r.span()),
                format!(
                    "related “{}”: expected a slug: lowercase letters, digits and hyphens",
                    r.get_ref()
                ),
            ));
        } else if raw_slug.as_ref() == Some(r.get_ref()) {
            problems.push(map.at(
                at(r.span()),
                format!(
                    "related “{}” is this article itself: expected the slug of another article",
                    r.get_ref()
                ),
            ));
        } else {
            related.push(SlugRef::new(&map, at(r.span()), r.get_ref()));
        }
    }
    let published = match fm.published {
        Some(f) => date_field(&map, toml_start, &f, &mut problems),
        None => {
            problems.push(map.at(0, "missing published: add `published = YYYY-MM-DD`"));
            None
        }
    };
    // An update date the page writes as 2026/00/00 is no date: leave it out.
    let updated = fm
        .updated
        .and_then(|f| date_field(&map, toml_start, &f, &mut problems));

    let mut references = Vec::new();
    for (n, raw) in fm.references.into_iter().enumerate() {
        let span = raw.span();
        let raw = raw.into_inner();
        let title = raw
            .title
            .map(|t| sanitize(&t))
            .filter(|t| !t.trim().is_empty());
        if title.is_none() {
            problems.push(map.at(
                at(span.clone()),
                format!(
                    "reference [{}] has no title: expected `title = \"…\"`",
                    n + 1
                ),
            ));
        }
        let date = raw.date.and_then(|d| {
            let parsed = parse_year_month(d.get_ref());
            if parsed.is_none() {
                problems.push(map.at(
                    at(d.span()),
                    format!(
                        "reference [{}]: invalid date “{}”: expected YYYY or YYYY-MM",
                        n + 1,
                        d.get_ref()
                    ),
                ));
            }
            parsed
        });
        let clean = |s: Option<String>| s.map(|s| sanitize(&s));
        let url = raw.url.filter(|u| match url_problem(u) {
            None => true,
            Some(problem) => {
                warnings.push(map.at(
                    at(span.clone()),
                    format!("reference [{}]: url “{u}” left out: {problem}", n + 1),
                ));
                false
            }
        });
        let doi = clean(raw.doi);
        if doi.as_deref().is_some_and(|d| !doi_link_fits(d)) {
            warnings.push(map.at(
                at(span.clone()),
                format!(
                    "reference [{}]: doi shown as text, not a link: its address is longer than {MAX_LINK_LENGTH} characters",
                    n + 1
                ),
            ));
        }
        references.push(Reference {
            authors: raw.authors.iter().map(|a| sanitize(a)).collect(),
            et_al: raw.et_al,
            title: title.unwrap_or_default(),
            container: clean(raw.container),
            volume: clean(raw.volume),
            issue: clean(raw.issue),
            pages: clean(raw.pages),
            date,
            doi,
            url,
        });
    }

    // The take-home address becomes a QR code: only a web address will do.
    let url = fm.url.and_then(|u| match url_problem(u.get_ref()) {
        None => Some(u.into_inner()),
        Some(problem) => {
            warnings.push(map.at(
                at(u.span()),
                format!("url “{}” left out: {problem}", u.get_ref()),
            ));
            None
        }
    });

    let mut terms: Vec<Term> = Vec::new();
    // Where each `plain` is written, to warn once the body is read.
    let mut plains = Vec::new();
    for raw in fm.terms {
        let (term, reading) = (sanitize(raw.term.get_ref()), raw.reading.get_ref());
        if term.trim().is_empty() {
            problems.push(map.at(
                at(raw.term.span()),
                "empty term: expected the word the reading is for",
            ));
        } else if terms.iter().any(|t| t.term == term) {
            problems.push(map.at(
                at(raw.term.span()),
                format!("term “{term}” is listed twice: expected one [[terms]] table a word"),
            ));
        } else if let Some(e) = reading_error(&term, reading) {
            problems.push(map.at(at(raw.reading.span()), e));
        } else if let Some(w) = reading_warning(&term, reading) {
            warnings.push(map.at(at(raw.reading.span()), w));
        }
        let plain = raw.plain.map(|p| {
            plains.push((at(p.span()), sanitize(p.get_ref())));
            sanitize(p.get_ref())
        });
        terms.push(Term {
            term,
            reading: reading.clone(),
            plain,
        });
    }

    let body = parse_body(&text[body_start..], body_start, &map);
    let body = match body {
        Ok(mut b) => {
            warnings.append(&mut b.warnings);
            Some(b)
        }
        Err(mut errs) => {
            problems.append(&mut errs);
            None
        }
    };
    match (slug, title, published, body) {
        (Some(slug), Some(title), Some(published), Some(body)) if problems.is_empty() => {
            let article = Article {
                slug,
                title,
                category,
                tags,
                related: related.iter().map(|r| r.slug.clone()).collect(),
                featured: fm.featured,
                published,
                updated,
                image_caption: fm.image_caption.map(|s| sanitize(&s)),
                url,
                summary: body.summary,
                questions: body.questions,
                references,
                terms,
                term_finder: Default::default(),
            };
            if !plains.is_empty() {
                let text = article.text();
                for (at, plain) in plains
                    .into_iter()
                    .filter(|(_, p)| !text.contains(p.as_str()))
                {
                    warnings.push(map.at(
                        at,
                        format!("plain “{plain}” is not in the article's text: explain the term in the article's own words, and copy them here"),
                    ));
                }
            }
            Ok(Parsed {
                article,
                warnings,
                related,
            })
        }
        _ => Err(problems),
    }
}

/// Byte ranges: where the TOML starts and ends, and where the body starts.
fn split_front_matter(text: &str) -> Option<(usize, usize, usize)> {
    let text_start = text.strip_prefix('\u{feff}').map_or(0, |_| 3);
    let rest = &text[text_start..];
    let first = rest.lines().next()?;
    if first.trim_end() != FENCE {
        return None;
    }
    let toml_start = text_start + first.len() + 1;
    let mut pos = toml_start;
    for line in text.get(toml_start..)?.split_inclusive('\n') {
        if line.trim_end() == FENCE {
            return Some((toml_start, pos, pos + line.len()));
        }
        pos += line.len();
    }
    None
}

pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn parse_year_month(s: &str) -> Option<YearMonth> {
    let (y, m) = match s.split_once('-') {
        Some((y, m)) => (y, Some(m)),
        None => (s, None),
    };
    if y.len() != 4 {
        return None;
    }
    let year = y.parse().ok()?;
    let month = match m {
        Some(m) => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    Some(YearMonth { year, month })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str =
        "+++\nslug = \"a\"\ntitle = \"題\"\npublished = 2026-02-20\n+++\n\n要約\n\n## 問\n\n答\n";

    #[test]
    fn parses_a_minimal_article() {
        let a = parse_article("a.md", GOOD).unwrap();
        assert_eq!(a.title, "題");
        assert_eq!(a.published.to_string(), "2026-02-20");
        assert_eq!(a.updated, None);
        assert_eq!(a.questions.len(), 1);
    }

    #[test]
    fn reports_every_problem_with_positions() {
        let text = "+++\nslug = \"a\"\npublished = \"2026-02-30\"\n[[references]]\nauthors = [\"X\"]\n+++\n\n## 問\n";
        let errs = parse_article("a.md", text).unwrap_err();
        let msgs: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("a.md:1:1: missing title")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("a.md:3:13: invalid date")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("reference [1] has no title")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("a.md:8:1:") && m.contains("no answer")),
            "{msgs:?}"
        );
    }

    #[test]
    fn impossible_toml_date_names_line_and_column() {
        let errs =
            parse_article("a.md", "+++\ntitle = \"x\"\npublished = 2026-02-30\n+++\n").unwrap_err();
        assert!(
            errs[0].to_string().starts_with("a.md:3:13: invalid date"),
            "{errs:?}"
        );
    }

    #[test]
    fn broken_toml_names_line_and_column() {
        let errs = parse_article("a.md", "+++\ntitle = \"x\n+++\n").unwrap_err();
        assert_eq!(errs[0].line, 2, "{errs:?}");
    }

    /// GOOD with `extra` front matter lines from line 5, and `body`.
    fn with(extra: &str, body: &str) -> Result<Parsed, Vec<Diagnostic>> {
        parse_article_with_warnings(
            "a.md",
            &format!(
                "+++\nslug = \"a\"\ntitle = \"題\"\npublished = 2026-02-20\n{extra}+++\n{body}"
            ),
        )
    }

    fn messages(diagnostics: &[Diagnostic]) -> Vec<String> {
        diagnostics.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn library_fields_load_and_default() {
        let p = with(
            "category = \"腰痛\"\ntags = [\"手術\", \"再発\"]\nrelated = [\"b\", \"c\"]\nfeatured = true\n",
            "\n## 問\n\n答\n",
        )
        .unwrap();
        let a = &p.article;
        assert_eq!(a.category.as_deref(), Some("腰痛"));
        assert_eq!(a.tags, ["手術", "再発"]);
        assert_eq!(a.related, ["b", "c"]);
        assert!(a.featured);
        assert_eq!(
            (
                p.related[1].slug.as_str(),
                p.related[1].line,
                p.related[1].column
            ),
            ("c", 7, 17)
        );
        let plain = parse_article("a.md", GOOD).unwrap();
        assert_eq!((plain.category, plain.featured), (None, false));
        assert!(plain.tags.is_empty() && plain.related.is_empty() && plain.terms.is_empty());
    }

    #[test]
    fn library_field_problems_name_line_and_column() {
        let errs = with(
            "category = \" \"\ntags = [\"x\", \"\"]\nrelated = [\"b\", \"a\", \"B/\"]\n",
            "\n## 問\n\n答\n",
        )
        .unwrap_err();
        let msgs = messages(&errs);
        assert_eq!(msgs.len(), 4, "{msgs:?}");
        assert!(msgs[0].starts_with("a.md:5:12: empty category"), "{msgs:?}");
        assert!(
            msgs[3].starts_with("a.md:7:22: related “B/”: expected a slug"),
            "{msgs:?}"
        );
        assert!(msgs[1].starts_with("a.md:6:14: empty tag"), "{msgs:?}");
        assert!(
            msgs[2].starts_with("a.md:7:17: related “a” is this article itself"),
            "{msgs:?}"
        );
    }

    const TERMS: &str =
        "[[terms]]\nterm = \"腰椎\"\nreading = \"ようつい\"\nplain = \"背骨の腰の部分\"\n";

    #[test]
    fn terms_load_with_their_readings() {
        let p = with(TERMS, "\n腰椎は背骨の腰の部分です。\n\n## 問\n\n答\n").unwrap();
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
        let t = &p.article.terms[0];
        assert_eq!((t.term.as_str(), t.reading.as_str()), ("腰椎", "ようつい"));
        assert_eq!(t.plain.as_deref(), Some("背骨の腰の部分"));
    }

    #[test]
    fn term_problems_name_line_and_column() {
        let errs = with(
            "[[terms]]\nterm = \"腰椎\"\nreading = \"yotsui\"\n[[terms]]\nterm = \"\"\nreading = \"よう\"\n[[terms]]\nterm = \"腰椎\"\nreading = \"ようつい\"\n",
            "\n## 問\n\n答\n",
        )
        .unwrap_err();
        let msgs = messages(&errs);
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(
            msgs[0].starts_with("a.md:7:11: reading “yotsui” of “腰椎”: expected hiragana"),
            "{msgs:?}"
        );
        assert!(msgs[1].starts_with("a.md:9:8: empty term"), "{msgs:?}");
        assert!(
            msgs[2].starts_with("a.md:12:8: term “腰椎” is listed twice"),
            "{msgs:?}"
        );
    }

    #[test]
    fn a_plain_not_in_the_text_and_a_long_reading_are_warnings() {
        let p = with(
            &format!("{TERMS}[[terms]]\nterm = \"腰\"\nreading = \"こしこしこしこ\"\n"),
            "\n腰椎について。\n\n## 問\n\n答\n",
        )
        .unwrap();
        let w = messages(&p.warnings);
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w[0].starts_with("a.md:11:11: reading “こしこしこしこ” is more than 4 times"),
            "{w:?}"
        );
        assert!(
            w[1].starts_with("a.md:8:9: plain “背骨の腰の部分” is not in the article's text"),
            "{w:?}"
        );
    }

    #[test]
    fn missing_front_matter() {
        let errs = parse_article("a.md", "## q\n").unwrap_err();
        assert!(errs[0].message.contains("front matter"));
    }
}
