//! Plain text primitives that every layer above may use: display width and
//! sanitising. Imports nothing from the crate.

pub mod sanitize;
pub mod width;

pub use width::Ambiguous;
