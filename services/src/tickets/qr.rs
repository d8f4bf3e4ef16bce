//! Draws a QR code as SVG path data: the `qrcode` crate encodes, we only turn its modules
//! into squares (its own SVG renderer writes a whole document, with an XML prolog, which has
//! no place inside a page).

use domain::tickets::QrDrawing;
use qrcode::{Color, EcLevel, QrCode};

/// Modules of light margin around the code, as the standard asks.
const QUIET_ZONE: u32 = 4;

/// The QR code of `payload`, with medium error correction (a crumpled or half-lit print
/// still scans); none when the payload is too long for any QR code.
pub fn draw(payload: &str) -> Option<QrDrawing> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] != Color::Dark {
                x += 1;
                continue;
            }
            // One rectangle per run of dark modules in a row keeps the path short.
            let start = x;
            while x < width && row[x] == Color::Dark {
                x += 1;
            }
            let (left, top) = (start as u32 + QUIET_ZONE, y as u32 + QUIET_ZONE);
            path.push_str(&format!("M{left} {top}h{}v1h-{}z", x - start, x - start));
        }
    }
    Some(QrDrawing {
        size: width as u32 + 2 * QUIET_ZONE,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_payload_is_a_small_code_with_its_finder_patterns() {
        let drawing = draw("ABCDEFGHIJKLMNOP-ABCDEFGHIJKLM").expect("a code");
        // 30 alphanumeric characters at level M fit version 2: 25 modules and the margins.
        assert_eq!(drawing.size, 25 + 8);
        // The top-left finder pattern's first row: seven dark modules from (4, 4).
        assert!(
            drawing.path.starts_with("M4 4h7v1h-7z"),
            "{}",
            &drawing.path[..40]
        );
    }

    #[test]
    fn every_square_stays_inside_the_quiet_zone() {
        let drawing = draw("ZYXWVUTSRQPONMLK-ZYXWVUTSRQPON").expect("a code");
        for part in drawing.path.split('M').filter(|p| !p.is_empty()) {
            let (left, rest) = part.split_once(' ').expect("x y");
            let top: u32 = rest
                .split('h')
                .next()
                .expect("y")
                .parse()
                .expect("a number");
            let left: u32 = left.parse().expect("a number");
            assert!(left >= QUIET_ZONE && top >= QUIET_ZONE && top < drawing.size - QUIET_ZONE);
        }
    }
}
