//! The real binary in a pseudo-terminal: what a patient would see and do.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(args: &[&str], cols: u16, rows: u16) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_reader"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
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
        // Keep the master open for the session's life.
        std::mem::forget(pty.master);
        Session {
            parser,
            writer,
            child,
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
fn clinic_screen_shows_status_and_calendar() {
    let mut s = Session::start(&[], 100, 30);
    s.wait_for("目次");
    s.send("c");
    let screen = s.wait_for("受付時間");
    assert!(screen.contains("次の受付"));
    assert!(screen.contains("日  月  火  水  木  金  土"));
    s.send("\x03");
    assert!(s.wait_exit().success());
    assert!(!s.alternate_screen());
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for("目次");
    let pid = s.child.process_id().expect("a pid");
    std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    let status = s.wait_exit();
    assert!(!status.success());
    std::thread::sleep(Duration::from_millis(100));
    assert!(!s.alternate_screen(), "SIGTERM leaves the alternate screen");
}

#[test]
fn kiosk_ignores_quit_keys_and_ends_on_sigterm() {
    let mut s = Session::start(&["--kiosk", "--config", "/dev/null"], 100, 30);
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
    let pid = s.child.process_id().expect("a pid");
    std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    s.wait_exit();
    std::thread::sleep(Duration::from_millis(100));
    assert!(!s.alternate_screen(), "SIGTERM restores the screen");
}
