//! Settings in one place, merged in one order: defaults, then the config
//! file, then the environment, then the flags. Each keeps where it came
//! from, for `reader config` and for messages about a bad combination.

use std::fmt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;
use reader::content::LoadError;
use reader::kiosk::config::KioskConfig;
use reader::layout::document::DocOptions;
use reader::layout::{Ambiguous, Policy};
use reader::text::width::{pad, str_width};
use reader::tui::Settings;
use reader::tui::theme::{Theme, ThemeKind};
use serde_json::{Value, json};

use crate::Failure;
use crate::cli::{Cli, ColorChoice, ThemeName, WrapMode};
use crate::config::{self, ConfigFile, ExitKey, Set};

/// An environment variable, with an empty one counted as unset.
fn env(name: &str) -> Option<std::ffi::OsString> {
    std::env::var_os(name).filter(|v| !v.is_empty())
}

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    File(PathBuf, usize),
    Env(&'static str),
    Flag(&'static str),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File(path, line) => write!(f, "{}:{line}", path.display()),
            Origin::Env(var) => write!(f, "env {var}"),
            Origin::Flag(flag) => write!(f, "flag {flag}"),
        }
    }
}

impl Origin {
    fn json(&self) -> Value {
        match self {
            Origin::Default => json!({"source": "default"}),
            Origin::File(path, line) => {
                json!({"source": "file", "path": path.display().to_string(), "line": line})
            }
            Origin::Env(var) => json!({"source": "env", "variable": var}),
            Origin::Flag(flag) => json!({"source": "flag", "flag": flag}),
        }
    }
}

/// A value and where it came from. Built from its default up, each layer
/// replacing it when the layer sets it, so the calls read in precedence order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Sourced<T> {
    fn default(value: T) -> Self {
        Sourced {
            value,
            origin: Origin::Default,
        }
    }

    fn file(self, set: Option<Set<T>>, path: &Path) -> Self {
        match set {
            Some(s) => Sourced {
                value: s.value,
                origin: Origin::File(path.to_path_buf(), s.line),
            },
            None => self,
        }
    }

    fn env(self, value: Option<T>, var: &'static str) -> Self {
        match value {
            Some(value) => Sourced {
                value,
                origin: Origin::Env(var),
            },
            None => self,
        }
    }

    fn flag(self, value: Option<T>, flag: &'static str) -> Self {
        match value {
            Some(value) => Sourced {
                value,
                origin: Origin::Flag(flag),
            },
            None => self,
        }
    }
}

/// What the process's environment says, read once.
#[derive(Debug, Clone, Default)]
struct Environment {
    reader_config: Option<PathBuf>,
    reader_articles: Option<PathBuf>,
    no_color: bool,
    term_dumb: bool,
    /// `$XDG_CONFIG_HOME/reader/config.toml`, by etcetera's XDG rules: an
    /// empty or relative XDG_CONFIG_HOME counts as unset, so `~/.config`.
    /// `None` without a home directory.
    default_config: Option<PathBuf>,
}

impl Environment {
    fn of_process() -> Environment {
        Environment {
            reader_config: env("READER_CONFIG").map(PathBuf::from),
            reader_articles: env("READER_ARTICLES").map(PathBuf::from),
            no_color: env("NO_COLOR").is_some(),
            term_dumb: env("TERM").is_some_and(|t| t == "dumb"),
            default_config: etcetera::base_strategy::Xdg::new()
                .ok()
                .map(|xdg| xdg.config_dir().join("reader/config.toml")),
        }
    }
}

/// Every setting in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effective {
    /// The config file read, if any.
    pub config: Sourced<Option<PathBuf>>,
    /// Where the config file is looked for when neither --config nor
    /// READER_CONFIG names one, for the report to say where to put it.
    pub config_default: Option<PathBuf>,
    pub plain: Sourced<bool>,
    pub color: Sourced<ColorChoice>,
    pub theme: Sourced<ThemeName>,
    pub ambiguous_wide: Sourced<bool>,
    pub wrap: Sourced<WrapMode>,
    pub measure: Sourced<usize>,
    /// `None`: the bundled articles.
    pub articles: Sourced<Option<PathBuf>>,
    pub kiosk_theme: Sourced<ThemeName>,
    pub dwell_min: Sourced<u64>,
    pub dwell_max: Sourced<u64>,
    pub idle_timeout: Sourced<u64>,
    pub exit_sequence: Sourced<Vec<ExitKey>>,
}

/// The settings for this run: reads the environment and the config file.
pub fn load(cli: &Cli) -> Result<Effective, Failure> {
    let environment = Environment::of_process();
    let config = config_path(cli, &environment);
    let file = match &config.value {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io {
                path: path.clone(),
                source,
            })?;
            config::parse(path, &text).map_err(LoadError::Invalid)?
        }
        None => ConfigFile::default(),
    };
    resolve(cli, &environment, config, file)
}

/// `--config`, else READER_CONFIG, else the XDG path when that file exists.
/// A file named by the flag or the variable must exist.
fn config_path(cli: &Cli, environment: &Environment) -> Sourced<Option<PathBuf>> {
    let default = environment.default_config.clone().filter(|p| p.exists());
    Sourced::default(default)
        .env(environment.reader_config.clone().map(Some), "READER_CONFIG")
        .flag(cli.config.clone().map(Some), "--config")
}

/// Merges the layers. Pure, for tests: the environment and file are given.
fn resolve(
    cli: &Cli,
    environment: &Environment,
    config: Sourced<Option<PathBuf>>,
    file: ConfigFile,
) -> Result<Effective, Failure> {
    let path = config.value.clone().unwrap_or_default();
    let path = path.as_path();
    let (reader, kiosk) = (file.reader, file.kiosk);
    let defaults = KioskConfig::default();

    // NO_COLOR and TERM=dumb turn `auto` off, also when --color auto is given.
    let color_off = environment.no_color || environment.term_dumb;
    let color = Sourced::default(ColorChoice::Auto)
        .env(
            environment.no_color.then_some(ColorChoice::Never),
            "NO_COLOR",
        )
        .env(environment.term_dumb.then_some(ColorChoice::Never), "TERM")
        .flag(
            cli.color.filter(|c| *c != ColorChoice::Auto || !color_off),
            "--color",
        )
        .flag(cli.plain.then_some(ColorChoice::Never), "--plain");
    let file_theme = Sourced::default(ThemeName::Default).file(reader.theme, path);
    let effective = Effective {
        plain: Sourced::default(false)
            .env(environment.term_dumb.then_some(true), "TERM")
            .flag(cli.plain.then_some(true), "--plain"),
        color,
        theme: file_theme.clone().flag(cli.theme, "--theme"),
        kiosk_theme: file_theme
            .file(kiosk.theme, path)
            .flag(cli.theme, "--theme"),
        ambiguous_wide: Sourced::default(false)
            .file(reader.ambiguous_wide, path)
            .flag(cli.ambiguous_wide.then_some(true), "--ambiguous-wide"),
        wrap: Sourced::default(WrapMode::Normal)
            .file(reader.wrap, path)
            .flag(cli.wrap, "--wrap"),
        measure: Sourced::default(Settings::default().measure)
            .file(reader.measure, path)
            .flag(cli.measure, "--measure"),
        articles: Sourced::default(None)
            .file(
                reader.articles.map(|s| Set {
                    value: Some(s.value),
                    line: s.line,
                }),
                path,
            )
            .env(
                environment.reader_articles.clone().map(Some),
                "READER_ARTICLES",
            )
            .flag(cli.articles.clone().map(Some), "--articles"),
        dwell_min: Sourced::default(defaults.dwell_min)
            .file(kiosk.dwell_min, path)
            .flag(cli.dwell_min, "--dwell-min"),
        dwell_max: Sourced::default(defaults.dwell_max)
            .file(kiosk.dwell_max, path)
            .flag(cli.dwell_max, "--dwell-max"),
        idle_timeout: Sourced::default(defaults.idle_timeout)
            .file(kiosk.idle_timeout, path)
            .flag(cli.idle_timeout, "--idle-timeout"),
        exit_sequence: Sourced::default(Vec::new()).file(kiosk.exit_sequence, path),
        config,
        config_default: environment.default_config.clone(),
    };
    // Each value is in range; only the pair can clash, from two layers.
    effective.kiosk().validate().map_err(|message| {
        Failure::Usage(format!(
            "{message}; dwell_min from {}, dwell_max from {}",
            effective.dwell_min.origin, effective.dwell_max.origin
        ))
    })?;
    Ok(effective)
}

/// A choice as its flag spells it (`high-contrast`).
fn name(choice: impl clap::ValueEnum) -> Value {
    choice
        .to_possible_value()
        .map_or(Value::Null, |p| Value::from(p.get_name()))
}

impl Effective {
    /// The kiosk's timings and exit sequence.
    pub fn kiosk(&self) -> KioskConfig {
        KioskConfig {
            dwell_min: self.dwell_min.value,
            dwell_max: self.dwell_max.value,
            idle_timeout: self.idle_timeout.value,
            exit_sequence: self.exit_sequence.value.iter().map(|(_, k)| *k).collect(),
        }
    }

    pub fn articles(&self) -> Option<&Path> {
        self.articles.value.as_deref()
    }

    /// Colour on an output that is (or is not) a terminal.
    pub fn color(&self, tty: bool) -> bool {
        match self.color.value {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty,
        }
    }

    fn ambiguous(&self) -> Ambiguous {
        if self.ambiguous_wide.value {
            Ambiguous::Wide
        } else {
            Ambiguous::Narrow
        }
    }

    fn policy(&self) -> Policy {
        match self.wrap.value {
            WrapMode::Normal => Policy::Normal,
            WrapMode::Phrase => Policy::Phrase,
        }
    }

    /// How printed text is laid out: `--width`, else the terminal's, else 80.
    pub fn doc_options(&self, cli: &Cli) -> DocOptions {
        let terminal_width = || {
            std::io::stdout()
                .is_terminal()
                .then(crossterm::terminal::size)
                .and_then(Result::ok)
                .map(|(w, _)| usize::from(w))
        };
        DocOptions {
            width: cli.width.or_else(terminal_width).unwrap_or(80),
            ambiguous: self.ambiguous(),
            body: self.policy(),
        }
    }

    /// The screen's settings, for the reader or the kiosk (whose theme the
    /// `[kiosk]` section may set apart).
    pub fn screen(&self, kiosk: bool) -> Settings {
        let theme = if kiosk {
            self.kiosk_theme.value
        } else {
            self.theme.value
        };
        let kind = match (theme, self.color(true)) {
            (_, false) => ThemeKind::Mono,
            (ThemeName::HighContrast, true) => ThemeKind::HighContrast,
            (ThemeName::Default, true) => ThemeKind::Default,
        };
        Settings {
            ambiguous: self.ambiguous(),
            policy: self.policy(),
            theme: Theme::new(kind),
            measure: self.measure.value,
        }
    }

    /// One row per setting: its name, its value as JSON, where it came from.
    fn rows(&self) -> Vec<(&'static str, Value, &Origin)> {
        let path = |p: &Option<PathBuf>| {
            p.as_ref()
                .map_or(Value::Null, |p| Value::from(p.display().to_string()))
        };
        vec![
            ("config", path(&self.config.value), &self.config.origin),
            ("plain", Value::from(self.plain.value), &self.plain.origin),
            ("color", name(self.color.value), &self.color.origin),
            ("reader.theme", name(self.theme.value), &self.theme.origin),
            (
                "reader.ambiguous_wide",
                Value::from(self.ambiguous_wide.value),
                &self.ambiguous_wide.origin,
            ),
            ("reader.wrap", name(self.wrap.value), &self.wrap.origin),
            (
                "reader.measure",
                Value::from(self.measure.value),
                &self.measure.origin,
            ),
            (
                "reader.articles",
                path(&self.articles.value),
                &self.articles.origin,
            ),
            (
                "kiosk.dwell_min",
                Value::from(self.dwell_min.value),
                &self.dwell_min.origin,
            ),
            (
                "kiosk.dwell_max",
                Value::from(self.dwell_max.value),
                &self.dwell_max.origin,
            ),
            (
                "kiosk.idle_timeout",
                Value::from(self.idle_timeout.value),
                &self.idle_timeout.origin,
            ),
            (
                "kiosk.exit_sequence",
                Value::from(
                    self.exit_sequence
                        .value
                        .iter()
                        .map(|(n, _)| n.as_str())
                        .collect::<Vec<_>>(),
                ),
                &self.exit_sequence.origin,
            ),
            (
                "kiosk.theme",
                name(self.kiosk_theme.value),
                &self.kiosk_theme.origin,
            ),
        ]
    }

    /// `reader config`: a line a setting, `name  value  origin`, aligned.
    /// A path that is not set reads `none` (the config) or `bundled`.
    pub fn report_text(&self) -> String {
        let rows: Vec<(&str, String, String)> = self
            .rows()
            .into_iter()
            .map(|(key, value, origin)| {
                let shown = match (&value, key) {
                    (Value::Null, "config") => match &self.config_default {
                        Some(p) => format!("none ({} does not exist)", p.display()),
                        None => "none (no home directory)".to_string(),
                    },
                    (Value::Null, _) => "bundled".to_string(),
                    (Value::String(s), _) => s.clone(),
                    (v, _) => v.to_string(),
                };
                (key, shown, origin.to_string())
            })
            .collect();
        // Paths may hold Japanese: align by display width, not chars.
        let w = |s: &str| str_width(s, Ambiguous::Narrow);
        let key_w = rows.iter().map(|r| w(r.0)).max().unwrap_or(0);
        let value_w = rows.iter().map(|r| w(&r.1)).max().unwrap_or(0);
        rows.iter()
            .map(|(k, v, o)| {
                format!(
                    "{}  {}  {o}\n",
                    pad(k, key_w, Ambiguous::Narrow),
                    pad(v, value_w, Ambiguous::Narrow)
                )
            })
            .collect()
    }

    /// `reader config --format json`: `{"reader.theme": {"value": …, "source": …}, …}`.
    pub fn report_json(&self) -> Value {
        let mut out = serde_json::Map::new();
        for (key, value, origin) in self.rows() {
            let mut entry = serde_json::Map::new();
            entry.insert("value".into(), value);
            if let Value::Object(o) = origin.json() {
                entry.extend(o);
            }
            out.insert(key.into(), Value::Object(entry));
        }
        Value::Object(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn cli(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("reader").chain(args.iter().copied())).unwrap()
    }

    fn file(text: &str) -> (Sourced<Option<PathBuf>>, ConfigFile) {
        let path = PathBuf::from("/c/config.toml");
        let parsed = config::parse(&path, text).unwrap();
        (Sourced::default(Some(path)), parsed)
    }

    #[test]
    fn flags_beat_environment_beat_file_beat_defaults() {
        let (config, parsed) =
            file("[reader]\narticles = \"/from-file\"\ntheme = \"high-contrast\"\n");
        let environment = Environment {
            reader_articles: Some("/from-env".into()),
            ..Environment::default()
        };
        let e = resolve(&cli(&[]), &environment, config.clone(), parsed.clone()).unwrap();
        assert_eq!(e.articles(), Some(Path::new("/from-env")));
        assert_eq!(e.articles.origin, Origin::Env("READER_ARTICLES"));
        assert_eq!(e.theme.value, ThemeName::HighContrast);
        assert_eq!(e.theme.origin.to_string(), "/c/config.toml:3");
        assert_eq!(e.wrap.origin, Origin::Default);
        let e = resolve(
            &cli(&["--articles", "/from-flag", "--theme", "default"]),
            &environment,
            config,
            parsed,
        )
        .unwrap();
        assert_eq!(e.articles(), Some(Path::new("/from-flag")));
        assert_eq!(e.theme.origin, Origin::Flag("--theme"));
    }

    #[test]
    fn the_kiosk_theme_falls_back_to_the_readers() {
        let (config, parsed) = file("[reader]\ntheme = \"high-contrast\"\n");
        let e = resolve(&cli(&[]), &Environment::default(), config, parsed).unwrap();
        assert_eq!(e.kiosk_theme.value, ThemeName::HighContrast);
        let (config, parsed) =
            file("[reader]\ntheme = \"high-contrast\"\n[kiosk]\ntheme = \"default\"\n");
        let e = resolve(&cli(&[]), &Environment::default(), config, parsed).unwrap();
        assert_eq!(e.kiosk_theme.value, ThemeName::Default);
        assert_eq!(e.theme.value, ThemeName::HighContrast);
    }

    #[test]
    fn no_color_and_dumb_terminals_turn_auto_off_but_not_always() {
        let off = Environment {
            no_color: true,
            ..Environment::default()
        };
        let (config, parsed) = file("");
        let e = resolve(
            &cli(&["--color", "auto"]),
            &off,
            config.clone(),
            parsed.clone(),
        )
        .unwrap();
        assert!(!e.color(true));
        assert_eq!(e.color.origin, Origin::Env("NO_COLOR"));
        let e = resolve(
            &cli(&["--color", "always"]),
            &off,
            config.clone(),
            parsed.clone(),
        )
        .unwrap();
        assert!(e.color(false));
        let dumb = Environment {
            term_dumb: true,
            ..Environment::default()
        };
        let e = resolve(&cli(&[]), &dumb, config.clone(), parsed.clone()).unwrap();
        assert!(e.plain.value && !e.color(true));
        let e = resolve(
            &cli(&["--plain", "--color", "always"]),
            &Environment::default(),
            config,
            parsed,
        )
        .unwrap();
        assert_eq!(e.color.origin, Origin::Flag("--plain"));
        assert!(!e.color(true));
    }

    #[test]
    fn a_dwell_clash_across_layers_names_both_origins() {
        let (config, parsed) = file("[kiosk]\ndwell_min = 60\n");
        let err = resolve(
            &cli(&["--kiosk", "--dwell-max", "30"]),
            &Environment::default(),
            config,
            parsed,
        )
        .unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("/c/config.toml:2") && message.contains("flag --dwell-max"),
            "{message}"
        );
    }

    #[test]
    fn the_report_aligns_its_columns() {
        let (config, parsed) = file("[reader]\nmeasure = 36\n");
        let e = resolve(&cli(&[]), &Environment::default(), config, parsed).unwrap();
        let text = e.report_text();
        let measure = text
            .lines()
            .find(|l| l.starts_with("reader.measure"))
            .unwrap();
        assert!(measure.ends_with("/c/config.toml:2"), "{text}");
        // Every origin starts in the same column (the values here are ASCII).
        let starts: Vec<usize> = text.lines().map(|l| l.rfind("  ").unwrap()).collect();
        assert!(starts.iter().all(|s| *s == starts[0]), "{text}");
        assert_eq!(e.report_json()["reader.measure"]["line"], 2);
        assert_eq!(e.report_json()["reader.articles"]["value"], Value::Null);
    }
}
