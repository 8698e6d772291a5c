//! `reader`: the clinic's patient-education articles and clinic information,
//! laid out for terminals. The library has no terminal in it except `tui`.

pub mod calendar;
pub mod content;
pub mod kiosk;
pub mod layout;
pub mod output;
pub mod strings;
pub mod text;
pub mod tui;
