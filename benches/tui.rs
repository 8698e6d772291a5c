//! The reader's frame costs: key to finished frame (update + view into a
//! 200×60 buffer), re-layout after a resize, and the bytes a one-line scroll
//! writes to the terminal. `cargo bench --bench tui`; figures in the README.

use std::hint::black_box;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
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

fn median_micros(mut f: impl FnMut()) -> f64 {
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(1) || samples.len() < 20 {
        let t = Instant::now();
        f();
        samples.push(t.elapsed().as_secs_f64() * 1e6);
    }
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
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

fn main() {
    // At 200x60 every item fits its pane, so scrolling is measured at 120x40
    // (the references scroll there) and selection at 200x60.
    let mut m = model(120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    press(&mut m, KeyCode::Char('r'));
    assert!(m.max_scroll(m.selected()) > 0, "the item must scroll");
    let mut down = true;
    let scroll = median_micros(|| {
        // Scroll down and back so the frame always changes.
        press(&mut m, if down { KeyCode::Down } else { KeyCode::Up });
        down = !down;
        terminal.draw(|f| view(&m, f)).expect("draw");
    });
    println!("key to frame, one-line scroll (120x40): {scroll:.0} µs");

    let mut m = model(200, 60);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
    let mut next = true;
    let select = median_micros(|| {
        press(&mut m, if next { KeyCode::Down } else { KeyCode::Up });
        next = !next;
        terminal.draw(|f| view(&m, f)).expect("draw");
    });
    println!("key to frame, outline selection (200x60): {select:.0} µs");

    let mut wide = true;
    let relayout = median_micros(|| {
        let (w, h) = if wide { (120, 40) } else { (200, 60) };
        wide = !wide;
        black_box(update(&mut m, Msg::Resize(w, h)));
    });
    println!("re-layout of the whole article after a resize: {relayout:.0} µs");

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
