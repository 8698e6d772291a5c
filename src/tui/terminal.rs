//! The edge: the real terminal, the real clock and signals. Sets the terminal
//! up, restores it on every way out (quit, panic, every signal that ends the
//! process, Ctrl-Z), and runs the event loop, which sleeps until input or the
//! app's next deadline.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError, TryLockError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{execute, queue};
use ratatui::backend::IntoCrossterm;
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::{DefaultTerminal, Frame, TerminalOptions, Viewport};

use super::model::{Model, screen_area};
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
    /// Links on a frame of `area` to mark as OSC 8 hyperlinks after it is drawn.
    fn links(&self, _area: Rect) -> Vec<LinkRegion> {
        Vec::new()
    }
    /// Work at the edge on each wake (content reload); true to redraw.
    fn background(&mut self) -> bool {
        false
    }
    /// True once after the app asked to be suspended (Ctrl-Z in the reader).
    fn take_suspend(&mut self) -> bool {
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
    fn links(&self, area: Rect) -> Vec<LinkRegion> {
        links(self, area)
    }
    fn take_suspend(&mut self) -> bool {
        self.take_suspend()
    }
}

/// Longer addresses are not marked: terminals ignore them (VTE takes at most
/// 2,083 bytes), and each mark writes its address again.
const MAX_LINK_URL: usize = 2048;

/// A link as marked: its region and the cells drawn there.
type Marked = (LinkRegion, Vec<ratatui::buffer::Cell>);

/// The links to mark on a drawn `frame`, each with the cells drawn under it.
fn to_mark(links: Vec<LinkRegion>, frame: &ratatui::buffer::Buffer) -> Vec<Marked> {
    links
        .into_iter()
        .filter(|l| l.url.len() <= MAX_LINK_URL)
        .map(|l| {
            let cells = (l.x..l.x.saturating_add(l.width))
                .filter_map(|x| frame.cell((x, l.y)).cloned())
                .collect();
            (l, cells)
        })
        .collect()
}

/// Writes each link's text again over itself, wrapped in OSC 8, so terminals
/// that know hyperlinks make it clickable and others show the same text.
/// A link already marked over the same cells is left as it is: ratatui
/// wrote none of them again, so the terminal still holds its mark.
fn mark_links(out: &mut impl Write, now: Vec<Marked>, marked: &mut Vec<Marked>) -> io::Result<()> {
    let fresh: Vec<&Marked> = now.iter().filter(|m| !marked.contains(m)).collect();
    if fresh.is_empty() {
        *marked = now;
        return Ok(());
    }
    // The cursor goes back where the frame put it (the search field's caret).
    execute!(out, crossterm::cursor::SavePosition)?;
    for (l, cells) in fresh {
        // The URL comes from content, which the loader sanitised.
        execute!(out, crossterm::cursor::MoveTo(l.x, l.y))?;
        write!(out, "\x1b]8;;{}\x1b\\", l.url)?;
        // The cells as the frame drew them, each in its own style (a search
        // match keeps its highlight); a wide character's second cell is its.
        let mut covered = 0;
        for cell in cells {
            if covered > 0 {
                covered -= 1;
                continue;
            }
            let symbol = cell.symbol();
            covered = usize::from(symbol.cell_width()).saturating_sub(1);
            let styled =
                crossterm::style::StyledContent::new(cell.style().into_crossterm(), symbol);
            execute!(out, crossterm::style::PrintStyledContent(styled))?;
        }
        write!(out, "\x1b]8;;\x1b\\")?;
    }
    execute!(out, crossterm::cursor::RestorePosition)?;
    *marked = now;
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

/// True while the terminal is (or is being) set up, so a signal or a panic
/// restores only a terminal this process changed: a print run killed by
/// SIGTERM must not write escape sequences into its output.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Held while a frame is written, so a signal's restore does not land in
/// the middle of one and have the rest of the frame (which hides the
/// cursor) undo it.
static DRAWING: Mutex<()> = Mutex::new(());

/// [`DRAWING`] for a restore. Bounded: a panic inside a draw already holds
/// it on this very thread, and a restore must happen anyway.
fn wait_for_frame() -> Option<MutexGuard<'static, ()>> {
    let deadline = std::time::Instant::now() + Duration::from_millis(200);
    loop {
        match DRAWING.try_lock() {
            Ok(guard) => return Some(guard),
            Err(TryLockError::Poisoned(p)) => return Some(p.into_inner()),
            Err(TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(1));
            }
            Err(TryLockError::WouldBlock) => return None,
        }
    }
}

/// Leaves what [`setup`] (or [`resume`]) entered, once per setup.
pub fn restore() {
    let _frame = wait_for_frame();
    leave();
}

/// What [`restore`] does, for a caller that already waited for the frame.
fn leave() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = out.write_all(&leave_sequence());
    let _ = out.flush();
    let _ = disable_raw_mode();
}

/// The bytes that leave the screen [`setup`] entered: mouse reporting,
/// bracketed paste, the hidden cursor and the alternate screen.
fn leave_sequence() -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = queue!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        crossterm::cursor::Show,
        LeaveAlternateScreen
    );
    out
}

/// What a fatal signal's handler needs to restore, saved before the
/// terminal changes: its modes before raw mode and [`leave_sequence`].
struct Saved {
    termios: libc::termios,
    leave: Vec<u8>,
}

static SAVED: OnceLock<Saved> = OnceLock::new();

/// [`leave`] with only async-signal-safe calls (write, tcsetattr), for a
/// handler that may run in the middle of an allocation or a write.
fn leave_in_handler() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    if let Some(saved) = SAVED.get() {
        // SAFETY: both write from memory SAVED owns for the process's life.
        unsafe {
            libc::write(1, saved.leave.as_ptr().cast(), saved.leave.len());
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &saved.termios);
        }
    }
}

/// Mouse reporting and bracketed paste, which ratatui's init leaves alone.
fn enter_extras() -> io::Result<()> {
    execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste)
}

/// The terminal set up: raw mode, the alternate screen, mouse and paste, a
/// panic hook that restores them. The viewport is fixed at the screen the
/// model lays out ([`screen_area`]): ratatui's own would allocate a buffer
/// for any window, and a 65535×65535 one asked for 206 GB.
fn setup() -> io::Result<DefaultTerminal> {
    // The hook before ours, for panics when the terminal is not (or no
    // longer) set up.
    let previous = std::panic::take_hook();
    // The reader and the kiosk run only when stdin is a terminal (main's
    // mode), the one crossterm makes raw.
    // SAFETY: tcgetattr fills the termios it is given.
    let mut termios: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(libc::STDIN_FILENO, &mut termios) } == 0 {
        let _ = SAVED.set(Saved {
            termios,
            leave: leave_sequence(),
        });
    }
    let (width, height) = crossterm::terminal::size()?;
    // Marked before the first change, so a signal in between still restores.
    ACTIVE.store(true, Ordering::SeqCst);
    let terminal = ratatui::try_init_with_options(TerminalOptions {
        viewport: Viewport::Fixed(screen_area(width, height)),
    })?;
    // Ours replaces the hook ratatui installed, which restores regardless.
    std::panic::set_hook(Box::new(move |info| {
        let frame = wait_for_frame();
        leave();
        drop(frame);
        previous(info);
    }));
    execute!(io::stdout(), EnterAlternateScreen)?;
    enter_extras()?;
    Ok(terminal)
}

/// After a stop: what [`setup`] entered, without installing its hook again.
fn resume() -> io::Result<()> {
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    enter_extras()
}

/// Set by SIGUSR1: the kiosk reloads its content when it sees it. Where
/// nothing reloads (the reader, a kiosk without `--articles`) nobody looks,
/// so the signal is ignored rather than ending the process (its default).
pub fn reload_requests() -> Arc<AtomicBool> {
    static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    Arc::clone(FLAG.get_or_init(Arc::default))
}

/// Who takes the signals: the reader, or the kiosk, which no one at the
/// reception desk may stop or suspend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalPolicy {
    Reader,
    Kiosk,
}

/// Signals whose default ends the process and that can be caught, but for
/// [`FATAL`] and the real-time ones (numbered at run time). SIGPIPE is not
/// among them: Rust ignores it, so a closed pipe is an EPIPE write error
/// that the caller turns into a quiet exit.
const ENDING: &[libc::c_int] = &[
    libc::SIGHUP,
    libc::SIGINT,
    libc::SIGQUIT,
    libc::SIGTERM,
    libc::SIGUSR2,
    libc::SIGALRM,
    libc::SIGVTALRM,
    libc::SIGPROF,
    libc::SIGXCPU,
    libc::SIGXFSZ,
    libc::SIGIO,
    #[cfg(target_os = "linux")]
    libc::SIGPWR,
    #[cfg(target_os = "linux")]
    libc::SIGSTKFLT,
];

/// Signals that a fault, `abort()` (an allocation failure) or a trap raise
/// in the very thread that caused them, which cannot go on: the handler
/// restores the terminal itself and ends the process.
const FATAL: &[libc::c_int] = &[
    libc::SIGABRT,
    libc::SIGTRAP,
    libc::SIGSYS,
    libc::SIGFPE,
    libc::SIGILL,
    libc::SIGBUS,
    libc::SIGSEGV,
];

/// The dispositions [`FATAL`]'s handler replaced, in its order: Rust's own
/// for SIGSEGV and SIGBUS reports a stack overflow, and still does.
static PREVIOUS: OnceLock<Vec<libc::sigaction>> = OnceLock::new();

type Action = extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void);
type Handler = extern "C" fn(libc::c_int);

extern "C" fn on_fatal(sig: libc::c_int, info: *mut libc::siginfo_t, context: *mut libc::c_void) {
    leave_in_handler();
    let previous = PREVIOUS
        .get()
        .and_then(|p| FATAL.iter().position(|&s| s == sig).map(|i| p[i]));
    if let Some(p) = previous.filter(|p| p.sa_sigaction > libc::SIG_IGN) {
        // SAFETY: a handler the process installed, called as it was
        // registered (with or without SA_SIGINFO).
        unsafe {
            if p.sa_flags & libc::SA_SIGINFO != 0 {
                std::mem::transmute::<libc::sighandler_t, Action>(p.sa_sigaction)(
                    sig, info, context,
                );
            } else {
                std::mem::transmute::<libc::sighandler_t, Handler>(p.sa_sigaction)(sig);
            }
        }
    }
    end_by(sig);
}

/// Ends the process by `sig`'s default action, so a parent sees what killed
/// it. Async-signal-safe: the fatal handler calls it too.
fn end_by(sig: libc::c_int) -> ! {
    // SAFETY: resets one disposition, unblocks that signal in this thread
    // and raises it; each call is async-signal-safe.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, sig);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        libc::raise(sig);
        // Reached only if the default action could not be re-raised.
        libc::_exit(128 + sig)
    }
}

/// Installs [`on_fatal`] for every signal in [`FATAL`], on the alternate
/// signal stack Rust gives each thread (a stack overflow is a SIGSEGV).
fn handle_fatal() -> io::Result<()> {
    let mut previous = Vec::with_capacity(FATAL.len());
    for &sig in FATAL {
        // SAFETY: sigaction only reads the null action and fills `old`.
        let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
        if unsafe { libc::sigaction(sig, std::ptr::null(), &mut old) } != 0 {
            return Err(io::Error::last_os_error());
        }
        previous.push(old);
    }
    let _ = PREVIOUS.set(previous);
    for &sig in FATAL {
        // SAFETY: a zeroed sigaction with an empty mask, our handler and
        // its flags; on_fatal has the SA_SIGINFO signature.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_fatal as Action as libc::sighandler_t;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut action.sa_mask);
            if libc::sigaction(sig, &action, std::ptr::null_mut()) != 0 {
                return Err(io::Error::last_os_error());
            }
        }
    }
    Ok(())
}

/// Installs the run's signal handling. `main` calls it first, before content
/// is loaded or the terminal touched, so no signal finds a half-set-up screen.
///
/// - SIGUSR1 sets [`reload_requests`] and never ends the process.
/// - Every signal in [`ENDING`], and the real-time ones, restore the
///   terminal (if it was set up) and then end the process by that same
///   signal, so a parent sees what killed it; [`FATAL`] ones do so in
///   their handler.
/// - The kiosk ignores SIGINT and SIGQUIT that the terminal sends (Ctrl-C,
///   Ctrl-\ typed before raw mode turns them into keys), but ends on the same
///   signals sent by a process (`kill -INT`), as a service manager stops it. It
///   ignores SIGTSTP from anywhere. The reader stops on SIGTSTP (its Ctrl-Z
///   key raises one) with the terminal restored, as `less` and `vim` do.
/// - SIGCONT redraws the whole screen, after a stop of any kind.
pub fn handle_signals(policy: SignalPolicy) -> io::Result<()> {
    use signal_hook::iterator::SignalsInfo;
    use signal_hook::iterator::exfiltrator::WithOrigin;
    use signal_hook::low_level::siginfo::Cause;

    handle_fatal()?;
    signal_hook::flag::register(libc::SIGUSR1, reload_requests())?;
    let mut caught = ENDING.to_vec();
    caught.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    caught.extend([libc::SIGTSTP, libc::SIGCONT]);
    let mut signals = SignalsInfo::<WithOrigin>::new(&caught)?;
    std::thread::spawn(move || {
        for origin in signals.forever() {
            let sig = origin.signal;
            let typed = origin.cause == Cause::Kernel;
            let ignored = policy == SignalPolicy::Kiosk
                && (sig == libc::SIGTSTP
                    || (typed && (sig == libc::SIGINT || sig == libc::SIGQUIT)));
            match sig {
                _ if ignored => {}
                libc::SIGTSTP => stop(),
                // crossterm reports a SIGWINCH as a resize, which clears the
                // screen and draws it whole.
                libc::SIGCONT => {
                    let _ = signal_hook::low_level::raise(libc::SIGWINCH);
                }
                _ => {
                    restore();
                    end_by(sig);
                }
            }
        }
    });
    Ok(())
}

/// SIGTSTP in the reader: gives the terminal back to the shell, stops, and
/// on SIGCONT (`fg`) takes the screen again (the redraw follows SIGCONT).
/// The frame lock is held throughout, so no frame is drawn in between.
fn stop() {
    let _frame = wait_for_frame();
    leave();
    // SIGTSTP's default action, as SIGSTOP: a raised SIGTSTP would be
    // discarded when no shell can continue us (an orphaned process group).
    let _ = signal_hook::low_level::raise(libc::SIGSTOP);
    if let Err(e) = resume() {
        leave();
        let _ = writeln!(io::stderr(), "reader: cannot take the terminal again: {e}");
        std::process::exit(1);
    }
}

/// Cells the terminal blanked that ratatui's diff leaves alone: where a
/// new wide character's right half lands on an old one's left half, the
/// terminal erases the old one's right half too, a cell ratatui sees as
/// unchanged (a reverse-video bar showed holes after a screen change).
pub fn split_cells(before: &Buffer, after: &Buffer) -> Vec<(u16, u16)> {
    let area = after.area;
    if before.area != area {
        return Vec::new();
    }
    let mut out = Vec::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right().saturating_sub(2) {
            let new = &after[(x, y)];
            let written = new != &before[(x, y)] && new.symbol().cell_width() == 2;
            if written
                && before[(x + 1, y)].symbol().cell_width() == 2
                && after[(x + 2, y)] == before[(x + 2, y)]
            {
                out.push((x + 2, y));
            }
        }
    }
    out
}

/// Writes again the cells [`split_cells`] finds.
fn redraw_split(
    backend: &mut impl ratatui::backend::Backend<Error = io::Error>,
    before: &Buffer,
    after: &Buffer,
) -> io::Result<()> {
    let cells = split_cells(before, after);
    if cells.is_empty() {
        return Ok(());
    }
    backend.draw(cells.iter().map(|&(x, y)| (x, y, &after[(x, y)])))?;
    backend.flush()
}

/// Runs `app` until it is done. Call [`handle_signals`] first.
pub fn run(app: &mut impl App) -> io::Result<()> {
    let mut terminal = setup().inspect_err(|_| restore())?;
    let result = event_loop(&mut terminal, app);
    restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut impl App) -> io::Result<()> {
    let size = terminal.size()?;
    let area = screen_area(size.width, size.height);
    app.update(Msg::Clock(unix_now()));
    app.update(Msg::Resize(area.width, area.height));
    // The links marked on screen now.
    let mut marked = Vec::new();
    let panic_in_draw = test_hooks::panic_in_draw();
    // The Linux console prints OSC 8 as text.
    let osc8 = !std::env::var("TERM").is_ok_and(|t| t == "linux");
    let mut dirty = true;
    // The frame on screen, for the cells ratatui's diff leaves blank.
    let mut shown: Option<ratatui::buffer::Buffer> = None;
    while !app.done() {
        if dirty {
            let _frame = DRAWING.lock().unwrap_or_else(PoisonError::into_inner);
            // Not after a signal restored the terminal: the process is ending.
            if ACTIVE.load(Ordering::SeqCst) {
                // The viewport is fixed at the last resize, which the app
                // has been told of; a window that changed since is told by
                // the next event, and views draw into the frame they get.
                let drawn = terminal.draw(|f| {
                    if panic_in_draw {
                        panic!("a panic in drawing, asked for by READER_TEST_PANIC_IN_DRAW");
                    }
                    app.view(f)
                })?;
                let after = drawn.buffer.clone();
                let links = osc8.then(|| to_mark(app.links(drawn.area), drawn.buffer));
                if let Some(before) = &shown {
                    redraw_split(terminal.backend_mut(), before, &after)?;
                }
                shown = Some(after);
                if let Some(links) = links {
                    mark_links(terminal.backend_mut(), links, &mut marked)?;
                }
            }
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
                    let area = screen_area(w, h);
                    terminal.resize(area)?;
                    // The resize cleared the screen, and the links' marks
                    // with it: draw it whole, also at the same size (after
                    // SIGCONT).
                    marked.clear();
                    shown = None;
                    dirty = true;
                    Some(Msg::Resize(area.width, area.height))
                }
                _ => None,
            };
            if let Some(msg) = msg {
                dirty |= app.update(msg);
            }
        }
        dirty |= app.background();
        // Stopped and continued by the signal thread, as a SIGTSTP from
        // elsewhere is (see `stop`).
        if app.take_suspend() {
            signal_hook::low_level::raise(libc::SIGTSTP)?;
        }
    }
    Ok(())
}

/// Hooks that tests of the real binary use to reach paths no input reaches.
/// Debug builds only: a release binary never reads them.
mod test_hooks {
    /// `READER_TEST_PANIC_IN_DRAW`: the first frame panics, to prove that a
    /// panic in drawing restores the terminal and exits non-zero.
    pub fn panic_in_draw() -> bool {
        cfg!(debug_assertions) && std::env::var_os("READER_TEST_PANIC_IN_DRAW").is_some()
    }
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::style::Style;

    #[test]
    fn a_wide_char_over_an_old_ones_left_half_redraws_its_right_half() {
        let area = Rect::new(0, 0, 6, 1);
        let reversed = Style::new().add_modifier(ratatui::style::Modifier::REVERSED);
        let mut before = Buffer::empty(area);
        before.set_string(1, 0, "移", reversed);
        let mut after = Buffer::empty(area);
        after.set_string(0, 0, "上", reversed);
        // The old right half and the new space look alike to the diff.
        after[(2, 0)] = before[(2, 0)].clone();
        assert_eq!(split_cells(&before, &after), [(2, 0)]);
        // A cell that changed is written by ratatui anyway.
        after[(2, 0)].set_symbol("x");
        assert!(split_cells(&before, &after).is_empty());
        // Nothing old under the new one's right half: nothing to redraw.
        assert!(split_cells(&Buffer::empty(area), &after).is_empty());
    }

    use super::*;

    fn link(x: u16, url: &str) -> LinkRegion {
        LinkRegion {
            x,
            y: 0,
            width: 3,
            text: "doi".into(),
            url: url.into(),
        }
    }

    /// What marking `links` over `frame` writes, after what was `marked`.
    fn written(links: Vec<LinkRegion>, frame: &Buffer, marked: &mut Vec<Marked>) -> String {
        let mut out = Vec::new();
        mark_links(&mut out, to_mark(links, frame), marked).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_link_is_marked_once_until_its_cells_change() {
        let mut frame = Buffer::with_lines(["doi doi"]);
        let mut marked = Vec::new();
        let first = written(
            vec![link(0, "https://a"), link(4, "https://b")],
            &frame,
            &mut marked,
        );
        assert_eq!(first.matches("\x1b]8;;https://").count(), 2, "{first:?}");
        let again = written(
            vec![link(0, "https://a"), link(4, "https://b")],
            &frame,
            &mut marked,
        );
        assert_eq!(again, "", "nothing changed, nothing written");
        // ratatui wrote the second link's cells again: only it is marked.
        frame[(5, 0)].set_style(Style::new().bold());
        let changed = written(
            vec![link(0, "https://a"), link(4, "https://b")],
            &frame,
            &mut marked,
        );
        assert!(
            !changed.contains("https://a") && changed.contains("https://b"),
            "{changed:?}"
        );
    }

    #[test]
    fn a_link_is_written_again_as_drawn_with_its_highlight_and_wide_characters() {
        // Issue 19's review: a search match inside a reference lost its
        // highlight when the link was written over it in one style.
        let mut frame = Buffer::with_lines(["再doi"]);
        frame[(3, 0)].set_style(Style::new().bg(ratatui::style::Color::Yellow));
        let mut link = link(0, "https://a");
        link.width = 5;
        let out = written(vec![link], &frame, &mut Vec::new());
        assert!(out.contains("再"), "{out:?}");
        assert!(
            !out.contains("再 "),
            "the wide character's second cell is its own: {out:?}"
        );
        assert!(
            out.contains("\x1b[43m") || out.contains("\x1b[48;5;3m"),
            "the highlight stays: {out:?}"
        );
    }

    #[test]
    fn addresses_too_long_for_terminals_are_not_marked() {
        let frame = Buffer::with_lines(["doi"]);
        let long = format!("https://doi.org/{}", "9".repeat(250_000));
        assert_eq!(written(vec![link(0, &long)], &frame, &mut Vec::new()), "");
    }
}
