//! The edge: the real terminal, the real clock and signals. Sets the terminal
//! up, restores it on every way out (quit, panic, SIGTERM, SIGHUP), and runs
//! the event loop, which sleeps until input or the app's next deadline.

use std::io::{self, Stdout, Write};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::backend::{CrosstermBackend, IntoCrossterm};
use ratatui::layout::Rect;
use ratatui::{Frame, Terminal};

use super::model::Model;
use super::update::{Msg, update};
use super::view::reader::{LinkRegion, links};
use super::view::view;

/// What the event loop runs: the reader, or the kiosk built on it.
pub trait App {
    /// Applies a message; true when the screen must be redrawn.
    fn update(&mut self, msg: Msg) -> bool;
    fn view(&self, frame: &mut Frame);
    fn done(&self) -> bool;
    /// When (Unix seconds) the app next needs a `Msg::Clock` with no input.
    fn wake_at(&self, now: i64) -> i64 {
        next_minute(now)
    }
    /// Links on screen to mark as OSC 8 hyperlinks after each frame.
    fn links(&self) -> Vec<LinkRegion> {
        Vec::new()
    }
    /// Work at the edge on each wake (content reload); true to redraw.
    fn background(&mut self) -> bool {
        false
    }
}

impl App for Model {
    fn update(&mut self, msg: Msg) -> bool {
        update(self, msg)
    }
    fn view(&self, frame: &mut Frame) {
        view(self, frame)
    }
    fn done(&self) -> bool {
        self.quit()
    }
    fn links(&self) -> Vec<LinkRegion> {
        links(self)
    }
}

/// Writes each link's text again over itself, wrapped in OSC 8, so terminals
/// that know hyperlinks make it clickable and others show the same text.
fn mark_links(out: &mut impl Write, links: &[LinkRegion]) -> io::Result<()> {
    if links.is_empty() || std::env::var("TERM").is_ok_and(|t| t == "linux") {
        return Ok(());
    }
    for l in links {
        // The URL comes from content, which the loader sanitised.
        execute!(out, crossterm::cursor::MoveTo(l.x, l.y))?;
        let styled =
            crossterm::style::StyledContent::new(l.style.into_crossterm(), l.text.as_str());
        write!(out, "\x1b]8;;{}\x1b\\", l.url)?;
        execute!(out, crossterm::style::PrintStyledContent(styled))?;
        write!(out, "\x1b]8;;\x1b\\")?;
    }
    out.flush()
}

pub fn next_minute(now: i64) -> i64 {
    (now.div_euclid(60) + 1) * 60
}

fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Seconds since the Unix epoch, from the system clock.
pub fn unix_now() -> i64 {
    now_millis() / 1000
}

/// Leaves the alternate screen and raw mode. Safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = out.flush();
}

fn setup() -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        default_hook(info);
    }));
    watch_signals()?;
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Terminal::new(CrosstermBackend::new(out))
}

/// SIGTERM, SIGHUP and an outside SIGINT restore the terminal and end the
/// process (raw mode turns Ctrl-C into a key, so SIGINT only comes from outside).
fn watch_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            restore();
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

/// Runs `app` until it is done.
pub fn run(app: &mut impl App) -> io::Result<()> {
    let mut terminal = setup()?;
    let result = event_loop(&mut terminal, app);
    restore();
    result
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut impl App,
) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(Msg::Clock(unix_now()));
    app.update(Msg::Resize(size.width, size.height));
    let mut dirty = true;
    while !app.done() {
        if dirty {
            terminal.draw(|f| app.view(f))?;
            mark_links(terminal.backend_mut(), &app.links())?;
        }
        let now = now_millis();
        let wake = app.wake_at(now / 1000) * 1000;
        let timeout = Duration::from_millis((wake - now).clamp(1, 60_000) as u64);
        let input = event::poll(timeout)?;
        // Input carries no time: the clock comes first, so idle timers see it.
        dirty = app.update(Msg::Clock(unix_now()));
        if input {
            let msg = match event::read()? {
                Event::Key(k) => Some(Msg::Key(k)),
                Event::Mouse(m) => Some(Msg::Mouse(m)),
                Event::Paste(p) => Some(Msg::Paste(p)),
                Event::Resize(w, h) => {
                    terminal.resize(Rect::new(0, 0, w, h))?;
                    Some(Msg::Resize(w, h))
                }
                _ => None,
            };
            if let Some(msg) = msg {
                dirty |= app.update(msg);
            }
        }
        dirty |= app.background();
    }
    Ok(())
}
