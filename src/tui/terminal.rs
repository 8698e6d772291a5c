//! The edge: the real terminal, the real clock and signals. Sets the terminal
//! up, restores it on every way out (quit, panic, SIGTERM, SIGHUP), and runs
//! the event loop, which sleeps until input or the next clock minute.

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
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;

use super::model::Model;
use super::update::{Msg, update};
use super::view::view;
use crate::calendar::clock::ClinicTime;

/// Seconds since the Unix epoch, from the system clock.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
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

/// How long to sleep until the clock's next minute.
fn until_next_minute() -> Duration {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    Duration::from_millis(60_000 - (now.as_millis() % 60_000) as u64)
}

/// Runs the reader until the user quits.
pub fn run(mut model: Model) -> io::Result<()> {
    let mut terminal = setup()?;
    let result = event_loop(&mut terminal, &mut model);
    restore();
    result
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    model: &mut Model,
) -> io::Result<()> {
    let size = terminal.size()?;
    update(model, Msg::Resize(size.width, size.height));
    let mut dirty = true;
    while !model.quit {
        if dirty {
            terminal.draw(|f| view(model, f))?;
        }
        dirty = if event::poll(until_next_minute())? {
            match event::read()? {
                Event::Key(k) => update(model, Msg::Key(k)),
                Event::Mouse(m) => update(model, Msg::Mouse(m)),
                Event::Paste(p) => update(model, Msg::Paste(p)),
                Event::Resize(w, h) => {
                    terminal.resize(Rect::new(0, 0, w, h))?;
                    update(model, Msg::Resize(w, h))
                }
                _ => false,
            }
        } else {
            update(model, Msg::Tick(ClinicTime::from_unix(unix_now())))
        };
    }
    Ok(())
}
