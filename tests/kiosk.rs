//! The kiosk with an injected clock: the loop's order and timing, idle
//! return, locked keys, the exit sequence, reload, and a week of running.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

use ratatui::layout::Rect;
use reader::calendar::clock::ClinicTime;
use reader::content::load_library;
use reader::kiosk::config::{KioskConfig, parse_key};
use reader::kiosk::reload::Source;
use reader::kiosk::{Kiosk, Step, steps};
use reader::tui::Msg;
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
    match k.app.screen {
        Screen::Clinic => Step::Clinic,
        _ => Step::Item(k.app.selected),
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
    let expected: Vec<Step> = (0..7)
        .map(Step::Item)
        .chain([Step::Clinic, Step::Item(0)])
        .collect();
    assert_eq!(&seen[..9], &expected[..]);
    assert_eq!(steps(&k.app).len(), 8);
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
    let mut k = kiosk(40, 15);
    let mut now = t0();
    let mut max_seen = [0usize; 8];
    run_until(&mut k, &mut now, t0() + 330, |k, _| {
        if k.app.screen == Screen::Reader {
            let i = k.app.selected;
            max_seen[i] = max_seen[i].max(k.app.scroll[i]);
        }
    });
    assert!(max_seen[2] > 0, "question 2 paged: {max_seen:?}");
    assert!(max_seen[2] <= k.app.max_scroll(2));
}

#[test]
fn input_stops_the_loop_and_idle_returns_to_the_start() {
    let mut k = kiosk(100, 30);
    let mut now = t0();
    run_until(&mut k, &mut now, t0() + 50, |_, _| {});
    let step = current(&k);
    assert!(press(&mut k, KeyCode::Char('j'), KeyModifiers::NONE));
    assert!(!k.attract, "any key stops the loop");
    assert_eq!(current(&k), step, "where it was");
    press(&mut k, KeyCode::Char('3'), KeyModifiers::NONE);
    assert_eq!(k.app.selected, 3, "then keys work as usual");
    let touched = now;
    run_until(&mut k, &mut now, touched + 89, |k, _| assert!(!k.attract));
    assert_eq!(k.app.selected, 3);
    run_until(&mut k, &mut now, touched + 90, |_, _| {});
    assert!(k.attract, "back to the loop after 90 s");
    assert_eq!(current(&k), Step::Item(0));
    // A wheel counts as input too.
    k.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 50,
        row: 10,
        modifiers: KeyModifiers::NONE,
    }));
    assert!(!k.attract);
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
        assert!(!k.app.quit);
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

/// Wakes the kiosk until the background reload has been applied (true), or
/// there was nothing to reload (false); at most 20 s.
fn reloaded(k: &mut Kiosk) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::time::Instant::now() < deadline {
        if k.background() {
            return true;
        }
        if !k.source.as_ref().is_some_and(Source::busy) {
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
    let warning = k.warning.clone().expect("a warning");
    assert!(warning.contains("short.md:3:9:"), "{warning}");
    assert!(k.header(200).contains("更新エラー"));
    assert_eq!(k.app.article().title, "短い記事", "the old content stays");

    std::fs::write(dir.join("short.md"), good.replace("短い記事", "新しい題")).unwrap();
    assert!(reloaded(&mut k));
    assert_eq!(k.warning, None);
    assert_eq!(k.app.article().title, "新しい題");

    requested.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(reloaded(&mut k), "SIGUSR1 reloads even without a change");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_week_of_looping_keeps_memory_flat_and_sleeps_between_changes() {
    let mut k = kiosk(100, 30);
    let footprint = |k: &Kiosk| {
        let a = &k.app;
        (
            a.layouts
                .iter()
                .map(|l| l.lines.len() + l.anchors.len())
                .sum::<usize>(),
            a.outline.iter().map(Vec::len).sum::<usize>(),
            a.scroll.len(),
            a.search.hits.len(),
        )
    };
    let start = footprint(&k);
    let mut now = t0();
    let idle = run_until(&mut k, &mut now, t0() + 7 * 86_400, |_, _| {});
    assert_eq!(footprint(&k), start);
    // It wakes for loop steps, paging and the clock minute: each wake shows something new.
    assert_eq!(idle, 0, "wakes that changed nothing");
    assert_eq!(k.app.now, ClinicTime::from_unix(t0() + 7 * 86_400));
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

#[test]
fn the_kiosk_offers_no_quit_key_in_help_or_bar() {
    let k = kiosk(100, 30);
    let help: Vec<String> = reader::tui::view::help::help_lines(&k.app, 60)
        .iter()
        .map(|l| l.text())
        .collect();
    assert!(!help.iter().any(|l| l.contains("終了")), "{help:?}");
    let reader_help: Vec<String> = reader::tui::view::help::help_lines(&model(100, 30), 60)
        .iter()
        .map(|l| l.text())
        .collect();
    assert!(reader_help.iter().any(|l| l.contains("終了")));
}
