//! The config file, `config.toml`, read as content files are (a regular
//! file, size-capped, never blocking) and split into its `section.key`
//! entries, each with where its key and value sit. Which keys exist and
//! what their values mean is `settings`' table; this knows none of it.

use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};

use reader::content::LoadError;
use reader::content::diagnostic::{Diagnostic, SourceMap, lf_line_breaks, utf8_error};
use reader::content::load::read_regular_file;
use toml::de::{DeTable, DeValue};

/// The largest config file read: the shipped one is 1 KB. A cap keeps a
/// runaway file (or /dev/zero behind a symlink) from filling memory.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// A `[section]` of the file, and where its name sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    pub at: usize,
}

/// One `key = value` of a section: `reader.theme`, where the key and the
/// value's text sit (byte offsets into the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub key_at: usize,
    pub value: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigFile {
    pub path: PathBuf,
    /// The path as diagnostics name it.
    pub name: String,
    text: String,
    pub sections: Vec<Section>,
    pub entries: Vec<Entry>,
}

impl ConfigFile {
    /// Reads and splits the file at `path`. Invalid UTF-8 and TOML are
    /// content errors at `path:line:column`.
    pub fn read(path: &Path) -> Result<ConfigFile, LoadError> {
        let bytes = read_regular_file(path, MAX_CONFIG_BYTES)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let d = utf8_error(&path.display().to_string(), e.as_bytes(), &e.utf8_error());
            LoadError::Invalid(vec![d])
        })?;
        ConfigFile::parse(path, text).map_err(LoadError::Invalid)
    }

    /// Splits `text`, read from `path`, into its sections and entries.
    pub fn parse(path: &Path, text: String) -> Result<ConfigFile, Vec<Diagnostic>> {
        let text = if let Cow::Owned(lf) = lf_line_breaks(&text) {
            lf
        } else {
            text
        };
        let name = path.display().to_string();
        let (sections, entries) = {
            let map = SourceMap::new(&name, &text);
            let table = DeTable::parse(&text).map_err(|e| {
                vec![map.at(
                    e.span().map_or(0, |s| s.start),
                    e.message().trim().replace('\n', " "),
                )]
            })?;
            let mut sections = Vec::new();
            let mut entries = Vec::new();
            let mut problems = Vec::new();
            for (section, value) in table.get_ref() {
                let DeValue::Table(keys) = value.get_ref() else {
                    problems.push(map.at(
                        section.span().start,
                        format!("{section}: expected a table, [{section}]"),
                    ));
                    continue;
                };
                sections.push(Section {
                    name: section.get_ref().to_string(),
                    at: section.span().start,
                });
                entries.extend(keys.iter().map(|(key, value)| Entry {
                    name: format!("{section}.{key}"),
                    key_at: key.span().start,
                    value: value.span(),
                }));
            }
            if !problems.is_empty() {
                return Err(problems);
            }
            (sections, entries)
        };
        Ok(ConfigFile {
            path: path.to_path_buf(),
            name,
            text,
            sections,
            entries,
        })
    }

    /// Turns offsets of the file into lines and columns.
    pub fn map(&self) -> SourceMap<'_> {
        SourceMap::new(&self.name, &self.text)
    }

    /// An entry's value as written: `"high-contrast"`, `[1, 2]`.
    pub fn raw(&self, entry: &Entry) -> &str {
        &self.text[entry.value.clone()]
    }

    /// The folder relative paths in the file are taken from.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new(""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ConfigFile, Vec<Diagnostic>> {
        ConfigFile::parse(Path::new("/etc/reader/config.toml"), text.into())
    }

    #[test]
    fn entries_keep_where_their_keys_and_values_sit() {
        let c = parse("[reader]\ntheme = \"high-contrast\"\n[kiosk]\nexit_sequence = [\"q\"]\n")
            .unwrap();
        let names: Vec<&str> = c.entries.iter().map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"reader.theme") && names.contains(&"kiosk.exit_sequence"));
        let theme = c.entries.iter().find(|e| e.name == "reader.theme").unwrap();
        assert_eq!(c.raw(theme), "\"high-contrast\"");
        assert_eq!(c.map().position(theme.key_at), (2, 1));
        assert_eq!(c.dir(), Path::new("/etc/reader"));
    }

    #[test]
    fn syntax_errors_and_values_outside_a_section_name_line_and_column() {
        for eol in ["\n", "\r", "\r\n"] {
            let errs = parse(&format!("[reader]{eol}theme = {eol}")).unwrap_err();
            assert_eq!((errs[0].line, errs[0].column), (2, 9), "{eol:?}: {errs:?}");
        }
        let errs = parse("theme = \"default\"\n").unwrap_err();
        assert_eq!((errs[0].line, errs[0].column), (1, 1), "{errs:?}");
        assert!(errs[0].message.contains("expected a table"), "{errs:?}");
    }
}
