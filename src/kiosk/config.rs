//! Kiosk settings, as the binary merges them from the `[kiosk]` section of
//! the config file and the flags, and the key names of the exit sequence.

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
}

impl Default for KioskConfig {
    fn default() -> Self {
        KioskConfig {
            dwell_min: 15,
            dwell_max: 90,
            idle_timeout: 90,
            exit_sequence: Vec::new(),
        }
    }
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
    fn key_names_are_case_blind_and_strict() {
        assert_eq!(
            parse_key("Ctrl-X"),
            Some(Key {
                code: KeyCode::Char('x'),
                ctrl: true
            })
        );
        assert_eq!(parse_key("F12").map(|k| k.code), Some(KeyCode::F(12)));
        assert_eq!(parse_key("q").map(|k| k.code), Some(KeyCode::Char('q')));
        for bad in ["ctrl-", "ctrl-1", "f13", "qq", ""] {
            assert_eq!(parse_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn dwell_and_idle_are_range_checked() {
        // Issue 8, item 8: an idle timeout of 2⁶⁴−1 wrapped when added to the clock.
        let ok = KioskConfig::default();
        assert!(ok.validate().is_ok());
        for bad in [
            KioskConfig {
                idle_timeout: 86_401,
                ..ok.clone()
            },
            KioskConfig {
                idle_timeout: 0,
                ..ok.clone()
            },
            KioskConfig {
                dwell_max: 86_401,
                ..ok.clone()
            },
            KioskConfig {
                dwell_min: 0,
                ..ok.clone()
            },
            KioskConfig {
                dwell_min: 100,
                dwell_max: 10,
                ..ok.clone()
            },
        ] {
            assert!(bad.validate().unwrap_err().contains("expected"), "{bad:?}");
        }
    }
}
