//! Script mode: the article (or the list) as text, Markdown or JSON.

pub mod clinic;
pub mod json;
pub mod markdown;
pub mod text;
