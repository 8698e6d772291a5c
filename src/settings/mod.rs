//! Settings in one place, merged in one order: defaults, then the config
//! file, then the environment, then the flags. What each setting is (its
//! flag, config key, variable, default and range) is one entry of `table`;
//! this module turns those entries into clap arguments, reads the file and
//! the environment by them, and reports each value with where it came from.

mod table;

use std::any::Any;
use std::ffi::OsString;
use std::fmt;
use std::io::IsTerminal;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use clap::{Arg, ArgAction, ArgMatches, ValueEnum};
use etcetera::BaseStrategy;
use reader::content::LoadError;
use reader::content::diagnostic::Diagnostic;
use reader::kiosk::config::{KioskConfig, parse_key};
use reader::layout::document::{DocOptions, Furigana};
use reader::layout::{Ambiguous, Policy};
use reader::text::sanitize::escape_for_display;
use reader::text::width::{pad, str_width};
use reader::tui::Settings;
use reader::tui::keymap::Key;
use reader::tui::theme::{Theme, ThemeKind};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use toml::Spanned;

use crate::Failure;
use crate::choices::{ColorChoice, ConfigFormat, FuriganaMode, ThemeName, WrapMode};
use crate::config::ConfigFile;
use table::{
    ALL, AMBIGUOUS_WIDE, COLOR, DWELL_MAX, DWELL_MIN, EXIT_SEQUENCE, FURIGANA, IDLE_TIMEOUT,
    KIOSK_FURIGANA, KIOSK_THEME, MEASURE, PLAIN, THEME, WRAP,
};
pub use table::{ARTICLES, CONFIG};

/// A key of the exit sequence as the file spells it, and the key it means.
pub type ExitKey = (String, Key);

/// One setting: a row of `table`.
pub struct Setting<T: 'static> {
    /// Its `reader config` row; `section.key` in the config file.
    pub name: &'static str,
    /// Its value before any layer sets it.
    pub start: Start<T>,
    /// What sets it, lowest precedence first.
    pub layers: &'static [Layer<T>],
    /// The flag it defines, if any.
    pub flag: Option<Flag>,
    /// The values allowed, for a number.
    pub range: Option<RangeInclusive<u64>>,
    /// A number's unit, as messages about the file name it.
    pub unit: &'static str,
    /// How the report shows a path that is not set.
    pub none: Option<fn(&Environment) -> String>,
}

impl<T> Setting<T> {
    /// A setting that nothing but its start sets, to be completed with
    /// struct update syntax.
    pub const fn new(name: &'static str, start: Start<T>) -> Self {
        Setting {
            name,
            start,
            layers: &[],
            flag: None,
            range: None,
            unit: "",
            none: None,
        }
    }
}

/// Where a setting starts. A function, not a value, so that a table entry
/// holds nothing to drop and its fields can be filled by struct update.
pub enum Start<T: 'static> {
    /// Its default: a value, one defined elsewhere, or a path that exists.
    Default(fn(&Environment) -> T),
    /// Where another setting, earlier in the table, ended.
    Same(&'static Setting<T>),
}

/// One thing that may set a setting.
pub enum Layer<T: 'static> {
    /// Its key in the config file.
    File,
    /// An environment variable that names its value (a path).
    Env(&'static str),
    /// An environment variable whose presence sets this value.
    EnvSet(&'static str, T),
    /// An environment variable equal to a string sets this value.
    EnvIs(&'static str, &'static str, T),
    /// Its own flag.
    Flag,
    /// A flag (by its id) read by a rule: what it sets, given the value so far.
    FlagOf(&'static str, fn(&ArgMatches, &Sourced<T>) -> Option<T>),
}

/// A flag: `--long`, and how `--help` shows it.
pub struct Flag {
    pub long: &'static str,
    /// `None` for a switch.
    pub value_name: Option<&'static str>,
    pub help: &'static str,
    /// Accepted after a subcommand too (`reader config --theme …`).
    pub global: bool,
    /// Only with this flag (its id).
    pub requires: Option<&'static str>,
}

impl Flag {
    pub const fn global(long: &'static str) -> Flag {
        Flag {
            long,
            value_name: None,
            help: "",
            global: true,
            requires: None,
        }
    }

    pub const fn kiosk(long: &'static str) -> Flag {
        Flag {
            global: false,
            requires: Some("kiosk"),
            ..Flag::global(long)
        }
    }
}

/// What a setting's type brings: its flag's parser, how the file and the
/// environment spell it, and how the report shows it.
pub trait Kind: Clone + PartialEq + fmt::Debug + Send + Sync + 'static {
    /// The flag's parser (or action, for a switch).
    fn arg(arg: Arg, range: Option<&RangeInclusive<u64>>) -> Arg;
    /// The flag's value, when it is given.
    fn from_flag(m: &ArgMatches, id: &str) -> Option<Self>;
    /// The value in the file, from its text there; on error, problems at
    /// offsets into `raw`.
    fn from_file(raw: &str, file: &FileKey) -> Result<Self, Vec<(usize, String)>>;
    /// The value an environment variable names; only paths are named so.
    fn from_env(_value: &OsString) -> Option<Self> {
        None
    }
    fn json(&self) -> Value;
}

/// A key of the file, as messages about its value need it.
pub struct FileKey<'a> {
    /// `measure`, without its section.
    pub key: &'a str,
    pub range: Option<&'a RangeInclusive<u64>>,
    pub unit: &'a str,
    /// The file's folder, for relative paths.
    pub dir: &'a Path,
}

/// Reads `raw`, a value's text in the file, as `T`.
fn deserialize<T: DeserializeOwned>(raw: &str) -> Result<T, Vec<(usize, String)>> {
    toml::de::ValueDeserializer::parse(raw)
        .and_then(T::deserialize)
        .map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            vec![(at, e.message().trim().replace('\n', " "))]
        })
}

impl Kind for bool {
    fn arg(arg: Arg, _: Option<&RangeInclusive<u64>>) -> Arg {
        arg.action(ArgAction::SetTrue)
    }

    fn from_flag(m: &ArgMatches, id: &str) -> Option<bool> {
        // A switch only ever turns a setting on.
        m.try_get_one::<bool>(id)
            .ok()
            .flatten()
            .copied()
            .filter(|on| *on)
    }

    fn from_file(raw: &str, _: &FileKey) -> Result<bool, Vec<(usize, String)>> {
        deserialize(raw)
    }

    fn json(&self) -> Value {
        Value::from(*self)
    }
}

/// Numbers: ranged in the flag and in the file alike.
macro_rules! number {
    ($($t:ty),*) => {$(
        impl Kind for $t {
            fn arg(arg: Arg, range: Option<&RangeInclusive<u64>>) -> Arg {
                let range = range.cloned().unwrap_or(0..=u64::MAX);
                arg.value_parser(clap::builder::RangedU64ValueParser::<$t>::new().range(range))
            }

            fn from_flag(m: &ArgMatches, id: &str) -> Option<$t> {
                m.try_get_one::<$t>(id).ok().flatten().copied()
            }

            fn from_file(raw: &str, file: &FileKey) -> Result<$t, Vec<(usize, String)>> {
                let n: i64 = deserialize(raw)?;
                let range = file.range.cloned().unwrap_or(0..=u64::MAX);
                u64::try_from(n)
                    .ok()
                    .filter(|n| range.contains(n))
                    .and_then(|n| <$t>::try_from(n).ok())
                    .ok_or_else(|| {
                        let (key, unit) = (file.key, file.unit);
                        let (from, to) = (range.start(), range.end());
                        vec![(0, format!("{key} ({unit}) = {n}: expected {from}–{to}"))]
                    })
            }

            fn json(&self) -> Value {
                Value::from(*self)
            }
        }
    )*};
}
number!(u64, usize);

/// Choices: as their flag spells them, in the file too.
macro_rules! choice {
    ($($t:ty),*) => {$(
        impl Kind for $t {
            fn arg(arg: Arg, _: Option<&RangeInclusive<u64>>) -> Arg {
                arg.value_parser(clap::builder::EnumValueParser::<$t>::new())
            }

            fn from_flag(m: &ArgMatches, id: &str) -> Option<$t> {
                m.try_get_one::<$t>(id).ok().flatten().copied()
            }

            fn from_file(raw: &str, _: &FileKey) -> Result<$t, Vec<(usize, String)>> {
                deserialize(raw)
            }

            fn json(&self) -> Value {
                self.to_possible_value()
                    .map_or(Value::Null, |p| Value::from(p.get_name()))
            }
        }
    )*};
}
choice!(ColorChoice, ThemeName, WrapMode, FuriganaMode);

/// A path, or none (the bundled articles; no config file).
impl Kind for Option<PathBuf> {
    fn arg(arg: Arg, _: Option<&RangeInclusive<u64>>) -> Arg {
        arg.value_parser(clap::value_parser!(PathBuf))
    }

    fn from_flag(m: &ArgMatches, id: &str) -> Option<Self> {
        m.try_get_one::<PathBuf>(id)
            .ok()
            .flatten()
            .cloned()
            .map(Some)
    }

    fn from_file(raw: &str, file: &FileKey) -> Result<Self, Vec<(usize, String)>> {
        let path: String = deserialize(raw)?;
        Ok(Some(file.dir.join(path)))
    }

    fn from_env(value: &OsString) -> Option<Self> {
        Some(Some(PathBuf::from(value)))
    }

    fn json(&self) -> Value {
        self.as_ref()
            .map_or(Value::Null, |p| Value::from(p.display().to_string()))
    }
}

/// The kiosk's exit sequence: only the file sets it.
impl Kind for Vec<ExitKey> {
    fn arg(arg: Arg, _: Option<&RangeInclusive<u64>>) -> Arg {
        arg
    }

    fn from_flag(_: &ArgMatches, _: &str) -> Option<Self> {
        None
    }

    fn from_file(raw: &str, _: &FileKey) -> Result<Self, Vec<(usize, String)>> {
        let names: Vec<Spanned<String>> = deserialize(raw)?;
        let mut problems = Vec::new();
        let keys = names
            .into_iter()
            .filter_map(|k| match parse_key(k.get_ref()) {
                Some(key) => Some((k.get_ref().clone(), key)),
                None => {
                    problems.push((
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
        if problems.is_empty() {
            Ok(keys)
        } else {
            Err(problems)
        }
    }

    fn json(&self) -> Value {
        Value::from(self.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>())
    }
}

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    File(PathBuf, usize),
    Env(&'static str),
    /// A flag's long name, without its dashes.
    Flag(&'static str),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File(path, line) => write!(f, "{}:{line}", path.display()),
            Origin::Env(var) => write!(f, "env {var}"),
            Origin::Flag(long) => write!(f, "flag --{long}"),
        }
    }
}

impl Origin {
    fn json(&self) -> serde_json::Map<String, Value> {
        let v = match self {
            Origin::Default => json!({"source": "default"}),
            Origin::File(path, line) => {
                json!({"source": "file", "path": path.display().to_string(), "line": line})
            }
            Origin::Env(var) => json!({"source": "env", "variable": var}),
            Origin::Flag(long) => json!({"source": "flag", "flag": format!("--{long}")}),
        };
        match v {
            Value::Object(o) => o,
            _ => serde_json::Map::new(),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub origin: Origin,
}

/// What the process's environment says, read once: the variables the table
/// names (an empty one counts as unset), and the default config path.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    vars: Vec<(&'static str, OsString)>,
    /// `$XDG_CONFIG_HOME/reader/config.toml`, by etcetera's XDG rules: an
    /// empty or relative XDG_CONFIG_HOME counts as unset, so `~/.config`.
    /// `None` without a home directory.
    default_config: Option<PathBuf>,
}

impl Environment {
    fn of_process() -> Environment {
        let mut names: Vec<&'static str> = ALL.iter().flat_map(|s| s.variables()).collect();
        names.dedup();
        Environment {
            vars: names
                .into_iter()
                .filter_map(|n| Some((n, std::env::var_os(n).filter(|v| !v.is_empty())?)))
                .collect(),
            default_config: etcetera::base_strategy::Xdg::new()
                .ok()
                .map(|xdg| xdg.config_dir().join("reader/config.toml")),
        }
    }

    fn var(&self, name: &str) -> Option<&OsString> {
        self.vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

/// The flags the table defines, as clap parsed them; `Cli` flattens them in.
#[derive(Debug, Clone, Default)]
pub struct Flags(ArgMatches);

impl Flags {
    /// A setting's own flag, when given.
    pub fn get<T: Kind>(&self, setting: &Setting<T>) -> Option<T> {
        T::from_flag(&self.0, setting.flag.as_ref()?.long)
    }
}

impl clap::FromArgMatches for Flags {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        Ok(Flags(m.clone()))
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        self.0 = m.clone();
        Ok(())
    }
}

impl clap::Args for Flags {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        cmd.args(ALL.iter().filter_map(|s| s.arg()))
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Flags::augment_args(cmd)
    }
}

/// Every layer, as `resolve` reads them.
pub struct Layers<'a> {
    flags: &'a ArgMatches,
    environment: &'a Environment,
    file: Option<&'a ConfigFile>,
}

/// A setting resolved: its value (a `Sourced<T>`) and its report row.
pub struct Row {
    name: &'static str,
    sourced: Box<dyn Any + Send + Sync>,
    value: Value,
    origin: Origin,
    /// How the text report shows a value that is not set.
    none: Option<String>,
}

/// A setting of any type, as the table lists them.
pub trait Entry: Sync {
    fn name(&self) -> &'static str;
    fn arg(&self) -> Option<Arg>;
    fn reads_file(&self) -> bool;
    fn variables(&self) -> Vec<&'static str>;
    /// Its value from every layer, after the rows before it; problems with
    /// its value in the file go to `problems`.
    fn resolve(&self, layers: &Layers, rows: &[Row], problems: &mut Vec<Diagnostic>) -> Row;
}

impl<T: Kind> Setting<T> {
    fn layer(
        &self,
        layer: &Layer<T>,
        now: Sourced<T>,
        l: &Layers,
        problems: &mut Vec<Diagnostic>,
    ) -> Sourced<T> {
        let set = |value, origin| Sourced { value, origin };
        match layer {
            Layer::File => {
                let Some(file) = l.file else { return now };
                let Some(entry) = file.entries.iter().find(|e| e.name == self.name) else {
                    return now;
                };
                let key = FileKey {
                    key: self.name.rsplit('.').next().unwrap_or(self.name),
                    range: self.range.as_ref(),
                    unit: self.unit,
                    dir: file.dir(),
                };
                let map = file.map();
                match T::from_file(file.raw(entry), &key) {
                    Ok(value) => {
                        let line = map.position(entry.value.start).0;
                        set(value, Origin::File(file.path.clone(), line))
                    }
                    Err(errors) => {
                        problems.extend(
                            errors
                                .into_iter()
                                .map(|(at, message)| map.at(entry.value.start + at, message)),
                        );
                        now
                    }
                }
            }
            Layer::Env(var) => match l.environment.var(var).and_then(T::from_env) {
                Some(value) => set(value, Origin::Env(var)),
                None => now,
            },
            Layer::EnvSet(var, value) => match l.environment.var(var) {
                Some(_) => set(value.clone(), Origin::Env(var)),
                None => now,
            },
            Layer::EnvIs(var, is, value) => match l.environment.var(var) {
                Some(v) if v == is => set(value.clone(), Origin::Env(var)),
                _ => now,
            },
            Layer::Flag => {
                let flag = self.flag.as_ref().map(|f| f.long);
                match flag.and_then(|long| Some((T::from_flag(l.flags, long)?, long))) {
                    Some((value, long)) => set(value, Origin::Flag(long)),
                    None => now,
                }
            }
            // A flag's id is its long name.
            Layer::FlagOf(long, rule) => match rule(l.flags, &now) {
                Some(value) => set(value, Origin::Flag(long)),
                None => now,
            },
        }
    }
}

impl<T: Kind> Entry for Setting<T> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn arg(&self) -> Option<Arg> {
        let f = self.flag.as_ref()?;
        let mut arg = Arg::new(f.long).long(f.long).help(f.help).global(f.global);
        if let Some(name) = f.value_name {
            arg = arg.value_name(name);
        }
        if let Some(other) = f.requires {
            arg = arg.requires(other);
        }
        Some(T::arg(arg, self.range.as_ref()))
    }

    fn reads_file(&self) -> bool {
        self.layers.iter().any(|l| matches!(l, Layer::File))
    }

    fn variables(&self) -> Vec<&'static str> {
        self.layers
            .iter()
            .filter_map(|l| match l {
                Layer::Env(v) | Layer::EnvSet(v, _) | Layer::EnvIs(v, _, _) => Some(*v),
                Layer::File | Layer::Flag | Layer::FlagOf(..) => None,
            })
            .collect()
    }

    fn resolve(&self, layers: &Layers, rows: &[Row], problems: &mut Vec<Diagnostic>) -> Row {
        let start = match &self.start {
            Start::Default(f) => Sourced {
                value: f(layers.environment),
                origin: Origin::Default,
            },
            Start::Same(other) => sourced(rows, other).clone(),
        };
        let s = self
            .layers
            .iter()
            .fold(start, |now, layer| self.layer(layer, now, layers, problems));
        Row {
            name: self.name,
            value: s.value.json(),
            origin: s.origin.clone(),
            none: self.none.map(|f| f(layers.environment)),
            sourced: Box::new(s),
        }
    }
}

/// A resolved setting's value. `ALL` lists every setting, each after the one
/// it starts from, and a row holds its own setting's type.
fn sourced<'a, T: Kind>(rows: &'a [Row], setting: &Setting<T>) -> &'a Sourced<T> {
    rows.iter()
        .find(|r| r.name == setting.name)
        .and_then(|r| r.sourced.downcast_ref())
        .expect("ALL lists each setting once, after those it starts from")
}

/// Every setting in force.
pub struct Effective {
    rows: Vec<Row>,
}

/// The settings for this run: reads the environment and the config file.
pub fn load(flags: &Flags) -> Result<Effective, Failure> {
    let environment = Environment::of_process();
    let config = resolve(flags, &environment, None)?;
    let file = match config.get(&CONFIG).value.as_deref() {
        Some(path) => Some(ConfigFile::read(path)?),
        None => None,
    };
    resolve(flags, &environment, file.as_ref())
}

/// Merges the layers. Pure, for tests: the environment and file are given.
fn resolve(
    flags: &Flags,
    environment: &Environment,
    file: Option<&ConfigFile>,
) -> Result<Effective, Failure> {
    let layers = Layers {
        flags: &flags.0,
        environment,
        file,
    };
    let mut problems = file.map(unknown_keys).unwrap_or_default();
    let mut rows = Vec::with_capacity(ALL.len());
    for setting in ALL {
        let row = setting.resolve(&layers, &rows, &mut problems);
        rows.push(row);
    }
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems).into());
    }
    let effective = Effective { rows };
    // Each value is in range; only the pair can clash, from two layers.
    effective.kiosk().validate().map_err(|message| {
        Failure::Usage(format!(
            "{message}; dwell_min from {}, dwell_max from {}",
            effective.get(&DWELL_MIN).origin,
            effective.get(&DWELL_MAX).origin
        ))
    })?;
    Ok(effective)
}

/// Sections and keys of the file that no setting reads.
fn unknown_keys(file: &ConfigFile) -> Vec<Diagnostic> {
    let known: Vec<&str> = ALL
        .iter()
        .filter(|s| s.reads_file())
        .map(|s| s.name())
        .collect();
    let map = file.map();
    let mut problems = Vec::new();
    for section in &file.sections {
        let prefix = format!("{}.", section.name);
        if !known.iter().any(|k| k.starts_with(&prefix)) {
            let mut sections: Vec<&str> =
                known.iter().filter_map(|k| k.split('.').next()).collect();
            sections.dedup();
            problems.push(map.at(
                section.at,
                format!(
                    "unknown section `{}`, expected one of `{}`",
                    section.name,
                    sections.join("`, `")
                ),
            ));
        }
    }
    for entry in &file.entries {
        let Some((section, key)) = entry.name.split_once('.') else {
            continue;
        };
        let prefix = format!("{section}.");
        let keys: Vec<&str> = known
            .iter()
            .filter_map(|k| k.strip_prefix(&prefix))
            .collect();
        if !keys.is_empty() && !keys.contains(&key) {
            problems.push(map.at(
                entry.key_at,
                format!(
                    "unknown field `{key}`, expected one of `{}`",
                    keys.join("`, `")
                ),
            ));
        }
    }
    problems
}

fn furigana(mode: FuriganaMode) -> Furigana {
    match mode {
        FuriganaMode::Off => Furigana::Off,
        FuriganaMode::First => Furigana::First,
        FuriganaMode::All => Furigana::All,
    }
}

impl Effective {
    /// A setting's value and where it came from.
    pub fn get<T: Kind>(&self, setting: &Setting<T>) -> &Sourced<T> {
        sourced(&self.rows, setting)
    }

    /// The kiosk's timings and exit sequence.
    pub fn kiosk(&self) -> KioskConfig {
        KioskConfig {
            dwell_min: self.get(&DWELL_MIN).value,
            dwell_max: self.get(&DWELL_MAX).value,
            idle_timeout: self.get(&IDLE_TIMEOUT).value,
            exit_sequence: self
                .get(&EXIT_SEQUENCE)
                .value
                .iter()
                .map(|(_, k)| *k)
                .collect(),
        }
    }

    pub fn articles(&self) -> Option<&Path> {
        self.get(&ARTICLES).value.as_deref()
    }

    /// Plain text, and why: for messages about what it rules out.
    pub fn plain(&self) -> &Sourced<bool> {
        self.get(&PLAIN)
    }

    /// Colour on an output that is (or is not) a terminal.
    pub fn color(&self, tty: bool) -> bool {
        match self.get(&COLOR).value {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty,
        }
    }

    fn ambiguous(&self) -> Ambiguous {
        if self.get(&AMBIGUOUS_WIDE).value {
            Ambiguous::Wide
        } else {
            Ambiguous::Narrow
        }
    }

    fn policy(&self) -> Policy {
        match self.get(&WRAP).value {
            WrapMode::Normal => Policy::Normal,
            WrapMode::Phrase => Policy::Phrase,
        }
    }

    /// How printed text is laid out: `width`, else the terminal's, else 80.
    pub fn doc_options(&self, width: Option<usize>) -> DocOptions {
        let terminal_width = || {
            std::io::stdout()
                .is_terminal()
                .then(crossterm::terminal::size)
                .and_then(Result::ok)
                .map(|(w, _)| usize::from(w))
        };
        DocOptions {
            width: width.or_else(terminal_width).unwrap_or(80),
            ambiguous: self.ambiguous(),
            body: self.policy(),
            // The screen's default is not print's: printed text shows
            // readings only when asked.
            furigana: match self.get(&FURIGANA) {
                Sourced {
                    origin: Origin::Default,
                    ..
                } => Furigana::Off,
                set => furigana(set.value),
            },
            ruby_rows: false,
        }
    }

    /// The screen's settings, for the reader or the kiosk (whose theme the
    /// `[kiosk]` section may set apart).
    pub fn screen(&self, kiosk: bool) -> Settings {
        let theme = self.get(if kiosk { &KIOSK_THEME } else { &THEME }).value;
        let readings = self.get(if kiosk { &KIOSK_FURIGANA } else { &FURIGANA });
        let kind = match (theme, self.color(true)) {
            (_, false) => ThemeKind::Mono,
            (ThemeName::HighContrast, true) => ThemeKind::HighContrast,
            (ThemeName::Default, true) => ThemeKind::Default,
        };
        Settings {
            ambiguous: self.ambiguous(),
            policy: self.policy(),
            theme: Theme::new(kind),
            measure: self.get(&MEASURE).value,
            furigana: furigana(readings.value),
        }
    }

    /// `reader config`: a line a setting, `name  value  origin`, aligned; or
    /// `{"reader.theme": {"value": …, "source": …}, …}`. Values and paths
    /// come from the file and the environment: their control characters are
    /// shown escaped, as diagnostics show them.
    pub fn report(
        &self,
        out: &mut impl std::io::Write,
        format: ConfigFormat,
    ) -> std::io::Result<()> {
        match format {
            ConfigFormat::Text => out.write_all(self.report_text().as_bytes()),
            ConfigFormat::Json => writeln!(out, "{:#}", self.report_json()),
        }
    }

    fn report_text(&self) -> String {
        let rows: Vec<(&str, String, String)> = self
            .rows
            .iter()
            .map(|r| {
                let shown = match (&r.value, &r.none) {
                    (Value::Null, Some(none)) => none.clone(),
                    (Value::String(s), _) => s.clone(),
                    (v, _) => v.to_string(),
                };
                (
                    r.name,
                    escape_for_display(&shown),
                    escape_for_display(&r.origin.to_string()),
                )
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

    fn report_json(&self) -> Value {
        let mut out = serde_json::Map::new();
        for r in &self.rows {
            let mut entry = serde_json::Map::new();
            entry.insert("value".into(), r.value.clone());
            entry.extend(r.origin.json());
            out.insert(r.name.into(), escaped(Value::Object(entry)));
        }
        Value::Object(out)
    }
}

/// `value` with every string's control characters shown as escapes.
fn escaped(value: Value) -> Value {
    match value {
        Value::String(s) => Value::String(escape_for_display(&s)),
        Value::Array(a) => a.into_iter().map(escaped).collect(),
        Value::Object(o) => o.into_iter().map(|(k, v)| (k, escaped(v))).collect(),
        v => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    use crate::cli::Cli;

    fn flags(args: &[&str]) -> Flags {
        Cli::try_parse_from(std::iter::once("reader").chain(args.iter().copied()))
            .unwrap()
            .settings
    }

    fn file(text: &str) -> ConfigFile {
        ConfigFile::parse(Path::new("/c/config.toml"), text.into()).unwrap()
    }

    fn env(vars: &[(&'static str, &str)]) -> Environment {
        Environment {
            vars: vars.iter().map(|(n, v)| (*n, OsString::from(v))).collect(),
            default_config: None,
        }
    }

    fn problems(text: &str) -> Vec<Diagnostic> {
        match resolve(&flags(&[]), &env(&[]), Some(&file(text))) {
            Err(Failure::Load(LoadError::Invalid(problems))) => problems,
            other => panic!("expected problems, got {:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn every_setting_resolves_in_table_order_with_its_flag() {
        let e = resolve(&flags(&[]), &env(&[]), None).unwrap();
        let names: Vec<&str> = e.rows.iter().map(|r| r.name).collect();
        assert_eq!(names.len(), ALL.len());
        assert_eq!(e.get(&MEASURE).value, 40);
        assert_eq!(e.get(&KIOSK_THEME).value, ThemeName::Default);
        // Every flag's id is its long name, as `Layer::FlagOf` assumes.
        for arg in ALL.iter().filter_map(|s| s.arg()) {
            assert_eq!(Some(arg.get_id().as_str()), arg.get_long());
        }
    }

    #[test]
    fn parses_every_key_with_its_line() {
        let f = file(
            "[reader]\ntheme = \"high-contrast\"\nambiguous_wide = true\nwrap = \"phrase\"\nmeasure = 35\narticles = \"clinic\"\n\
             [kiosk]\ndwell_min = 10\ndwell_max = 60\nidle_timeout = 30\ntheme = \"default\"\nexit_sequence = [\"ctrl-x\", \"F12\", \"q\"]\n",
        );
        let e = resolve(&flags(&[]), &env(&[]), Some(&f)).unwrap();
        assert_eq!(e.get(&THEME).value, ThemeName::HighContrast);
        assert_eq!(e.get(&THEME).origin.to_string(), "/c/config.toml:2");
        assert!(e.get(&AMBIGUOUS_WIDE).value);
        assert_eq!(e.get(&WRAP).value, WrapMode::Phrase);
        assert_eq!(e.get(&MEASURE).value, 35);
        assert_eq!(e.articles(), Some(Path::new("/c/clinic")));
        assert_eq!(
            e.get(&DWELL_MIN).origin,
            Origin::File("/c/config.toml".into(), 8)
        );
        assert_eq!(e.get(&IDLE_TIMEOUT).value, 30);
        assert_eq!(e.get(&KIOSK_THEME).value, ThemeName::Default);
        let seq = &e.get(&EXIT_SEQUENCE).value;
        assert_eq!(seq[0].0, "ctrl-x");
        assert_eq!(
            seq[0].1,
            Key {
                code: crossterm::event::KeyCode::Char('x'),
                ctrl: true
            }
        );
        assert_eq!(seq[1].1.code, crossterm::event::KeyCode::F(12));
    }

    #[test]
    fn unknown_keys_and_wrong_types_name_line_and_column() {
        let errs = problems("[reader]\nthem = \"default\"\n");
        assert_eq!((errs[0].line, errs[0].column), (2, 1), "{errs:?}");
        assert!(errs[0].message.contains("unknown field"), "{errs:?}");
        let errs = problems("[kiosk]\ndwell_min = \"ten\"\n");
        assert_eq!((errs[0].line, errs[0].column), (2, 13), "{errs:?}");
        let errs = problems("[reader]\ntheme = \"pink\"\n");
        assert_eq!(errs[0].line, 2);
        assert!(errs[0].message.contains("high-contrast"), "{errs:?}");
        let errs = problems("[printer]\n");
        assert_eq!(errs[0].line, 1);
    }

    #[test]
    fn values_out_of_range_are_all_reported() {
        let errs = problems(
            "[reader]\nmeasure = 5\n[kiosk]\nidle_timeout = 86401\ndwell_min = 0\nexit_sequence = [\"ctrl-\"]\n",
        );
        let at: Vec<(usize, usize)> = errs.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, [(2, 11), (5, 13), (4, 16), (6, 18)], "{errs:?}");
        assert!(errs[0].message.contains("expected 10–100"), "{errs:?}");
    }

    #[test]
    fn flags_beat_environment_beat_file_beat_defaults() {
        let f = file("[reader]\narticles = \"/from-file\"\ntheme = \"high-contrast\"\n");
        let environment = env(&[("READER_ARTICLES", "/from-env")]);
        let e = resolve(&flags(&[]), &environment, Some(&f)).unwrap();
        assert_eq!(e.articles(), Some(Path::new("/from-env")));
        assert_eq!(e.get(&ARTICLES).origin, Origin::Env("READER_ARTICLES"));
        assert_eq!(e.get(&THEME).value, ThemeName::HighContrast);
        assert_eq!(e.get(&WRAP).origin, Origin::Default);
        let e = resolve(
            &flags(&["--articles", "/from-flag", "--theme", "default"]),
            &environment,
            Some(&f),
        )
        .unwrap();
        assert_eq!(e.articles(), Some(Path::new("/from-flag")));
        assert_eq!(e.get(&THEME).origin, Origin::Flag("theme"));
        assert_eq!(e.get(&THEME).origin.to_string(), "flag --theme");
    }

    #[test]
    fn the_kiosk_theme_falls_back_to_the_readers() {
        let f = file("[reader]\ntheme = \"high-contrast\"\n");
        let e = resolve(&flags(&[]), &env(&[]), Some(&f)).unwrap();
        assert_eq!(e.get(&KIOSK_THEME).value, ThemeName::HighContrast);
        let f = file("[reader]\ntheme = \"high-contrast\"\n[kiosk]\ntheme = \"default\"\n");
        let e = resolve(&flags(&[]), &env(&[]), Some(&f)).unwrap();
        assert_eq!(e.get(&KIOSK_THEME).value, ThemeName::Default);
        assert_eq!(e.get(&THEME).value, ThemeName::HighContrast);
        let e = resolve(&flags(&["--theme", "high-contrast"]), &env(&[]), Some(&f)).unwrap();
        assert_eq!(e.get(&KIOSK_THEME).origin, Origin::Flag("theme"));
    }

    #[test]
    fn readings_start_first_on_screen_off_in_print_and_the_kiosk_may_differ() {
        let e = resolve(&flags(&[]), &env(&[]), None).unwrap();
        assert_eq!(e.screen(false).furigana, Furigana::First);
        assert_eq!(e.screen(true).furigana, Furigana::First);
        assert_eq!(
            e.doc_options(Some(40)).furigana,
            Furigana::Off,
            "scripts never asked"
        );
        let f = file("[reader]\nfurigana = \"all\"\n[kiosk]\nfurigana = \"off\"\n");
        let e = resolve(&flags(&[]), &env(&[]), Some(&f)).unwrap();
        assert_eq!(e.screen(false).furigana, Furigana::All);
        assert_eq!(e.screen(true).furigana, Furigana::Off);
        assert_eq!(
            e.doc_options(Some(40)).furigana,
            Furigana::All,
            "asked in the file"
        );
        let e = resolve(&flags(&["--furigana", "first"]), &env(&[]), Some(&f)).unwrap();
        assert_eq!(
            e.screen(true).furigana,
            Furigana::First,
            "the flag sets both"
        );
        assert!(
            !e.doc_options(Some(40)).ruby_rows,
            "print keeps readings inline"
        );
    }

    #[test]
    fn no_color_and_dumb_terminals_turn_auto_off_but_not_always() {
        let off = env(&[("NO_COLOR", "1")]);
        let e = resolve(&flags(&["--color", "auto"]), &off, None).unwrap();
        assert!(!e.color(true));
        assert_eq!(e.get(&COLOR).origin, Origin::Env("NO_COLOR"));
        let e = resolve(&flags(&["--color", "always"]), &off, None).unwrap();
        assert!(e.color(false));
        let e = resolve(&flags(&["--color", "auto"]), &env(&[]), None).unwrap();
        assert_eq!(e.get(&COLOR).origin, Origin::Flag("color"));
        let e = resolve(&flags(&[]), &env(&[("TERM", "dumb")]), None).unwrap();
        assert!(e.plain().value && !e.color(true));
        let e = resolve(&flags(&[]), &env(&[("TERM", "xterm")]), None).unwrap();
        assert!(!e.plain().value && e.color(true));
        let e = resolve(&flags(&["--plain", "--color", "always"]), &env(&[]), None).unwrap();
        assert_eq!(e.get(&COLOR).origin, Origin::Flag("plain"));
        assert!(!e.color(true));
    }

    #[test]
    fn a_dwell_clash_across_layers_names_both_origins() {
        let f = file("[kiosk]\ndwell_min = 60\n");
        let Err(err) = resolve(
            &flags(&["--kiosk", "--dwell-max", "30"]),
            &env(&[]),
            Some(&f),
        ) else {
            panic!("expected a clash")
        };
        let message = err.to_string();
        assert!(
            message.contains("/c/config.toml:2") && message.contains("flag --dwell-max"),
            "{message}"
        );
    }

    #[test]
    fn the_report_aligns_its_columns() {
        let f = file("[reader]\nmeasure = 36\n");
        let e = resolve(&flags(&[]), &env(&[]), Some(&f)).unwrap();
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
