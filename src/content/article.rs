//! One article file: `+++` TOML front matter, then the Markdown body.

use serde::Deserialize;
use toml::Spanned;

use super::diagnostic::{Diagnostic, SourceMap, lf_line_breaks};
use super::markdown::parse_body;
use super::model::{
    Article, MAX_LINK_LENGTH, Reference, YearMonth, doi_link_fits, is_link_destination,
};
use super::toml_util::{Field, date_field, toml_error};
use crate::text::sanitize::{is_stripped, sanitize};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    slug: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
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

const FENCE: &str = "+++";

/// Parses one article; `path` is what diagnostics call the file.
pub fn parse_article(path: &str, text: &str) -> Result<Article, Vec<Diagnostic>> {
    parse_article_with_warnings(path, text).map(|(article, _)| article)
}

/// Why an address from the front matter cannot be a link, if it cannot:
/// the rule body links follow (see `markdown::link_target`).
fn url_problem(url: &str) -> Option<String> {
    if url.chars().any(is_stripped) {
        Some("it holds control characters".into())
    } else if url.chars().count() > MAX_LINK_LENGTH {
        Some(format!("it is longer than {MAX_LINK_LENGTH} characters"))
    } else if !is_link_destination(url) {
        Some("expected an http or https address".into())
    } else {
        None
    }
}

/// Parses one article, with the warnings about what loads but is shown
/// differently from how it was written (links that stay text).
pub fn parse_article_with_warnings(
    path: &str,
    text: &str,
) -> Result<(Article, Vec<Diagnostic>), Vec<Diagnostic>> {
    let text = &*lf_line_breaks(text);
    let map = SourceMap::new(path, text);
    let (toml_start, toml_end, body_start) = split_front_matter(text).ok_or_else(|| {
        vec![map.at(
            0,
            "expected front matter: a “+++” line, TOML (slug, title, published …), and a closing “+++” line",
        )]
    })?;
    let fm: FrontMatter = toml::from_str(&text[toml_start..toml_end])
        .map_err(|e| vec![toml_error(&map, toml_start, &e)])?;

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
    if let Some(s) = raw_slug.filter(|s| !s.trim().is_empty() && !is_valid_slug(s)) {
        problems.push(map.at(
            0,
            format!("slug “{s}”: expected lowercase letters, digits and hyphens"),
        ));
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
        (Some(slug), Some(title), Some(published), Some(body)) if problems.is_empty() => Ok((
            Article {
                slug,
                title,
                published,
                updated,
                image_caption: fm.image_caption.map(|s| sanitize(&s)),
                url,
                summary: body.summary,
                questions: body.questions,
                references,
            },
            warnings,
        )),
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

    #[test]
    fn missing_front_matter() {
        let errs = parse_article("a.md", "## q\n").unwrap_err();
        assert!(errs[0].message.contains("front matter"));
    }
}
