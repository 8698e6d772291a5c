//! Text layout: styled text in, lines that fit a width out. No terminal here.

pub mod breaks;
pub mod clinic;
pub mod document;
pub mod library;
pub mod phrases;
pub mod quality;
pub mod ruby;
pub mod style;
pub mod wrap;

pub use crate::text::Ambiguous;
pub use breaks::Policy;
pub use style::{Line, Role, Span, Style};
pub use wrap::{WrapOptions, wrap};
