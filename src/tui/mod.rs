//! The terminal UI, in the Elm architecture: terminal events become messages
//! (keys through the keymap), `update` changes the model, `view` draws it.

pub mod keymap;
pub mod model;
pub mod panes;
pub mod scroll;
pub mod search;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;

pub use model::{Model, Settings};
pub use update::{Msg, update};
pub use view::view;
