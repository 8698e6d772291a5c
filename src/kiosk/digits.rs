//! Big digits for a clock read from across a room: a 3×5 pixel font, each
//! pixel drawn as coloured cells rather than block glyphs (block elements
//! are East Asian Ambiguous, and a CJK font draws them wide or broken).

/// Pixel rows of each glyph, top to bottom; `#` is ink.
fn glyph(c: char) -> Option<[&'static str; 5]> {
    Some(match c {
        '0' => ["###", "#.#", "#.#", "#.#", "###"],
        '1' => [".#.", "##.", ".#.", ".#.", "###"],
        '2' => ["###", "..#", "###", "#..", "###"],
        '3' => ["###", "..#", "###", "..#", "###"],
        '4' => ["#.#", "#.#", "###", "..#", "..#"],
        '5' => ["###", "#..", "###", "..#", "###"],
        '6' => ["###", "#..", "###", "#.#", "###"],
        '7' => ["###", "..#", "..#", "..#", "..#"],
        '8' => ["###", "#.#", "###", "#.#", "###"],
        '9' => ["###", "#.#", "###", "..#", "###"],
        ':' => [".", "#", ".", "#", "."],
        _ => return None,
    })
}

/// Rows of pixels a glyph is tall.
pub const ROWS: usize = 5;

/// The pixels of `text` (digits and colons), one column of space between
/// glyphs; other characters are left out.
pub fn pixels(text: &str) -> Vec<Vec<bool>> {
    let glyphs: Vec<[&str; 5]> = text.chars().filter_map(glyph).collect();
    (0..ROWS)
        .map(|row| {
            let mut line = Vec::new();
            for (i, g) in glyphs.iter().enumerate() {
                if i > 0 {
                    line.push(false);
                }
                line.extend(g[row].chars().map(|c| c == '#'));
            }
            line
        })
        .collect()
}

/// The cells `text` covers at `scale`: a pixel is 2×scale columns and
/// scale rows, so it looks square in a terminal cell (about 1:2).
pub fn size(text: &str, scale: u16) -> (u16, u16) {
    let width = pixels(text).first().map_or(0, Vec::len) as u16;
    (width * 2 * scale, ROWS as u16 * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_is_five_rows_of_three_wide_digits() {
        let p = pixels("10:05");
        assert_eq!(p.len(), 5);
        // Four digits of three, a colon of one, four gaps.
        assert_eq!(p[0].len(), 4 * 3 + 1 + 4);
        assert_eq!(size("10:05", 1), (34, 5));
        assert_eq!(size("10:05", 2), (68, 10));
        let zero: String = p[1][8..11]
            .iter()
            .map(|&b| if b { '#' } else { '.' })
            .collect();
        assert_eq!(zero, "#.#");
    }

    #[test]
    fn every_digit_has_ink_in_every_row_or_is_a_one() {
        for d in '0'..='9' {
            let g = glyph(d).unwrap();
            assert!(g.iter().all(|r| r.contains('#')), "{d}");
        }
    }
}
