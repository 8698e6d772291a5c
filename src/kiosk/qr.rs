//! "Take it home": a QR code of the page's address, drawn by qrcode's own
//! `Dense1x2` renderer with half-block characters (two modules a character
//! cell, top and bottom).

use qrcode::QrCode;
use qrcode::render::Renderer;
use qrcode::render::unicode::Dense1x2;

/// Light modules around the code. Scanners read one well on a screen, and a
/// code for a short address then fits the outline pane (32 columns).
/// (`QrCode::render` would give the standard four.)
const QUIET: u32 = 1;

/// The code as text rows, dark modules as ink (▀ ▄ █, which the kiosk's view
/// draws black on white); `None` if it cannot encode.
pub fn half_block_rows(url: &str) -> Option<Vec<String>> {
    let code = QrCode::new(url.as_bytes()).ok()?;
    let text = Renderer::<Dense1x2>::new(&code.to_colors(), code.width(), QUIET)
        .module_dimensions(1, 1)
        .build();
    Some(text.lines().map(str::to_owned).collect())
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

    #[test]
    fn dark_modules_are_ink() {
        // The renderer's colours are the right way round: each cell's upper
        // and lower half are ink exactly where the code has dark modules.
        let url = "https://example.jp/revision-surgery";
        let code = QrCode::new(url.as_bytes()).unwrap();
        let n = code.width();
        let colors = code.to_colors();
        let q = QUIET as usize;
        let dark = |x: usize, y: usize| {
            (q..n + q).contains(&x)
                && (q..n + q).contains(&y)
                && colors[(y - q) * n + (x - q)] == qrcode::Color::Dark
        };
        for (r, row) in half_block_rows(url).unwrap().iter().enumerate() {
            for (x, c) in row.chars().enumerate() {
                let expected = match (dark(x, 2 * r), dark(x, 2 * r + 1)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                };
                assert_eq!(c, expected, "row {r} column {x}");
            }
        }
    }
}
