//! Settings in one place, merged in one order: defaults, then the config
//! file, then the environment, then the flags.

use std::io::IsTerminal;
use std::path::PathBuf;

use reader::content::LoadError;
use reader::kiosk::config::{KioskConfig, parse_config};
use reader::layout::document::DocOptions;
use reader::layout::{Ambiguous, Policy};
use reader::tui::Settings;
use reader::tui::theme::{Theme, ThemeKind};

use crate::Failure;
use crate::cli::{Cli, ColorChoice, ThemeName, WrapMode};

/// An environment variable, with an empty one counted as unset.
pub fn env(name: &str) -> Option<std::ffi::OsString> {
    std::env::var_os(name).filter(|v| !v.is_empty())
}

/// `--config`, else `$XDG_CONFIG_HOME/reader/kiosk.toml` (or
/// `~/.config/reader/kiosk.toml`) when it exists.
fn config_path(cli: &Cli) -> Option<PathBuf> {
    cli.config.clone().or_else(|| {
        let base = env("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| env("HOME").map(|h| PathBuf::from(h).join(".config")))?;
        Some(base.join("reader/kiosk.toml")).filter(|p| p.exists())
    })
}

/// The kiosk's settings: the config file, then the flags over it.
pub fn kiosk(cli: &Cli) -> Result<KioskConfig, Failure> {
    let mut config = match config_path(cli) {
        Some(p) => {
            let text = std::fs::read_to_string(&p).map_err(|source| LoadError::Io {
                path: p.clone(),
                source,
            })?;
            parse_config(&p.display().to_string(), &text).map_err(LoadError::Invalid)?
        }
        None => KioskConfig::default(),
    };
    config.dwell_min = cli.dwell_min.unwrap_or(config.dwell_min);
    config.dwell_max = cli.dwell_max.unwrap_or(config.dwell_max);
    config.idle_timeout = cli.idle_timeout.unwrap_or(config.idle_timeout);
    config.validate().map_err(Failure::Usage)?;
    Ok(config)
}

/// Colour on this output: `--color`, with NO_COLOR turning `auto` off.
pub fn color(cli: &Cli, tty: bool) -> bool {
    match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => tty && env("NO_COLOR").is_none(),
    }
}

fn ambiguous(cli: &Cli) -> Ambiguous {
    if cli.ambiguous_wide {
        Ambiguous::Wide
    } else {
        Ambiguous::Narrow
    }
}

fn policy(cli: &Cli) -> Policy {
    match cli.wrap {
        WrapMode::Normal => Policy::Normal,
        WrapMode::Phrase => Policy::Phrase,
    }
}

/// How printed text is laid out: `--width`, else the terminal's, else 80.
pub fn doc_options(cli: &Cli) -> DocOptions {
    let terminal_width = || {
        std::io::stdout()
            .is_terminal()
            .then(crossterm::terminal::size)
            .and_then(Result::ok)
            .map(|(w, _)| usize::from(w))
    };
    DocOptions {
        width: cli.width.or_else(terminal_width).unwrap_or(80),
        ambiguous: ambiguous(cli),
        body: policy(cli),
    }
}

/// The screen's settings; the kiosk's config file may choose the theme, and
/// `--theme` overrides it.
pub fn screen(cli: &Cli, kiosk: Option<&KioskConfig>) -> Settings {
    let from_file = kiosk.map(|k| {
        if k.high_contrast {
            ThemeName::HighContrast
        } else {
            ThemeName::Default
        }
    });
    let theme = cli.theme.or(from_file).unwrap_or(ThemeName::Default);
    let kind = match (theme, color(cli, true)) {
        (_, false) => ThemeKind::Mono,
        (ThemeName::HighContrast, true) => ThemeKind::HighContrast,
        (ThemeName::Default, true) => ThemeKind::Default,
    };
    Settings {
        ambiguous: ambiguous(cli),
        policy: policy(cli),
        theme: Theme::new(kind),
        ..Settings::default()
    }
}
