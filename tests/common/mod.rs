//! Shared by the TUI and kiosk tests: a reader on the bundled content, at a
//! size, at a fixed clinic time. Each test binary uses a part.
#![allow(dead_code)]

pub mod library;

use ratatui::layout::Rect;
use reader::calendar::clock::ClinicTime;
use reader::content::{Library, load_library};
use reader::tui::{Model, Settings};

/// 2026-02-12 (Thursday) 10:00 in Tokyo: the clinic is open.
pub fn t0() -> i64 {
    ClinicTime::parse("2026-02-12T10:00").unwrap().to_unix()
}

pub fn model_of(library: Library, w: u16, h: u16) -> Model {
    let now = ClinicTime::from_unix(t0());
    Model::new(
        library,
        None,
        Settings::default(),
        Rect::new(0, 0, w, h),
        now,
    )
}

pub fn model(w: u16, h: u16) -> Model {
    model_of(load_library(None).unwrap(), w, h)
}
