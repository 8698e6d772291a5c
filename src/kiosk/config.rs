//! Kiosk settings: a TOML file (`--config PATH`, else the XDG config dir),
//! with command-line flags overriding it.

use serde::Deserialize;
use toml::Spanned;

use crate::content::diagnostic::{Diagnostic, SourceMap};
use crate::tui::keymap::Key;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskConfig {
    /// Shortest and longest time a loop step shows, in seconds.
    pub dwell_min: u64,
    pub dwell_max: u64,
    /// Seconds without input before the kiosk returns to its loop.
    pub idle_timeout: u64,
    /// Keys that end the kiosk, in order; empty: only a signal ends it.
    pub exit_sequence: Vec<Key>,
    pub high_contrast: bool,
}

impl Default for KioskConfig {
    fn default() -> Self {
        KioskConfig {
            dwell_min: 15,
            dwell_max: 90,
            idle_timeout: 90,
            exit_sequence: Vec::new(),
            high_contrast: false,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    dwell_min: Option<u64>,
    dwell_max: Option<u64>,
    idle_timeout: Option<u64>,
    #[serde(default)]
    exit_sequence: Vec<Spanned<String>>,
    theme: Option<Spanned<String>>,
}

/// A key as the config names it: `q`, `ctrl-x`, `f12`, `esc`, `enter`, `tab`.
pub fn parse_key(name: &str) -> Option<Key> {
    use crossterm::event::KeyCode;
    let lower = name.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("ctrl-") {
        let mut chars = rest.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_alphabetic() => Some(Key {
                code: KeyCode::Char(c),
                ctrl: true,
            }),
            _ => None,
        };
    }
    let code = match lower.as_str() {
        "esc" => KeyCode::Esc,
        "enter" => KeyCode::Enter,
        "tab" => KeyCode::Tab,
        "space" => KeyCode::Char(' '),
        f if f.starts_with('f') && f.len() > 1 => {
            KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
        }
        _ => {
            let mut chars = name.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => KeyCode::Char(c),
                _ => return None,
            }
        }
    };
    Some(Key { code, ctrl: false })
}

pub fn parse_config(path: &str, text: &str) -> Result<KioskConfig, Vec<Diagnostic>> {
    let map = SourceMap::new(path, text);
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        vec![map.at(
            e.span().map_or(0, |s| s.start),
            e.message().trim().replace('\n', " "),
        )]
    })?;
    let mut problems = Vec::new();
    let d = KioskConfig::default();
    let mut config = KioskConfig {
        dwell_min: raw.dwell_min.unwrap_or(d.dwell_min),
        dwell_max: raw.dwell_max.unwrap_or(d.dwell_max),
        idle_timeout: raw.idle_timeout.unwrap_or(d.idle_timeout),
        ..d
    };
    for k in &raw.exit_sequence {
        match parse_key(k.get_ref()) {
            Some(key) => config.exit_sequence.push(key),
            None => problems.push(map.at(
                k.span().start,
                format!("unknown key “{}”: expected a character, ctrl-X, f1–f12, esc, enter, tab or space", k.get_ref()),
            )),
        }
    }
    if let Some(theme) = &raw.theme {
        match theme.get_ref().as_str() {
            "default" => {}
            "high-contrast" => config.high_contrast = true,
            other => problems.push(map.at(
                theme.span().start,
                format!("unknown theme “{other}”: expected default or high-contrast"),
            )),
        }
    }
    if let Err(message) = config.validate() {
        problems.push(map.at(0, message));
    }
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

impl KioskConfig {
    /// The longest dwell or idle timeout: a day. Longer means "never" in
    /// practice, and a bound keeps `now + seconds` far from overflow (a
    /// timeout of 2⁶⁴−1 wrapped negative and the loop resumed after every key).
    pub const MAX_SECONDS: u64 = 86_400;

    pub fn validate(&self) -> Result<(), String> {
        let max = Self::MAX_SECONDS;
        if self.dwell_min == 0 || self.dwell_min > self.dwell_max || self.dwell_max > max {
            return Err(format!(
                "dwell_min {} and dwell_max {}: expected 0 < dwell_min ≤ dwell_max ≤ {max} (seconds)",
                self.dwell_min, self.dwell_max
            ));
        }
        if self.idle_timeout == 0 || self.idle_timeout > max {
            return Err(format!(
                "idle_timeout {}: expected 1–{max} seconds",
                self.idle_timeout
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyCode;

    #[test]
    fn parses_a_full_config() {
        let c = parse_config(
            "k.toml",
            "dwell_min = 10\ndwell_max = 60\nidle_timeout = 30\ntheme = \"high-contrast\"\nexit_sequence = [\"ctrl-x\", \"F12\", \"q\"]\n",
        )
        .unwrap();
        assert_eq!((c.dwell_min, c.dwell_max, c.idle_timeout), (10, 60, 30));
        assert!(c.high_contrast);
        assert_eq!(
            c.exit_sequence[0],
            Key {
                code: KeyCode::Char('x'),
                ctrl: true
            }
        );
        assert_eq!(c.exit_sequence[1].code, KeyCode::F(12));
    }

    #[test]
    fn defaults_have_no_exit_sequence() {
        let c = parse_config("k.toml", "").unwrap();
        assert!(c.exit_sequence.is_empty());
        assert_eq!(c.idle_timeout, 90);
    }

    #[test]
    fn bad_values_are_reported_with_positions() {
        let errs =
            parse_config("k.toml", "exit_sequence = [\"ctrl-\"]\ntheme = \"pink\"\n").unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!((errs[0].line, errs[0].column), (1, 18));
        assert!(errs[1].message.contains("unknown theme"));
        let errs = parse_config("k.toml", "dwell_min = 100\ndwell_max = 10\n").unwrap_err();
        assert!(errs[0].message.contains("dwell_min"));
    }

    #[test]
    fn seconds_are_range_checked() {
        // Issue 8, item 8: an idle timeout of 2⁶⁴−1 wrapped when added to the clock.
        for text in [
            "idle_timeout = 86401\n",
            "idle_timeout = 0\n",
            "dwell_max = 86401\n",
            "dwell_min = 0\n",
        ] {
            let errs = parse_config("k.toml", text).unwrap_err();
            assert!(errs[0].message.contains("expected"), "{text}: {errs:?}");
        }
        let c = parse_config("k.toml", "idle_timeout = 86400\ndwell_max = 86400\n").unwrap();
        assert_eq!((c.idle_timeout, c.dwell_max), (86_400, 86_400));
        // TOML integers are i64: a larger value is a parse error with a position.
        assert!(parse_config("k.toml", "idle_timeout = 18446744073709551615\n").is_err());
    }
}
