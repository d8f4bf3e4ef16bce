//! What an upload claims to be, read before anything is decoded, and decoding within what
//! it claimed: how Convene refuses a small file that would expand into more pixels or memory
//! than it processes.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits};

use super::{MAX_PIXELS, MAX_SIDE, MAX_UPLOAD_BYTES, Purpose, Refused};

/// What a job holds beside its images: the upload, the encoder, the JPEGs (MiB).
const OVERHEAD_MIB: u64 = 8;
const MIB: u64 = 1024 * 1024;

/// What an upload claims to be, read from its first bytes without decoding it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    format: ImageFormat,
    width: u32,
    height: u32,
    /// Channels once decoded at 8 bits per channel.
    channels: u8,
}

impl Header {
    /// Checks `upload`'s size, type and dimensions: cheap, and enough to refuse a file
    /// that would expand into more pixels or memory than Convene processes.
    pub fn read(upload: &[u8]) -> Result<Self, Refused> {
        if upload.is_empty() {
            return Err(Refused::Empty);
        }
        if upload.len() > MAX_UPLOAD_BYTES {
            return Err(Refused::TooLarge);
        }
        let reader = ImageReader::new(Cursor::new(upload))
            .with_guessed_format()
            .map_err(|_| Refused::NotAnImage)?;
        let format = reader
            .format()
            .filter(|f| {
                [
                    ImageFormat::Jpeg,
                    ImageFormat::Png,
                    ImageFormat::WebP,
                    ImageFormat::Gif,
                ]
                .contains(f)
            })
            .ok_or(Refused::NotAnImage)?;
        let decoder = reader.into_decoder().map_err(|_| Refused::Damaged)?;
        let (width, height) = image::ImageDecoder::dimensions(&decoder);
        let channels = image::ImageDecoder::color_type(&decoder).channel_count();
        let header = Self {
            format,
            width,
            height,
            channels,
        };
        let pixels = u64::from(width) * u64::from(height);
        if width > MAX_SIDE || height > MAX_SIDE || pixels > MAX_PIXELS {
            return Err(Refused::TooManyPixels);
        }
        Ok(header)
    }

    /// The memory processing it for `purpose` holds at most, in MiB: the decoded original
    /// with its first reduction, or later the reduction, its copy without transparency and
    /// the resampler's buffer (RGBA floats), whichever is more.
    pub fn cost_mib(&self, purpose: Purpose) -> u32 {
        let (w, h) = (u64::from(self.width).max(1), u64::from(self.height).max(1));
        let channels = u64::from(self.channels);
        let largest = u64::from(purpose.widths()[0]);
        let (sw, sh) = match shrunk_width(purpose, self.width, self.height) {
            Some(to) => (u64::from(to), (h * u64::from(to)).div_ceil(w)),
            None => (w, h),
        };
        let reduced = sw * sh * channels;
        // An RGB image is kept as it is; anything else is copied into RGB.
        let without_alpha = if channels == 3 { 0 } else { sw * sh * 3 };
        let resampled_height = match purpose {
            Purpose::Photo if sh > sw => largest * sh / sw,
            Purpose::Photo => largest,
            Purpose::Cover | Purpose::Post => (sh * largest).div_ceil(sw).min(sh),
        };
        let resampling = sw * resampled_height * 16;
        let peak = (w * h * channels + reduced).max(reduced + without_alpha + resampling);
        u32::try_from(peak.div_ceil(MIB) + OVERHEAD_MIB).unwrap_or(u32::MAX)
    }

    /// The decoded pixels at 8 bits per channel, in bytes.
    fn decoded_bytes(&self) -> u64 {
        u64::from(self.width) * u64::from(self.height) * u64::from(self.channels)
    }
}

/// The width an image is first reduced to (a cheap integer box filter), so the finer
/// resampling never holds a floating-point copy of a huge original: twice the largest
/// rendition, for a photo on its shorter side. `None` when it is small enough already.
pub(super) fn shrunk_width(purpose: Purpose, width: u32, height: u32) -> Option<u32> {
    let twice = 2 * purpose.widths()[0];
    let to = match purpose {
        Purpose::Photo => {
            let to = u64::from(twice) * u64::from(width) / u64::from(width.min(height).max(1));
            u32::try_from(to).unwrap_or(u32::MAX)
        }
        Purpose::Cover | Purpose::Post => twice,
    };
    (width > to).then_some(to)
}

/// Decodes at 8 bits per channel, allocating no more than the header announced.
pub(super) fn decode(upload: &[u8], header: Header) -> Result<DynamicImage, Refused> {
    let budget = usize::try_from(header.decoded_bytes()).map_err(|_| Refused::TooManyPixels)?;
    if header.format == ImageFormat::Png {
        return decode_png(upload, budget);
    }
    let mut reader = ImageReader::with_format(Cursor::new(upload), header.format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(header.decoded_bytes() + 1024 * 1024);
    reader.limits(limits);
    reader.decode().map_err(|_| Refused::Damaged)
}

/// PNGs may have 16 bits per channel, which the image crate keeps: the png crate strips them
/// while decoding, so a 16-bit image costs what an 8-bit one does.
fn decode_png(upload: &[u8], budget: usize) -> Result<DynamicImage, Refused> {
    let limits = png::Limits {
        bytes: budget + 1024 * 1024,
    };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(upload), limits);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|_| Refused::Damaged)?;
    let size = reader.output_buffer_size().ok_or(Refused::TooManyPixels)?;
    if size > budget {
        return Err(Refused::TooManyPixels);
    }
    let mut pixels = vec![0; size];
    let frame = reader
        .next_frame(&mut pixels)
        .map_err(|_| Refused::Damaged)?;
    pixels.truncate(frame.buffer_size());
    let (w, h) = (frame.width, frame.height);
    let image = match frame.color_type {
        png::ColorType::Grayscale => {
            image::GrayImage::from_raw(w, h, pixels).map(DynamicImage::ImageLuma8)
        }
        png::ColorType::GrayscaleAlpha => {
            image::GrayAlphaImage::from_raw(w, h, pixels).map(DynamicImage::ImageLumaA8)
        }
        png::ColorType::Rgb => image::RgbImage::from_raw(w, h, pixels).map(DynamicImage::ImageRgb8),
        png::ColorType::Rgba => {
            image::RgbaImage::from_raw(w, h, pixels).map(DynamicImage::ImageRgba8)
        }
        png::ColorType::Indexed => None,
    };
    image.ok_or(Refused::Damaged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::MEMORY_BUDGET_MIB;
    use image::ImageEncoder as _;

    fn header(width: u32, height: u32, channels: u8) -> Header {
        Header {
            format: ImageFormat::Jpeg,
            width,
            height,
            channels,
        }
    }

    #[test]
    fn a_forty_megapixel_photo_fits_the_budget_for_every_purpose() {
        for purpose in [Purpose::Cover, Purpose::Post, Purpose::Photo] {
            let cost = header(7_746, 5_164, 3).cost_mib(purpose);
            assert!(cost <= MEMORY_BUDGET_MIB, "{purpose:?}: {cost} MiB");
            // A phone photo costs a fraction of it, so several run at once.
            let phone = header(4_032, 3_024, 3).cost_mib(purpose);
            assert!(phone < MEMORY_BUDGET_MIB / 2, "{purpose:?}: {phone} MiB");
        }
    }

    #[test]
    fn the_cost_counts_the_original_and_its_reduction_together() {
        // 6000 × 6000 with transparency: 137 MiB decoded, 22 MiB once reduced for a post.
        let cost = header(6_000, 6_000, 4).cost_mib(Purpose::Post);
        assert!((137 + 22 + 8..=137 + 22 + 8 + 2).contains(&cost), "{cost}");
        // Small enough already: only the resampling of the image itself.
        assert!(header(1_000, 800, 3).cost_mib(Purpose::Cover) < 32);
    }

    #[test]
    fn a_sixteen_bit_png_is_decoded_at_eight_bits_per_channel() {
        let mut png = Vec::new();
        image::codecs::png::PngEncoder::new(&mut png)
            .write_image(&[0x12; 8 * 4 * 4], 4, 4, image::ExtendedColorType::Rgba16)
            .expect("encoded");
        let header = Header::read(&png).expect("accepted");
        assert_eq!(header.channels, 4);
        let image = decode(&png, header).expect("decoded");
        assert_eq!(image.color(), image::ColorType::Rgba8);
        assert_eq!(image.width(), 4);
    }

    #[test]
    fn an_image_over_the_pixel_limit_is_refused_from_its_header() {
        let mut png = Vec::new();
        // 7000 × 7000 = 49 megapixels, written as one gray row repeated (small on the wire).
        image::codecs::png::PngEncoder::new(&mut png)
            .write_image(
                &vec![0; 7_000 * 7_000],
                7_000,
                7_000,
                image::ExtendedColorType::L8,
            )
            .expect("encoded");
        assert_eq!(Header::read(&png), Err(Refused::TooManyPixels));
    }
}
