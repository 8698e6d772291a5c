//! The reader's frame costs, timed by divan: key to finished frame (update +
//! view into a test buffer), re-layout after a resize. Printed first, a figure
//! that is not a timing: the bytes a one-line scroll writes to the terminal.
//! The same for a 10 MB article of 3,000 questions (`large_*`, issue 13):
//! first frame, a search keystroke, key to frame.
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
use reader::content::{Library, Term, load_library};
use reader::layout::document::Furigana;
use reader::tui::{Model, Msg, Settings, update, view};

#[path = "support/large_article.rs"]
mod large_article;
#[path = "../tests/common/readings.rs"]
mod readings;

fn model(w: u16, h: u16) -> Model {
    model_of(load_library(None).expect("bundled content"), w, h)
}

fn model_of(library: Library, w: u16, h: u16) -> Model {
    let now = ClinicTime::parse("2026-02-12T10:00").expect("a valid time");
    Model::new(
        library,
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
    press(&mut m, KeyCode::Char('r'));
    scroll_frames(bencher, m);
}

/// A line down and back up, each with its frame, in the item `m` shows.
fn scroll_frames(bencher: Bencher, mut m: Model) {
    let area = m.area();
    let mut terminal =
        Terminal::new(TestBackend::new(area.width, area.height)).expect("test backend");
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

/// The bundled article with readings for its commonest words (most lines
/// get a ruby row), in `furigana` mode, at `w`x`h`, showing question 3.
fn read_model(furigana: Furigana, w: u16, h: u16) -> Model {
    let library = readings::with_common_readings(load_library(None).expect("bundled content"));
    let mut m = model_of(library, w, h);
    m.set_furigana(furigana);
    press(&mut m, KeyCode::Char('3'));
    m
}

fn furigana(mode: &str) -> Furigana {
    match mode {
        "first" => Furigana::First,
        _ => Furigana::All,
    }
}

/// A one-line scroll at 120x40 with ruby rows over most lines.
#[divan::bench(args = ["first", "all"])]
fn key_to_frame_scroll_ruby(bencher: Bencher, mode: &str) {
    scroll_frames(bencher, read_model(furigana(mode), 120, 40));
}

/// `f` and its frame at 120x40: the item shown and the outline laid out
/// again in the next mode (off, first, all in turn).
#[divan::bench]
fn key_to_frame_furigana(bencher: Bencher) {
    let mut m = read_model(Furigana::Off, 120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    bencher.bench_local(|| {
        press(&mut m, KeyCode::Char('f'));
        terminal.draw(|f| view(&m, f)).expect("draw");
    });
}

/// The 10 MB article of 3,000 questions (parsed once, outside the timings).
mod large {
    use super::*;
    use std::sync::LazyLock;

    static LIBRARY: LazyLock<Library> = LazyLock::new(large_article::library);

    fn terminal(w: u16, h: u16) -> Terminal<TestBackend> {
        Terminal::new(TestBackend::new(w, h)).expect("test backend")
    }

    /// Parsing the Markdown, which every figure below leaves out.
    #[divan::bench(sample_count = 3, sample_size = 1)]
    fn large_parse(bencher: Bencher) {
        let text = large_article::text();
        bencher.bench_local(|| black_box(large_article::article_from(black_box(&text))));
    }

    /// The model made for 120x40 and its first frame drawn.
    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn large_first_frame(bencher: Bencher) {
        bencher
            .with_inputs(|| (LIBRARY.clone(), terminal(120, 40)))
            .bench_local_values(|(library, mut terminal)| {
                let m = model_of(library, 120, 40);
                terminal.draw(|f| view(&m, f)).expect("draw");
                m
            });
    }

    /// The first keystroke of a search (再 after /) and its frame.
    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn large_search_first_key(bencher: Bencher) {
        bencher
            .with_inputs(|| {
                let mut m = model_of(LIBRARY.clone(), 120, 40);
                press(&mut m, KeyCode::Char('/'));
                (m, terminal(120, 40))
            })
            .bench_local_values(|(mut m, mut terminal)| {
                press(&mut m, KeyCode::Char('再'));
                terminal.draw(|f| view(&m, f)).expect("draw");
                m
            });
    }

    /// The same article with only the fixture's [[terms]] (tests/fixtures/ruby):
    /// 腰椎 and 根性痛 read wherever they occur, as search by reading sees them.
    static READ: LazyLock<Library> = LazyLock::new(|| {
        let mut library = large_article::library();
        let term = |term: &str, reading: &str| Term {
            term: term.into(),
            reading: reading.into(),
            plain: None,
        };
        library.articles[0].terms = vec![term("腰椎", "ようつい"), term("根性痛", "こんせいつう")];
        library
    });

    /// The same article with no readings at all: what search by reading
    /// adds to a keystroke is measured against it.
    static PLAIN: LazyLock<Library> = LazyLock::new(|| {
        let mut library = large_article::library();
        library.articles[0].terms.clear();
        library
    });

    /// `key` typed after `typed` in a search of `library`, and its frame.
    fn next_key(bencher: Bencher, library: &Library, typed: &str, key: char) {
        bencher
            .with_inputs(|| {
                let mut m = model_of(library.clone(), 120, 40);
                for c in typed.chars() {
                    press(&mut m, KeyCode::Char(c));
                }
                (m, terminal(120, 40))
            })
            .bench_local_values(|(mut m, mut terminal)| {
                press(&mut m, KeyCode::Char(key));
                terminal.draw(|f| view(&m, f)).expect("draw");
                m
            });
    }

    /// A later keystroke of the same search (術 after /再手) and its frame,
    /// the bundled article's [[terms]] read wherever they occur.
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn large_search_next_key(bencher: Bencher) {
        next_key(bencher, &LIBRARY, "/再手", '術');
    }

    /// The same keystroke with no readings.
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn large_search_next_key_plain(bencher: Bencher) {
        next_key(bencher, &PLAIN, "/再手", '術');
    }

    /// The same keystroke with two terms read.
    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn large_search_next_key_read(bencher: Bencher) {
        next_key(bencher, &READ, "/再手", '術');
    }

    /// A keystroke that completes a reading (い after /ようつ: 腰椎).
    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn large_search_by_reading(bencher: Bencher) {
        next_key(bencher, &READ, "/ようつ", 'い');
    }

    /// A one-line scroll of question 2 at 120x40.
    #[divan::bench(sample_count = 20)]
    fn large_key_to_frame_scroll(bencher: Bencher) {
        let mut m = model_of(LIBRARY.clone(), 120, 40);
        press(&mut m, KeyCode::Char('2'));
        scroll_frames(bencher, m);
    }

    /// Moving down the outline of 3,000 questions at 200x60, a new item
    /// each time (so each is laid out when first shown).
    #[divan::bench(sample_count = 20)]
    fn large_key_to_frame_select(bencher: Bencher) {
        let mut m = model_of(LIBRARY.clone(), 200, 60);
        let mut terminal = terminal(200, 60);
        let last = m.items().len() - 1;
        bencher.bench_local(|| {
            let key = if m.selected() == last {
                KeyCode::Char('g')
            } else {
                KeyCode::Down
            };
            press(&mut m, key);
            terminal.draw(|f| view(&m, f)).expect("draw");
        });
    }
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
