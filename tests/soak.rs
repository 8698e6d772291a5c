//! Issue 8's soak: random input through the reader and the kiosk, every
//! frame checked. Regressions it found come first.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use reader::tui::Msg;
use reader::tui::terminal::App;

mod common;
use common::model;

// Regressions the soak found, each at the smallest case that showed it.

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
