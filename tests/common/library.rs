//! Libraries for tests made from the bundled article's own text under other
//! slugs, titles and categories: no medical text is written for tests. Each
//! test binary uses a part.
#![allow(dead_code)]

use std::path::Path;

/// The bundled article's source.
pub const BUNDLED: &str = include_str!("../../articles/revision-surgery.md");

/// One generated article.
pub struct Spec<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    /// `None`: no `category` line (the article goes under その他).
    pub category: Option<&'a str>,
    pub related: &'a [&'a str],
}

/// The bundled article as `spec` says: its slug, title and category
/// replaced, `related` added, its `[[terms]]` left out; `front` is more
/// front matter keys, `edit` changes the body.
pub fn article_source(spec: &Spec, front: &str, edit: impl Fn(&str) -> String) -> String {
    let rest = BUNDLED.strip_prefix("+++\n").expect("front matter");
    let (fm, body) = rest.split_once("\n+++\n").expect("closing +++");
    // The article's own keys come before its first table.
    let (own, tables) = fm.split_once("\n[[").expect("references");
    // Its references, not its readings: a test library lists its own terms.
    let tables = tables
        .split_once("\n[[terms]]")
        .map_or(tables, |(refs, _)| refs);
    let mut out = String::from("+++\n");
    for line in own.lines() {
        if line.starts_with("slug = ") {
            out.push_str(&format!("slug = \"{}\"\n", spec.slug));
        } else if line.starts_with("title = ") {
            out.push_str(&format!("title = \"{}\"\n", spec.title));
            if let Some(c) = spec.category {
                out.push_str(&format!("category = \"{c}\"\n"));
            }
            let related: Vec<String> = spec.related.iter().map(|s| format!("\"{s}\"")).collect();
            out.push_str(&format!("related = [{}]\n", related.join(", ")));
        } else if !line.starts_with("category = ") {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str(front);
    out.push_str(&format!("\n[[{tables}\n+++\n{}", edit(body)));
    out
}

/// A directory holding the articles of `specs` as `slug.md`.
pub fn library_dir(specs: &[Spec]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for spec in specs {
        write_article(dir.path(), spec, "", |b| b.to_string());
    }
    dir
}

/// Writes `spec`'s article, with `front` and `edit` as in [`article_source`].
pub fn write_article(dir: &Path, spec: &Spec, front: &str, edit: impl Fn(&str) -> String) {
    let path = dir.join(format!("{}.md", spec.slug));
    std::fs::write(path, article_source(spec, front, edit)).expect("the article is written");
}

/// Three articles in two categories and その他, related both ways.
pub const THREE: [Spec<'static>; 3] = [
    Spec {
        slug: "back-a",
        title: "再手術について:一",
        category: Some("腰痛"),
        related: &["guide-b"],
    },
    Spec {
        slug: "guide-b",
        title: "再手術について:二",
        category: Some("診療ガイドライン"),
        related: &["back-a", "other-c"],
    },
    Spec {
        slug: "other-c",
        title: "再手術について:三",
        category: None,
        related: &["back-a"],
    },
];

/// Writes the bundled clinic.toml into `dir` with its first notice about
/// the new guideline naming article `slug`.
pub fn write_clinic_with_notice_for(dir: &Path, slug: &str) {
    let clinic = include_str!("../../articles/clinic.toml").replacen(
        "body = [\"脊柱管狭窄症患者さん向けの診療ガイドライン\"]",
        &format!("body = [\"脊柱管狭窄症患者さん向けの診療ガイドライン\"]\narticle = \"{slug}\""),
        1,
    );
    assert!(clinic.contains(&format!("article = \"{slug}\"")));
    std::fs::write(dir.join("clinic.toml"), clinic).expect("clinic.toml is written");
}
