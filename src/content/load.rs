//! Loading content: the articles bundled into the binary, or a directory.

use std::path::{Path, PathBuf};

use super::article::parse_article;
use super::clinic::{Clinic, parse_clinic};
use super::diagnostic::{Diagnostic, utf8_error};
use super::model::Article;

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

pub const CLINIC_FILE: &str = "clinic.toml";

#[derive(Debug, Clone)]
pub struct Library {
    pub articles: Vec<Article>,
    pub clinic: Clinic,
}

impl Library {
    pub fn article(&self, slug: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.slug == slug)
    }

    /// The slug most like `slug`, for "did you mean …?".
    pub fn closest_slug(&self, slug: &str) -> Option<&str> {
        self.articles
            .iter()
            .map(|a| {
                (
                    strsim::normalized_damerau_levenshtein(slug, &a.slug),
                    a.slug.as_str(),
                )
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, s)| s)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Diagnostic>),
}

/// A content file: the name diagnostics use and its bytes.
pub struct SourceFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

pub fn bundled_files() -> Vec<SourceFile> {
    BUNDLED
        .iter()
        .map(|(name, bytes)| SourceFile {
            name: format!("articles/{name}"),
            bytes: bytes.to_vec(),
        })
        .collect()
}

/// Every `*.md` and `clinic.toml` in `dir` (not recursive).
pub fn directory_files(dir: &Path) -> Result<Vec<SourceFile>, LoadError> {
    let io = |source| LoadError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        // A copy of articles/ holds the staff's guide, README.md: not an article.
        if (name.ends_with(".md") && name != "README.md") || name == CLINIC_FILE {
            let bytes = std::fs::read(&path).map_err(|source| LoadError::Io {
                path: path.clone(),
                source,
            })?;
            files.push(SourceFile {
                name: path.display().to_string(),
                bytes,
            });
        }
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// Parses every file and reports every problem at once. A directory without
/// its own `clinic.toml` uses the bundled one.
pub fn load(files: Vec<SourceFile>) -> Result<Library, LoadError> {
    let mut problems = Vec::new();
    let mut articles: Vec<Article> = Vec::new();
    let mut clinic = None;
    for file in &files {
        let text = match std::str::from_utf8(&file.bytes) {
            Ok(t) => t,
            Err(e) => {
                problems.push(utf8_error(&file.name, &file.bytes, &e));
                continue;
            }
        };
        if file.name.ends_with(CLINIC_FILE) {
            match parse_clinic(&file.name, text) {
                Ok(c) => clinic = Some(c),
                Err(mut e) => problems.append(&mut e),
            }
            continue;
        }
        match parse_article(&file.name, text) {
            Ok(a) => {
                if articles.iter().any(|b| b.slug == a.slug) {
                    problems.push(Diagnostic {
                        path: file.name.clone(),
                        line: 1,
                        column: 1,
                        message: format!(
                            "duplicate slug “{}”: another article already uses it",
                            a.slug
                        ),
                    });
                } else {
                    articles.push(a);
                }
            }
            Err(mut e) => problems.append(&mut e),
        }
    }
    if articles.is_empty() && problems.is_empty() {
        problems.push(Diagnostic {
            path: files.first().map_or_else(|| ".".into(), |f| f.name.clone()),
            line: 1,
            column: 1,
            message: "no articles: expected at least one *.md file".into(),
        });
    }
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems));
    }
    let clinic = match clinic {
        Some(c) => c,
        None => bundled_clinic()?,
    };
    Ok(Library { articles, clinic })
}

fn bundled_clinic() -> Result<Clinic, LoadError> {
    let files: Vec<SourceFile> = bundled_files()
        .into_iter()
        .filter(|f| f.name.ends_with(CLINIC_FILE))
        .collect();
    let file = files.first().ok_or_else(|| {
        LoadError::Invalid(vec![Diagnostic {
            path: CLINIC_FILE.into(),
            line: 1,
            column: 1,
            message: "no clinic.toml bundled".into(),
        }])
    })?;
    let text = String::from_utf8_lossy(&file.bytes);
    parse_clinic(&file.name, &text).map_err(LoadError::Invalid)
}

/// The bundled content, or `dir`'s when given.
pub fn load_library(dir: Option<&Path>) -> Result<Library, LoadError> {
    match dir {
        Some(dir) => load(directory_files(dir)?),
        None => load(bundled_files()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_content_is_complete() {
        let lib = load_library(None).unwrap();
        let a = lib.article("revision-surgery").unwrap();
        assert_eq!(a.title, "再手術について:慢性腰痛");
        assert_eq!(a.published.to_string(), "2026-02-20");
        assert_eq!(a.updated, None);
        assert_eq!(a.summary.len(), 5);
        assert_eq!(a.questions.len(), 6);
        assert_eq!(a.references.len(), 17);
        assert_eq!(lib.clinic.name, "ひまわり接骨院");
    }

    #[test]
    fn suggests_the_closest_slug() {
        let lib = load_library(None).unwrap();
        assert_eq!(
            lib.closest_slug("revison-surgery"),
            Some("revision-surgery")
        );
    }

    #[test]
    fn duplicate_slugs_and_bad_bytes_are_all_reported() {
        let article =
            b"+++\nslug = \"a\"\ntitle = \"t\"\npublished = 2026-01-01\n+++\n## q\n\nA\n".to_vec();
        let files = vec![
            SourceFile {
                name: "a.md".into(),
                bytes: article.clone(),
            },
            SourceFile {
                name: "b.md".into(),
                bytes: article,
            },
            SourceFile {
                name: "c.md".into(),
                bytes: b"+++\n\xff\n".to_vec(),
            },
        ];
        let Err(LoadError::Invalid(errs)) = load(files) else {
            panic!("expected errors")
        };
        let msgs: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs[0].starts_with("b.md:1:1: duplicate slug"));
        assert!(msgs[1].starts_with("c.md:2:1: invalid UTF-8"));
    }
}
