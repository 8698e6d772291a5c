//! The real binary in a pseudo-terminal: what a patient would see and do.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

#[path = "common/library.rs"]
mod library;

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// Kept open for the session's life (closing it hangs the child up).
    master: Box<dyn MasterPty + Send>,
}

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        Session::start_in(args, (cols, rows), (cols, rows))
    }

    /// A pty of `window` (columns, rows), read by a screen of `seen`: a
    /// test of a huge window keeps only the corner the reader draws in.
    fn start_in(args: &[&str], window: (u16, u16), seen: (u16, u16)) -> Session {
        Session::launch(Session::command(args), window, seen)
    }

    /// The binary with `args`, in an xterm-like terminal with colour.
    fn command(args: &[&str]) -> CommandBuilder {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_reader"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd
    }

    /// Runs `cmd` in a pty of `window`, read by a screen of `seen`.
    fn launch(cmd: CommandBuilder, window: (u16, u16), seen: (u16, u16)) -> Session {
        let (cols, rows) = seen;
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: window.1,
                cols: window.0,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        Session::spawn(pty, cmd, cols, rows)
    }

    fn spawn(pty: portable_pty::PtyPair, cmd: CommandBuilder, cols: u16, rows: u16) -> Session {
        let child = pty.slave.spawn_command(cmd).expect("reader starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
        )));
        let sink = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Session {
            parser,
            writer,
            child,
            master: pty.master,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {text:?}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen no longer shows `text`.
    fn wait_gone(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.screen().contains(text) {
            assert!(
                Instant::now() < deadline,
                "{text:?} stayed; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Let the reader take each key on its own (an ESC must not join the next key).
        std::thread::sleep(Duration::from_millis(80));
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "reader did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    fn kill(&self, signal: &str) {
        let status = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &self.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -{signal}");
    }

    /// Sends signal number `sig` (real-time ones have no fixed name).
    fn signal(&self, sig: libc::c_int) {
        // SAFETY: kill only sends a signal to our own child.
        let rc = unsafe { libc::kill(self.pid() as libc::pid_t, sig) };
        assert_eq!(rc, 0, "kill {sig}");
    }

    /// The child's state letter from /proc: R, S, T (stopped) …
    fn state(&self) -> char {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        // The state follows the command name, which is in parentheses.
        stat.rsplit_once(") ")
            .and_then(|(_, rest)| rest.chars().next())
            .unwrap_or('?')
    }

    /// Waits (bounded) until `ready` holds.
    fn wait_until(&self, what: &str, ready: impl Fn(&Session) -> bool) {
        self.wait_until_within(Duration::from_secs(10), what, ready);
    }

    /// As [`Session::wait_until`], for work that a busy machine may take
    /// long over (catching up with a storm of resizes).
    fn wait_until_within(&self, limit: Duration, what: &str, ready: impl Fn(&Session) -> bool) {
        let deadline = Instant::now() + limit;
        while !ready(self) {
            assert!(
                Instant::now() < deadline,
                "never {what}; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Still running after a moment.
    fn assert_running(&mut self) {
        std::thread::sleep(Duration::from_millis(300));
        assert!(
            self.child.try_wait().unwrap().is_none(),
            "reader ended; screen:\n{}",
            self.screen()
        );
    }

    /// The terminal as it was before: the normal screen, a visible cursor and
    /// no mouse reporting (the parser tracks ?1049, ?25 and ?1000–1003).
    /// Waits (bounded) for the last bytes to pass through the pty.
    fn assert_restored(&self) {
        let restored = |s: &Session| {
            let parser = s.parser.lock().unwrap();
            let screen = parser.screen();
            (
                !screen.alternate_screen(),
                !screen.hide_cursor(),
                screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None,
            )
        };
        let deadline = Instant::now() + Duration::from_secs(5);
        while restored(self) != (true, true, true) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let (normal_screen, cursor_shown, mouse_off) = restored(self);
        assert!(normal_screen, "still on the alternate screen");
        assert!(cursor_shown, "the cursor is still hidden");
        assert!(mouse_off, "mouse reporting is still on");
    }

    /// Makes the terminal turn Ctrl-C, Ctrl-\ and Ctrl-Z into signals again,
    /// as before the app's raw mode (on Linux a pty master sets the slave's modes).
    fn set_isig(&self) {
        let fd = self.master.as_raw_fd().expect("a master fd");
        // SAFETY: tcgetattr fills the termios it is given, tcsetattr reads it.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
        t.c_lflag |= libc::ISIG;
        assert_eq!(unsafe { libc::tcsetattr(fd, libc::TCSANOW, &t) }, 0);
    }
}

/// An empty config file, so that the machine's own plays no part (a device
/// such as /dev/null is refused as a config file).
fn empty_config() -> tempfile::NamedTempFile {
    tempfile::NamedTempFile::new().expect("temp file")
}

fn path(file: &tempfile::NamedTempFile) -> &str {
    file.path().to_str().expect("UTF-8 temp path")
}

#[test]
fn read_search_help_and_quit_restores_the_terminal() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for("目次");
    assert!(s.alternate_screen());
    s.send("3");
    s.wait_for("質問3");
    s.send("jj");
    s.wait_for("3/");
    s.send("/");
    s.send("感染");
    s.wait_for("検索: 感染");
    s.send("\r");
    s.wait_for("件目");
    s.send("?");
    s.wait_for("操作方法");
    s.send("\x1b");
    s.wait_gone("操作方法");
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success());
    assert!(!s.alternate_screen(), "the normal screen is back");
}

#[test]
fn the_caret_is_in_the_search_field_from_every_screen() {
    // Issue 19, item 2: started over the references, whose links are
    // written again after each frame, the caret stayed after their text.
    for keys in ["", "3", "r"] {
        let mut s = Session::start(&[], 100, 30);
        s.wait_for("目次");
        s.send(keys);
        s.send("/");
        s.send("surgery");
        s.wait_for("検索: surgery");
        // The caret moves after the frame's text: wait for it, not the text.
        let at_bar = |s: &Session| {
            let (row, _) = s.parser.lock().unwrap().screen().cursor_position();
            s.screen()
                .lines()
                .nth(usize::from(row))
                .is_some_and(|l| l.contains("検索:"))
        };
        s.wait_until("the caret in the search bar", at_bar);
        let screen = s.screen();
        let (row, col) = s.parser.lock().unwrap().screen().cursor_position();
        let bar = screen.lines().nth(usize::from(row)).unwrap_or_default();
        assert!(
            bar.contains("検索: surgery"),
            "{keys:?}: caret on row {row}: {bar}"
        );
        // Right after the query: 「 検索: surgery」 is 14 columns wide.
        assert_eq!(col, 14, "{keys:?}: {bar}");
        s.send("\x1b");
        s.send("q");
        assert!(s.wait_exit().success());
    }
}

#[test]
fn clinic_screen_shows_status_and_calendar() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for("目次");
    s.send("c");
    let screen = s.wait_for("受付時間");
    assert!(screen.contains("次の受付"));
    assert!(screen.contains("日   月   火   水   木   金   土"));
    s.send("\x03");
    assert!(s.wait_exit().success());
    assert!(!s.alternate_screen());
}

/// Starts the reader, sends `signal` and checks it ended by that signal
/// with the terminal restored.
fn ends_restoring_the_terminal(signal: libc::c_int) {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for("目次");
    s.signal(signal);
    let status = s.wait_exit();
    assert!(!status.success(), "{signal}");
    // SAFETY: strsignal returns a string that stays valid until its next call.
    let name = unsafe { std::ffi::CStr::from_ptr(libc::strsignal(signal)) };
    assert_eq!(
        status.signal(),
        Some(name.to_string_lossy().as_ref()),
        "ended by {status} after {signal}"
    );
    eprintln!("checking the terminal after signal {signal}");
    s.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    ends_restoring_the_terminal(libc::SIGTERM);
}

#[test]
fn sigquit_restores_the_terminal() {
    // Issue 8, item 4: SIGQUIT left the alternate screen, a hidden cursor and the mouse on.
    ends_restoring_the_terminal(libc::SIGQUIT);
}

#[test]
fn other_ending_signals_restore_the_terminal() {
    for signal in [libc::SIGHUP, libc::SIGINT, libc::SIGUSR2, libc::SIGALRM] {
        ends_restoring_the_terminal(signal);
    }
}

#[test]
fn fatal_and_real_time_signals_restore_the_terminal() {
    // Issue 22, item 2: these left raw mode, the alternate screen, mouse
    // reporting and a hidden cursor. SIGABRT is also how an allocation
    // failure ends a process.
    for signal in [
        libc::SIGABRT,
        libc::SIGTRAP,
        libc::SIGSYS,
        libc::SIGFPE,
        libc::SIGILL,
        libc::SIGBUS,
        libc::SIGSEGV,
        libc::SIGSTKFLT,
        libc::SIGRTMIN(),
        libc::SIGRTMIN() + 3,
        libc::SIGRTMAX(),
    ] {
        ends_restoring_the_terminal(signal);
    }
}

#[test]
fn a_huge_window_is_drawn_in_its_corner_not_allocated() {
    // Issue 22, item 2: a 65535×65535 window made ratatui ask for a 206 GB
    // buffer, and the failed allocation aborted with the terminal raw.
    let mut s = Session::start_in(&[], (65535, 65535), reader::tui::model::MAX_SCREEN);
    s.wait_for("目次");
    s.master
        .resize(PtySize {
            rows: 40,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("resized");
    s.send("3");
    s.wait_for("質問3");
    s.master
        .resize(PtySize {
            rows: 65535,
            cols: 65535,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("resized");
    s.send("q");
    assert!(s.wait_exit().success(), "screen:\n{}", s.screen());
    s.assert_restored();
}

#[test]
fn sigusr1_leaves_the_reader_running() {
    // Issue 8, item 4: SIGUSR1 killed the reader (exit 138) with the terminal raw.
    let mut s = Session::start(&[], 80, 24);
    s.wait_for("目次");
    s.kill("USR1");
    s.assert_running();
    assert!(s.alternate_screen());
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn sigusr1_leaves_a_kiosk_without_articles_running() {
    // The README's ExecReload sends exactly this to a kiosk that may have nothing to reload.
    let config = empty_config();
    let mut s = Session::start(&["--kiosk", "--config", path(&config)], 100, 30);
    s.wait_for("自動表示 1/");
    s.kill("USR1");
    s.assert_running();
    assert!(s.alternate_screen());
    s.kill("TERM");
    s.wait_exit();
    s.assert_restored();
}

#[test]
fn ctrl_z_suspends_the_reader_and_sigcont_redraws() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for("目次");
    s.send("\x1a");
    s.wait_until("stopped", |s| s.state() == 'T');
    s.assert_restored();
    assert!(!s.screen().contains("目次"), "the shell's screen is back");
    s.kill("CONT");
    s.wait_until("back on the alternate screen", |s| {
        s.alternate_screen() && s.screen().contains("目次") && raw(s)
    });
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

/// Raw mode: the terminal no longer echoes or waits for a line.
fn raw(s: &Session) -> bool {
    let fd = s.master.as_raw_fd().expect("a master fd");
    // SAFETY: tcgetattr fills the termios it is given.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
    t.c_lflag & (libc::ICANON | libc::ECHO) == 0
}

#[test]
fn an_external_sigtstp_stops_restored_and_sigcont_redraws() {
    // Issue 22, item 6: `kill -TSTP` left the alternate screen and mouse
    // reporting on, and after `fg` the terminal stayed in cooked mode.
    let mut s = Session::start(&[], 80, 24);
    s.wait_for("目次");
    assert!(raw(&s));
    s.kill("TSTP");
    s.wait_until("stopped", |s| s.state() == 'T');
    s.assert_restored();
    assert!(!raw(&s), "raw mode after the stop");
    s.kill("CONT");
    s.wait_until("back on the alternate screen", |s| {
        s.alternate_screen() && s.screen().contains("目次") && raw(s)
    });
    s.send("3");
    s.wait_for("質問3");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
fn kiosk_ignores_ctrl_c_ctrl_backslash_and_ctrl_z_that_the_terminal_sends_as_signals() {
    // Issue 8, item 4: before raw mode (the first second) these keys are
    // signals from the terminal, and they ended or stopped the kiosk. That
    // window is too short to hit reliably, so the test reopens it: it turns
    // the terminal's ISIG back on, and the same keys become the same signals.
    let config = empty_config();
    let mut s = Session::start(&["--kiosk", "--config", path(&config)], 100, 30);
    s.wait_for("自動表示 1/");
    s.set_isig();
    s.send("\x03");
    s.send("\x1c");
    s.send("\x1a");
    s.assert_running();
    assert_ne!(s.state(), 'T', "Ctrl-Z stopped the kiosk");
    // INT from a process (a service manager, kill) still ends it cleanly.
    s.kill("INT");
    s.wait_exit();
    s.assert_restored();
}

#[test]
fn kiosk_ignores_quit_keys_and_ends_on_sigterm() {
    let config = empty_config();
    let mut s = Session::start(&["--kiosk", "--config", path(&config)], 100, 30);
    s.wait_for("自動表示 1/");
    for key in ["q", "\x03", "\x1b", "\x1a", "\x1c", "q"] {
        s.send(key);
    }
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        s.child.try_wait().unwrap().is_none(),
        "still running:\n{}",
        s.screen()
    );
    assert!(s.alternate_screen());
    s.kill("TERM");
    s.wait_exit();
    s.assert_restored();
}

/// A finger on the cell at `col`, `row` (0-based) and off again, as a
/// touch screen reports it: an SGR mouse press and release.
fn tap(s: &mut Session, col: u16, row: u16) {
    s.send(&format!("\x1b[<0;{};{}M", col + 1, row + 1));
    s.send(&format!("\x1b[<0;{};{}m", col + 1, row + 1));
}

#[test]
fn the_kiosk_is_read_by_touch_alone() {
    let config = empty_config();
    let mut s = Session::start(&["--kiosk", "--config", path(&config)], 80, 24);
    s.wait_for("画面にふれると");
    tap(&mut s, 40, 12);
    s.wait_for("次のページ");
    // The buttons share the bottom three rows: 目次 is the second of six
    // (13 columns each, the middle two 14).
    tap(&mut s, 24, 22);
    s.wait_for("Q1.");
    // The outline's third entry (Q2) is on rows 11 to 15 (Q1 has a ruby
    // row above it).
    tap(&mut s, 40, 13);
    s.wait_for("腰椎の再手術は、初回の手術と比較して");
    tap(&mut s, 32, 22);
    s.wait_for("受付時間");
    tap(&mut s, 56, 22);
    s.wait_for("腰椎の再手術は、初回の手術と比較して");
    assert!(s.child.try_wait().unwrap().is_none(), "still running");
    s.kill("TERM");
    s.wait_exit();
    s.assert_restored();
}

/// Seeded numbers for the storms: the same run each time.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

impl Session {
    /// Changes the pty's size as a terminal emulator does (TIOCSWINSZ, which
    /// sends SIGWINCH), without waiting for the program to draw.
    fn resize(&self, cols: u16, rows: u16) {
        // The screen first: a frame drawn at the new size must not be cut
        // to the old one on its way in.
        let nonzero = |n: u16| n.max(1).try_into().unwrap();
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a resize");
    }

    /// CPU seconds the program has used (user and system), from /proc.
    fn cpu_seconds(&self) -> f64 {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        let fields: Vec<&str> = stat
            .rsplit_once(") ")
            .map_or(vec![], |(_, rest)| rest.split(' ').collect());
        // utime and stime are fields 14 and 15 of the whole line.
        let ticks: f64 = fields[11..13]
            .iter()
            .map(|f| f.parse::<f64>().unwrap())
            .sum();
        // SAFETY: sysconf only reads a configuration value.
        ticks / unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64
    }

    fn send_now(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }
}

/// Issue 17: sizes changed faster than frames are drawn, mixed with keys,
/// SGR mouse events and SIGWINCH bursts. The program must stay up and print
/// no panic; `during` runs halfway through. The session is returned running
/// at 100×30.
fn resize_storm(
    args: &[&str],
    ready: &str,
    keys: &[&str],
    seed: u64,
    during: impl FnOnce(&mut Session),
) -> Session {
    let mut s = Session::start(args, 80, 24);
    s.wait_for(ready);
    let mut rng = Lcg(seed);
    let mut during = Some(during);
    for i in 0..400 {
        if i == 200
            && let Some(f) = during.take()
        {
            f(&mut s);
        }
        // The issue's case (80×24 ↔ 300×100), sizes around the minimums, and any size.
        let (cols, rows) = match rng.below(4) {
            0 if i % 2 == 0 => (300, 100),
            0 => (80, 24),
            1 => (1 + rng.below(300) as u16, 1 + rng.below(100) as u16),
            2 => (20 + rng.below(50) as u16, 5 + rng.below(15) as u16),
            _ => (1 + rng.below(3) as u16, 1 + rng.below(3) as u16),
        };
        s.resize(cols, rows);
        match rng.below(6) {
            0 => {
                let key = keys[rng.below(keys.len() as u64) as usize];
                s.send_now(key);
            }
            1 => {
                let (x, y) = (1 + rng.below(320), 1 + rng.below(110));
                let b = [0, 32, 64, 65][rng.below(4) as usize];
                s.send_now(&format!("\x1b[<{b};{x};{y}M\x1b[<{b};{x};{y}m"));
            }
            2 => {
                for _ in 0..5 {
                    s.kill("WINCH");
                }
            }
            _ => {}
        }
        // Now and then at the pace of a window being dragged.
        if rng.below(4) == 0 {
            std::thread::sleep(Duration::from_millis(rng.below(25)));
        }
    }
    s.resize(100, 30);
    // Drawn again whole at the last size: the clinic's name heads every screen.
    s.wait_until_within(Duration::from_secs(60), "drawn at 100×30", |s| {
        let screen = s.screen();
        screen.contains("ひまわり") || screen.contains("ひ ま わ り")
    });
    s.assert_running();
    assert!(!s.screen().contains("panicked"), "{}", s.screen());
    s
}

/// Ends a session by SIGTERM and checks the terminal came back whole.
fn end_restored(mut s: Session) {
    s.kill("TERM");
    let status = s.wait_exit();
    assert!(!status.success(), "ended by SIGTERM, not by itself");
    s.assert_restored();
    assert!(!s.screen().contains("panicked"), "{}", s.screen());
}

#[test]
fn the_reader_survives_resize_storms() {
    let keys = [
        "j", "k", "\t", "3", "r", "c", "?", "\x1b", "/", "感", "\r", " ", "G",
    ];
    for seed in 1..=3 {
        end_restored(resize_storm(&[], "目次", &keys, seed, |_| {}));
    }
}

#[test]
fn a_library_survives_resize_storms_in_the_reader_and_the_kiosk() {
    let dir = library::library_dir(&library::THREE);
    let path = dir.path().to_str().unwrap();
    // The library, an article from it, related, back, search across, f.
    let keys = [
        "j", "\r", "G", "\r", "\x1b", "\x1b", "/", "リ", "ス", "\r", "j", "f", "\x1b", " ",
    ];
    end_restored(resize_storm(
        &["--articles", path],
        "記事一覧",
        &keys,
        7,
        |_| {},
    ));
    let config = empty_config();
    let args = [
        "--kiosk",
        "--articles",
        path,
        "--config",
        self::path(&config),
    ];
    end_restored(resize_storm(
        &args,
        "自動表示 1/",
        &["j", " ", "\x1b"],
        8,
        |_| {},
    ));
}

#[test]
fn the_kiosk_survives_resize_storms() {
    let keys = ["j", "k", " ", "3", "q", "\x1b", "c"];
    for seed in 1..=3 {
        let config = empty_config();
        let s = resize_storm(
            &["--kiosk", "--config", path(&config)],
            "自動表示 1/",
            &keys,
            seed,
            |_| {},
        );
        end_restored(s);
    }
}

#[test]
fn a_reload_in_a_resize_storm_keeps_the_last_good_content_and_the_kiosk_goes_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("revision-surgery.md");
    std::fs::copy("articles/revision-surgery.md", &article).unwrap();
    std::fs::copy("articles/clinic.toml", dir.path().join("clinic.toml")).unwrap();
    let config = empty_config();
    let articles = dir.path().to_str().unwrap();
    let args = ["--kiosk", "--config", path(&config), "--articles", articles];
    let mut s = resize_storm(&args, "自動表示 1/", &["j", " "], 7, |s| {
        std::fs::write(&article, "+++\ntitle = \"broken\"\n").unwrap();
        s.kill("USR1");
    });
    // The broken file is reported and the article still shown.
    s.wait_for("※更新エラー");
    tap(&mut s, 24, 28);
    s.wait_for("再手術");
    // Once the storm is over the kiosk sleeps: at most 0.1 s of CPU a
    // minute (here 12 s, watching the directory every second).
    std::thread::sleep(Duration::from_secs(1));
    let before = s.cpu_seconds();
    std::thread::sleep(Duration::from_secs(12));
    let used = s.cpu_seconds() - before;
    assert!(used <= 0.02, "{used} s of CPU in 12 s after the storm");
    end_restored(s);
}

#[test]
fn a_panic_in_drawing_restores_the_terminal_and_exits_non_zero() {
    // The service manager restarts a kiosk that exits with an error.
    let config = empty_config();
    let mut cmd = Session::command(&["--kiosk", "--config", path(&config)]);
    cmd.env("READER_TEST_PANIC_IN_DRAW", "1");
    cmd.env("RUST_BACKTRACE", "0");
    let mut s = Session::launch(cmd, (80, 24), (80, 24));
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 101, "a panic's exit status");
    s.assert_restored();
    assert!(
        s.screen().contains("READER_TEST_PANIC_IN_DRAW"),
        "{}",
        s.screen()
    );
}

#[test]
fn a_library_opens_on_its_list_and_walks_back_and_searches_all() {
    let dir = library::library_dir(&library::THREE);
    let path = dir.path().to_str().unwrap();
    let mut s = Session::start(&["--articles", path], 100, 30);
    let screen = s.wait_for("記事一覧");
    assert!(screen.contains("腰痛（1件）") && screen.contains("その他（1件）"));
    s.send("j\r");
    s.wait_for("再手術について:二 ｜");
    s.send("G");
    s.wait_for("関連記事");
    s.send("\x1b");
    s.wait_for("腰痛（1件）");
    s.send("\x1b\x1b");
    s.send("/リスク");
    s.wait_for("すべての記事から検索");
    s.send("\r");
    s.wait_for("件目");
    s.send("\r");
    s.wait_for("再手術について:一 ｜");
    s.send("q");
    assert!(s.wait_exit().success());
    assert!(!s.alternate_screen());
}
