//! Command-line definitions.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  reader                                         open the reader in the terminal
  reader --article revision-surgery | less       print the article as text
  reader --article revision-surgery --format json --question 2
  reader --list
  reader --clinic --at 2026-02-11T10:00          is the clinic open then?
  reader check articles/                         validate content files
  reader --kiosk --articles /srv/clinic          reception display (ends on SIGTERM)

Exit codes: 0 ok, 1 error, 2 bad usage, 3 invalid content, 4 no such article or question.";

#[derive(Debug, Parser)]
#[command(
    name = "reader",
    version,
    about = "ひまわり接骨院の患者さん向け記事とご案内を端末で読む (patient-education reader)",
    after_help = EXAMPLES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Article to open or print (its slug).
    #[arg(long, value_name = "SLUG")]
    pub article: Option<String>,

    /// List the articles: one `slug<TAB>title` line each.
    #[arg(long)]
    pub list: bool,

    /// Print instead of opening the reader, even on a terminal.
    #[arg(long)]
    pub print: bool,

    /// Output format for printing.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Line width in columns (default: the terminal's width, else 80).
    #[arg(long, value_name = "N", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(reader::layout::document::MIN_WIDTH as u64..=u16::MAX.into()))]
    pub width: Option<usize>,

    /// Print only question N (1-based).
    #[arg(long, value_name = "N")]
    pub question: Option<usize>,

    /// When to use colour; NO_COLOR turns `auto` off.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Where body text may break: every legal place, or only between phrases.
    #[arg(long, value_enum, default_value_t = WrapMode::Normal)]
    pub wrap: WrapMode,

    /// Count East Asian Ambiguous characters (• ※ ○ ① ─) as two columns.
    #[arg(long)]
    pub ambiguous_wide: bool,

    /// Load articles from DIR instead of the bundled ones.
    #[arg(long, env = "READER_ARTICLES", value_name = "DIR")]
    pub articles: Option<PathBuf>,

    /// Print the clinic's hours, status and calendar.
    #[arg(long)]
    pub clinic: bool,

    /// Clinic time to use instead of now (YYYY-MM-DDTHH:MM, Asia/Tokyo).
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,

    /// Month to show (YYYY-MM; default: the month of --at or now).
    #[arg(long, value_name = "MONTH")]
    pub month: Option<String>,

    /// Run as the reception display: full screen, an attract loop, no quit key.
    #[arg(long)]
    pub kiosk: bool,

    /// Kiosk settings file (default: $XDG_CONFIG_HOME/reader/kiosk.toml).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Kiosk: shortest time a loop step shows, in seconds.
    #[arg(long, value_name = "SECONDS")]
    pub dwell_min: Option<u64>,

    /// Kiosk: longest time a loop step shows, in seconds.
    #[arg(long, value_name = "SECONDS")]
    pub dwell_max: Option<u64>,

    /// Kiosk: seconds without input before the loop resumes (default 90).
    #[arg(long, value_name = "SECONDS")]
    pub idle_timeout: Option<u64>,

    /// Colour theme of the reader [default: default; the kiosk: its config's].
    #[arg(long, value_enum)]
    pub theme: Option<ThemeName>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate content files and report every problem (default: the bundled ones).
    Check {
        /// Directory with *.md articles and clinic.toml.
        dir: Option<PathBuf>,
    },
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WrapMode {
    Normal,
    Phrase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeName {
    Default,
    HighContrast,
}
