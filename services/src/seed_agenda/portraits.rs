//! Portraits drawn for the demo's speakers, so their pages show a photo without shipping
//! pictures of real people.

/// A generated portrait for the demo's speaker number `n`: a soft gradient in a hue of its
/// own with a lighter disc, as a PNG (no photographs of real people ship with the demo).
pub(super) fn portrait(n: usize) -> Vec<u8> {
    let hue = (n as f32 * 47.0) % 360.0;
    let (r, g, b) = hsl(hue, 0.55, 0.5);
    let image = image::RgbImage::from_fn(256, 256, |x, y| {
        let (dx, dy) = (x as f32 - 128.0, y as f32 - 110.0);
        let disc = (dx * dx + dy * dy).sqrt() < 56.0 || (dy > 70.0 && dx.abs() < 100.0 - dy / 3.0);
        let shade = 0.75 + 0.25 * (y as f32 / 256.0);
        let light = if disc { 1.35 } else { shade };
        let c = |v: f32| (v * light).clamp(0.0, 255.0) as u8;
        image::Rgb([c(r), c(g), c(b)])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("a PNG is written to memory");
    out
}

/// HSL (degrees, 0–1, 0–1) to RGB in 0–255.
fn hsl(h: f32, s: f32, l: f32) -> (f32, f32, f32) {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = match (h / 60.0) as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    ((r + m) * 255.0, (g + m) * 255.0, (b + m) * 255.0)
}
