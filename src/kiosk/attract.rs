//! The attract loop's timing, as pure functions of seconds: how long a step
//! dwells, how far a long answer has paged down, and when the next line is due.

/// Japanese read aloud is about 7 characters a second; a reader at a
/// reception desk needs at least that long.
const CHARS_PER_SECOND: u64 = 7;

/// Seconds to show `chars` characters, within the configured bounds.
pub fn dwell(chars: usize, min: u64, max: u64) -> u64 {
    (chars as u64 / CHARS_PER_SECOND).clamp(min, max)
}

/// The first fifth of a step stays at the top; the page then moves down
/// steadily and reaches the end at nine tenths of the dwell.
fn window(dwell: u64) -> (u64, u64) {
    (dwell / 5, (dwell * 7 / 10).max(1))
}

/// The first line to show `elapsed` seconds into a step of `dwell` seconds.
pub fn scroll_at(elapsed: u64, dwell: u64, max_scroll: usize) -> usize {
    let (start, span) = window(dwell);
    if elapsed <= start || max_scroll == 0 {
        return 0;
    }
    let moved = (elapsed - start).min(span);
    (moved * max_scroll as u64 / span) as usize
}

/// Seconds into the step when the page next moves, if it still will.
pub fn next_move(elapsed: u64, dwell: u64, max_scroll: usize) -> Option<u64> {
    let now = scroll_at(elapsed, dwell, max_scroll);
    if now >= max_scroll {
        return None;
    }
    let (start, span) = window(dwell);
    let target = (now + 1) as u64;
    // The smallest t with (t - start) * max / span ≥ target.
    let t = start + (target * span).div_ceil(max_scroll as u64);
    Some(t.max(elapsed + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn dwell_scales_with_length_within_bounds() {
        assert_eq!(dwell(70, 15, 90), 15);
        assert_eq!(dwell(350, 15, 90), 50);
        assert_eq!(dwell(7000, 15, 90), 90);
    }

    #[test]
    fn pages_down_after_a_pause_and_reaches_the_end() {
        assert_eq!(scroll_at(0, 50, 20), 0);
        assert_eq!(scroll_at(10, 50, 20), 0);
        assert_eq!(scroll_at(45, 50, 20), 20);
        assert_eq!(scroll_at(50, 50, 20), 20);
        assert!(scroll_at(25, 50, 20) > 0);
    }

    proptest! {
        #[test]
        fn next_move_is_exactly_when_the_page_moves(dwell in 1u64..200, max in 0usize..300, elapsed in 0u64..200) {
            match next_move(elapsed, dwell, max) {
                Some(t) => {
                    prop_assert!(t > elapsed);
                    prop_assert!(scroll_at(t, dwell, max) > scroll_at(elapsed, dwell, max));
                    prop_assert_eq!(scroll_at(t - 1, dwell, max), scroll_at(elapsed, dwell, max));
                }
                None => prop_assert_eq!(scroll_at(elapsed, dwell, max), max),
            }
        }
    }
}
