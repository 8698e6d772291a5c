//! Command-line definitions.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use reader::output::Format;

use crate::choices::{ConfigFormat, Shell};
use crate::settings::Flags;

pub const EXAMPLES: &str = "\
Examples:
  reader                                         open the reader in the terminal
  reader --article revision-surgery | less       print the article as text
  reader --article revision-surgery --format json --question 2
  reader --list
  reader --list --category 腰痛 --format json
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

    /// List the articles: one `slug<TAB>category<TAB>date<TAB>title` line each
    /// (the date updated, else published).
    #[arg(long, conflicts_with_all = ["article", "question", "width", "clinic", "kiosk"])]
    pub list: bool,

    /// With --list: only the articles of this category (その他: those that name none).
    #[arg(long, value_name = "NAME", requires = "list")]
    pub category: Option<String>,

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

    /// The settings' flags (--theme, --config, …), from `settings`' table.
    #[command(flatten)]
    pub settings: Flags,

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
