//! `reader`: the clinic's patient-education articles and clinic information,
//! laid out for terminals.
//!
//! Layers, lowest first; each imports only those before it (checked by
//! `tests/architecture.rs`): `text`, `calendar`, `content`, `strings`,
//! `layout`, `output` have no terminal in them; `tui` and `kiosk` are the
//! screens, in the library so that tests drive them on ratatui's
//! TestBackend. Only `tui::terminal` touches a real terminal.

pub mod calendar;
pub mod content;
pub mod kiosk;
pub mod layout;
pub mod output;
pub mod strings;
pub mod text;
pub mod tui;
