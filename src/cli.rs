//! Command-line definitions.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Deserialize;

pub const EXAMPLES: &str = "\
Examples:
  reader                                         open the reader in the terminal
  reader --article revision-surgery | less       print the article as text
  reader --article revision-surgery --format json --question 2
  reader --list
  reader --clinic --at 2026-02-11T10:00          is the clinic open then?
  reader check articles/                         validate content files
  reader --kiosk --articles /srv/clinic          reception display (ends on SIGTERM)
  reader config                                  the settings in force, and where each came from
  reader new my-article                          start an article: writes my-article.md

Exit codes: 0 ok, 1 error, 2 bad usage, 3 invalid content, 4 no such article or question.";

#[derive(Debug, Parser)]
#[command(
    name = "reader",
    version,
    about = "ひまわり接骨院の患者さん向け記事とご案内を端末で読む (patient-education reader)",
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Article to open or print (its slug).
    #[arg(long, value_name = "SLUG")]
    pub article: Option<String>,

    /// List the articles: one `slug<TAB>title` line each.
    #[arg(long, conflicts_with_all = ["article", "question", "width", "clinic", "kiosk"])]
    pub list: bool,

    /// Print instead of opening the reader, even on a terminal.
    #[arg(long, conflicts_with = "kiosk")]
    pub print: bool,

    /// Output format for printing [default: text]; implies --print.
    #[arg(long, value_enum, conflicts_with = "kiosk")]
    pub format: Option<Format>,

    /// Line width in columns (default: the terminal's width, else 80); implies --print.
    #[arg(long, value_name = "N", conflicts_with = "kiosk", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(reader::layout::document::MIN_WIDTH as u64..=u16::MAX.into()))]
    pub width: Option<usize>,

    /// Print only question N (1-based); implies --print.
    #[arg(long, value_name = "N", conflicts_with_all = ["kiosk", "clinic"])]
    pub question: Option<usize>,

    // Global so that `reader config --plain` shows it; so no clap conflict
    // with --kiosk (subcommands have none): `main` refuses the pair.
    /// Plain printed text, no colour, never the full screen (for screen readers
    /// and braille displays; TERM=dumb does the same).
    #[arg(long, global = true)]
    pub plain: bool,

    /// When to use colour [default: auto]; NO_COLOR and TERM=dumb turn `auto` off.
    #[arg(long, value_enum, global = true)]
    pub color: Option<ColorChoice>,

    /// Where body text may break: every legal place, or only between phrases [default: normal].
    #[arg(long, value_enum, global = true)]
    pub wrap: Option<WrapMode>,

    /// Count East Asian Ambiguous characters (• ※ ○ ① ─) as two columns.
    #[arg(long, global = true)]
    pub ambiguous_wide: bool,

    /// On screen, the longest line of text in full-width characters (10–100) [default: 40].
    #[arg(long, value_name = "CHARS", global = true,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new()
              .range(*crate::config::MEASURE.start() as u64..=*crate::config::MEASURE.end() as u64))]
    pub measure: Option<usize>,

    /// Load articles from DIR instead of the bundled ones [env: READER_ARTICLES, unless empty].
    #[arg(long, value_name = "DIR", global = true)]
    pub articles: Option<PathBuf>,

    /// Print the clinic's hours, status and calendar.
    #[arg(long, conflicts_with_all = ["article", "kiosk"])]
    pub clinic: bool,

    /// Clinic time to use instead of now (YYYY-MM-DDTHH:MM, Asia/Tokyo).
    #[arg(long, value_name = "TIME", requires = "clinic")]
    pub at: Option<String>,

    /// Month to show (YYYY-MM; default: the month of --at or now).
    #[arg(long, value_name = "MONTH", requires = "clinic")]
    pub month: Option<String>,

    /// Run as the reception display: full screen, an attract loop, no quit key.
    #[arg(long)]
    pub kiosk: bool,

    /// Config file [default: $XDG_CONFIG_HOME/reader/config.toml] [env: READER_CONFIG, unless empty].
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,

    /// Kiosk: shortest time a loop step shows, in seconds (1–86400).
    #[arg(long, value_name = "SECONDS", value_parser = seconds(), requires = "kiosk")]
    pub dwell_min: Option<u64>,

    /// Kiosk: longest time a loop step shows, in seconds (1–86400).
    #[arg(long, value_name = "SECONDS", value_parser = seconds(), requires = "kiosk")]
    pub dwell_max: Option<u64>,

    /// Kiosk: seconds without input before the loop resumes (1–86400, default 90).
    #[arg(long, value_name = "SECONDS", value_parser = seconds(), requires = "kiosk")]
    pub idle_timeout: Option<u64>,

    /// Colour theme [default: the config file's, else default].
    #[arg(long, value_enum, global = true)]
    pub theme: Option<ThemeName>,
}

/// Kiosk durations: at least a second, at most a day (`KioskConfig::MAX_SECONDS`),
/// so adding one to a Unix time can never overflow.
fn seconds() -> clap::builder::RangedU64ValueParser<u64> {
    clap::value_parser!(u64).range(1..=reader::kiosk::config::KioskConfig::MAX_SECONDS)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate content files and report every problem (default: the bundled ones).
    Check {
        /// Directory with *.md articles and clinic.toml.
        dir: Option<PathBuf>,
    },
    /// Print the settings in force and where each came from (default, config
    /// file and line, environment variable, or flag).
    Config {
        /// Aligned text, or JSON with each setting's value and source.
        #[arg(long, value_enum, default_value_t = ConfigFormat::Text)]
        format: ConfigFormat,
    },
    /// Print a shell completion script: `reader completions bash > …`.
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff): `reader man > reader.1`.
    Man,
    /// Write a new article skeleton, SLUG.md, into --articles DIR or the current
    /// directory (never over an existing file).
    New {
        /// The article's slug: lowercase letters, digits and hyphens.
        slug: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConfigFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WrapMode {
    Normal,
    Phrase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    Default,
    HighContrast,
}
