//! "Take it home": a QR code of the page's address, drawn with half-block
//! characters (two modules a character cell, top and bottom).

use qrcode::QrCode;

/// Light modules around the code. Scanners read one well on a screen, and a
/// code for a short address then fits the outline pane (32 columns).
const QUIET: usize = 1;

/// The code as text rows, dark modules as ink; `None` if it cannot encode.
pub fn half_block_rows(url: &str) -> Option<Vec<String>> {
    let code = QrCode::new(url.as_bytes()).ok()?;
    let n = code.width();
    let dark: Vec<bool> = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    let size = n + 2 * QUIET;
    let at = |x: usize, y: usize| -> bool {
        x >= QUIET
            && y >= QUIET
            && x < n + QUIET
            && y < n + QUIET
            && dark[(y - QUIET) * n + (x - QUIET)]
    };
    let rows = (0..size.div_ceil(2))
        .map(|r| {
            (0..size)
                .map(|x| match (at(x, 2 * r), at(x, 2 * r + 1)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                })
                .collect()
        })
        .collect();
    Some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_square_with_a_quiet_zone() {
        let rows = half_block_rows("https://example.jp/revision-surgery").unwrap();
        let width = rows[0].chars().count();
        assert!(rows.iter().all(|r| r.chars().count() == width));
        assert_eq!(rows.len(), width.div_ceil(2));
        // One light module, then the finder pattern's top edge (seven dark
        // modules) in the lower half of the first row.
        assert!(rows[0].starts_with(" ▄▄▄▄▄▄▄ "), "{rows:?}");
        assert!(rows.iter().all(|r| r.starts_with(' ') && r.ends_with(' ')));
    }
}
