//! The content model and its loading: articles (TOML front matter + Markdown)
//! and the clinic (TOML), with diagnostics that name file, line and column.

pub mod article;
pub mod clinic;
pub mod diagnostic;
pub mod load;
pub mod markdown;
pub mod model;
pub mod ruby;
mod toml_util;

pub use clinic::Clinic;
pub use diagnostic::Diagnostic;
pub use load::{Library, LoadError, Shelf, load_library};
pub use model::{Article, Block, Inline, Item, ListItem, Question, Reference, Term};
