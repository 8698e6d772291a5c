//! The `reader` binary: parse the command line, pick a mode, and map every
//! error to a message and an exit code in one place.

mod cli;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, ColorChoice, Command, Format, ThemeName, WrapMode};
use ratatui::layout::Rect;
use reader::calendar::clock::ClinicTime;
use reader::calendar::month::Month;
use reader::content::{Library, LoadError, load_library};
use reader::kiosk::Kiosk;
use reader::kiosk::config::{KioskConfig, parse_config};
use reader::kiosk::reload::Source;
use reader::layout::document::{self, DocOptions};
use reader::layout::{Ambiguous, Policy};
use reader::output;
use reader::tui::theme::{Theme, ThemeKind};
use reader::tui::{Model, Settings};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Exit codes, as `--help` documents them.
mod exit {
    pub const ERROR: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const INVALID_CONTENT: u8 = 3;
    pub const NOT_FOUND: u8 = 4;
}

/// Everything that ends a run early.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`reader … | head`) is how a reader says "enough".
        Err(Failure::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(f) => {
            let mut err = std::io::stderr().lock();
            let code = match &f {
                // One diagnostic a line, as `reader check` prints them.
                Failure::Load(LoadError::Invalid(problems)) => {
                    for p in problems {
                        let _ = writeln!(err, "{p}");
                    }
                    let _ = writeln!(err, "reader: {} problem(s) in the content", problems.len());
                    return ExitCode::from(exit::INVALID_CONTENT);
                }
                Failure::Load(LoadError::NoArticles { .. }) => exit::INVALID_CONTENT,
                Failure::Load(LoadError::Io { .. }) | Failure::Io(_) => exit::ERROR,
                Failure::NotFound(_) => exit::NOT_FOUND,
                Failure::Usage(_) => exit::USAGE,
            };
            let _ = writeln!(err, "reader: {f}");
            ExitCode::from(code)
        }
    }
}

fn run(cli: &Cli) -> Result<(), Failure> {
    if let Some(Command::Check { dir }) = &cli.command {
        return check(dir.as_deref().or(cli.articles.as_deref()));
    }
    let library = load_library(cli.articles.as_deref())?;
    let stdout_is_tty = std::io::stdout().is_terminal();
    if cli.list {
        return list(cli, &library);
    }
    if cli.clinic {
        return clinic(cli, &library);
    }
    let article = match &cli.article {
        Some(slug) => Some(find_article(&library, slug)?.slug.clone()),
        None => None,
    };
    if cli.kiosk {
        if !stdout_is_tty {
            return Err(Failure::Usage("--kiosk needs a terminal".into()));
        }
        return kiosk(cli, library, article.as_deref());
    }
    if stdout_is_tty && !cli.print && std::io::stdin().is_terminal() {
        return interactive(cli, library, article.as_deref());
    }
    print_article(cli, &library, stdout_is_tty)
}

/// The kiosk's settings: the config file, then the flags over it.
fn kiosk_config(cli: &Cli) -> Result<KioskConfig, Failure> {
    let path = cli.config.clone().or_else(|| {
        let base = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
        Some(base.join("reader/kiosk.toml")).filter(|p| p.exists())
    });
    let mut config = match &path {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|source| LoadError::Io {
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

fn kiosk(cli: &Cli, library: Library, slug: Option<&str>) -> Result<(), Failure> {
    let config = kiosk_config(cli)?;
    // The flag overrides the config file.
    let theme = cli.theme.unwrap_or(if config.high_contrast {
        ThemeName::HighContrast
    } else {
        ThemeName::Default
    });
    let model = reader_model(cli, library, slug, theme)?;
    let source = match &cli.articles {
        Some(dir) => {
            let requested = Arc::new(AtomicBool::new(false));
            signal_hook::flag::register(signal_hook::consts::SIGUSR1, Arc::clone(&requested))?;
            Some(Source::new(dir.clone(), requested))
        }
        None => None,
    };
    let mut kiosk = Kiosk::new(model, config, reader::tui::terminal::unix_now(), source);
    reader::tui::terminal::run(&mut kiosk)?;
    Ok(())
}

fn interactive(cli: &Cli, library: Library, slug: Option<&str>) -> Result<(), Failure> {
    let theme = cli.theme.unwrap_or(ThemeName::Default);
    let mut model = reader_model(cli, library, slug, theme)?;
    reader::tui::terminal::run(&mut model)?;
    Ok(())
}

fn reader_model(
    cli: &Cli,
    library: Library,
    slug: Option<&str>,
    theme: ThemeName,
) -> Result<Model, Failure> {
    let index = slug.and_then(|s| library.articles.iter().position(|a| a.slug == s));
    let mono = !use_color(cli.color, true);
    let theme = Theme::new(match (theme, mono) {
        (_, true) => ThemeKind::Mono,
        (ThemeName::HighContrast, false) => ThemeKind::HighContrast,
        (ThemeName::Default, false) => ThemeKind::Default,
    });
    let opts = doc_options(cli, false);
    let settings = Settings {
        ambiguous: opts.ambiguous,
        policy: opts.body,
        theme,
    };
    let (w, h) = crossterm::terminal::size()?;
    Ok(Model::new(
        library,
        index,
        settings,
        Rect::new(0, 0, w, h),
        clinic_now(),
    ))
}

/// Clinic time now, from the system clock: the one place the real clock is read.
fn clinic_now() -> ClinicTime {
    ClinicTime::from_unix(reader::tui::terminal::unix_now())
}

fn clinic(cli: &Cli, library: &Library) -> Result<(), Failure> {
    let now = match &cli.at {
        Some(at) => ClinicTime::parse(at).ok_or_else(|| {
            Failure::Usage(format!(
                "--at “{at}”: expected clinic time as YYYY-MM-DDTHH:MM, e.g. 2026-02-11T10:00"
            ))
        })?,
        None => clinic_now(),
    };
    let month = match &cli.month {
        Some(m) => Month::parse(m).ok_or_else(|| {
            Failure::Usage(format!("--month “{m}”: expected YYYY-MM, e.g. 2026-02"))
        })?,
        None => Month::of(now.date),
    };
    let text = match cli.format {
        Format::Json => format!("{:#}\n", output::clinic::json(&library.clinic, now, month)),
        _ => output::clinic::text(&library.clinic, now, month),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    Ok(())
}

fn check(dir: Option<&Path>) -> Result<(), Failure> {
    let library = load_library(dir)?;
    // Warnings do not fail the check: the content loads, shown as the reader shows it.
    let mut err = std::io::stderr().lock();
    for w in &library.warnings {
        writeln!(err, "warning: {w}")?;
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "ok: {} article(s), {} question(s), clinic “{}”",
        library.articles.len(),
        library
            .articles
            .iter()
            .map(|a| a.questions.len())
            .sum::<usize>(),
        library.clinic.name
    )?;
    Ok(())
}

fn list(cli: &Cli, library: &Library) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    if cli.format == Format::Json {
        writeln!(out, "{:#}", output::json::list(&library.articles))?;
    } else {
        for a in &library.articles {
            writeln!(out, "{}\t{}", a.slug, a.title)?;
        }
    }
    Ok(())
}

fn find_article<'a>(
    library: &'a Library,
    slug: &str,
) -> Result<&'a reader::content::Article, Failure> {
    if slug.contains('/') || slug.contains("..") || slug.contains('\\') {
        return Err(Failure::Usage(format!(
            "“{slug}” is not a slug: slugs name bundled articles, not paths (use --articles DIR for a directory)"
        )));
    }
    library.article(slug).ok_or_else(|| {
        let available: Vec<&str> = library.articles.iter().map(|a| a.slug.as_str()).collect();
        let hint = library
            .closest_slug(slug)
            .map(|s| format!("did you mean “{s}”? "))
            .unwrap_or_default();
        Failure::NotFound(format!(
            "no article “{slug}”: {hint}available: {}",
            available.join(", ")
        ))
    })
}

fn use_color(choice: ColorChoice, tty: bool) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => tty && !no_color,
    }
}

fn doc_options(cli: &Cli, tty: bool) -> DocOptions {
    let terminal_width = || {
        tty.then(crossterm::terminal::size)
            .and_then(Result::ok)
            .map(|(w, _)| usize::from(w))
    };
    DocOptions {
        width: cli.width.or_else(terminal_width).unwrap_or(80),
        ambiguous: if cli.ambiguous_wide {
            Ambiguous::Wide
        } else {
            Ambiguous::Narrow
        },
        body: match cli.wrap {
            WrapMode::Normal => Policy::Normal,
            WrapMode::Phrase => Policy::Phrase,
        },
    }
}

fn print_article(cli: &Cli, library: &Library, tty: bool) -> Result<(), Failure> {
    let article = match &cli.article {
        Some(slug) => find_article(library, slug)?,
        None => match library.articles.as_slice() {
            [only] => only,
            _ => {
                return Err(Failure::Usage(format!(
                    "choose an article with --article SLUG (see --list): {}",
                    library
                        .articles
                        .iter()
                        .map(|a| a.slug.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        },
    };
    let question = match cli.question {
        Some(n) if n == 0 || n > article.questions.len() => {
            return Err(Failure::NotFound(format!(
                "no question {n}: “{}” has questions 1–{}",
                article.slug,
                article.questions.len()
            )));
        }
        Some(n) => Some(n - 1),
        None => None,
    };
    let text = match cli.format {
        Format::Json => format!("{:#}\n", output::json::article(article, question)),
        Format::Markdown => output::markdown::article(article, question),
        Format::Text => {
            let opts = doc_options(cli, tty);
            let lines = match question {
                Some(q) => document::single_question(article, q, &opts),
                None => document::article(article, &opts),
            };
            output::text::render(&lines, use_color(cli.color, tty))
        }
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
