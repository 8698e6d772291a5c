//! Shared pieces for reading TOML content with positions.

use toml::Spanned;

use super::diagnostic::{Diagnostic, SourceMap};
use crate::calendar::date::Date;

/// A value whose position we keep for error messages.
pub type Field = Spanned<toml::Value>;

/// A TOML error at its position in the file (`base` is where the TOML starts).
pub fn toml_error(map: &SourceMap, base: usize, err: &toml::de::Error) -> Diagnostic {
    let offset = base + err.span().map_or(0, |s| s.start);
    map.at(offset, err.message().trim().replace('\n', " "))
}

/// A date, written as a TOML date (2026-02-20) or a string ("2026-02-20").
pub fn date_field(
    map: &SourceMap,
    base: usize,
    field: &Field,
    problems: &mut Vec<Diagnostic>,
) -> Option<Date> {
    let parsed = match field.get_ref() {
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt
            .date
            .and_then(|d| Date::new(i32::from(d.year), d.month, d.day)),
        toml::Value::String(s) => Date::parse(s),
        _ => None,
    };
    if parsed.is_none() {
        problems.push(map.at(
            base + field.span().start,
            format!(
                "invalid date {}: expected a calendar date YYYY-MM-DD",
                field.get_ref()
            ),
        ));
    }
    parsed
}
