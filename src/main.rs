//! The `reader` binary: parse the command line, pick a mode, and map every
//! error to a message and an exit code in one place.

mod choices;
mod cli;
mod config;
mod settings;
mod skeleton;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use clap::{CommandFactory, Parser};
use reader::tui::terminal::{SignalPolicy, handle_signals};

use choices::{ConfigFormat, Shell};
use cli::{Cli, Command};
use ratatui::layout::Rect;
use reader::calendar::YEARS;
use reader::calendar::clock::ClinicTime;
use reader::calendar::month::Month;
use reader::content::{Article, Library, LoadError, load_library};
use reader::kiosk::Kiosk;
use reader::kiosk::reload::Source;
use reader::output::{self, Format, Page};
use reader::text::sanitize::{escape_for_display, is_stripped};
use reader::tui::{Model, Settings};
use settings::Effective;

/// Exit codes, as `--help` documents them.
mod exit {
    pub const ERROR: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const INVALID_CONTENT: u8 = 3;
    pub const NOT_FOUND: u8 = 4;
}

/// Everything that ends a run early.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Whether fd 1 and fd 2 were closed when the process started (`reader … >&-`).
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
static STDERR_CLOSED: AtomicBool = AtomicBool::new(false);

/// Runs before Rust's runtime starts: the runtime reopens a closed fd 1 or
/// fd 2 on /dev/null, after which every write "succeeds". So whether the
/// caller closed them can only be seen here, and output to them then fails
/// with EBADF as it would in C, instead of exiting 0 having written nothing.
#[cfg(target_os = "linux")]
extern "C" fn note_closed_std_fds() {
    for (fd, closed) in [(1, &STDOUT_CLOSED), (2, &STDERR_CLOSED)] {
        // SAFETY: fcntl(F_GETFL) only reads the descriptor's flags. Opened
        // read-only (`1<file`) counts as closed: std also turns its EBADF
        // into a write that "succeeds".
        let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
        let unwritable = flags == -1 || flags & libc::O_ACCMODE == libc::O_RDONLY;
        closed.store(unwritable, std::sync::atomic::Ordering::Relaxed);
    }
}

#[used]
// SAFETY: an ELF constructor, run once by the loader before main; the
// function takes no arguments (the loader's argc/argv/envp are ignored).
// Elsewhere stdout_open and stderr_open cannot tell, and a closed fd goes
// unnoticed.
#[cfg(target_os = "linux")]
#[unsafe(link_section = ".init_array")]
static NOTE_CLOSED_STD_FDS: extern "C" fn() = note_closed_std_fds;

/// An error if the caller closed the stream `closed` notes.
fn std_fd_open(closed: &AtomicBool, name: &str) -> std::io::Result<()> {
    if closed.load(std::sync::atomic::Ordering::Relaxed) {
        let ebadf = std::io::Error::from_raw_os_error(libc::EBADF);
        return Err(std::io::Error::new(
            ebadf.kind(),
            format!("{name} is closed or not writable: {ebadf}"),
        ));
    }
    Ok(())
}

/// Stdout as the caller gave it: an error if it was closed.
fn stdout_open() -> std::io::Result<()> {
    std_fd_open(&STDOUT_CLOSED, "standard output")
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    let result = stdout_open()
        .map_err(Failure::Io)
        .and_then(|()| run(&cli))
        // What is still buffered must reach the file too, or fail loudly.
        .and_then(|()| std::io::stdout().flush().map_err(Failure::Io));
    match result {
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
            let _ = writeln!(err, "reader: {}", escape_for_display(&f.to_string()));
            ExitCode::from(code)
        }
    }
}

/// `--help` and `--version` print to stdout, where a write error is an error
/// like any other; usage errors go to stderr with clap's exit code (2).
fn clap_exit(e: &clap::Error) -> ExitCode {
    if !e.use_stderr() {
        let written = stdout_open()
            .and_then(|()| e.print())
            .and_then(|()| std::io::stdout().flush());
        return match written {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "reader: {e}");
                ExitCode::from(exit::ERROR)
            }
        };
    }
    // clap quotes the argument it refuses as given, and its plain rendering
    // strips what looks like styling, the payload's too: an argument with
    // control characters is parsed again without styles, and the message
    // shown escaped.
    let hostile = std::env::args_os().any(|a| a.to_string_lossy().chars().any(is_stripped));
    let unstyled = hostile
        .then(|| {
            Cli::command()
                .styles(clap::builder::Styles::plain())
                .try_get_matches()
                .err()
        })
        .flatten();
    match unstyled {
        Some(e) => {
            let raw = e.render().ansi().to_string();
            let escaped: Vec<String> = raw.split('\n').map(escape_for_display).collect();
            let _ = write!(std::io::stderr(), "{}", escaped.join("\n"));
        }
        None => {
            let _ = e.print();
        }
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(exit::USAGE))
}

/// What this run does, decided once from the flags and the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mode {
    Check(Option<PathBuf>),
    Config(ConfigFormat),
    List(Format),
    Clinic(Format),
    Print(Format),
    Read,
    Kiosk,
}

/// The mode the flags and settings ask for. Flags that clash are refused by
/// clap; a format a mode cannot print is refused here.
fn mode(cli: &Cli, settings: &Effective) -> Result<Mode, Failure> {
    match &cli.command {
        Some(Command::Check { dir }) => {
            let dir = dir
                .clone()
                .or_else(|| settings.articles().map(Path::to_path_buf));
            return Ok(Mode::Check(dir));
        }
        Some(Command::Config { format }) => return Ok(Mode::Config(*format)),
        // `run` answers these before reading any settings.
        Some(Command::Completions { .. } | Command::Man | Command::New { .. }) | None => {}
    }
    let format = cli.format.unwrap_or(Format::Text);
    if cli.list {
        return Ok(Mode::List(format));
    }
    if cli.clinic {
        if !format.prints_clinic() {
            return Err(Failure::Usage(
                "--clinic prints text or json, not markdown".into(),
            ));
        }
        return Ok(Mode::Clinic(format));
    }
    let on_terminal = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    // Not a clap conflict: --plain is global, and subcommands have no --kiosk.
    let plain = settings.plain().value;
    if cli.kiosk {
        if plain {
            return Err(Failure::Usage(format!(
                "--kiosk cannot be used with plain output ({}): the kiosk is a full screen",
                settings.plain().origin
            )));
        }
        if !on_terminal {
            return Err(Failure::Usage("--kiosk needs a terminal".into()));
        }
        return Ok(Mode::Kiosk);
    }
    // Asking for plain text, a format, a width or one question is asking for print.
    let print =
        plain || cli.print || cli.format.is_some() || cli.width.is_some() || cli.question.is_some();
    if print || !on_terminal {
        return Ok(Mode::Print(format));
    }
    Ok(Mode::Read)
}

fn run(cli: &Cli) -> Result<(), Failure> {
    // These need no settings, so a broken config file cannot stop them.
    match &cli.command {
        Some(Command::Completions { shell }) => return completions(*shell),
        Some(Command::Man) => return man(),
        Some(Command::New { slug }) => {
            let dir = cli.settings.get(&settings::ARTICLES).flatten();
            return new_article(slug, dir.as_deref());
        }
        Some(Command::Check { .. } | Command::Config { .. }) | None => {}
    }
    let settings = settings::load(&cli.settings)?;
    let mode = mode(cli, &settings)?;
    match &mode {
        Mode::Check(dir) => return check(dir.as_deref()),
        Mode::Config(format) => {
            let mut out = std::io::stdout().lock();
            settings.report(&mut out, *format)?;
            return Ok(out.flush()?);
        }
        _ => {}
    }
    // Only a screen has a terminal to restore; printing keeps the default
    // dispositions (and spawns no signal thread: a tenth of a print's time).
    match mode {
        Mode::Read => handle_signals(SignalPolicy::Reader).map_err(Failure::Io)?,
        Mode::Kiosk => handle_signals(SignalPolicy::Kiosk).map_err(Failure::Io)?,
        _ => {}
    }
    let library = load_library(settings.articles())?;
    let article = match &cli.article {
        Some(slug) => Some(find_article(&library, slug)?),
        None => None,
    };
    match mode {
        Mode::Check(_) | Mode::Config(_) => Ok(()),
        Mode::List(format) => list(format, cli.category.as_deref(), &library),
        Mode::Clinic(format) => clinic(cli, &settings, format, &library),
        Mode::Print(format) => print_article(cli, &settings, format, &library, article),
        Mode::Read => {
            let mut model = screen_model(library, article, settings.screen(false))?;
            reader::tui::terminal::run(&mut model)?;
            Ok(())
        }
        Mode::Kiosk => kiosk(&settings, library, article),
    }
}

/// `--list`, of the articles in `category` when one is given.
fn list(format: Format, category: Option<&str>, library: &Library) -> Result<(), Failure> {
    let shown: Vec<&Article> = (library.articles.iter())
        .filter(|a| category.is_none_or(|c| reader::strings::category(a) == c))
        .collect();
    if let (Some(category), []) = (category, shown.as_slice()) {
        let mut known: Vec<&str> = library
            .articles
            .iter()
            .map(reader::strings::category)
            .collect();
        known.sort_unstable();
        known.dedup();
        return Err(Failure::NotFound(format!(
            "no article in the category “{category}”: categories: {}",
            known.join(", ")
        )));
    }
    print(format, Page::List(&shown))
}

fn kiosk(settings: &Effective, library: Library, article: Option<usize>) -> Result<(), Failure> {
    let model = screen_model(library, article, settings.screen(true))?;
    let source = settings
        .articles()
        .map(|dir| Source::new(dir.to_path_buf(), reader::tui::terminal::reload_requests()));
    let mut kiosk = Kiosk::new(
        model,
        settings.kiosk(),
        reader::tui::terminal::unix_now(),
        source,
    );
    reader::tui::terminal::run(&mut kiosk)?;
    Ok(())
}

/// The screen's model at the terminal's size and the clinic's time now.
fn screen_model(
    library: Library,
    article: Option<usize>,
    settings: Settings,
) -> Result<Model, Failure> {
    let (w, h) = crossterm::terminal::size()?;
    Ok(Model::new(
        library,
        article,
        settings,
        Rect::new(0, 0, w, h),
        clinic_now(),
    ))
}

/// Clinic time now, from the system clock: the one place the real clock is read.
fn clinic_now() -> ClinicTime {
    ClinicTime::from_unix(reader::tui::terminal::unix_now())
}

fn clinic(
    cli: &Cli,
    settings: &Effective,
    format: Format,
    library: &Library,
) -> Result<(), Failure> {
    let years = || {
        format!(
            "the years {}–{}, whose national holidays are known",
            YEARS.start(),
            YEARS.end()
        )
    };
    let now = match &cli.at {
        Some(at) => {
            let t = ClinicTime::parse(at).ok_or_else(|| {
                Failure::Usage(format!(
                    "--at “{at}”: expected clinic time as YYYY-MM-DDTHH:MM, e.g. 2026-02-11T10:00"
                ))
            })?;
            if !YEARS.contains(&t.date.year()) {
                return Err(Failure::Usage(format!(
                    "--at “{at}”: expected a time in {}",
                    years()
                )));
            }
            t
        }
        None => clinic_now(),
    };
    let month = match &cli.month {
        Some(m) => {
            let month = Month::parse(m).ok_or_else(|| {
                Failure::Usage(format!("--month “{m}”: expected YYYY-MM, e.g. 2026-02"))
            })?;
            if !YEARS.contains(&month.year()) {
                return Err(Failure::Usage(format!(
                    "--month “{m}”: expected a month in {}",
                    years()
                )));
            }
            month
        }
        None => Month::of(now.date),
    };
    print(
        format,
        Page::Clinic {
            clinic: &library.clinic,
            now,
            month,
            layout: &settings.doc_options(cli.width),
            color: settings.color(std::io::stdout().is_terminal()),
        },
    )
}

/// Prints `page` to stdout, buffered: the one way every format is printed.
fn print(format: Format, page: Page) -> Result<(), Failure> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    output::write(&mut out, format, page)?;
    out.flush()?;
    Ok(())
}

fn write_out(text: &(impl AsRef<[u8]> + ?Sized)) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_ref())?;
    out.flush()?;
    Ok(())
}

fn check(dir: Option<&Path>) -> Result<(), Failure> {
    let library = load_library(dir)?;
    // Warnings do not fail the check: the content loads, shown as the reader
    // shows it. Warnings that cannot be written do: nobody would see them.
    if !library.warnings.is_empty() {
        std_fd_open(&STDERR_CLOSED, "standard error")?;
    }
    let mut err = std::io::stderr().lock();
    for w in &library.warnings {
        writeln!(err, "warning: {w}")?;
    }
    write_out(&format!(
        "ok: {} article(s), {} question(s), clinic “{}”
",
        library.articles.len(),
        library
            .articles
            .iter()
            .map(|a| a.questions.len())
            .sum::<usize>(),
        library.clinic.name
    ))
}

/// The index of the article `slug` names.
fn find_article(library: &Library, slug: &str) -> Result<usize, Failure> {
    if slug.contains('/') || slug.contains("..") || slug.contains('\\') {
        return Err(Failure::Usage(format!(
            "“{slug}” is not a slug: slugs name bundled articles, not paths (use --articles DIR for a directory)"
        )));
    }
    library
        .articles
        .iter()
        .position(|a| a.slug == slug)
        .ok_or_else(|| {
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

fn print_article(
    cli: &Cli,
    settings: &Effective,
    format: Format,
    library: &Library,
    index: Option<usize>,
) -> Result<(), Failure> {
    let article: &Article = match index {
        Some(i) => &library.articles[i],
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
    print(
        format,
        Page::Article {
            article,
            question,
            layout: &settings.doc_options(cli.width),
            color: settings.color(std::io::stdout().is_terminal()),
        },
    )
}

/// `reader completions SHELL`: the script clap_complete makes from the flags.
fn completions(shell: Shell) -> Result<(), Failure> {
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "reader", &mut out);
    write_out(&out)
}

/// `reader man`: the manual page clap_mangen makes from the flags, with
/// `--help`'s examples as a literal block: mangen would refill their columns.
fn man() -> Result<(), Failure> {
    let man = clap_mangen::Man::new(Cli::command());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    man.render_subcommands_section(&mut out)?;
    out.extend_from_slice(b".SH EXAMPLES\n.nf\n");
    for line in cli::EXAMPLES.lines().skip_while(|l| l.ends_with(':')) {
        // Roff: a backslash escapes, and `\-` is the minus a shell needs.
        let line = line.replace('\\', "\\e").replace('-', "\\-");
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
    out.extend_from_slice(b".fi\n");
    man.render_version_section(&mut out)?;
    write_out(&out)
}

/// `reader new SLUG`: a skeleton article in `dir` (else here), never over a file.
fn new_article(slug: &str, dir: Option<&Path>) -> Result<(), Failure> {
    if !reader::content::article::is_valid_slug(slug) {
        return Err(Failure::Usage(format!(
            "“{slug}” is not a slug: expected lowercase letters, digits and hyphens, e.g. low-back-pain"
        )));
    }
    let path = dir.unwrap_or(Path::new(".")).join(format!("{slug}.md"));
    let text = skeleton::article(slug, clinic_now().date);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| {
            let why = if e.kind() == std::io::ErrorKind::AlreadyExists {
                "it exists, and reader new never overwrites: choose another slug".to_string()
            } else {
                e.to_string()
            };
            std::io::Error::new(e.kind(), format!("cannot create {}: {why}", path.display()))
        })?;
    file.write_all(text.as_bytes())?;
    write_out(&format!(
        "wrote {}: fill it in, then check it with `reader check {}`\n",
        path.display(),
        dir.unwrap_or(Path::new(".")).display()
    ))
}
