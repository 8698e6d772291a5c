//! Every setting, one entry each: its `reader config` row and config key
//! (the name), where it starts, which layers set it in precedence order
//! (file < environment < flags), its flag and its range. Flags, the config
//! file's keys, the environment read and the report all come from here.
//!
//! A new setting: a `pub static` here, its place in `ALL`, and the code that
//! reads it (`effective.get(&NAME)`).

use std::path::PathBuf;

use clap::ArgMatches;
use reader::kiosk::config::KioskConfig;
use reader::tui::Settings;

use super::{Environment, ExitKey, Flag, Kind, Layer, Origin, Setting, Sourced, Start};
use crate::choices::{ColorChoice, FuriganaMode, ThemeName, WrapMode};

/// In the order `reader config` lists them. A setting that starts from
/// another (`Start::Same`) comes after it.
pub static ALL: &[&dyn super::Entry] = &[
    &CONFIG,
    &PLAIN,
    &COLOR,
    &THEME,
    &AMBIGUOUS_WIDE,
    &WRAP,
    &FURIGANA,
    &MEASURE,
    &ARTICLES,
    &DWELL_MIN,
    &DWELL_MAX,
    &IDLE_TIMEOUT,
    &EXIT_SEQUENCE,
    &KIOSK_THEME,
    &KIOSK_FURIGANA,
];

/// Kiosk durations: at least a second, at most a day, so that adding one
/// to a Unix time can never overflow.
const SECONDS: std::ops::RangeInclusive<u64> = 1..=KioskConfig::MAX_SECONDS;

/// The config file read: `--config`, else READER_CONFIG, else the XDG path
/// when that file exists. A file named by the flag or the variable must exist.
pub static CONFIG: Setting<Option<PathBuf>> = Setting {
    layers: &[Layer::Env("READER_CONFIG"), Layer::Flag],
    flag: Some(Flag {
        value_name: Some("PATH"),
        help: "Config file [default: $XDG_CONFIG_HOME/reader/config.toml] [env: READER_CONFIG, unless empty]",
        ..Flag::global("config")
    }),
    none: Some(|env| match &env.default_config {
        Some(p) => format!("none ({} does not exist)", p.display()),
        None => "none (no home directory)".to_string(),
    }),
    ..Setting::new(
        "config",
        Start::Default(|env| env.default_config.clone().filter(|p| p.exists())),
    )
};

pub static PLAIN: Setting<bool> = Setting {
    layers: &[Layer::EnvIs("TERM", "dumb", true), Layer::Flag],
    // Global so that `reader config --plain` shows it; so no clap conflict
    // with --kiosk (subcommands have none): `main` refuses the pair.
    flag: Some(Flag {
        help: "Plain printed text, no colour, never the full screen (for screen readers and braille displays; TERM=dumb does the same)",
        ..Flag::global("plain")
    }),
    ..Setting::new("plain", Start::Default(|_| false))
};

pub static COLOR: Setting<ColorChoice> = Setting {
    layers: &[
        Layer::EnvSet("NO_COLOR", ColorChoice::Never),
        Layer::EnvIs("TERM", "dumb", ColorChoice::Never),
        // NO_COLOR and TERM=dumb turn `auto` off, also when --color auto is given.
        Layer::FlagOf("color", color_flag),
        Layer::FlagOf("plain", |m, _| {
            bool::from_flag(m, "plain").map(|_| ColorChoice::Never)
        }),
    ],
    flag: Some(Flag {
        value_name: Some("COLOR"),
        help: "When to use colour [default: auto]; NO_COLOR and TERM=dumb turn `auto` off",
        ..Flag::global("color")
    }),
    ..Setting::new("color", Start::Default(|_| ColorChoice::Auto))
};

fn color_flag(m: &ArgMatches, now: &Sourced<ColorChoice>) -> Option<ColorChoice> {
    let off = matches!(now.origin, Origin::Env(_));
    ColorChoice::from_flag(m, "color").filter(|c| *c != ColorChoice::Auto || !off)
}

pub static THEME: Setting<ThemeName> = Setting {
    layers: &[Layer::File, Layer::Flag],
    flag: Some(Flag {
        value_name: Some("THEME"),
        help: "Colour theme [default: the config file's, else default]",
        ..Flag::global("theme")
    }),
    ..Setting::new("reader.theme", Start::Default(|_| ThemeName::Default))
};

pub static AMBIGUOUS_WIDE: Setting<bool> = Setting {
    layers: &[Layer::File, Layer::Flag],
    flag: Some(Flag {
        help: "Count East Asian Ambiguous characters (• ※ ○ ① ─) as two columns",
        ..Flag::global("ambiguous-wide")
    }),
    ..Setting::new("reader.ambiguous_wide", Start::Default(|_| false))
};

pub static WRAP: Setting<WrapMode> = Setting {
    layers: &[Layer::File, Layer::Flag],
    flag: Some(Flag {
        value_name: Some("WRAP"),
        help: "Where body text may break: every legal place, or only between phrases [default: normal]",
        ..Flag::global("wrap")
    }),
    ..Setting::new("reader.wrap", Start::Default(|_| WrapMode::Normal))
};

/// Readings of hard words: on screen from the first place of each in an
/// item by default. Printed text keeps the article as written unless this
/// is set (flag or file): scripts that never asked get the same output.
pub static FURIGANA: Setting<FuriganaMode> = Setting {
    layers: &[Layer::File, Layer::Flag],
    flag: Some(Flag {
        value_name: Some("WHEN"),
        help: "Readings (furigana) of hard words: none, at each item's first place of a word, or at every place; on screen above the word, printed inline as 腰椎（ようつい） [default: first on screen, off in print]",
        ..Flag::global("furigana")
    }),
    ..Setting::new("reader.furigana", Start::Default(|_| FuriganaMode::First))
};

/// Full-width characters a line of body text holds: below ten a line holds
/// hardly a phrase; above a hundred the eye loses the next line.
pub static MEASURE: Setting<usize> = Setting {
    layers: &[Layer::File, Layer::Flag],
    flag: Some(Flag {
        value_name: Some("CHARS"),
        help: "On screen, the longest line of text in full-width characters (10–100) [default: 40]",
        ..Flag::global("measure")
    }),
    range: Some(10..=100),
    unit: "full-width characters a line",
    ..Setting::new(
        "reader.measure",
        Start::Default(|_| Settings::default().measure),
    )
};

/// `None`: the bundled articles. Relative paths in the file are taken from
/// the file's folder.
pub static ARTICLES: Setting<Option<PathBuf>> = Setting {
    layers: &[Layer::File, Layer::Env("READER_ARTICLES"), Layer::Flag],
    flag: Some(Flag {
        value_name: Some("DIR"),
        help: "Load articles from DIR instead of the bundled ones [env: READER_ARTICLES, unless empty]",
        ..Flag::global("articles")
    }),
    none: Some(|_| "bundled".to_string()),
    ..Setting::new("reader.articles", Start::Default(|_| None))
};

pub static DWELL_MIN: Setting<u64> = seconds(
    "kiosk.dwell_min",
    "dwell-min",
    "Kiosk: shortest time a loop step shows, in seconds (1–86400)",
    |_| KioskConfig::default().dwell_min,
);

pub static DWELL_MAX: Setting<u64> = seconds(
    "kiosk.dwell_max",
    "dwell-max",
    "Kiosk: longest time a loop step shows, in seconds (1–86400)",
    |_| KioskConfig::default().dwell_max,
);

pub static IDLE_TIMEOUT: Setting<u64> = seconds(
    "kiosk.idle_timeout",
    "idle-timeout",
    "Kiosk: seconds without input before the loop resumes (1–86400, default 90)",
    |_| KioskConfig::default().idle_timeout,
);

/// A kiosk duration: its `[kiosk]` key, then its flag (only with --kiosk).
const fn seconds(
    name: &'static str,
    long: &'static str,
    help: &'static str,
    default: fn(&Environment) -> u64,
) -> Setting<u64> {
    Setting {
        layers: &[Layer::File, Layer::Flag],
        flag: Some(Flag {
            value_name: Some("SECONDS"),
            help,
            ..Flag::kiosk(long)
        }),
        range: Some(SECONDS),
        unit: "seconds",
        ..Setting::new(name, Start::Default(default))
    }
}

/// None by default: only a signal ends the kiosk.
pub static EXIT_SEQUENCE: Setting<Vec<ExitKey>> = Setting {
    layers: &[Layer::File],
    ..Setting::new("kiosk.exit_sequence", Start::Default(|_| Vec::new()))
};

/// The kiosk's own theme: the reader's unless `[kiosk]` sets it; --theme
/// sets both.
pub static KIOSK_THEME: Setting<ThemeName> = Setting {
    layers: &[
        Layer::File,
        Layer::FlagOf("theme", |m, _| ThemeName::from_flag(m, "theme")),
    ],
    ..Setting::new("kiosk.theme", Start::Same(&THEME))
};

/// The kiosk's own readings: the reader's unless `[kiosk]` sets them;
/// --furigana sets both. A patient's ふりがな button changes them until the
/// next patient.
pub static KIOSK_FURIGANA: Setting<FuriganaMode> = Setting {
    layers: &[
        Layer::File,
        Layer::FlagOf("furigana", |m, _| FuriganaMode::from_flag(m, "furigana")),
    ],
    ..Setting::new("kiosk.furigana", Start::Same(&FURIGANA))
};
