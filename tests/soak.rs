//! Issue 8's soak: random input through the reader and the kiosk, every
//! frame checked. Regressions it found come first.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use reader::content::load_library;
use reader::kiosk::Kiosk;
use reader::kiosk::config::KioskConfig;
use reader::kiosk::reload::Source;
use reader::tui::Msg;
use reader::tui::terminal::App;
use unicode_width::UnicodeWidthStr;

mod common;
use common::{model, model_of, t0};

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

/// Draws `app` into a terminal of its size and checks the frame.
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
