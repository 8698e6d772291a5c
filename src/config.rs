//! The config file, `config.toml`: what it sets and on which line, so that
//! `reader config` can say where each setting came from. Unknown keys, wrong
//! types and values out of range are errors at `path:line:column`.

use std::path::{Path, PathBuf};

use reader::content::diagnostic::{Diagnostic, SourceMap};
use reader::kiosk::config::{KioskConfig, parse_key};
use reader::tui::keymap::Key;
use serde::Deserialize;
use toml::Spanned;

use crate::cli::{ThemeName, WrapMode};

/// Full-width characters a line of body text holds: below ten a line holds
/// hardly a phrase; above a hundred the eye loses the next line.
pub const MEASURE: std::ops::RangeInclusive<usize> = 10..=100;

/// A value the file sets, and the line it is set on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Set<T> {
    pub value: T,
    pub line: usize,
}

/// A key of the exit sequence as the file spells it, and the key it means.
pub type ExitKey = (String, Key);

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigFile {
    pub reader: ReaderSection,
    pub kiosk: KioskSection,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReaderSection {
    pub theme: Option<Set<ThemeName>>,
    pub ambiguous_wide: Option<Set<bool>>,
    pub wrap: Option<Set<WrapMode>>,
    pub measure: Option<Set<usize>>,
    /// Relative paths are taken from the config file's directory.
    pub articles: Option<Set<PathBuf>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KioskSection {
    pub dwell_min: Option<Set<u64>>,
    pub dwell_max: Option<Set<u64>>,
    pub idle_timeout: Option<Set<u64>>,
    pub exit_sequence: Option<Set<Vec<ExitKey>>>,
    pub theme: Option<Set<ThemeName>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    reader: RawReader,
    #[serde(default)]
    kiosk: RawKiosk,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawReader {
    theme: Option<Spanned<ThemeName>>,
    ambiguous_wide: Option<Spanned<bool>>,
    wrap: Option<Spanned<WrapMode>>,
    measure: Option<Spanned<i64>>,
    articles: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawKiosk {
    dwell_min: Option<Spanned<i64>>,
    dwell_max: Option<Spanned<i64>>,
    idle_timeout: Option<Spanned<i64>>,
    exit_sequence: Option<Spanned<Vec<Spanned<String>>>>,
    theme: Option<Spanned<ThemeName>>,
}

/// Parses `text`, read from `path`, reporting every problem serde lets
/// through (it stops at the first unknown key or wrong type).
pub fn parse(path: &Path, text: &str) -> Result<ConfigFile, Vec<Diagnostic>> {
    let name = path.display().to_string();
    let map = SourceMap::new(&name, text);
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        vec![map.at(
            e.span().map_or(0, |s| s.start),
            e.message().trim().replace('\n', " "),
        )]
    })?;
    let mut problems = Vec::new();
    let line = |offset: usize| map.position(offset).0;
    let set = |s: Spanned<_>| Set {
        line: line(s.span().start),
        value: s.into_inner(),
    };
    let mut ranged = |s: Option<Spanned<i64>>, key: &str, range: std::ops::RangeInclusive<u64>| {
        let s = s?;
        match u64::try_from(*s.get_ref()) {
            Ok(v) if range.contains(&v) => Some(Set {
                value: v,
                line: line(s.span().start),
            }),
            _ => {
                problems.push(map.at(
                    s.span().start,
                    format!(
                        "{key} = {}: expected {}–{}",
                        s.get_ref(),
                        range.start(),
                        range.end()
                    ),
                ));
                None
            }
        }
    };
    let seconds = 1..=KioskConfig::MAX_SECONDS;
    let measure = ranged(
        raw.reader.measure,
        "measure (full-width characters a line)",
        *MEASURE.start() as u64..=*MEASURE.end() as u64,
    )
    .map(|s| Set {
        // In MEASURE's range, so it fits any usize.
        value: s.value as usize,
        line: s.line,
    });
    let dwell_min = ranged(raw.kiosk.dwell_min, "dwell_min (seconds)", seconds.clone());
    let dwell_max = ranged(raw.kiosk.dwell_max, "dwell_max (seconds)", seconds.clone());
    let idle_timeout = ranged(raw.kiosk.idle_timeout, "idle_timeout (seconds)", seconds);

    let exit_sequence = raw.kiosk.exit_sequence.map(|seq| {
        let at = line(seq.span().start);
        let keys = seq
            .into_inner()
            .into_iter()
            .filter_map(|k| match parse_key(k.get_ref()) {
                Some(key) => Some((k.get_ref().clone(), key)),
                None => {
                    problems.push(map.at(
                        k.span().start,
                        format!(
                            "unknown key “{}”: expected a character, ctrl-X, f1–f12, esc, enter, tab or space",
                            k.get_ref()
                        ),
                    ));
                    None
                }
            })
            .collect();
        Set {
            value: keys,
            line: at,
        }
    });
    let dir = path.parent().unwrap_or(Path::new(""));
    let file = ConfigFile {
        reader: ReaderSection {
            theme: raw.reader.theme.map(set),
            ambiguous_wide: raw.reader.ambiguous_wide.map(|s| Set {
                line: line(s.span().start),
                value: s.into_inner(),
            }),
            wrap: raw.reader.wrap.map(|s| Set {
                line: line(s.span().start),
                value: s.into_inner(),
            }),
            measure,
            articles: raw.reader.articles.map(|s| Set {
                line: line(s.span().start),
                value: dir.join(s.into_inner()),
            }),
        },
        kiosk: KioskSection {
            dwell_min,
            dwell_max,
            idle_timeout,
            exit_sequence,
            theme: raw.kiosk.theme.map(set),
        },
    };
    if problems.is_empty() {
        Ok(file)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyCode;

    fn parse_str(text: &str) -> Result<ConfigFile, Vec<Diagnostic>> {
        parse(Path::new("/etc/reader/config.toml"), text)
    }

    #[test]
    fn parses_every_key_with_its_line() {
        let c = parse_str(
            "[reader]\ntheme = \"high-contrast\"\nambiguous_wide = true\nwrap = \"phrase\"\nmeasure = 35\narticles = \"clinic\"\n\
             [kiosk]\ndwell_min = 10\ndwell_max = 60\nidle_timeout = 30\ntheme = \"default\"\nexit_sequence = [\"ctrl-x\", \"F12\", \"q\"]\n",
        )
        .unwrap();
        let r = &c.reader;
        assert_eq!(
            r.theme,
            Some(Set {
                value: ThemeName::HighContrast,
                line: 2
            })
        );
        assert_eq!(r.ambiguous_wide.as_ref().map(|s| s.value), Some(true));
        assert_eq!(r.wrap.as_ref().map(|s| s.value), Some(WrapMode::Phrase));
        assert_eq!(r.measure.as_ref().map(|s| (s.value, s.line)), Some((35, 5)));
        assert_eq!(
            r.articles.as_ref().map(|s| s.value.clone()),
            Some(PathBuf::from("/etc/reader/clinic"))
        );
        let k = &c.kiosk;
        assert_eq!(
            k.dwell_min.as_ref().map(|s| (s.value, s.line)),
            Some((10, 8))
        );
        assert_eq!(k.idle_timeout.as_ref().map(|s| s.value), Some(30));
        let seq = &k.exit_sequence.as_ref().unwrap().value;
        assert_eq!(seq[0].0, "ctrl-x");
        assert_eq!(
            seq[0].1,
            Key {
                code: KeyCode::Char('x'),
                ctrl: true
            }
        );
        assert_eq!(seq[1].1.code, KeyCode::F(12));
    }

    #[test]
    fn an_empty_file_sets_nothing() {
        assert_eq!(parse_str("").unwrap(), ConfigFile::default());
    }

    #[test]
    fn unknown_keys_and_wrong_types_name_line_and_column() {
        let errs = parse_str("[reader]\nthem = \"default\"\n").unwrap_err();
        assert_eq!((errs[0].line, errs[0].column), (2, 1), "{errs:?}");
        assert!(errs[0].message.contains("unknown field"), "{errs:?}");
        let errs = parse_str("[kiosk]\ndwell_min = \"ten\"\n").unwrap_err();
        assert_eq!((errs[0].line, errs[0].column), (2, 13), "{errs:?}");
        let errs = parse_str("[reader]\ntheme = \"pink\"\n").unwrap_err();
        assert_eq!(errs[0].line, 2);
        assert!(errs[0].message.contains("high-contrast"), "{errs:?}");
        let errs = parse_str("[printer]\n").unwrap_err();
        assert_eq!(errs[0].line, 1);
    }

    #[test]
    fn values_out_of_range_are_all_reported() {
        let errs = parse_str(
            "[reader]\nmeasure = 5\n[kiosk]\nidle_timeout = 86401\ndwell_min = 0\nexit_sequence = [\"ctrl-\"]\n",
        )
        .unwrap_err();
        let at: Vec<(usize, usize)> = errs.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, [(2, 11), (5, 13), (4, 16), (6, 18)], "{errs:?}");
        assert!(errs[0].message.contains("expected 10–100"), "{errs:?}");
    }
}
