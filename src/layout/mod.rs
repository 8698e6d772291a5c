//! Text layout: styled text in, lines that fit a width out. No terminal here.

pub mod breaks;
pub mod document;
pub mod sanitize;
pub mod style;
pub mod width;
pub mod wrap;

pub use breaks::Policy;
pub use style::{Line, Role, Span, Style};
pub use width::Ambiguous;
pub use wrap::{WrapOptions, wrap};
