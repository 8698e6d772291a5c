//! Issue 22, item 1: memory grows linearly with every string content holds.
//! A 250 kB reference DOI drove printing to 816 MB: each wrapped line of the
//! citation carried its own copy of the link. This grows each field of an
//! article in turn and counts the bytes allocated at the peak of loading it,
//! laying it out at widths 2 and 80, printing it in every format, and
//! drawing the reader's references and the kiosk over it (TestBackend).
//!
//! Its own test binary with one test: the allocator counts every thread's
//! bytes, so nothing else may run beside it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use reader::content::load_library;
use reader::kiosk::Kiosk;
use reader::kiosk::config::KioskConfig;
use reader::kiosk::screen::Target;
use reader::layout::document::{self, DocOptions};
use reader::output;
use reader::tui::terminal::App;
use reader::tui::{Model, Msg, update, view};

mod common;
use common::{model_of, t0};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator as it came; the
// counters only add and subtract the sizes it was given.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: the caller's layout, unchanged.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Every string field of an article, with `long` in it.
fn article(field: &str, long: &str) -> String {
    let f = |name: &str, short: &str| {
        if name == field {
            long.to_string()
        } else {
            short.to_string()
        }
    };
    format!(
        "+++\nslug = \"h\"\ntitle = \"{title}\"\npublished = 2026-01-05\nimage_caption = \"{caption}\"\nurl = \"https://e.jp/{url}\"\n\
         [[references]]\nauthors = [\"{author}\"]\ntitle = \"{rtitle}\"\ncontainer = \"{container}\"\nvolume = \"{volume}\"\n\
         issue = \"{issue}\"\npages = \"{pages}\"\ndoi = \"10.1227/{doi}\"\n\
         [[references]]\ntitle = \"t\"\nurl = \"https://e.jp/{rurl}\"\n+++\n\n要約{summary}。\n\n## 問{question}?\n\n\
         答え[{text}](https://e.jp/{link})。\n",
        title = f("title", "題"),
        caption = f("caption", "図"),
        url = f("url", "a"),
        author = f("author", "A. B"),
        rtitle = f("rtitle", "T"),
        container = f("container", "C"),
        volume = f("volume", "1"),
        issue = f("issue", "2"),
        pages = f("pages", "3"),
        doi = f("doi", "x"),
        rurl = f("rurl", "a"),
        summary = f("summary", "です"),
        question = f("question", "い"),
        text = f("text", "こちら"),
        link = f("link", "ok"),
    )
}

/// The body's fields: running text, as long as the file allows.
const BODY: [&str; 4] = ["summary", "question", "text", "link"];

fn draw(w: u16, h: u16, paint: impl FnOnce(&mut ratatui::Frame)) {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    terminal.draw(paint).expect("drawn");
}

/// Everything a run does with the article in `dir`.
fn exercise(dir: &std::path::Path) {
    let library = load_library(Some(dir)).expect("the article loads");
    let a = &library.articles[0];
    for width in [2, 80] {
        let opts = DocOptions::new(width);
        let lines = document::article(a, &opts);
        let mut sink = std::io::sink();
        output::text::write(&mut sink, &lines, true).expect("printed");
    }
    let _ = output::json::article(a, None).to_string();
    let _ = output::markdown::article(a, None);

    let mut m: Model = model_of(library.clone(), 80, 24);
    update(
        &mut m,
        Msg::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE)),
    );
    draw(80, 24, |f| view(&m, f));
    let _ = m.links(m.area());
    for _ in 0..3 {
        update(
            &mut m,
            Msg::Key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE)),
        );
        draw(80, 24, |f| view(&m, f));
        let _ = m.links(m.area());
    }

    let mut k = Kiosk::new(
        model_of(library, 80, 24),
        KioskConfig::default(),
        t0(),
        None,
    );
    draw(80, 24, |f| k.view(f));
    k.act(Target::Outline);
    let refs = k.app().items().len() - 1;
    k.act(Target::Item(refs));
    draw(80, 24, |f| k.view(f));
    k.act(Target::NextPage);
    draw(80, 24, |f| k.view(f));
}

/// Bytes allocated at the peak of [`exercise`] above what was held before.
fn peak_growth(field: &str, len: usize) -> usize {
    let dir = tempfile::tempdir().expect("temp dir");
    // A token with no break in it: the most lines per byte at any width.
    let text = article(field, &"a".repeat(len));
    std::fs::write(dir.path().join("h.md"), &text).expect("written");
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    exercise(dir.path());
    PEAK.load(Ordering::Relaxed) - before
}

/// The fields of the front matter: TOML strings, at most 2,048 characters
/// each (a longer one is refused before it is used); the rest is body text.
const CAPPED: [&str; 11] = [
    "title",
    "caption",
    "url",
    "author",
    "rtitle",
    "container",
    "volume",
    "issue",
    "pages",
    "doi",
    "rurl",
];

/// The allocator counts the whole process: one test measures at a time.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn front_matter_strings_past_the_cap_are_refused_and_those_within_cost_little() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    peak_growth("title", 1);
    let base = peak_growth("title", 1);
    for field in CAPPED {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("h.md"), article(field, &"a".repeat(2100)))
            .expect("written");
        assert!(
            load_library(Some(dir.path())).is_err(),
            "{field} over the cap"
        );
        // At the cap, some hundreds of bytes a character at most: at width 2
        // every two characters are a line of their own, and the title is
        // laid out for the bars and the printer too.
        let at_cap = peak_growth(field, 2000).saturating_sub(base);
        assert!(
            at_cap <= 1000 * 2000,
            "{field}: {at_cap} B at 2,000 characters"
        );
    }
}

#[test]
fn memory_grows_linearly_with_every_field() {
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // A warm-up: what is allocated once (tables, the bundled content) is not growth.
    peak_growth("title", 1);
    let (small, large) = (8_000, 32_000);
    let base = peak_growth("title", 1);
    let mut report = Vec::new();
    for field in BODY {
        let a = peak_growth(field, small).saturating_sub(base);
        let b = peak_growth(field, large).saturating_sub(base);
        report.push(format!("{field}: {a} B at {small}, {b} B at {large}"));
        // Four times the field: linear growth is about four times the bytes
        // (5.1 measured), quadratic sixteen. Below 8,000 characters, buffers
        // kept between paragraphs hide the growth. A few hundred bytes a byte
        // at most: at width 2 every two characters are a line of their own.
        assert!(
            b <= 8 * a.max(small) && b <= 400 * large,
            "{field} grows faster than its length:\n{}",
            report.join("\n")
        );
    }
    eprintln!("{}", report.join("\n"));
}
