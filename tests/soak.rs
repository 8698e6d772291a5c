//! Issue 8's soak: random keys, mouse events, resizes (1×1 to 300×100),
//! clock advances and, for the kiosk, content reloads of valid, broken,
//! hostile and emptied files, through the reader and the kiosk. Each frame
//! drawn into a TestBackend is checked: no control character in any cell,
//! every row exactly as wide as the terminal, the model's scroll positions
//! within their limits, touch targets on screen; and memory stays flat.
//!
//! `cargo test` runs a short seeded pass. The full run:
//!
//! ```sh
//! READER_SOAK_EVENTS=1000000 cargo test --release --test soak -- --nocapture
//! ```
//!
//! `READER_SOAK_SEED=n` picks another sequence; a failure prints the seed,
//! the event's index and the events before it. `READER_SOAK_DRAW=n` draws
//! one in n of the frames that changed (4; 1 draws them all). Memory is
//! the live heap as the allocator counts it, so it is judged at any length.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::{HashMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use reader::content::load_library;
use reader::kiosk::Kiosk;
use reader::kiosk::config::KioskConfig;
use reader::kiosk::reload::Source;
use reader::tui::terminal::App;
use reader::tui::{Model, Msg};
use unicode_width::UnicodeWidthStr;

mod common;
use common::{model, model_of, t0};

/// Events for both runs together, half each.
fn events() -> u64 {
    std::env::var("READER_SOAK_EVENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4_000)
}

fn seed() -> u64 {
    std::env::var("READER_SOAK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_0008)
}

/// One in this many frames that changed is drawn and checked (and one in
/// eight times as many of those that did not): drawing is most of the time.
fn draw_one_in() -> u32 {
    std::env::var("READER_SOAK_DRAW")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(4)
}

/// Counts the bytes allocated and not yet freed, process-wide: unlike the
/// RSS it is exact at any event count, so a leak shows in every `cargo test`.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only
// the count of live bytes is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_add(new_size, Ordering::Relaxed);
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The live heap in KiB.
fn heap_kib() -> u64 {
    LIVE.load(Ordering::Relaxed) as u64 / 1024
}

/// The tests of this file one at a time: the heap count is the process's,
/// and another test's allocations would blur a soak's.
fn serial() -> MutexGuard<'static, ()> {
    static ONE: Mutex<()> = Mutex::new(());
    // A failed test poisons the lock; the next one still measures alone.
    ONE.lock().unwrap_or_else(|e| e.into_inner())
}

/// How far the live heap may rise between the soak's halves.
const HEAP_SLACK_KIB: u64 = 256;

/// Events between footprint checks and heap samples, each at the starting size.
const SAMPLE_EVERY: u64 = 100;

/// What the soak has seen and checked.
#[derive(Default)]
struct Tally {
    events: u64,
    redraws: u64,
    draws: u64,
    /// Frames drawn at another size than the last resize the app was told
    /// of, as a real terminal can give when a resize lands before the draw.
    off_size: u64,
    cells: u64,
    model_checks: u64,
    resizes: u64,
    too_small: u64,
    reloads_written: u64,
    reloads_applied: u64,
    footprints: u64,
    /// The most search hits and the longest query seen.
    hits: usize,
    query: usize,
    /// Live heap samples (event index, KiB).
    heap: Vec<(u64, u64)>,
}

impl Tally {
    fn report(&self, name: &str, seed: u64, secs: f64) {
        let peak = self.heap.iter().map(|r| r.1).max().unwrap_or(0);
        println!(
            "{name}: seed {seed}, {} events in {secs:.1} s ({:.0} events/s); {} changed the screen; \
             {} frames checked ({} cells, {} at a size the app was not told of), {} model checks, {} resizes ({} below the minimum), \
             {} content rewrites, {} reloads applied, {} footprint checks, at most {} search hits \
             (query of {} characters); peak live heap {} KiB",
            self.events,
            self.events as f64 / secs.max(1e-9),
            self.redraws,
            self.draws,
            self.cells,
            self.off_size,
            self.model_checks,
            self.resizes,
            self.too_small,
            self.reloads_written,
            self.reloads_applied,
            self.footprints,
            self.hits,
            self.query,
            peak,
        );
    }

    /// The live heap's high-water mark in the second half is at most
    /// `HEAP_SLACK_KIB` above the first's (after a warm-up of the first
    /// tenth): sampled in the same state each time, it moves by tens of KiB
    /// when nothing leaks; a KiB lost per event adds a MiB by the end.
    fn assert_flat(&self, name: &str, seed: u64) {
        let (first, second) = halves(&self.heap, self.events);
        println!(
            "{name}: live heap high-water mark {first} KiB in the first half, {second} KiB in the second"
        );
        assert!(
            first > 0 && second <= first + HEAP_SLACK_KIB,
            "{name} (seed {seed}): live heap high-water mark grew from {first} KiB to {second} KiB"
        );
    }
}

/// The high-water marks of `samples` (event index, KiB) over events
/// n/10..n/2 and n/2..=n.
fn halves(samples: &[(u64, u64)], n: u64) -> (u64, u64) {
    let hwm = |from: u64, to: u64| {
        samples
            .iter()
            .filter(|r| (from..to).contains(&r.0))
            .map(|r| r.1)
            .max()
            .unwrap_or(0)
    };
    (hwm(n / 10, n / 2), hwm(n / 2, n + 1))
}

#[test]
fn a_heap_that_grows_fails_the_memory_check() {
    let _serial = serial();
    let flat: Vec<(u64, u64)> = (0..100).map(|i| (i * 10, 1000 + i % 7)).collect();
    let leaking: Vec<(u64, u64)> = (0..100).map(|i| (i * 10, 1000 + i * 10)).collect();
    let tally = |heap| Tally {
        events: 1000,
        heap,
        ..Tally::default()
    };
    tally(flat).assert_flat("flat", 0);
    let grew = catch_unwind(AssertUnwindSafe(|| {
        tally(leaking).assert_flat("leaking", 0)
    }));
    assert!(
        grew.is_err(),
        "a heap 500 KiB larger in the second half passed"
    );
}

/// A failure names the seed, the event and what came before it.
struct Trail {
    name: &'static str,
    seed: u64,
    last: VecDeque<String>,
}

impl Trail {
    fn new(name: &'static str, seed: u64) -> Trail {
        Trail {
            name,
            seed,
            last: VecDeque::new(),
        }
    }

    fn push(&mut self, what: String) {
        if self.last.len() == 24 {
            self.last.pop_front();
        }
        self.last.push_back(what);
    }

    fn fail(&self, index: u64, problem: &str) -> ! {
        let trail: Vec<&str> = self.last.iter().map(String::as_str).collect();
        panic!(
            "{} soak failed at event {index} (READER_SOAK_SEED={}): {problem}\nlast events:\n  {}",
            self.name,
            self.seed,
            trail.join("\n  ")
        );
    }
}

fn is_control(c: char) -> bool {
    c.is_control() || c == '\u{7f}'
}

/// Checks a drawn frame: no control character in any cell, and every row
/// exactly `width` columns wide as a terminal would draw it (a wide
/// character's continuation cells are blank and counted with it).
fn check_buffer(buf: &Buffer) -> Result<u64, String> {
    let area = buf.area;
    for y in 0..area.height {
        let mut total = 0usize;
        let mut x = 0u16;
        while x < area.width {
            let sym = buf[(x, y)].symbol();
            if let Some(c) = sym.chars().find(|&c| is_control(c)) {
                return Err(format!("control character {c:?} at ({x}, {y}) in {sym:?}"));
            }
            let w = sym.width();
            if w == 0 {
                return Err(format!("zero-width cell {sym:?} at ({x}, {y})"));
            }
            total += w;
            for dx in 1..w {
                let cx = usize::from(x) + dx;
                if cx < usize::from(area.width) {
                    let hidden = buf[(cx as u16, y)].symbol();
                    if hidden != " " && !hidden.is_empty() {
                        return Err(format!(
                            "{sym:?} at ({x}, {y}) hides {hidden:?} in its continuation cell, \
                             at {}x{}:\n{}",
                            area.width,
                            area.height,
                            rows(buf)
                        ));
                    }
                }
            }
            x = x.saturating_add(w as u16);
        }
        if total != usize::from(area.width) {
            let row: String = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
            return Err(format!(
                "row {y} is {total} columns wide, not {}: {row:?}",
                area.width
            ));
        }
    }
    Ok(u64::from(area.width) * u64::from(area.height))
}

/// The frame as text, a cell a character, for a failure's message.
fn rows(buf: &Buffer) -> String {
    let area = buf.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The reader's derived state is consistent.
fn check_model(m: &Model) -> Result<(), String> {
    let n = m.items().len();
    if n == 0 || m.layouts().len() != n || m.outline().len() != n || m.outline_rows().len() != n {
        return Err(format!(
            "items {n}, layouts {}, outline {}, rows {}",
            m.layouts().len(),
            m.outline().len(),
            m.outline_rows().len()
        ));
    }
    if m.selected() >= n {
        return Err(format!("selected {} of {n} items", m.selected()));
    }
    for i in 0..n {
        if m.scroll(i) > m.max_scroll(i) {
            return Err(format!(
                "item {i} scrolled to {} past its max {}",
                m.scroll(i),
                m.max_scroll(i)
            ));
        }
    }
    if m.clinic_scroll() > m.clinic_max_scroll() {
        return Err(format!(
            "clinic scrolled to {} past its max {}",
            m.clinic_scroll(),
            m.clinic_max_scroll()
        ));
    }
    if let Some(h) = m.help()
        && h > m.help_max_scroll()
    {
        return Err(format!("help scrolled to {h} past {}", m.help_max_scroll()));
    }
    let outline_max = m.outline_max_scroll();
    if m.outline_scroll() > outline_max {
        return Err(format!(
            "outline scrolled to {} past {outline_max}",
            m.outline_scroll()
        ));
    }
    if m.list_selected() >= m.library().articles.len().max(1) {
        return Err(format!("article list at {}", m.list_selected()));
    }
    let s = m.search();
    if s.current.is_some_and(|c| c >= s.hits.len()) {
        return Err(format!(
            "current match {:?} of {} hits",
            s.current,
            s.hits.len()
        ));
    }
    let area = m.area();
    let answer = m.answer_area();
    if !area.is_empty() && answer.intersection(area) != answer && !answer.is_empty() {
        return Err(format!(
            "answer area {answer:?} outside the screen {area:?}"
        ));
    }
    Ok(())
}

/// What a model holds that could grow and depends only on the content and
/// the size: laid-out lines and anchors, outline rows. (The clinic page
/// changes with the month and the day, the help with the screen.)
fn footprint(m: &Model) -> (usize, usize) {
    (
        m.layouts()
            .iter()
            .map(|l| l.lines.len() + l.anchors.len())
            .sum(),
        m.outline().iter().map(|e| e.len()).sum(),
    )
}

// Random events.

fn pick<'a, T>(rng: &mut fastrand::Rng, xs: &'a [T]) -> &'a T {
    &xs[rng.usize(..xs.len())]
}

/// A character of any kind a terminal could send or a file could hold.
fn any_char(rng: &mut fastrand::Rng) -> char {
    let ranges: &[(u32, u32)] = &[
        (0x20, 0x7e),       // ASCII
        (0x00, 0x1f),       // C0
        (0x7f, 0x9f),       // DEL, C1
        (0xa0, 0x24f),      // Latin
        (0x300, 0x36f),     // combining marks
        (0x2000, 0x206f),   // spaces, ZWJ, bidi controls
        (0x2460, 0x25ff),   // circled numbers, box drawing (ambiguous)
        (0x3000, 0x30ff),   // CJK punctuation, kana
        (0x4e00, 0x4fff),   // kanji
        (0xfe00, 0xfe0f),   // variation selectors
        (0xff00, 0xffef),   // full and half width forms
        (0x1f300, 0x1f6ff), // emoji
        (0x1f1e6, 0x1f1ff), // regional indicators
        (0xe0000, 0xe007f), // tags
        (0xe000, 0xe0ff),   // private use
    ];
    let &(lo, hi) = pick(rng, ranges);
    char::from_u32(rng.u32(lo..=hi)).unwrap_or('?')
}

fn key_event(rng: &mut fastrand::Rng) -> KeyEvent {
    const KEYS: &[char] = &[
        'j', 'k', 'h', 'l', 'g', 'G', ' ', 'b', 'n', 'N', '/', 'r', 'c', '?', 'q', '[', ']', '<',
        '>', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'x', 'z',
    ];
    let code = match rng.u8(..20) {
        0..=7 => KeyCode::Char(*pick(rng, KEYS)),
        8..=9 => KeyCode::Char(any_char(rng)),
        10 => KeyCode::F(rng.u8(0..=24)),
        _ => *pick(
            rng,
            &[
                KeyCode::Up,
                KeyCode::Down,
                KeyCode::Left,
                KeyCode::Right,
                KeyCode::PageUp,
                KeyCode::PageDown,
                KeyCode::Home,
                KeyCode::End,
                KeyCode::Tab,
                KeyCode::BackTab,
                KeyCode::Enter,
                KeyCode::Esc,
                KeyCode::Backspace,
                KeyCode::Delete,
                KeyCode::Insert,
                KeyCode::Null,
            ],
        ),
    };
    let modifiers = match rng.u8(..10) {
        0 => KeyModifiers::CONTROL,
        1 => KeyModifiers::SHIFT,
        2 => KeyModifiers::ALT,
        3 => KeyModifiers::from_bits_truncate(rng.u8(..)),
        _ => KeyModifiers::NONE,
    };
    let kind = match rng.u8(..10) {
        0 => KeyEventKind::Release,
        1 => KeyEventKind::Repeat,
        _ => KeyEventKind::Press,
    };
    KeyEvent {
        code,
        modifiers,
        kind,
        state: KeyEventState::NONE,
    }
}

fn mouse_event(rng: &mut fastrand::Rng, w: u16, h: u16) -> MouseEvent {
    let button = *pick(
        rng,
        &[
            MouseButton::Left,
            MouseButton::Left,
            MouseButton::Left,
            MouseButton::Right,
            MouseButton::Middle,
        ],
    );
    let kind = match rng.u8(..9) {
        0 | 1 => MouseEventKind::Down(button),
        2 | 3 => MouseEventKind::Up(button),
        4 | 5 => MouseEventKind::Drag(button),
        6 => MouseEventKind::Moved,
        7 => *pick(rng, &[MouseEventKind::ScrollUp, MouseEventKind::ScrollDown]),
        _ => *pick(
            rng,
            &[MouseEventKind::ScrollLeft, MouseEventKind::ScrollRight],
        ),
    };
    // Mostly on screen; some just past its edge; a few anywhere.
    let coord = |rng: &mut fastrand::Rng, n: u16| match rng.u8(..20) {
        0 => rng.u16(..),
        1 => n.saturating_add(rng.u16(..4)),
        _ => rng.u16(..n.max(1)),
    };
    MouseEvent {
        kind,
        column: coord(rng, w),
        row: coord(rng, h),
        modifiers: if rng.u8(..10) == 0 {
            KeyModifiers::CONTROL
        } else {
            KeyModifiers::NONE
        },
    }
}

fn size(rng: &mut fastrand::Rng) -> (u16, u16) {
    match rng.u8(..10) {
        // Around the reader's (24×8) and the kiosk's (40×16) minimum.
        0 => (rng.u16(22..=26), rng.u16(6..=10)),
        1 => (rng.u16(38..=42), rng.u16(14..=18)),
        2 => (rng.u16(1..=4), rng.u16(1..=4)),
        3 => *pick(rng, &[(80, 24), (120, 40), (100, 30), (300, 100), (1, 1)]),
        _ => (rng.u16(1..=300), rng.u16(1..=100)),
    }
}

/// Seconds the clock moves: mostly a little, sometimes past the kiosk's
/// idle timeout, rarely a day; very rarely back (a clock being set).
fn clock_step(rng: &mut fastrand::Rng) -> i64 {
    match rng.u16(..1000) {
        0 => 86_400,
        1..=3 => -rng.i64(1..=120),
        4..=60 => rng.i64(60..=600),
        _ => rng.i64(0..=20),
    }
}

/// One random input; `w`×`h` is the screen now.
fn input(rng: &mut fastrand::Rng, w: u16, h: u16) -> Msg {
    match rng.u8(..100) {
        0..=44 => Msg::Key(key_event(rng)),
        45..=84 => Msg::Mouse(mouse_event(rng, w, h)),
        85..=87 => {
            let s: String = (0..rng.usize(..40)).map(|_| any_char(rng)).collect();
            Msg::Paste(s)
        }
        88..=95 => Msg::Mouse(mouse_event(rng, w, h)),
        _ => {
            let (w, h) = size(rng);
            Msg::Resize(w, h)
        }
    }
}

/// The size of the next frame: mostly the app's, one in four another, as
/// when the terminal changed size after the app last heard of it.
fn frame_size(rng: &mut fastrand::Rng, heard: Rect, tally: &mut Tally) -> (u16, u16) {
    if rng.u8(..4) == 0 {
        tally.off_size += 1;
        size(rng)
    } else {
        (heard.width, heard.height)
    }
}

/// Draws `app` into a terminal of `w`×`h` and checks the frame.
fn draw(
    terminal: &mut Terminal<TestBackend>,
    app: &dyn App,
    w: u16,
    h: u16,
) -> Result<u64, String> {
    let size = terminal.backend().buffer().area;
    if (size.width, size.height) != (w, h) {
        terminal.backend_mut().resize(w, h);
    }
    // The frame as drawn, not the backend's copy: ratatui's diff skips a
    // wide character's continuation cell, which a terminal covers anyway.
    let frame = terminal.draw(|f| app.view(f)).map_err(|e| e.to_string())?;
    check_buffer(frame.buffer)
}

/// Runs `step` for one event, turning a panic into a failure with the trail.
fn guarded<T>(trail: &Trail, index: u64, step: impl FnOnce() -> Result<T, String>) -> T {
    match catch_unwind(AssertUnwindSafe(step)) {
        Ok(Ok(v)) => v,
        Ok(Err(problem)) => trail.fail(index, &problem),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            trail.fail(index, &format!("panic: {msg}"))
        }
    }
}

#[test]
fn the_reader_survives_random_input_at_any_size() {
    let _serial = serial();
    let seed = seed();
    let events = events() / 2;
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut trail = Trail::new("reader", seed);
    let mut tally = Tally::default();
    let mut m = model(80, 24);
    let mut now = t0();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let probe = footprint(&m);
    let one_in = draw_one_in();
    let started = Instant::now();
    for i in 0..events {
        let (w, h) = (m.area().width, m.area().height);
        let msg = if rng.u8(..10) == 0 {
            now = now.saturating_add(clock_step(&mut rng));
            Msg::Clock(now)
        } else {
            input(&mut rng, w, h)
        };
        trail.push(format!("{i}: {msg:?}"));
        if let Msg::Resize(w, h) = msg {
            tally.resizes += 1;
            tally.too_small += u64::from(w < 24 || h < 8);
        }
        let changed = guarded(&trail, i, || Ok(App::update(&mut m, msg.clone())));
        m.take_suspend();
        tally.events += 1;
        tally.redraws += u64::from(changed);
        let draw_now = rng.u32(..one_in * if changed { 1 } else { 8 }) == 0;
        if draw_now {
            let (w, h) = frame_size(&mut rng, m.area(), &mut tally);
            tally.cells += guarded(&trail, i, || draw(&mut terminal, &m, w, h));
            tally.draws += 1;
        }
        guarded(&trail, i, || check_model(&m));
        tally.model_checks += 1;
        tally.hits = tally.hits.max(m.search().hits.len());
        tally.query = tally.query.max(m.search().query.chars().count());
        // Memory: at the starting size, the derived state is what it was,
        // and the heap is measured in a state comparable along the run.
        if i % SAMPLE_EVERY == SAMPLE_EVERY - 1 {
            let back = m.area();
            m.resize(80, 24);
            tally.heap.push((i, heap_kib()));
            if footprint(&m) != probe {
                trail.fail(
                    i,
                    &format!("footprint at 80x24 {:?}, was {probe:?}", footprint(&m)),
                );
            }
            m.resize(back.width, back.height);
            tally.footprints += 1;
        }
    }
    tally.report("reader", seed, started.elapsed().as_secs_f64());
    tally.assert_flat("reader", seed);
}

// The kiosk's content, rewritten at random.

/// Pieces of content a hostile author or a careless operator might write.
const HOSTILE: &[&str] = &[
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}]52;c;cm0gLXJmIH4K\u{7}",
    "\u{1b}]0;TITLE\u{1b}\\",
    "\u{9b}31m赤\u{9b}0m",
    "\u{90}DCS\u{9c}",
    "\u{1b}P+q\u{1b}\\",
    "\u{202e}反転\u{202c}",
    "\u{200b}\u{200d}\u{2060}",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦",
    "🇯🇵🇺",
    "e\u{301}\u{301}\u{301}",
    "①※○─•",
    "\t\r\u{0}\u{7f}",
    "&#27;[31m&#7;",
    "[こちら](https://example.jp/&#27;]52;c;cm0gLXJmIH4K&#7;)",
    "[js](javascript:alert(1))",
    "[doi](doi:10.1227/00006123-199105000-00008)",
    "**再手術では39.5%**と",
    "`code \u{1b}[1m`",
    "<script>alert(1)</script>",
    "ｶﾀｶﾅ２７",
    "https://example.jp/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "10.1227/00006123-199105000-00008",
    "ＡＢＣ１２３全角",
    "慢性腰痛の再手術について、医師とよく相談してください。",
    "「」、。ーぁぃぅ",
];

fn snippet(rng: &mut fastrand::Rng) -> String {
    match rng.u8(..4) {
        0 => (0..rng.usize(1..30)).map(|_| any_char(rng)).collect(),
        _ => pick(rng, HOSTILE).to_string(),
    }
}

fn paragraph(rng: &mut fastrand::Rng) -> String {
    let mut s = String::new();
    for _ in 0..rng.usize(1..8) {
        s.push_str(&snippet(rng));
    }
    match rng.u8(..6) {
        0 => {
            // A list nested deeper than any screen is wide.
            let depth = rng.usize(1..40);
            (0..depth)
                .map(|d| format!("{}- {s}\n", "  ".repeat(d)))
                .collect()
        }
        1 => format!("### {s}"),
        2 => s.repeat(rng.usize(1..20)),
        _ => s,
    }
}

/// A random article: mostly valid front matter, a hostile body.
fn article(rng: &mut fastrand::Rng, slug: &str) -> String {
    let title = match rng.u8(..4) {
        0 => snippet(rng).replace(['"', '\\', '\n'], ""),
        _ => "短い記事".to_string(),
    };
    let mut s = format!("+++\nslug = \"{slug}\"\ntitle = \"{title}\"\npublished = 2026-01-05\n");
    if rng.u8(..4) == 0 {
        s.push_str(&format!(
            "url = \"https://example.jp/{}\"\n",
            rng.u32(..1000)
        ));
    }
    if rng.u8(..5) == 0 {
        s.push_str(&format!(
            "[[references]]\nauthors = [\"{}\"]\ntitle = \"{}\"\ndate = \"2020\"\n",
            snippet(rng).replace(['"', '\\', '\n'], ""),
            snippet(rng).replace(['"', '\\', '\n'], "")
        ));
    }
    s.push_str("+++\n\n");
    s.push_str(&paragraph(rng));
    s.push_str("\n\n");
    for _ in 0..rng.usize(0..9) {
        let q = snippet(rng).replace('\n', " ");
        s.push_str(&format!("## {q}?\n\n{}\n\n", paragraph(rng)));
    }
    s
}

/// Rewrites the content directory one way or another; returns what it did.
fn rewrite(rng: &mut fastrand::Rng, dir: &Path, good: &str, bundled: &str) -> &'static str {
    let md = dir.join("a.md");
    let write = |p: PathBuf, s: &str| {
        let _ = std::fs::write(p, s);
    };
    match rng.u8(..12) {
        0 => {
            write(md, good);
            "valid"
        }
        1 => {
            write(md, bundled);
            "the bundled article"
        }
        2..=5 => {
            write(md, &article(rng, "short"));
            "hostile"
        }
        6 => {
            write(md, &good.replace("title = \"短い記事\"", "title = "));
            "broken front matter"
        }
        7 => {
            write(md, "");
            "emptied"
        }
        8 => {
            let _ = std::fs::remove_file(&md);
            "removed"
        }
        9 => {
            let name = format!("{}.md", rng.u8(..3));
            let slug = format!("s{}", rng.u8(..3));
            write(dir.join(name), &article(rng, &slug));
            "another article"
        }
        10 => {
            let clinic = std::fs::read_to_string("articles/clinic.toml").unwrap_or_default();
            let hostile = pick(rng, HOSTILE)
                .replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n");
            let text = match rng.u8(..3) {
                0 => clinic.replacen("ひまわり接骨院", &hostile, 1),
                1 => clinic.replacen("name = ", "name = [", 1),
                _ => clinic,
            };
            write(dir.join("clinic.toml"), &text);
            "clinic.toml"
        }
        _ => {
            let _ = std::fs::remove_file(dir.join("clinic.toml"));
            for n in 0..3 {
                let _ = std::fs::remove_file(dir.join(format!("{n}.md")));
            }
            "others removed"
        }
    }
}

/// A key for the content shown, to compare footprints of the same content.
fn content_key(k: &Kiosk) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{:?}", k.app().library()).hash(&mut h);
    h.finish()
}

#[test]
fn the_kiosk_survives_random_touches_clock_and_reloads() {
    let _serial = serial();
    let seed = seed();
    let events = events() - events() / 2;
    // Its own sequence, from the same seed.
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x006b_696f_736b);
    let mut trail = Trail::new("kiosk", seed);
    let mut tally = Tally::default();
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string("tests/fixtures/good/short.md").unwrap();
    let bundled = std::fs::read_to_string("articles/revision-surgery.md").unwrap();
    std::fs::write(dir.path().join("a.md"), &good).unwrap();
    let requested = Arc::new(AtomicBool::new(false));
    let library = load_library(Some(dir.path())).unwrap();
    let config = KioskConfig {
        dwell_min: 5,
        dwell_max: 40,
        idle_timeout: 90,
        ..KioskConfig::default()
    };
    let mut now = t0();
    let mut k = Kiosk::new(
        model_of(library, 100, 30),
        config,
        now,
        // Its watcher looks only when asked, so that a seed replays the same run.
        Some(Source::watching(
            dir.path().to_path_buf(),
            Arc::clone(&requested),
            std::time::Duration::MAX,
            || {},
        )),
    );
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut apply_at = None;
    let mut footprints: HashMap<u64, (usize, usize)> = HashMap::new();
    let one_in = draw_one_in();
    let started = Instant::now();
    for i in 0..events {
        let (w, h) = (k.app().area().width, k.app().area().height);
        let msg = match rng.u8(..20) {
            // As the event loop does: wake at the kiosk's deadline.
            0..=2 => {
                let wake = k.wake_at(now);
                if wake <= now {
                    trail.fail(i, &format!("wake_at({now}) = {wake}, not later"));
                }
                now = wake;
                Msg::Clock(now)
            }
            3 => {
                now = now.saturating_add(clock_step(&mut rng));
                Msg::Clock(now)
            }
            _ => input(&mut rng, w, h),
        };
        trail.push(format!("{i}: {msg:?}"));
        if let Msg::Resize(w, h) = msg {
            tally.resizes += 1;
            tally.too_small += u64::from(w < 40 || h < 16);
        }
        let mut changed = guarded(&trail, i, || Ok(k.update(msg.clone())));
        // Content: rewritten now and then, sometimes with a SIGUSR1. The
        // watcher looks at once and loads in the background while events go on; the result is
        // applied a random number of events later (waiting for it then, so
        // that a seed replays the same run).
        let (rewrite_now, usr1, delay) = (rng.u16(..300) == 0, rng.bool(), rng.u64(..60));
        if rewrite_now && apply_at.is_none() {
            let what = rewrite(&mut rng, dir.path(), &good, &bundled);
            trail.push(format!("{i}: content {what}"));
            if usr1 {
                requested.store(true, Ordering::Relaxed);
            }
            tally.reloads_written += 1;
            k.look_for_changes();
            apply_at = Some(i + delay);
        }
        if apply_at == Some(i) {
            apply_at = None;
            let deadline = Instant::now() + std::time::Duration::from_secs(20);
            loop {
                let applied = guarded(&trail, i, || Ok(k.background()));
                changed |= applied;
                tally.reloads_applied += u64::from(applied);
                if !k.reloading() {
                    break;
                }
                if Instant::now() > deadline {
                    trail.fail(i, "a reload did not finish in 20 s");
                }
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
        }
        tally.events += 1;
        tally.redraws += u64::from(changed);
        let draw_now = rng.u32(..one_in * if changed { 1 } else { 8 }) == 0;
        if draw_now {
            let (w, h) = frame_size(&mut rng, k.app().area(), &mut tally);
            tally.cells += guarded(&trail, i, || draw(&mut terminal, &k, w, h));
            tally.draws += 1;
        }
        guarded(&trail, i, || {
            check_model(k.app())?;
            let area = k.app().area();
            for (r, t) in k.targets() {
                if r.is_empty() || r.intersection(area) != r {
                    return Err(format!("target {t:?} at {r:?} outside {area:?}"));
                }
            }
            if k.done() {
                return Err("a random input ended the kiosk".into());
            }
            Ok(())
        });
        tally.model_checks += 1;
        if i % SAMPLE_EVERY == SAMPLE_EVERY - 1 {
            let back = k.app().area();
            k.update(Msg::Resize(100, 30));
            tally.heap.push((i, heap_kib()));
            let key = content_key(&k);
            let now_fp = footprint(k.app());
            let was = *footprints.entry(key).or_insert(now_fp);
            if was != now_fp {
                trail.fail(
                    i,
                    &format!("footprint {now_fp:?}, was {was:?} for the same content"),
                );
            }
            k.update(Msg::Resize(back.width, back.height));
            tally.footprints += 1;
        }
    }
    tally.report("kiosk", seed, started.elapsed().as_secs_f64());
    tally.assert_flat("kiosk", seed);
}

// Regressions the soak found, each at the smallest case that showed it.

fn frame_of(app: &dyn App, w: u16, h: u16) -> Result<u64, String> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    draw(&mut terminal, app, w, h)
}

fn press(app: &mut dyn App, c: char) {
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )));
}

#[test]
fn widening_the_window_keeps_the_outline_in_view() {
    let _serial = serial();
    // Narrow, the outline is long and scrolled down to its last entry.
    let mut m = model(24, 8);
    press(&mut m, 'G');
    assert!(m.outline_scroll() > 0);
    m.update(Msg::Resize(200, 60));
    assert!(
        m.outline_scroll() <= m.outline_max_scroll(),
        "outline at {} past its end {}",
        m.outline_scroll(),
        m.outline_max_scroll()
    );
    // Nor does the wheel scroll it past its last row.
    let mut m = model(80, 12);
    for _ in 0..50 {
        m.update(Msg::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 2,
            row: 3,
            modifiers: KeyModifiers::NONE,
        }));
    }
    assert!(m.outline_scroll() > 0, "the wheel scrolls the outline");
    assert!(m.outline_scroll() <= m.outline_max_scroll());
}

#[test]
fn the_help_popup_never_cuts_a_wide_character_in_half() {
    let _serial = serial();
    for w in (24..=120).step_by(3) {
        for h in [20, 40, 87] {
            let mut m = model(w, h);
            press(&mut m, 'c');
            for _ in 0..(w % 7) {
                press(&mut m, 'j');
            }
            press(&mut m, '?');
            if let Err(e) = frame_of(&m, w, h) {
                panic!("clinic screen with help at {w}x{h}: {e}");
            }
        }
    }
}

#[test]
fn the_invitation_never_runs_into_the_loop_position() {
    let _serial = serial();
    for w in 40..=90 {
        let k = Kiosk::new(model(w, 30), KioskConfig::default(), t0(), None);
        if let Err(e) = frame_of(&k, w, 30) {
            panic!("idle screen at {w}x30: {e}");
        }
    }
}

/// Row `y` as a terminal shows it: a wide character once.
fn row_text(buf: &Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let sym = buf[(x, y)].symbol();
        out.push_str(sym);
        x += sym.width().max(1) as u16;
    }
    out
}

#[test]
fn a_reload_problem_is_shown_on_a_row_of_its_own() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let bundled = std::fs::read_to_string("articles/revision-surgery.md").unwrap();
    std::fs::write(dir.path().join("a.md"), &bundled).unwrap();
    let library = load_library(Some(dir.path())).unwrap();
    let requested = Arc::new(AtomicBool::new(false));
    let mut k = Kiosk::new(
        model_of(library, 138, 17),
        KioskConfig::default(),
        t0(),
        Some(Source::new(dir.path().to_path_buf(), requested)),
    );
    std::fs::write(
        dir.path().join("a.md"),
        bundled.replacen("title = ", "title = \"", 1),
    )
    .unwrap();
    let deadline = Instant::now() + std::time::Duration::from_secs(20);
    while !k.background() && Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let warning = k
        .warning()
        .expect("the broken file is reported")
        .to_string();
    for (w, h) in [(138, 17), (100, 30), (80, 24), (61, 20)] {
        k.update(Msg::Resize(w, h));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        let frame = terminal.draw(|f| k.view(f)).unwrap();
        if let Err(e) = check_buffer(frame.buffer) {
            panic!("idle screen with a reload problem at {w}x{h}: {e}");
        }
        let row = (0..h)
            .map(|y| row_text(frame.buffer, y))
            .find(|r| r.contains("a.md:"))
            .expect("the problem on screen");
        let shown = row.trim_end();
        assert!(
            format!(" {warning}").starts_with(shown.trim_end_matches('…')),
            "at {w}x{h} the row holds more than the problem: {shown:?}"
        );
    }
}

#[test]
fn the_clock_keeps_the_clinic_page_within_its_end() {
    let _serial = serial();
    // At 26 columns the status line wraps to one more line at some times
    // of day, and the page under the header is a line shorter.
    let mut m = model(26, 14);
    press(&mut m, 'c');
    let mut t = t0();
    for step in 0..200 {
        press(&mut m, 'G');
        t += 1800 + (step % 7) * 60;
        m.update(Msg::Clock(t));
        assert!(
            m.clinic_scroll() <= m.clinic_max_scroll(),
            "at {t}: scrolled to {} past {}",
            m.clinic_scroll(),
            m.clinic_max_scroll()
        );
    }
}
