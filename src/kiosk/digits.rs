//! Big digits for a clock read from across a room, a 3×5 pixel font, and
//! big words in the fonts of [`glyphs`](super::glyphs); each pixel drawn as
//! coloured cells rather than block glyphs (block elements are East Asian
//! Ambiguous, and a CJK font draws them wide or broken).

pub use super::glyphs::{FONTS, Font};

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

/// The pixels of a word in `font`, glyph after glyph, a pixel a cell; none
/// if a character has no glyph (it is then drawn as text).
pub fn word_pixels(word: &str, font: &Font) -> Option<Vec<Vec<bool>>> {
    let rows: Vec<&[u32]> = word
        .chars()
        .map(|c| font.glyphs.iter().find(|g| g.0 == c).map(|g| g.1))
        .collect::<Option<_>>()?;
    Some(
        (0..font.rows)
            .map(|y| {
                rows.iter()
                    .flat_map(|g| (0..font.cols).map(move |x| g[y] & (1 << (31 - x)) != 0))
                    .collect()
            })
            .collect(),
    )
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
    fn every_status_word_and_the_bundled_name_have_big_glyphs() {
        use crate::calendar::schedule::{ClosedReason, Status};
        let words = [
            Status::Open { until: 780 },
            Status::BeforeOpening { opens: 540 },
            Status::Break { resumes: 900 },
            Status::Finished,
            Status::ClosedToday {
                reason: ClosedReason::Holiday("元日".into()),
            },
        ]
        .map(|s| crate::strings::status_word(&s));
        let library = crate::content::load_library(None).expect("bundled content loads");
        for font in &FONTS {
            assert!(font.cols <= 32, "a row is a u32");
            for word in words.iter().copied().chain([library.clinic.name.as_str()]) {
                let p = word_pixels(word, font).unwrap_or_else(|| {
                    panic!("{word}: run tools/kiosk_glyphs.py for its characters")
                });
                assert_eq!(p.len(), font.rows);
                assert_eq!(p[0].len(), word.chars().count() * font.cols);
                // Every glyph has ink, and none reaches past its cells.
                for (i, _) in word.chars().enumerate() {
                    let cells = p
                        .iter()
                        .flat_map(|r| &r[i * font.cols..(i + 1) * font.cols]);
                    assert!(cells.into_iter().any(|&b| b), "{word} has ink");
                }
            }
            for (c, rows) in font.glyphs {
                let inside = |r: &u32| r.checked_shl(font.cols as u32).is_none_or(|rest| rest == 0);
                assert!(rows.len() == font.rows && rows.iter().all(inside), "{c}");
            }
        }
        assert!(word_pixels("無い字", &FONTS[0]).is_none());
    }

    #[test]
    fn every_digit_has_ink_in_every_row_or_is_a_one() {
        for d in '0'..='9' {
            let g = glyph(d).unwrap();
            assert!(g.iter().all(|r| r.contains('#')), "{d}");
        }
    }
}
