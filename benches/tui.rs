//! The reader's frame costs, timed by divan: key to finished frame (update +
//! view into a test buffer), re-layout after a resize. Printed first, a figure
//! that is not a timing: the bytes a one-line scroll writes to the terminal.
//! `cargo bench --bench tui`; figures in the README.

use std::hint::black_box;
use std::io::Write;
use std::sync::{Arc, Mutex};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;

use reader::calendar::clock::ClinicTime;
use reader::content::load_library;
use reader::tui::{Model, Msg, Settings, update, view};

fn model(w: u16, h: u16) -> Model {
    let now = ClinicTime::parse("2026-02-12T10:00").expect("a valid time");
    Model::new(
        load_library(None).expect("bundled content"),
        None,
        Settings::default(),
        Rect::new(0, 0, w, h),
        now,
    )
}

fn press(m: &mut Model, code: KeyCode) -> bool {
    update(m, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn main() {
    scroll_bytes();
    divan::main();
}

/// A one-line scroll at 120x40 (at 200x60 every item fits its pane, so the
/// references are scrolled at 120x40).
#[divan::bench]
fn key_to_frame_scroll(bencher: Bencher) {
    let mut m = model(120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    press(&mut m, KeyCode::Char('r'));
    assert!(m.max_scroll(m.selected()) > 0, "the item must scroll");
    let mut down = true;
    bencher.bench_local(|| {
        // Scroll down and back so the frame always changes.
        press(&mut m, if down { KeyCode::Down } else { KeyCode::Up });
        down = !down;
        terminal.draw(|f| view(&m, f)).expect("draw");
    });
}

/// Moving the outline selection at 200x60.
#[divan::bench]
fn key_to_frame_select(bencher: Bencher) {
    let mut m = model(200, 60);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
    let mut next = true;
    bencher.bench_local(|| {
        press(&mut m, if next { KeyCode::Down } else { KeyCode::Up });
        next = !next;
        terminal.draw(|f| view(&m, f)).expect("draw");
    });
}

/// The whole article laid out again after a resize (120x40 and 200x60 in turn).
#[divan::bench]
fn relayout_after_resize(bencher: Bencher) {
    let mut m = model(200, 60);
    let mut wide = true;
    bencher.bench_local(|| {
        let (w, h) = if wide { (120, 40) } else { (200, 60) };
        wide = !wide;
        black_box(update(&mut m, Msg::Resize(w, h)));
    });
}

/// A writer whose bytes we can count after the terminal is done with it.
#[derive(Clone, Default)]
struct Counter(Arc<Mutex<Vec<u8>>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("not poisoned").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Bytes written for the first frame and for a one-line scroll at 100x30
/// (ratatui's cell diff), reading question 2.
fn scroll_bytes() {
    // A usual terminal: 100x30, reading question 2.
    let counter = Counter::default();
    let mut m = model(100, 30);
    press(&mut m, KeyCode::Char('2'));
    let backend = CrosstermBackend::new(counter.clone());
    let mut terminal = Terminal::with_options(
        backend,
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(Rect::new(0, 0, 100, 30)),
        },
    )
    .expect("terminal");
    terminal.draw(|f| view(&m, f)).expect("first frame");
    let first = counter.0.lock().expect("not poisoned").len();
    assert!(press(&mut m, KeyCode::Down), "the answer scrolls");
    terminal.draw(|f| view(&m, f)).expect("scrolled frame");
    let total = counter.0.lock().expect("not poisoned").len();
    println!(
        "bytes written at 100x30: first frame {first}, one-line scroll {}",
        total - first
    );
}
