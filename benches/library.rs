//! A clinic's library at scale (issue 20, Scale): 200 generated articles of
//! about 25 kB each, 5 MB in all (`support/library.rs`), written to a
//! temporary directory. Printed first, figures that are not divan timings:
//! the library's size, and the release binary listing it
//! (`reader --articles DIR --list`) with its wall time and peak RSS.
//! Then, timed by divan:
//! - `load`: `load_library` of the directory (read, parse, check `related`);
//! - `first_frame`: `Model::new` on the library screen and one view;
//! - `search`: a keystroke of a search typed on the library screen, through
//!   `update` (black box), and the per-article search (`search::Index`)
//!   over all 200 articles, which a search across them costs at its core;
//! - `kiosk_reload`: a reload applied on the kiosk's UI thread
//!   (`reload::apply`) and the frame after it, in the attract loop, on 目次
//!   (the library) and reading an article.
//!
//! `cargo bench --bench library` (`-- kiosk` and so on for a part);
//! figures in the README. `READER_LIBRARY_WRITE=DIR` writes the library
//! into DIR instead, to try the binary on.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, OnceLock};
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use reader::calendar::clock::ClinicTime;
use reader::content::{Library, load_library};
use reader::kiosk::Kiosk;
use reader::kiosk::config::KioskConfig;
use reader::kiosk::reload;
use reader::kiosk::screen::Target;
use reader::tui::model::{Place, Screen, item_text};
use reader::tui::search::Index;
use reader::tui::terminal::App;
use reader::tui::{Model, Msg, Settings, update, view};

#[path = "support/library.rs"]
mod generated;
#[path = "../tests/support/peak_rss.rs"]
mod peak_rss;

/// The generated library's directory, made in `main` and removed after.
static DIR: OnceLock<PathBuf> = OnceLock::new();

fn dir() -> &'static Path {
    DIR.get().expect("made in main")
}

/// The library, loaded once outside the timings.
static LIBRARY: LazyLock<Library> =
    LazyLock::new(|| load_library(Some(dir())).expect("the generated library loads"));

fn t0() -> ClinicTime {
    ClinicTime::parse("2026-02-12T10:00").expect("a valid time")
}

fn model_of(library: Library, w: u16, h: u16) -> Model {
    Model::new(
        library,
        None,
        Settings::default(),
        Rect::new(0, 0, w, h),
        t0(),
    )
}

fn terminal(w: u16, h: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(w, h)).expect("test backend")
}

/// "120x40" as (120, 40).
fn size(s: &str) -> (u16, u16) {
    let (w, h) = s.split_once('x').expect("WxH");
    (w.parse().expect("width"), h.parse().expect("height"))
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// Set to a directory: the library is written there (to try the binary on)
/// and nothing is measured.
const WRITE: &str = "READER_LIBRARY_WRITE";

fn main() {
    if let Some(to) = std::env::var_os(WRITE) {
        let bytes = generated::write(Path::new(&to));
        println!("{bytes} bytes written");
        return;
    }
    let (tmp, bytes) = generated::dir();
    DIR.set(tmp.path().to_path_buf()).expect("set once");
    println!(
        "library: {} articles, {bytes} bytes ({:.1} kB each on average)",
        generated::ARTICLES,
        bytes as f64 / generated::ARTICLES as f64 / 1000.0
    );
    list_process();
    divan::main();
    drop(tmp);
}

/// The release binary's `--list` of the bundled content and of the
/// library, each in a process of its own: wall time and peak RSS (the
/// child's `ru_maxrss`, from wait4).
fn list_process() {
    let bundled = run_list(&["--list"]);
    let dir = dir().to_str().expect("a UTF-8 temporary path");
    let runs: Vec<(f64, u64)> = (0..5)
        .map(|_| run_list(&["--articles", dir, "--list"]))
        .collect();
    let mut times: Vec<f64> = runs.iter().map(|r| r.0).collect();
    times.sort_by(f64::total_cmp);
    let peak = runs.iter().map(|r| r.1).max().unwrap_or(0);
    println!(
        "reader --list, bundled content: {:.1} ms, peak RSS {:.1} MB",
        bundled.0,
        bundled.1 as f64 / 1e6
    );
    println!(
        "reader --articles DIR --list, 200 articles, 5 runs: {:.1} ms median ({:.1} fastest), peak RSS {:.1} MB at most",
        times[times.len() / 2],
        times[0],
        peak as f64 / 1e6
    );
}

/// The binary run with `args`: its wall time in ms and peak RSS in bytes.
fn run_list(args: &[&str]) -> (f64, u64) {
    let start = Instant::now();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_reader"));
    let (status, peak) = peak_rss::status_and_peak_rss(cmd.args(args));
    let took = start.elapsed().as_secs_f64() * 1000.0;
    assert!(status.success(), "reader {args:?}: {status}");
    (took, peak)
}

/// Reading, parsing and checking the 200 files.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn load(bencher: Bencher) {
    bencher.bench_local(|| load_library(Some(black_box(dir()))).expect("loads"));
}

/// The model made on the library screen and its first frame drawn.
#[divan::bench(args = ["120x40", "80x24"], sample_count = 20, sample_size = 1)]
fn first_frame(bencher: Bencher, at: &str) {
    let (w, h) = size(at);
    assert_eq!(model_of(LIBRARY.clone(), w, h).screen(), Screen::Library);
    bencher
        .with_inputs(|| (LIBRARY.clone(), terminal(w, h)))
        .bench_local_values(|(library, mut terminal)| {
            let m = model_of(library, w, h);
            terminal.draw(|f| view(&m, f)).expect("draw");
            // Dropped outside the timing.
            (m, terminal)
        });
}

mod search {
    use super::*;

    /// The queries: kanji, kanji, and kana that finds 腰椎 by its reading.
    const QUERIES: [&str; 3] = ["再手術", "感染", "ようつい"];

    /// The last character of `query` typed (the rest typed before, after
    /// `/` on the library screen) and its frame, at 120x40.
    #[divan::bench(args = QUERIES, sample_count = 20, sample_size = 1)]
    fn library_key(bencher: Bencher, query: &str) {
        let (typed, last) = query.split_at(query.len() - query.chars().last().unwrap().len_utf8());
        let last = last.chars().next().unwrap();
        let mut m = model_of(LIBRARY.clone(), 120, 40);
        for c in std::iter::once('/').chain(query.chars()) {
            update(&mut m, key(c));
        }
        assert!(
            m.library_searched() && m.match_count() > 0,
            "{query}: found"
        );
        bencher
            .with_inputs(|| {
                let mut m = model_of(LIBRARY.clone(), 120, 40);
                update(&mut m, key('/'));
                for c in typed.chars() {
                    update(&mut m, key(c));
                }
                (m, terminal(120, 40))
            })
            .bench_local_values(|(mut m, mut terminal)| {
                update(&mut m, key(last));
                terminal.draw(|f| view(&m, f)).expect("draw");
                (m, terminal)
            });
    }

    /// The first keystroke (再 after `/`) on the library screen and its
    /// frame: where an index of every article would be made.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn library_first_key(bencher: Bencher) {
        bencher
            .with_inputs(|| {
                let mut m = model_of(LIBRARY.clone(), 120, 40);
                update(&mut m, key('/'));
                (m, terminal(120, 40))
            })
            .bench_local_values(|(mut m, mut terminal)| {
                update(&mut m, key('再'));
                terminal.draw(|f| view(&m, f)).expect("draw");
                (m, terminal)
            });
    }

    /// Each article's search index, as a search from the library makes
    /// them (on one thread here).
    fn index(library: &Library) -> Vec<Index> {
        (library.articles.iter())
            .map(|a| Index::of(a, a.items().map(|i| item_text(a, i))))
            .collect()
    }

    /// Every article's index made: a first keystroke's work over 200.
    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn per_article_index_all(bencher: Bencher) {
        let library: &Library = &LIBRARY;
        bencher.bench_local(|| index_all(black_box(library)));
    }

    /// Apart, to count its instructions alone (callgrind, as
    /// `reload_and_draw` below).
    #[inline(never)]
    fn index_all(library: &Library) -> Vec<Index> {
        index(library)
    }

    /// `query` found in every article's index: a later keystroke's work.
    #[divan::bench(args = QUERIES, sample_count = 20, sample_size = 1)]
    fn per_article_find_all(bencher: Bencher, query: &str) {
        static INDEXES: LazyLock<Vec<Index>> = LazyLock::new(|| index(&LIBRARY));
        let hits: usize = INDEXES.iter().map(|i| i.find(query).len()).sum();
        assert!(hits > 0, "{query} is found");
        bencher.bench_local(|| {
            (INDEXES.iter())
                .map(|i| i.find(black_box(query)).len())
                .sum::<usize>()
        });
    }
}

mod kiosk_reload {
    use super::*;

    /// Where the kiosk is when the reload comes.
    #[derive(Clone, Copy)]
    enum At {
        /// The attract loop, untouched.
        Loop,
        /// 目次: the library's touch buttons.
        Library,
        /// An article's item, opened from the library.
        Article,
    }

    fn kiosk(w: u16, h: u16, at: At) -> Kiosk {
        let config = KioskConfig::default();
        let mut k = Kiosk::new(
            model_of(LIBRARY.clone(), w, h),
            config,
            t0().to_unix(),
            None,
        );
        if !matches!(at, At::Loop) {
            // A touch stops the loop; 目次 lists the articles.
            k.update(key('j'));
            k.act(Target::Outline);
            assert_eq!(k.app().place(), Place::Library);
        }
        if matches!(at, At::Article) {
            k.act(Target::Article(5));
            k.act(Target::Item(1));
            assert_eq!(k.app().place(), Place::Item(1));
        }
        k
    }

    /// The reload applied on the UI thread and the next frame drawn.
    fn reload(bencher: Bencher, at: &str, place: At) {
        let (w, h) = size(at);
        let mut k = kiosk(w, h, place);
        let before = (k.attract(), k.app().place());
        reload_and_draw(&mut k, LIBRARY.clone(), &mut terminal(w, h));
        assert_eq!((k.attract(), k.app().place()), before, "the patient stays");
        bencher
            .with_inputs(|| {
                // Loaded on a thread of its own, as the watcher loads it
                // (its memory in that thread's malloc arena).
                let library = std::thread::spawn(|| LIBRARY.clone()).join();
                (kiosk(w, h, place), library.expect("cloned"), terminal(w, h))
            })
            .bench_local_values(|(mut k, library, mut terminal)| {
                reload_and_draw(&mut k, library, &mut terminal);
                (k, terminal)
            });
    }

    /// Apart, to count its instructions alone (`valgrind --tool=callgrind
    /// --collect-atstart=no --toggle-collect='*reload_and_draw*'`).
    #[inline(never)]
    fn reload_and_draw(k: &mut Kiosk, library: Library, terminal: &mut Terminal<TestBackend>) {
        reload::apply(k, Ok(library));
        terminal.draw(|f| k.view(f)).expect("draw");
    }

    #[divan::bench(args = ["80x24", "240x70"], sample_count = 20, sample_size = 1)]
    fn in_loop(bencher: Bencher, at: &str) {
        reload(bencher, at, At::Loop);
    }

    #[divan::bench(args = ["80x24", "240x70"], sample_count = 20, sample_size = 1)]
    fn on_library(bencher: Bencher, at: &str) {
        reload(bencher, at, At::Library);
    }

    #[divan::bench(args = ["80x24", "240x70"], sample_count = 20, sample_size = 1)]
    fn reading_article(bencher: Bencher, at: &str) {
        reload(bencher, at, At::Article);
    }

    /// A frame of the kiosk on 目次 with nothing changed, for comparison.
    #[divan::bench(args = ["80x24", "240x70"], sample_count = 20)]
    fn library_frame(bencher: Bencher, at: &str) {
        let (w, h) = size(at);
        let k = kiosk(w, h, At::Library);
        let mut terminal = terminal(w, h);
        bencher.bench_local(|| {
            terminal.draw(|f| k.view(f)).expect("draw");
        });
    }
}
