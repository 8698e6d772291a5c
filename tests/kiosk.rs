//! The kiosk with an injected clock: the loop's order and timing, idle
//! return, locked keys, the exit sequence, reload, and a week of running.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use ratatui::layout::Rect;
use reader::calendar::clock::ClinicTime;
use reader::content::load_library;
use reader::kiosk::config::{KioskConfig, parse_key};
use reader::kiosk::digits::{FONTS, word_pixels};
use reader::kiosk::reload::Source;
use reader::kiosk::screen::Target;
use reader::kiosk::{Kiosk, Step, steps};
use reader::tui::Msg;
use reader::tui::model::Place as Page;
use reader::tui::model::Screen;
use reader::tui::terminal::App;

mod common;
use common::{model, model_of, t0};

fn config() -> KioskConfig {
    KioskConfig {
        dwell_min: 10,
        dwell_max: 40,
        idle_timeout: 90,
        ..KioskConfig::default()
    }
}

fn kiosk(w: u16, h: u16) -> Kiosk {
    Kiosk::new(model(w, h), config(), t0(), None)
}

fn current(k: &Kiosk) -> Step {
    match k.app().screen() {
        Screen::Clinic => Step::Clinic,
        _ => Step::Item {
            article: k.app().article_index(),
            item: k.app().selected(),
        },
    }
}

/// Item `i` of the bundled article, as a step.
fn item(i: usize) -> Step {
    Step::Item {
        article: 0,
        item: i,
    }
}

/// Runs the clock the way the event loop does: wake at each deadline.
/// Returns how many wakes changed nothing on screen.
fn run_until(k: &mut Kiosk, now: &mut i64, end: i64, mut each: impl FnMut(&Kiosk, i64)) -> usize {
    let mut idle_wakes = 0;
    while *now < end {
        *now = k.wake_at(*now).min(end);
        if !k.update(Msg::Clock(*now)) {
            idle_wakes += 1;
        }
        each(k, *now);
    }
    idle_wakes
}

fn press(k: &mut Kiosk, code: KeyCode, modifiers: KeyModifiers) -> bool {
    k.update(Msg::Key(KeyEvent::new(code, modifiers)))
}

#[test]
fn the_loop_shows_summary_questions_then_clinic_then_again() {
    let mut k = kiosk(100, 30);
    let mut now = t0();
    let mut seen = vec![current(&k)];
    run_until(&mut k, &mut now, t0() + 600, |k, _| {
        if seen.last() != Some(&current(k)) {
            seen.push(current(k));
        }
    });
    let expected: Vec<Step> = (0..7).map(item).chain([Step::Clinic, item(0)]).collect();
    assert_eq!(&seen[..9], &expected[..]);
    assert_eq!(steps(k.app().library()).len(), 8);
}

#[test]
fn each_step_dwells_by_its_length_within_the_bounds() {
    let cfg = KioskConfig {
        dwell_max: 300,
        ..config()
    };
    let mut k = Kiosk::new(model(100, 30), cfg, t0(), None);
    let mut now = t0();
    let mut changes = vec![(now, current(&k))];
    run_until(&mut k, &mut now, t0() + 1200, |k, t| {
        if changes.last().map(|c| c.1) != Some(current(k)) {
            changes.push((t, current(k)));
        }
    });
    let dwells: Vec<i64> = changes.windows(2).map(|w| w[1].0 - w[0].0).collect();
    assert!(
        dwells.iter().all(|&d| (10..=300).contains(&d)),
        "{dwells:?}"
    );
    assert!(
        dwells.iter().any(|&d| d != dwells[0]),
        "longer text dwells longer: {dwells:?}"
    );
}

#[test]
fn a_long_answer_pages_down_during_its_dwell() {
    let mut k = kiosk(80, 24);
    let mut now = t0();
    let mut max_seen = [0usize; 8];
    run_until(&mut k, &mut now, t0() + 330, |k, _| {
        if let Step::Item { item: i, .. } = current(k) {
            max_seen[i] = max_seen[i].max(k.attract_scroll());
        }
    });
    assert!(max_seen[2] > 0, "question 2 paged: {max_seen:?}");
    let q2 = k.app().layouts()[2].lines.len();
    assert!(max_seen[2] < q2, "within the answer");
}

#[test]
fn input_stops_the_loop_and_idle_returns_to_the_start() {
    let mut k = kiosk(100, 30);
    let mut now = t0();
    run_until(&mut k, &mut now, t0() + 50, |_, _| {});
    let step = current(&k);
    assert!(press(&mut k, KeyCode::Char('j'), KeyModifiers::NONE));
    assert!(!k.attract(), "any key stops the loop");
    assert_eq!(current(&k), step, "where it was");
    press(&mut k, KeyCode::Char('3'), KeyModifiers::NONE);
    assert_eq!(k.app().selected(), 3, "then keys work as usual");
    let touched = now;
    run_until(&mut k, &mut now, touched + 89, |k, _| assert!(!k.attract()));
    assert_eq!(k.app().selected(), 3);
    run_until(&mut k, &mut now, touched + 90, |_, _| {});
    assert!(k.attract(), "back to the loop after 90 s");
    assert_eq!(current(&k), item(0));
    // A wheel counts as input too.
    k.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 50,
        row: 10,
        modifiers: KeyModifiers::NONE,
    }));
    assert!(!k.attract());
}

#[test]
fn no_key_quits_or_suspends() {
    let mut k = kiosk(100, 30);
    press(&mut k, KeyCode::Char('x'), KeyModifiers::NONE);
    for (code, m) in [
        (KeyCode::Char('q'), KeyModifiers::NONE),
        (KeyCode::Esc, KeyModifiers::NONE),
        (KeyCode::Esc, KeyModifiers::NONE),
        (KeyCode::Char('c'), KeyModifiers::CONTROL),
        (KeyCode::Char('z'), KeyModifiers::CONTROL),
        (KeyCode::Char('\\'), KeyModifiers::CONTROL),
    ] {
        press(&mut k, code, m);
        assert!(!k.done(), "{code:?} {m:?} must not end the kiosk");
        assert!(!k.app().quit());
    }
}

#[test]
fn the_configured_exit_sequence_ends_it() {
    let mut cfg = config();
    cfg.exit_sequence = ["ctrl-x", "ctrl-x", "q"]
        .iter()
        .map(|k| parse_key(k).unwrap())
        .collect();
    let mut k = Kiosk::new(model(100, 30), cfg, t0(), None);
    let ctrl_x = |k: &mut Kiosk| press(k, KeyCode::Char('x'), KeyModifiers::CONTROL);
    ctrl_x(&mut k);
    press(&mut k, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(!k.done(), "out of order");
    ctrl_x(&mut k);
    ctrl_x(&mut k);
    press(&mut k, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(k.done());
}

/// Has the kiosk's watcher look at the files now and wakes the kiosk until
/// the reload has been applied (true), or the look found nothing to reload
/// (false); at most 20 s.
fn reloaded(k: &mut Kiosk) -> bool {
    k.look_for_changes();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::time::Instant::now() < deadline {
        if k.background() {
            return true;
        }
        if !k.reloading() {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    false
}

#[test]
fn broken_content_on_reload_keeps_the_last_good() {
    let dir = std::env::temp_dir().join(format!("reader-kiosk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = std::fs::read_to_string("tests/fixtures/good/short.md").unwrap();
    std::fs::write(dir.join("short.md"), &good).unwrap();
    let requested = Arc::new(AtomicBool::new(false));
    let library = load_library(Some(&dir)).unwrap();
    let app = model_of(library, 100, 30);
    let mut k = Kiosk::new(
        app,
        config(),
        t0(),
        Some(Source::new(dir.clone(), Arc::clone(&requested))),
    );
    assert!(!reloaded(&mut k), "nothing changed");

    std::fs::write(
        dir.join("short.md"),
        good.replace("title = \"短い記事\"", "title = "),
    )
    .unwrap();
    assert!(reloaded(&mut k));
    let warning = k.warning().expect("a warning").to_string();
    assert!(warning.contains("short.md:3:9:"), "{warning}");
    assert!(k.header(200).contains("更新エラー"));
    assert_eq!(k.app().article().title, "短い記事", "the old content stays");

    std::fs::write(dir.join("short.md"), good.replace("短い記事", "新しい題")).unwrap();
    assert!(reloaded(&mut k));
    assert_eq!(k.warning(), None);
    assert_eq!(k.app().article().title, "新しい題");

    requested.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(reloaded(&mut k), "SIGUSR1 reloads even without a change");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_week_of_looping_keeps_memory_flat_and_sleeps_between_changes() {
    let mut k = kiosk(100, 30);
    let footprint = |k: &Kiosk| {
        let a = k.app();
        (
            a.layouts()
                .iter()
                .map(|l| l.lines.len() + l.anchors.len())
                .sum::<usize>(),
            a.outline().iter().map(|e| e.len()).sum::<usize>(),
            a.items().len(),
            a.search().hits.len(),
        )
    };
    let start = footprint(&k);
    let mut now = t0();
    let idle = run_until(&mut k, &mut now, t0() + 7 * 86_400, |_, _| {});
    assert_eq!(footprint(&k), start);
    // It wakes for loop steps, paging and the clock minute: each wake shows something new.
    assert_eq!(idle, 0, "wakes that changed nothing");
    assert_eq!(k.app().now(), ClinicTime::from_unix(t0() + 7 * 86_400));
}

#[test]
fn the_header_always_shows_clock_status_and_next_opening() {
    let k = kiosk(100, 30);
    let h = k.header(200);
    assert!(
        h.contains("ひまわり接骨院")
            && h.contains("10:00")
            && h.contains("受付中")
            && h.contains("次の受付"),
        "{h}"
    );
    assert_eq!(k.progress().as_deref(), Some("自動表示 1/8"));
    // Narrow: the clinic's name gives way to the clock and the status.
    let narrow = k.header(40);
    assert!(
        !narrow.contains("ひまわり接骨院") && narrow.contains("10:00 受付中"),
        "{narrow}"
    );
}

#[test]
fn a_qr_code_to_take_home_shows_only_where_there_is_an_address_and_room() {
    let linked = load_library(Some(std::path::Path::new("tests/fixtures/linked"))).unwrap();
    let app = model_of(linked, 160, 50);
    let k = Kiosk::new(app, config(), t0(), None);
    assert_eq!(
        k.take_home_url(),
        Some("https://example.jp/articles/linked")
    );
    let (rows, at) = k
        .qr_placement(Rect::new(0, 0, 160, 50))
        .expect("room at 160x50");
    assert_eq!(usize::from(at.height), rows.len());
    assert!(
        k.qr_placement(Rect::new(0, 0, 100, 30)).is_none(),
        "no room beside the text at 100x30"
    );
    // The bundled article has no address: no code.
    let k = kiosk(160, 50);
    assert!(k.take_home_url().is_none());
    assert!(k.qr_placement(Rect::new(0, 0, 160, 50)).is_none());
}

/// The whole screen `draw` makes at `w`x`h`, a row a line, a wide
/// character once.
fn drawn(w: u16, h: u16, draw: &dyn Fn(&mut ratatui::Frame)) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| draw(f)).unwrap();
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut skip = false;
        for x in 0..w {
            let sym = buf[(x, y)].symbol();
            if !std::mem::take(&mut skip) {
                out.push_str(sym);
                skip = unicode_width::UnicodeWidthStr::width(sym) == 2;
            }
        }
        out.truncate(out.trim_end_matches(' ').len());
        out.push('\n');
    }
    out
}

#[test]
fn the_kiosk_offers_no_quit_key_and_no_keyboard_hints() {
    let mut k = kiosk(200, 40);
    let idle = drawn(200, 40, &|f| k.view(f));
    tap(&mut k, 100, 20);
    let reading = drawn(200, 40, &|f| k.view(f));
    let reader = model(200, 40);
    let reader_screen = drawn(200, 40, &|f| reader::tui::view(&reader, f));
    assert!(reader_screen.contains("q 終了") && reader_screen.contains("Tab"));
    for screen in [&idle, &reading] {
        for hint in ["終了", "Tab", "/ 検索", "? ヘルプ", "Enter"] {
            assert!(!screen.contains(hint), "{hint} in\n{screen}");
        }
    }
    assert!(reading.contains("医院のご案内") && reading.contains("次のページ"));
    let help = |m: &reader::tui::Model| -> Vec<String> {
        m.help_lines().iter().map(|l| l.text()).collect()
    };
    assert!(help(&reader).iter().any(|l| l.contains("終了")));
    assert!(!help(k.app()).iter().any(|l| l.contains("終了")));
}

fn mouse(k: &mut Kiosk, kind: MouseEventKind, column: u16, row: u16) -> bool {
    k.update(Msg::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }))
}

/// A finger touching the screen at one cell and lifting.
fn tap(k: &mut Kiosk, column: u16, row: u16) {
    mouse(k, MouseEventKind::Down(MouseButton::Left), column, row);
    mouse(k, MouseEventKind::Up(MouseButton::Left), column, row);
}

/// The middle of the touch target `target`.
fn center_of(k: &Kiosk, target: Target) -> (u16, u16) {
    let (r, _) = k
        .targets()
        .into_iter()
        .find(|&(_, t)| t == target)
        .unwrap_or_else(|| panic!("no {target:?} on screen"));
    (r.x + r.width / 2, r.y + r.height / 2)
}

fn touch(k: &mut Kiosk, target: Target) {
    let (x, y) = center_of(k, target);
    tap(k, x, y);
}

#[test]
fn touch_alone_reaches_every_screen() {
    for (w, h) in [(80, 24), (120, 40), (240, 70)] {
        let mut k = kiosk(w, h);
        assert!(k.targets().is_empty(), "the idle screen is one big target");
        tap(&mut k, w / 2, h / 2);
        assert!(!k.attract());
        assert_eq!(k.page(), Page::Item(0), "the loop stops where it was");
        touch(&mut k, Target::Outline);
        assert_eq!(k.page(), Page::Outline);
        for item in 0..k.app().items().len() {
            // Entries further down come into reach by paging the outline.
            while !k.targets().iter().any(|&(_, t)| t == Target::Item(item)) {
                touch(&mut k, Target::NextPage);
            }
            touch(&mut k, Target::Item(item));
            assert_eq!(k.page(), Page::Item(item), "{w}x{h}");
            assert_eq!(k.app().selected(), item);
            let before = k.app().scroll(item);
            touch(&mut k, Target::NextPage);
            if k.app().max_scroll(item) > 0 {
                assert!(
                    k.app().scroll(item) > before,
                    "item {item} pages at {w}x{h}"
                );
                touch(&mut k, Target::PrevPage);
                assert_eq!(k.app().scroll(item), before);
            }
            touch(&mut k, Target::Back);
            assert_eq!(k.page(), Page::Outline);
        }
        touch(&mut k, Target::Clinic);
        assert_eq!(k.page(), Page::Clinic);
        assert_eq!(k.app().screen(), Screen::Clinic);
        touch(&mut k, Target::NextPage);
        assert!(k.app().clinic_scroll() > 0 || k.app().clinic_max_scroll() == 0);
        touch(&mut k, Target::Back);
        assert_eq!(k.page(), Page::Outline);
        assert!(!k.done());
    }
}

#[test]
fn dragging_and_the_wheel_scroll_and_a_drag_presses_nothing() {
    let mut k = kiosk(80, 24);
    tap(&mut k, 40, 12);
    touch(&mut k, Target::Outline);
    touch(&mut k, Target::Item(3));
    let (x, y) = (40, 15);
    mouse(&mut k, MouseEventKind::Down(MouseButton::Left), x, y);
    mouse(&mut k, MouseEventKind::Drag(MouseButton::Left), x, y - 2);
    mouse(&mut k, MouseEventKind::Drag(MouseButton::Left), x, y - 5);
    mouse(&mut k, MouseEventKind::Up(MouseButton::Left), x, y - 5);
    assert_eq!(k.app().scroll(3), 5, "the text follows the finger");
    assert_eq!(k.page(), Page::Item(3));
    mouse(&mut k, MouseEventKind::ScrollUp, x, y);
    assert_eq!(k.app().scroll(3), 2);
    // A drag that starts on a button does not press it.
    let (bx, by) = center_of(&k, Target::Clinic);
    mouse(&mut k, MouseEventKind::Down(MouseButton::Left), bx, by);
    mouse(&mut k, MouseEventKind::Drag(MouseButton::Left), bx, by - 3);
    mouse(&mut k, MouseEventKind::Up(MouseButton::Left), bx, by - 3);
    assert_eq!(k.page(), Page::Item(3));
}

#[test]
fn only_a_real_touch_ends_the_loop() {
    let mut k = kiosk(80, 24);
    assert!(!mouse(&mut k, MouseEventKind::Moved, 10, 10));
    assert!(k.attract(), "a pointer passing over is not a touch");
    mouse(&mut k, MouseEventKind::Down(MouseButton::Left), 10, 10);
    assert!(!k.attract());
    mouse(&mut k, MouseEventKind::Up(MouseButton::Left), 10, 10);
    assert_eq!(
        k.page(),
        Page::Item(0),
        "the lift of the first touch presses nothing"
    );
}

#[test]
fn kiosk_screens() {
    for (w, h) in [(80, 24), (120, 40), (240, 70)] {
        let mut k = kiosk(w, h);
        insta::assert_snapshot!(format!("idle_{w}x{h}"), drawn(w, h, &|f| k.view(f)));
        tap(&mut k, 1, 1);
        touch(&mut k, Target::Outline);
        insta::assert_snapshot!(format!("outline_{w}x{h}"), drawn(w, h, &|f| k.view(f)));
        touch(&mut k, Target::Item(2));
        insta::assert_snapshot!(format!("reading_{w}x{h}"), drawn(w, h, &|f| k.view(f)));
        touch(&mut k, Target::Clinic);
        let clinic = drawn(w, h, &|f| k.view(f));
        // The header says the status; the page below does not say it again.
        assert_eq!(
            clinic.matches("受付中 (〜13:00まで)").count(),
            1,
            "{clinic}"
        );
        insta::assert_snapshot!(format!("clinic_{w}x{h}"), clinic);
    }
}

/// Everything a patient can change on the reader, as a value.
fn session(k: &Kiosk) -> String {
    let a = k.app();
    let scrolls: Vec<usize> = (0..a.items().len()).map(|i| a.scroll(i)).collect();
    format!(
        "{:?} {:?} {} {scrolls:?} {} {} {:?} {:?} {}",
        a.screen(),
        a.focus(),
        a.selected(),
        a.outline_scroll(),
        a.clinic_scroll(),
        a.help(),
        a.search(),
        a.month(),
    )
}

#[test]
fn a_session_leaves_nothing_behind_for_the_next_patient() {
    let fresh = kiosk(60, 20);
    let mut k = kiosk(60, 20);
    let mut now = t0();
    press(&mut k, KeyCode::Char('j'), KeyModifiers::NONE);
    for c in "3jjj/手術".chars() {
        press(&mut k, KeyCode::Char(c), KeyModifiers::NONE);
    }
    press(&mut k, KeyCode::Enter, KeyModifiers::NONE);
    press(&mut k, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut k, KeyCode::Char('c'), KeyModifiers::NONE);
    press(&mut k, KeyCode::Right, KeyModifiers::NONE);
    press(&mut k, KeyCode::PageDown, KeyModifiers::NONE);
    press(&mut k, KeyCode::Char('?'), KeyModifiers::NONE);
    assert_ne!(session(&k), session(&fresh), "the patient changed things");
    run_until(&mut k, &mut now, t0() + 90, |_, _| {});
    assert!(k.attract());
    assert_eq!(session(&k), session(&fresh));
}

#[test]
fn a_stray_dot_file_or_a_reload_leaves_a_reading_patient_where_they_are() {
    let dir = std::env::temp_dir().join(format!("reader-kiosk-stay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["revision-surgery.md", "clinic.toml"] {
        std::fs::copy(format!("articles/{name}"), dir.join(name)).unwrap();
    }
    let requested = Arc::new(AtomicBool::new(false));
    let app = model_of(load_library(Some(&dir)).unwrap(), 80, 24);
    let mut k = Kiosk::new(
        app,
        config(),
        t0(),
        Some(Source::new(dir.clone(), Arc::clone(&requested))),
    );
    tap(&mut k, 40, 12);
    touch(&mut k, Target::Outline);
    touch(&mut k, Target::Item(3));
    touch(&mut k, Target::NextPage);
    let (page, top) = (k.page(), k.app().scroll(3));
    assert!(top > 0);

    std::fs::write(
        dir.join(".revision-surgery.md.swp"),
        "an editor's swap file",
    )
    .unwrap();
    std::fs::write(dir.join("revision-surgery.md~"), "a backup").unwrap();
    assert!(!reloaded(&mut k), "dot-files and backups are not content");
    assert_eq!((k.page(), k.app().scroll(3)), (page, top));

    let text = std::fs::read_to_string(dir.join("revision-surgery.md")).unwrap();
    std::fs::write(
        dir.join("revision-surgery.md"),
        text.replace("再手術について", "再手術について（改訂）"),
    )
    .unwrap();
    assert!(reloaded(&mut k));
    assert!(
        k.app().article().title.contains("改訂"),
        "the new text shows"
    );
    assert_eq!(k.page(), page, "on the same page");
    assert_eq!(k.app().scroll(3), top, "at the same line");
    assert!(!k.attract());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn back_returns_to_the_line_the_patient_left() {
    let mut k = kiosk(80, 24);
    tap(&mut k, 40, 12);
    touch(&mut k, Target::Outline);
    touch(&mut k, Target::Item(3));
    touch(&mut k, Target::NextPage);
    let line = k.app().scroll(3);
    assert!(line > 0);
    touch(&mut k, Target::Clinic);
    touch(&mut k, Target::Back);
    assert_eq!(k.page(), Page::Item(3));
    assert_eq!(k.app().scroll(3), line, "where the patient left it");
}

#[test]
fn the_idle_screen_never_cuts_its_name_status_or_next_opening() {
    for (w, h) in [
        (40, 16),
        (60, 20),
        (80, 24),
        (100, 30),
        (120, 40),
        (240, 70),
    ] {
        let k = kiosk(w, h);
        let screen = drawn(w, h, &|f| k.view(f));
        for whole in [
            "ひ ま わ り 接 骨 院",
            "再手術について:慢性腰痛",
            "記事 1件",
            "受付中 (〜13:00まで)",
            "次の受付: 2月12日（木）15:00",
        ] {
            assert!(screen.contains(whole), "{w}x{h}: {whole}\n{screen}");
        }
    }
}

#[test]
fn narrow_buttons_take_their_short_words() {
    let mut k = kiosk(60, 20);
    tap(&mut k, 30, 10);
    let screen = drawn(60, 20, &|f| k.view(f));
    assert!(screen.contains("医院案内"), "{screen}");
    assert!(!screen.contains("医院のご案"), "no word cut: {screen}");
}

/// The frame the kiosk draws at its size.
fn frame(k: &Kiosk) -> ratatui::buffer::Buffer {
    let area = k.app().area();
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(area.width, area.height))
            .unwrap();
    terminal.draw(|f| k.view(f)).unwrap().buffer.clone()
}

/// Row `y` of `buf` between `from` and `to`, a wide character once.
fn row_text(buf: &ratatui::buffer::Buffer, y: u16, from: u16, to: u16) -> String {
    let mut out = String::new();
    let mut skip = false;
    for x in from..to {
        let sym = buf[(x, y)].symbol();
        if !std::mem::take(&mut skip) {
            out.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym) == 2;
        }
    }
    out
}

/// What the page buttons say on screen: the counter on 次のページ (none
/// for a one-page text), and whether each of the two is drawn live (in the
/// bar's colours) rather than dim.
fn page_buttons(k: &Kiosk, buf: &ratatui::buffer::Buffer) -> (Option<(usize, usize)>, bool, bool) {
    let rect = |target| {
        k.targets()
            .into_iter()
            .find(|&(_, t)| t == target)
            .map(|(r, _)| r)
            .unwrap()
    };
    let bar = k.app().settings().theme.bar();
    let live = |r: ratatui::layout::Rect| buf[(r.x + 1, r.y + r.height / 2)].style().bg == bar.bg;
    let (prev, next) = (rect(Target::PrevPage), rect(Target::NextPage));
    let bottom = row_text(buf, next.bottom() - 1, next.x, next.right());
    let counter = bottom
        .trim_matches(|c: char| !c.is_ascii_digit())
        .split_once('/')
        .map(|(n, m)| (n.parse().unwrap(), m.parse().unwrap()));
    (counter, live(prev), live(next))
}

/// After every event the counter, the buttons and the lines on screen agree.
fn assert_position_agrees(k: &Kiosk, item: usize, what: &str) {
    let buf = frame(k);
    let lines = &k.app().layout(item).unwrap().lines;
    let column = k.app().answer_area();
    let top = k.app().scroll(item);
    let height = usize::from(column.height);
    // The text shown is the text from the top line on, to the page's end
    // (a page ends before a heading kept with its next line), then nothing.
    let shown = k.app().item_scroll(item).shown().min(height);
    assert!(shown >= 1, "{what}: a page shows a line at least");
    for row in 0..height {
        let on_screen = row_text(&buf, column.y + row as u16, column.x, column.right());
        let expected = lines
            .get(top + row)
            .filter(|_| row < shown)
            .map_or(String::new(), |l| l.text());
        assert_eq!(
            on_screen.trim_end(),
            expected.trim_end(),
            "{what}: row {row}"
        );
    }
    let below = top + shown < lines.len();
    let (counter, prev, next) = page_buttons(k, &buf);
    assert_eq!(next, below, "{what}: 次のページ live while a line is below");
    assert_eq!(
        prev,
        top > 0,
        "{what}: 前のページ live while a line is above"
    );
    let (current, count) = counter.unwrap_or((1, 1));
    assert_eq!(current == count, !below, "{what}: the last page is the end");
    assert!(
        current >= 1 && current <= count,
        "{what}: {current}/{count}"
    );
    if top == 0 {
        assert_eq!(current, 1, "{what}: the first page at the top");
    }
}

#[test]
fn the_page_counter_and_buttons_follow_every_scroll() {
    for (w, h) in [(80, 24), (120, 40), (240, 70)] {
        let mut k = kiosk(w, h);
        tap(&mut k, w / 2, h / 2);
        // The longest item that is read, not touched (用語's terms are
        // buttons, which a tap in the walk would press).
        let item = (0..k.app().items().len())
            .filter(|&i| k.app().items()[i] != reader::content::Item::Terms)
            .max_by_key(|&i| k.app().layout(i).unwrap().lines.len())
            .unwrap();
        touch(&mut k, Target::Outline);
        while !k.targets().iter().any(|&(_, t)| t == Target::Item(item)) {
            touch(&mut k, Target::NextPage);
        }
        touch(&mut k, Target::Item(item));
        assert!(k.app().max_scroll(item) > 0, "{w}x{h}: item {item} pages");
        let mut rng = fastrand::Rng::with_seed(u64::from(w));
        let column = k.app().answer_area();
        let (x, y) = (column.x + column.width / 2, column.y + column.height / 2);
        for step in 0..120 {
            let what = match rng.u8(..6) {
                // The screen changes size (rotated, or the compositor
                // restarts) and comes back: the counter follows.
                5 => {
                    let (rw, rh) = *rng
                        .choice(&[(w, h), (100, 30), (90, 28), (w + 7, h + 3)])
                        .unwrap();
                    k.update(Msg::Resize(rw, rh));
                    assert_position_agrees(&k, item, &format!("{w}x{h} step {step} at {rw}x{rh}"));
                    k.update(Msg::Resize(w, h));
                    "resize and back"
                }
                0 => {
                    mouse(&mut k, MouseEventKind::ScrollDown, x, y);
                    "wheel down"
                }
                1 => {
                    mouse(&mut k, MouseEventKind::ScrollUp, x, y);
                    "wheel up"
                }
                2 => {
                    let by = rng.i16(-6..=6);
                    let to = (y as i16 + by).clamp(column.y as i16, column.bottom() as i16 - 1);
                    mouse(&mut k, MouseEventKind::Down(MouseButton::Left), x, y);
                    mouse(
                        &mut k,
                        MouseEventKind::Drag(MouseButton::Left),
                        x,
                        to as u16,
                    );
                    mouse(&mut k, MouseEventKind::Up(MouseButton::Left), x, to as u16);
                    "drag"
                }
                3 => {
                    touch(&mut k, Target::NextPage);
                    "次のページ"
                }
                _ => {
                    touch(&mut k, Target::PrevPage);
                    "前のページ"
                }
            };
            assert_eq!(k.page(), Page::Item(item));
            let what = format!("{w}x{h} step {step} {what}");
            assert_position_agrees(&k, item, &what);
            // Now and then: as many taps on 次のページ reach the end as the
            // counter says pages are left.
            if step % 10 == 9 {
                let (counter, _, _) = page_buttons(&k, &frame(&k));
                let (current, count) = counter.unwrap();
                let mut taps = 0;
                while page_buttons(&k, &frame(&k)).2 {
                    touch(&mut k, Target::NextPage);
                    taps += 1;
                }
                assert_eq!(taps, count - current, "{what}: at {current}/{count}");
            }
        }
    }
}

#[test]
fn paging_forward_then_back_shows_the_same_pages() {
    for (w, h) in [(80, 24), (120, 40), (240, 70)] {
        let mut k = kiosk(w, h);
        tap(&mut k, w / 2, h / 2);
        for item in 0..k.app().items().len() {
            k.act(Target::Item(item));
            // After a wheel step, from somewhere between two pages.
            mouse(&mut k, MouseEventKind::ScrollDown, 1, 3);
            let mut forward = vec![k.app().scroll(item)];
            loop {
                touch(&mut k, Target::NextPage);
                let top = k.app().scroll(item);
                if Some(&top) == forward.last() {
                    break;
                }
                forward.push(top);
            }
            let mut back = vec![*forward.last().unwrap()];
            while back.len() < forward.len() {
                touch(&mut k, Target::PrevPage);
                back.push(k.app().scroll(item));
            }
            back.reverse();
            assert_eq!(back[1..], forward[1..], "{w}x{h} item {item}");
            touch(&mut k, Target::PrevPage);
            assert_eq!(
                k.app().scroll(item),
                0,
                "{w}x{h} item {item}: back at the top"
            );
        }
    }
}

#[test]
fn outline_pages_show_only_whole_buttons_and_every_entry() {
    for (w, h) in [
        (80, 24),
        (100, 30),
        (120, 40),
        (160, 45),
        (200, 60),
        (240, 70),
    ] {
        let mut k = kiosk(w, h);
        tap(&mut k, w / 2, h / 2);
        touch(&mut k, Target::Outline);
        let mut seen = std::collections::BTreeSet::new();
        let face = k.app().settings().theme.selected(false);
        loop {
            let buf = frame(&k);
            let column = k.app().answer_area();
            let boxes: Vec<_> = k
                .targets()
                .into_iter()
                .filter_map(|(r, t)| match t {
                    Target::Item(i) => Some((r, i)),
                    _ => None,
                })
                .collect();
            // Every cell in the button face is inside a whole button.
            for y in column.top()..column.bottom() {
                for x in column.left()..column.right() {
                    let inside = boxes.iter().any(|(r, _)| r.contains((x, y).into()));
                    if buf[(x, y)].style().bg == face.bg && face.bg.is_some() {
                        assert!(inside, "{w}x{h}: a cut button at {x},{y}");
                    }
                }
            }
            for (r, i) in &boxes {
                // Every line of the entry inside its button, in the middle.
                let entry = k.app().outline_entry(*i);
                assert!(
                    usize::from(r.height) >= entry.len() + 2,
                    "{w}x{h}: entry {i} whole"
                );
                let pad = (usize::from(r.height) - entry.len()) / 2;
                for (n, line) in entry.iter().enumerate() {
                    let text = row_text(&buf, r.y + (pad + n) as u16, r.x + 1, r.right());
                    assert_eq!(
                        text.trim_end(),
                        line.text().trim_end(),
                        "{w}x{h}: entry {i}"
                    );
                }
                seen.insert(*i);
            }
            // On a large screen the buttons grow into the page: no empty
            // band under them taller than a quarter of it (issue 19).
            let used = boxes.last().map_or(0, |(r, _)| r.bottom() - column.y);
            if w >= 160 && h >= 45 {
                assert!(
                    column.height - used <= column.height / 4,
                    "{w}x{h}: {used} of {} rows used",
                    column.height
                );
            }
            let before = k.app().outline_scroll();
            touch(&mut k, Target::NextPage);
            if k.app().outline_scroll() == before {
                break;
            }
        }
        assert_eq!(
            seen.len(),
            k.app().items().len(),
            "{w}x{h}: every entry on a page"
        );
    }
}

/// Whether `pixels` are painted (reversed cells, and only those) somewhere
/// in `buf`.
fn painted_somewhere(buf: &ratatui::buffer::Buffer, pixels: &[Vec<bool>]) -> bool {
    let area = buf.area;
    let (w, h) = (pixels[0].len() as u16, pixels.len() as u16);
    let reversed = |x, y| {
        buf[(x, y)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    };
    (0..=area.height.saturating_sub(h)).any(|y0| {
        (0..=area.width.saturating_sub(w)).any(|x0| {
            pixels.iter().enumerate().all(|(y, row)| {
                row.iter()
                    .enumerate()
                    .all(|(x, &on)| reversed(x0 + x as u16, y0 + y as u16) == on)
            })
        })
    })
}

#[test]
fn the_idle_screen_fills_a_large_screen_with_big_name_status_and_text() {
    // Issue 19, item 8: at 240x70 only the clock was large and the bottom
    // 40% was empty; at 160x45 the name was still small text.
    for (w, h) in [(160, 45), (200, 60), (240, 70)] {
        let k = kiosk(w, h);
        let buf = frame(&k);
        let inked = |y: u16| {
            (0..w).any(|x| {
                let c = &buf[(x, y)];
                c.symbol() != " " || c.modifier.contains(ratatui::style::Modifier::REVERSED)
            })
        };
        let mut run = 0;
        let mut longest = 0;
        for y in 0..h {
            run = if inked(y) { 0 } else { run + 1 };
            longest = longest.max(run);
        }
        assert!(longest <= h / 4, "{w}x{h}: an empty band of {longest} rows");
        // The clinic's name and the status word, each in one of the big
        // fonts, whole.
        for word in ["ひまわり接骨院", "受付中"] {
            let drawn = FONTS.iter().any(|font| {
                let pixels = word_pixels(word, font).expect("glyphs for the word");
                painted_somewhere(&buf, &pixels)
            });
            assert!(drawn, "{w}x{h}: {word} is not drawn large");
        }
        // The loop's text below them: its first lines, in the middle of
        // the column.
        let screen = drawn(w, h, &|f| k.view(f));
        assert!(
            screen.contains("初回の手術で十分な改善"),
            "{w}x{h}\n{screen}"
        );
    }
}

/// A kiosk on the generated library of three articles.
fn three(w: u16, h: u16) -> (Kiosk, tempfile::TempDir) {
    let dir = common::library::library_dir(&common::library::THREE);
    let lib = load_library(Some(dir.path())).unwrap();
    (Kiosk::new(model_of(lib, w, h), config(), t0(), None), dir)
}

/// Touches the button of `target`, paging 目次 on until it shows.
fn touch_paging(k: &mut Kiosk, target: Target) {
    for _ in 0..50 {
        if k.targets().iter().any(|&(_, t)| t == target) {
            return touch(k, target);
        }
        touch(k, Target::NextPage);
    }
    panic!("{target:?} never shows");
}

#[test]
fn touch_alone_reaches_every_article_and_walks_back() {
    for (w, h) in [(80, 24), (240, 70)] {
        let (mut k, _dir) = three(w, h);
        tap(&mut k, w / 2, h / 2);
        touch(&mut k, Target::Outline);
        assert_eq!(k.page(), Page::Library, "{w}x{h}: 目次 lists the articles");
        let entries = k.app().library_page().entries.len();
        assert_eq!(entries, 3);
        for entry in 0..entries {
            touch_paging(&mut k, Target::Article(entry));
            let article = k.app().library_page().entries[entry].article;
            assert_eq!(k.app().article_index(), article);
            assert_eq!(k.page(), Page::Outline);
            touch_paging(&mut k, Target::Item(2));
            assert_eq!(k.page(), Page::Item(2));
            // 戻る walks back: item, article, library, and stays there.
            touch(&mut k, Target::Back);
            assert_eq!(k.page(), Page::Outline, "{w}x{h}");
            touch(&mut k, Target::Back);
            assert_eq!(k.page(), Page::Library, "{w}x{h}");
            touch(&mut k, Target::Back);
            assert_eq!(k.page(), Page::Library, "{w}x{h}");
        }
        // An article's related articles are buttons of its 目次.
        touch_paging(&mut k, Target::Article(1));
        let related = (0..k.app().outline_len()).find(|&i| k.app().related_at(i).is_some());
        let related = related.expect("guide-b names related articles");
        let to = k.app().related_at(related).unwrap();
        touch_paging(&mut k, Target::Item(related));
        assert_eq!(k.app().article_index(), to);
    }
}

#[test]
fn the_loop_runs_over_the_featured_articles_or_all() {
    let (k, _dir) = three(100, 30);
    let articles = |k: &Kiosk| {
        let mut seen: Vec<usize> = (steps(k.app().library()).into_iter())
            .filter_map(|s| match s {
                Step::Item { article, .. } => Some(article),
                Step::Clinic => None,
            })
            .collect();
        seen.dedup();
        seen
    };
    assert_eq!(articles(&k), [0, 1, 2], "none featured: all");
    let mut lib = k.app().library().clone();
    lib.articles[1].featured = true;
    let k = Kiosk::new(model_of(lib, 100, 30), config(), t0(), None);
    assert_eq!(articles(&k), [1], "the featured only");
    assert_eq!(steps(k.app().library()).last(), Some(&Step::Clinic));
}

#[test]
fn the_loop_shows_each_articles_title_as_it_runs() {
    let (mut k, _dir) = three(100, 30);
    let mut now = t0();
    let mut titles = Vec::new();
    run_until(&mut k, &mut now, t0() + 3000, |k, _| {
        let t = k.app().article().title.clone();
        if titles.last() != Some(&t) {
            titles.push(t);
        }
    });
    assert!(titles.len() >= 3, "{titles:?}");
}

#[test]
fn a_notice_about_an_article_opens_it_by_touch() {
    let dir = common::library::library_dir(&common::library::THREE);
    common::library::write_clinic_with_notice_for(dir.path(), "other-c");
    let lib = load_library(Some(dir.path())).unwrap();
    for (w, h) in [(80, 24), (240, 70)] {
        let mut k = Kiosk::new(model_of(lib.clone(), w, h), config(), t0(), None);
        tap(&mut k, w / 2, h / 2);
        touch(&mut k, Target::Clinic);
        for _ in 0..40 {
            if k.targets().iter().any(|&(_, t)| t == Target::Notice(0)) {
                break;
            }
            touch(&mut k, Target::NextPage);
        }
        touch(&mut k, Target::Notice(0));
        assert_eq!(k.app().article().slug, "other-c", "{w}x{h}");
        assert_eq!(k.page(), Page::Outline);
    }
}

#[test]
fn a_reload_keeps_a_patient_where_they_are_in_the_library_and_in_an_article() {
    let (mut k, dir) = three(80, 24);
    tap(&mut k, 40, 12);
    touch(&mut k, Target::Outline);
    touch(&mut k, Target::NextPage);
    let (page, scroll) = (k.page(), k.app().library_scroll());
    assert_eq!(page, Page::Library);
    let reload = |k: &mut Kiosk| {
        // The same files, one article's title changed, read again.
        common::library::write_article(
            dir.path(),
            &common::library::Spec {
                title: "再手術について:改",
                ..common::library::THREE[2]
            },
            "",
            |b| b.to_string(),
        );
        reader::kiosk::reload::apply(k, load_library(Some(dir.path())));
    };
    reload(&mut k);
    assert_eq!((k.page(), k.app().library_scroll()), (page, scroll));
    touch_paging(&mut k, Target::Article(2));
    touch_paging(&mut k, Target::Item(3));
    touch(&mut k, Target::NextPage);
    let (slug, line) = (k.app().article().slug.clone(), k.app().scroll(3));
    assert!(line > 0);
    reload(&mut k);
    assert_eq!(k.page(), Page::Item(3));
    assert_eq!(
        (k.app().article().slug.clone(), k.app().scroll(3)),
        (slug, line)
    );
}

#[test]
fn the_idle_screen_says_how_many_articles_the_library_holds() {
    // Issue 20: 「記事 12件」, for a patient to know there is more to touch.
    let dir = common::library::library_dir(&common::library::THREE);
    for (w, h) in [(40, 16), (80, 24), (160, 45), (240, 70)] {
        let lib = load_library(Some(dir.path())).unwrap();
        let k = Kiosk::new(model_of(lib, w, h), config(), t0(), None);
        let screen = drawn(w, h, &|f| k.view(f));
        assert!(screen.contains("記事 3件"), "{w}x{h}\n{screen}");
    }
}

/// A kiosk on the fixture of the bundled article's sentences with readings
/// (腰椎 and 根性痛 by [[terms]], 軸性疼痛 inline).
fn ruby_kiosk(w: u16, h: u16) -> Kiosk {
    let library = load_library(Some(std::path::Path::new("tests/fixtures/ruby"))).unwrap();
    Kiosk::new(model_of(library, w, h), config(), t0(), None)
}

/// Ruby rows among the lines of the item read.
fn ruby_rows(k: &Kiosk) -> usize {
    let Page::Item(i) = k.page() else {
        panic!("not reading: {:?}", k.page())
    };
    k.app()
        .layout(i)
        .unwrap()
        .lines
        .iter()
        .filter(|l| l.ruby)
        .count()
}

#[test]
fn the_furigana_button_turns_readings_off_and_on_and_a_new_patient_gets_them_back() {
    let mut k = ruby_kiosk(80, 24);
    tap(&mut k, 40, 12);
    assert_eq!(k.page(), Page::Item(0));
    let lit = |k: &Kiosk| {
        let (r, _) = k
            .targets()
            .into_iter()
            .find(|&(_, t)| t == Target::Furigana)
            .unwrap();
        frame(k)[(r.x + r.width / 2, r.y + 1)].style().bg
    };
    let on = lit(&k);
    assert!(ruby_rows(&k) > 0, "腰椎 read above it in the summary");
    touch(&mut k, Target::Furigana);
    assert_eq!(ruby_rows(&k), 0);
    assert_ne!(lit(&k), on, "the button is lit only while readings show");
    touch(&mut k, Target::Furigana);
    assert!(ruby_rows(&k) > 0);
    assert_eq!(lit(&k), on);
    // Off for this patient; the next finds them on.
    touch(&mut k, Target::Furigana);
    let idle = t0() + i64::try_from(config().idle_timeout).unwrap();
    k.update(Msg::Clock(idle));
    assert!(k.attract());
    tap(&mut k, 40, 12);
    assert!(ruby_rows(&k) > 0, "a new patient sees readings again");
}

#[test]
fn every_button_shows_a_whole_word_at_every_size() {
    for (w, h) in [
        (40, 16),
        (60, 20),
        (80, 24),
        (120, 40),
        (160, 45),
        (240, 70),
    ] {
        let mut k = kiosk(w, h);
        tap(&mut k, w / 2, h / 2);
        let buf = frame(&k);
        let words = [
            "前のページ",
            "前へ",
            "次のページ",
            "次へ",
            "目次",
            "医院のご案内",
            "医院案内",
            "医院",
            "戻る",
            "ふりがな",
            "かな",
        ];
        for (r, t) in k.targets() {
            let label = row_text(&buf, r.y + r.height / 2, r.x + 1, r.right() - 1);
            let label = label.trim();
            assert!(words.contains(&label), "{w}x{h}: {t:?} shows {label:?}");
        }
    }
}

#[test]
fn the_kiosks_glossary_lists_terms_as_buttons_that_go_to_their_use() {
    for (w, h) in [(80, 24), (240, 70)] {
        let mut k = kiosk(w, h);
        tap(&mut k, w / 2, h / 2);
        touch(&mut k, Target::Outline);
        let terms = k
            .app()
            .items()
            .iter()
            .position(|&i| i == reader::content::Item::Terms)
            .unwrap();
        touch_paging(&mut k, Target::Item(terms));
        assert_eq!(k.page(), Page::Item(terms));
        if (w, h) == (80, 24) {
            insta::assert_snapshot!("glossary_80x24", drawn(w, h, &|f| k.view(f)));
        }
        let first = k.targets().iter().find_map(|&(_, t)| match t {
            Target::Term(n) => Some(n),
            _ => None,
        });
        let n = first.expect("terms are buttons");
        let term = k.app().article().terms[n].term.clone();
        touch(&mut k, Target::Term(n));
        let used = k.app().article().uses(&term)[0];
        let Page::Item(i) = k.page() else {
            panic!("{w}x{h}: not reading")
        };
        assert_eq!(k.app().items()[i], used, "{w}x{h}: {term}'s first use");
        touch(&mut k, Target::Back);
        assert_eq!(k.page(), Page::Item(terms), "戻る: back to 用語");
    }
}
