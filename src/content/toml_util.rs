//! Shared pieces for reading TOML content with positions.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, SourceMap};
use crate::calendar::date::Date;

/// A value whose position we keep for error messages.
pub type Field = Spanned<toml::Value>;

/// The longest string a content file's TOML may hold, in characters: its
/// values are names, dates, citations and addresses, never running text,
/// and a longer one (a 250 kB DOI) cost memory in every output.
pub const MAX_STRING: usize = 2048;

/// Parses `text` (TOML starting at `base` in the file) into `T`, refusing
/// every string longer than [`MAX_STRING`] at its position, before any of
/// it is used.
pub fn parse_capped<T: serde::de::DeserializeOwned>(
    map: &SourceMap,
    base: usize,
    text: &str,
) -> Result<T, Vec<Diagnostic>> {
    let table = DeTable::parse(text).map_err(|e| vec![toml_error(map, base, &e)])?;
    let mut long = Vec::new();
    for (_, value) in table.get_ref().iter() {
        too_long(value, &mut long);
    }
    if !long.is_empty() {
        return Err(long
            .into_iter()
            .map(|(at, chars)| {
                map.at(
                    base + at,
                    format!("a string of {chars} characters: expected at most {MAX_STRING}"),
                )
            })
            .collect());
    }
    T::deserialize(toml::de::Deserializer::from(table)).map_err(|e| vec![toml_error(map, base, &e)])
}

/// Where each string longer than [`MAX_STRING`] starts, and its length.
fn too_long(value: &Spanned<DeValue>, out: &mut Vec<(usize, usize)>) {
    match value.get_ref() {
        DeValue::String(s) => {
            let chars = s.chars().count();
            if chars > MAX_STRING {
                out.push((value.span().start, chars));
            }
        }
        DeValue::Array(items) => items.iter().for_each(|v| too_long(v, out)),
        DeValue::Table(table) => table.iter().for_each(|(_, v)| too_long(v, out)),
        _ => {}
    }
}

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
