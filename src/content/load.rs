//! Loading content: the articles bundled into the binary, or a directory.

use std::ffi::OsStr;
use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::article::{SlugRef, parse_article_with_warnings};
use super::clinic::{Clinic, parse_clinic};
use super::diagnostic::{Diagnostic, utf8_error};
use super::model::Article;
use crate::text::sanitize::escape_for_display;

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

pub const CLINIC_FILE: &str = "clinic.toml";

/// The largest content file read. The bundled article is 30 KB; a cap keeps
/// a runaway file (or /dev/zero behind a symlink) from filling memory.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Library {
    pub articles: Vec<Article>,
    pub clinic: Clinic,
    /// What loaded but is shown differently from how it was written, for
    /// `reader check` to print (links that stay text).
    pub warnings: Vec<Diagnostic>,
}

/// A category's articles, as indices into [`Library::articles`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shelf<'a> {
    /// `None`: the articles that name no category (「その他」).
    pub category: Option<&'a str>,
    pub articles: Vec<usize>,
}

impl Library {
    pub fn article(&self, slug: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.slug == slug)
    }

    /// The articles by category, as the library lists them: categories in
    /// the order their first article loads (「その他」, for articles naming
    /// none, last), each with its articles in load order.
    pub fn shelves(&self) -> Vec<Shelf<'_>> {
        let mut shelves: Vec<Shelf> = Vec::new();
        for (i, a) in self.articles.iter().enumerate() {
            let name = a.category.as_deref();
            match shelves.iter_mut().find(|s| s.category == name) {
                Some(s) => s.articles.push(i),
                None => shelves.push(Shelf {
                    category: name,
                    articles: vec![i],
                }),
            }
        }
        // Stable: the named categories keep their order.
        shelves.sort_by_key(|s| s.category.is_none());
        shelves
    }

    /// The articles in the order the library lists them.
    pub fn listed(&self) -> Vec<usize> {
        self.shelves()
            .into_iter()
            .flat_map(|s| s.articles)
            .collect()
    }

    /// The slug most like `slug`, for "did you mean …?".
    pub fn closest_slug(&self, slug: &str) -> Option<&str> {
        closest(&self.articles, slug)
    }
}

/// The slug of `articles` most like `slug`.
fn closest<'a>(articles: &'a [Article], slug: &str) -> Option<&'a str> {
    articles
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

/// A problem for each slug of `refs` (written in the file `path`) that
/// names no article of `articles`.
fn unknown_slugs(
    articles: &[Article],
    path: &str,
    refs: &[SlugRef],
    what: &str,
) -> Vec<Diagnostic> {
    (refs.iter())
        .filter(|r| !articles.iter().any(|a| a.slug == r.slug))
        .map(|r| {
            let hint = closest(articles, &r.slug)
                .map(|s| format!(" (did you mean “{s}”?)"))
                .unwrap_or_default();
            Diagnostic::new(
                path,
                r.line,
                r.column,
                format!(
                    "{what} “{}” names no article: expected the slug of an article here{hint}",
                    r.slug
                ),
            )
        })
        .collect()
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    // A file name can hold control characters too.
    #[error("cannot read {}: {source}", shown(path))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Diagnostic>),
    #[error("{}: no articles: expected at least one *.md file", shown(dir))]
    NoArticles { dir: PathBuf },
}

fn shown(path: &Path) -> String {
    escape_for_display(&path.display().to_string())
}

/// A content file: the name diagnostics use and its bytes.
pub struct SourceFile {
    pub name: String,
    pub bytes: Contents,
}

/// A content file's bytes: read from a file, or bundled in the binary as
/// text that was checked to be UTF-8 when the binary was built (so it is
/// neither copied nor checked again at each start).
#[derive(Debug, Clone)]
pub enum Contents {
    Bundled(&'static str),
    Read(Vec<u8>),
}

impl Contents {
    fn text(&self) -> Result<&str, std::str::Utf8Error> {
        match self {
            Contents::Bundled(text) => Ok(text),
            Contents::Read(bytes) => std::str::from_utf8(bytes),
        }
    }
}

impl std::ops::Deref for Contents {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Contents::Bundled(text) => text.as_bytes(),
            Contents::Read(bytes) => bytes,
        }
    }
}

impl From<Vec<u8>> for Contents {
    fn from(bytes: Vec<u8>) -> Contents {
        Contents::Read(bytes)
    }
}

pub fn bundled_files() -> Vec<SourceFile> {
    BUNDLED
        .iter()
        .map(|(name, text)| SourceFile {
            name: format!("articles/{name}"),
            bytes: Contents::Bundled(text),
        })
        .collect()
}

/// Whether a directory entry is content: `*.md` and `clinic.toml`, but not
/// hidden files (editor swap and lock files such as `.#a.md`), nor the
/// staff's guide `README.md` that a copy of articles/ holds. Bytes, not
/// text: a name that is not UTF-8 can be content too.
pub fn is_content_name(name: &OsStr) -> bool {
    let name = name.as_encoded_bytes();
    !name.starts_with(b".")
        && ((name.ends_with(b".md") && name != b"README.md") || name == CLINIC_FILE.as_bytes())
}

/// `path` as text, each byte that is not UTF-8 shown as `\x8a`.
fn escaped_path(path: &Path) -> String {
    let mut shown = String::new();
    for chunk in path.as_os_str().as_encoded_bytes().utf8_chunks() {
        shown.push_str(chunk.valid());
        for b in chunk.invalid() {
            shown.push_str(&format!("\\x{b:02x}"));
        }
    }
    shown
}

/// Every `*.md` and `clinic.toml` in `dir` (not recursive), and a problem
/// for each whose name is not UTF-8: content is UTF-8, names too, and a
/// file left out without a word would be a mystery on the screen.
pub fn directory_files(dir: &Path) -> Result<(Vec<SourceFile>, Vec<Diagnostic>), LoadError> {
    let io = |source| LoadError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let Some(name) = path.file_name().filter(|n| is_content_name(n)) else {
            continue;
        };
        if name.to_str().is_none() {
            problems.push(Diagnostic::new(
                &escaped_path(&path),
                1,
                1,
                "the file name is not UTF-8: rename it (names, as content, must be UTF-8)",
            ));
            continue;
        }
        files.push(SourceFile {
            bytes: read_regular_file(&path, MAX_FILE_BYTES)?.into(),
            name: path.display().to_string(),
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, problems))
}

/// Reads a file the user names (content, or the config file): a regular file
/// (or a symlink to one) of at most `max` bytes, without ever blocking on a
/// FIFO or a device, nor reading more than `max` bytes of a growing one.
pub fn read_regular_file(path: &Path, max: u64) -> Result<Vec<u8>, LoadError> {
    let fail = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    // stat does not open: a FIFO is refused before anything can block on it.
    regular_and_small(&std::fs::metadata(path).map_err(fail)?, max).map_err(fail)?;
    let file = open_nonblocking(path).map_err(fail)?;
    // The name may have been swapped for a FIFO between stat and open: check
    // what was opened.
    regular_and_small(&file.metadata().map_err(fail)?, max).map_err(fail)?;
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes).map_err(fail)?;
    // It may also have grown since.
    if bytes.len() as u64 > max {
        return Err(fail(too_large(bytes.len() as u64, max)));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

fn regular_and_small(meta: &Metadata, max: u64) -> io::Result<()> {
    if !meta.is_file() {
        let what = file_kind(meta);
        let kind = if meta.is_dir() {
            io::ErrorKind::IsADirectory
        } else {
            io::ErrorKind::InvalidInput
        };
        return Err(io::Error::new(
            kind,
            format!("it is {what}: expected a regular file"),
        ));
    }
    if meta.len() > max {
        return Err(too_large(meta.len(), max));
    }
    Ok(())
}

fn too_large(size: u64, max: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!(
            "it is {size} bytes: expected at most {max} bytes ({} MiB)",
            max / (1024 * 1024)
        ),
    )
}

fn file_kind(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    "not a regular file"
}

/// Problems shown per file: past this many, one line counts the rest, so
/// that a file of 500,000 `>` does not print 500,000 lines.
pub const MAX_PROBLEMS_PER_FILE: usize = 100;

fn capped(mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if let Some(next) = problems.get(MAX_PROBLEMS_PER_FILE) {
        let more = Diagnostic::new(
            &next.path,
            next.line,
            next.column,
            format!(
                "{} more problems in this file: only the first {MAX_PROBLEMS_PER_FILE} are shown",
                problems.len() - MAX_PROBLEMS_PER_FILE
            ),
        );
        problems.truncate(MAX_PROBLEMS_PER_FILE);
        problems.push(more);
    }
    problems
}

/// Parses every file and reports every problem at once. A directory without
/// its own `clinic.toml` uses the bundled one. `dir` is where the files came
/// from, for the message when there are no articles.
pub fn load(dir: &Path, files: Vec<SourceFile>) -> Result<Library, LoadError> {
    load_with(dir, files, Vec::new())
}

/// [`load`], with the problems found before the files were read.
fn load_with(
    dir: &Path,
    files: Vec<SourceFile>,
    mut problems: Vec<Diagnostic>,
) -> Result<Library, LoadError> {
    let mut warnings = Vec::new();
    let mut articles: Vec<Article> = Vec::new();
    // The slugs each file names, checked once every article is known.
    let mut named: Vec<(&str, Vec<SlugRef>, &str)> = Vec::new();
    let mut clinic = None;
    for file in &files {
        let text = match file.bytes.text() {
            Ok(t) => t,
            Err(e) => {
                problems.push(utf8_error(&file.name, &file.bytes, &e));
                continue;
            }
        };
        if file.name.ends_with(CLINIC_FILE) {
            match parse_clinic(&file.name, text) {
                Ok((c, refs)) => {
                    clinic = Some(c);
                    named.push((&file.name, refs, "notice article"));
                }
                Err(e) => problems.append(&mut capped(e)),
            }
            continue;
        }
        match parse_article_with_warnings(&file.name, text) {
            Ok(parsed) => {
                let a = parsed.article;
                warnings.append(&mut capped(parsed.warnings));
                named.push((&file.name, parsed.related, "related"));
                if articles.iter().any(|b| b.slug == a.slug) {
                    problems.push(Diagnostic::new(
                        &file.name,
                        1,
                        1,
                        format!(
                            "duplicate slug “{}”: another article already uses it",
                            a.slug
                        ),
                    ));
                } else {
                    articles.push(a);
                }
            }
            Err(e) => problems.append(&mut capped(e)),
        }
    }
    // With a file in error, a slug may name the article it holds.
    if problems.is_empty() {
        for (path, refs, what) in &named {
            problems.append(&mut capped(unknown_slugs(&articles, path, refs, what)));
        }
    }
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems));
    }
    if articles.is_empty() {
        return Err(LoadError::NoArticles {
            dir: dir.to_path_buf(),
        });
    }
    let mut clinic = match clinic {
        Some(c) => c,
        None => bundled_clinic()?,
    };
    for n in &mut clinic.notices {
        let article = (n.article.as_ref()).and_then(|s| articles.iter().find(|a| &a.slug == s));
        n.article_title = article.map(|a| a.title.clone());
    }
    Ok(Library {
        articles,
        clinic,
        warnings,
    })
}

fn bundled_clinic() -> Result<Clinic, LoadError> {
    let files: Vec<SourceFile> = bundled_files()
        .into_iter()
        .filter(|f| f.name.ends_with(CLINIC_FILE))
        .collect();
    let file = files.first().ok_or_else(|| {
        LoadError::Invalid(vec![Diagnostic::new(
            CLINIC_FILE,
            1,
            1,
            "no clinic.toml bundled",
        )])
    })?;
    let text = String::from_utf8_lossy(&file.bytes);
    // Its notices name bundled articles, if any: not checked against others.
    (parse_clinic(&file.name, &text).map(|(c, _)| c)).map_err(LoadError::Invalid)
}

/// The bundled content, or `dir`'s when given.
pub fn load_library(dir: Option<&Path>) -> Result<Library, LoadError> {
    match dir {
        Some(dir) => {
            let (files, problems) = directory_files(dir)?;
            load_with(dir, files, problems)
        }
        None => load(Path::new("articles"), bundled_files()),
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
    fn problems_past_the_cap_are_counted_in_one_line() {
        let text = format!(
            "+++\nslug = \"a\"\ntitle = \"t\"\npublished = 2026-01-01\n+++\n## q\n\n{}\n",
            "> ".repeat(1000)
        );
        let files = vec![SourceFile {
            name: "a.md".into(),
            bytes: text.into_bytes().into(),
        }];
        let Err(LoadError::Invalid(errs)) = load(Path::new("d"), files) else {
            panic!("expected errors")
        };
        assert_eq!(errs.len(), MAX_PROBLEMS_PER_FILE + 1);
        assert!(
            errs[MAX_PROBLEMS_PER_FILE]
                .to_string()
                .starts_with("a.md:8:201: 901 more problems in this file"),
            "{}",
            errs[MAX_PROBLEMS_PER_FILE]
        );
    }

    /// An article `slug` naming `related`, as a file of that name.
    fn related_file(slug: &str, related: &str) -> SourceFile {
        SourceFile {
            name: format!("{slug}.md"),
            bytes: format!("+++\nslug = \"{slug}\"\ntitle = \"t\"\npublished = 2026-01-01\nrelated = [{related}]\n+++\n## q\n\nA\n")
                .into_bytes()
                .into(),
        }
    }

    fn clinic_file(notice_article: &str) -> SourceFile {
        let clinic = include_str!("../../articles/clinic.toml").replacen(
            "title = \"2026年 2月のお休み\"",
            &format!("title = \"x\"\narticle = \"{notice_article}\""),
            1,
        );
        SourceFile {
            name: "clinic.toml".into(),
            bytes: clinic.into_bytes().into(),
        }
    }

    #[test]
    fn related_articles_may_name_each_other_and_notices_an_article() {
        let files = vec![
            related_file("a", "\"b\""),
            related_file("b", "\"a\""),
            clinic_file("b"),
        ];
        let lib = load(Path::new("d"), files).unwrap();
        assert_eq!(lib.article("a").unwrap().related, ["b"]);
        assert_eq!(lib.article("b").unwrap().related, ["a"]);
        assert!(
            lib.clinic
                .notices
                .iter()
                .any(|n| n.article.as_deref() == Some("b"))
        );
    }

    #[test]
    fn unknown_slugs_are_errors_where_they_are_written() {
        let files = vec![
            related_file("a", "\"b\", \"bb\""),
            related_file("b", "\"a\", \"zzz\""),
            clinic_file("c"),
        ];
        let Err(LoadError::Invalid(errs)) = load(Path::new("d"), files) else {
            panic!("expected errors")
        };
        let msgs: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(
            msgs[0].starts_with("a.md:5:17: related “bb” names no article")
                && msgs[0].ends_with("(did you mean “b”?)"),
            "{msgs:?}"
        );
        assert!(
            msgs[1].starts_with("b.md:5:17: related “zzz” names no article"),
            "{msgs:?}"
        );
        assert!(
            msgs[2].starts_with("clinic.toml:47:11: notice article “c” names no article"),
            "{msgs:?}"
        );
    }

    #[test]
    fn duplicate_slugs_and_bad_bytes_are_all_reported() {
        let article =
            b"+++\nslug = \"a\"\ntitle = \"t\"\npublished = 2026-01-01\n+++\n## q\n\nA\n".to_vec();
        let files = vec![
            SourceFile {
                name: "a.md".into(),
                bytes: article.clone().into(),
            },
            SourceFile {
                name: "b.md".into(),
                bytes: article.into(),
            },
            SourceFile {
                name: "c.md".into(),
                bytes: b"+++\n\xff\n".to_vec().into(),
            },
        ];
        let Err(LoadError::Invalid(errs)) = load(Path::new("d"), files) else {
            panic!("expected errors")
        };
        let msgs: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs[0].starts_with("b.md:1:1: duplicate slug"));
        assert!(msgs[1].starts_with("c.md:2:1: invalid UTF-8"));
    }
}
