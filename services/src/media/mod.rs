//! Uploaded images: event covers and speaker photos.
//!
//! What arrives is never served as it came. Its type is read from its first bytes (not its
//! name or the browser's claim), its size in pixels is checked before it is decoded (so a
//! small file cannot expand into gigabytes: at most [`MAX_PIXELS`], decoded at 8 bits per
//! channel, within a process-wide memory budget), and it is decoded and encoded again as JPEG at
//! the sizes pages use. That drops metadata such as GPS positions, and anything that was not
//! an image. Files are named after the SHA-256 of the upload, so a name never changes
//! meaning. They are served only while something visible uses them, and swept once nothing
//! does (see [`sweep`]).

mod header;
pub mod sweep;

pub use header::Header;
use header::{decode, shrunk_width};

use std::path::{Path, PathBuf};

use image::DynamicImage;
use image::imageops::FilterType;
use sha2::{Digest, Sha256};

use domain::error::AppError;
use domain::image::ImageProblem as Refused;

/// The largest upload accepted, in bytes.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
/// The largest width or height accepted, in pixels.
pub const MAX_SIDE: u32 = 12_000;
/// The most pixels accepted: a 40-megapixel camera's photo.
pub const MAX_PIXELS: u64 = 40_000_000;
/// Memory that image work may hold at once, process-wide (MiB): jobs wait for their share.
pub const MEMORY_BUDGET_MIB: u32 = 192;
/// Where the files are served from.
pub const URL_PREFIX: &str = "/media";

/// What an image is for, which decides its shapes and sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// An event's cover: its own aspect ratio, at most 1600, 800 and 400 pixels wide.
    Cover,
    /// A speaker's photo: a centred square of 400 and 96 pixels.
    Photo,
    /// An image in a feed post: its own aspect ratio, at most 1200 and 600 pixels wide.
    Post,
}

impl Purpose {
    /// The widths made, largest first.
    pub const fn widths(self) -> &'static [u32] {
        match self {
            Self::Cover => &[1600, 800, 400],
            Self::Photo => &[400, 96],
            Self::Post => &[1200, 600],
        }
    }
}

/// One file to write: its name under the media directory, and its bytes.
pub struct Rendition {
    /// `{hash}-{width}.jpg`.
    pub file_name: String,
    /// JPEG bytes.
    pub bytes: Vec<u8>,
}

/// The name stored for an upload (the hash), and the files to write for it.
pub struct Processed {
    /// What the database keeps: 32 hexadecimal digits.
    pub name: String,
    /// The renditions, largest first.
    pub renditions: Vec<Rendition>,
}

/// Processes `upload` for `purpose` within the process-wide bounds on image work (see
/// [`crate::heavy_work::IMAGES`]). The outer error is the server being too busy
/// (503); the inner one says what is wrong with the image.
pub async fn process_bounded(
    upload: Vec<u8>,
    purpose: Purpose,
) -> Result<Result<Processed, Refused>, AppError> {
    let header = match Header::read(&upload) {
        Ok(header) => header,
        Err(refused) => return Ok(Err(refused)),
    };
    let cost = header.cost_mib(purpose);
    if cost > MEMORY_BUDGET_MIB {
        return Ok(Err(Refused::TooManyPixels));
    }
    crate::heavy_work::IMAGES
        .run_sized(cost, move || decode_and_encode(&upload, header, purpose))
        .await
}

/// Checks, decodes and re-encodes `upload` for `purpose`. CPU-bound and unbounded: servers
/// call [`process_bounded`]; this is for tools and seeds.
pub fn process(upload: &[u8], purpose: Purpose) -> Result<Processed, Refused> {
    let header = Header::read(upload)?;
    if header.cost_mib(purpose) > MEMORY_BUDGET_MIB {
        return Err(Refused::TooManyPixels);
    }
    decode_and_encode(upload, header, purpose)
}

fn decode_and_encode(
    upload: &[u8],
    header: Header,
    purpose: Purpose,
) -> Result<Processed, Refused> {
    let name = hex::encode(&Sha256::digest(upload)[..16]);
    let image = decode(upload, header)?;
    let image = match shrunk_width(purpose, image.width(), image.height()) {
        // Moved in, so the full-size original is freed as soon as the small copy exists.
        Some(width) => shrink(image, width),
        None => image,
    };
    // Transparent parts become white, as the pages behind them are.
    let image = flatten(image);
    let mut renditions = Vec::new();
    for &width in purpose.widths() {
        let resized = match purpose {
            Purpose::Cover | Purpose::Post if image.width() > width => {
                image.resize(width, u32::MAX, FilterType::Lanczos3)
            }
            Purpose::Cover | Purpose::Post => image.clone(),
            Purpose::Photo => image.resize_to_fill(width, width, FilterType::Lanczos3),
        };
        renditions.push(Rendition {
            file_name: file_name(&name, width),
            bytes: jpeg(&resized)?,
        });
    }
    Ok(Processed { name, renditions })
}

fn shrink(original: DynamicImage, width: u32) -> DynamicImage {
    original.thumbnail(width, u32::MAX)
}

/// Writes `processed` under `dir` (created when missing). Files that exist already are
/// the same image (same hash), so they are left as they are.
pub async fn save(dir: &Path, processed: &Processed) -> Result<(), AppError> {
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|e| AppError::internal("cannot create the media directory", e))?;
    for rendition in &processed.renditions {
        let path = dir.join(&rendition.file_name);
        if tokio::fs::try_exists(&path).await.unwrap_or(false) {
            // The same image again: marked as just written, so a sweep running before the new
            // row names it leaves it alone.
            touch(&path).await;
            continue;
        }
        // Written under a temporary name and renamed: a reader never sees half a file.
        let partial = dir.join(format!("{}.part", rendition.file_name));
        tokio::fs::write(&partial, &rendition.bytes)
            .await
            .map_err(|e| AppError::internal("cannot write an image", e))?;
        tokio::fs::rename(&partial, &path)
            .await
            .map_err(|e| AppError::internal("cannot write an image", e))?;
    }
    Ok(())
}

/// Sets `path`'s modification time to now; a failure only risks a needless re-upload.
async fn touch(path: &Path) {
    let path = path.to_owned();
    let _ = tokio::task::spawn_blocking(move || {
        std::fs::File::options()
            .append(true)
            .open(&path)
            .and_then(|file| file.set_modified(std::time::SystemTime::now()))
    })
    .await;
}

/// The media directory under the data directory.
pub fn directory(data_dir: &Path) -> PathBuf {
    data_dir.join("media")
}

/// `{name}-{width}.jpg`.
pub fn file_name(name: &str, width: u32) -> String {
    format!("{name}-{width}.jpg")
}

/// Whether `name` is one this module made (so it can be put in a URL as it is).
pub fn is_stored_name(name: &str) -> bool {
    name.len() == 32 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The path of a stored image's rendition, for pages.
pub fn url(name: &str, width: u32) -> String {
    format!("{URL_PREFIX}/{}", file_name(name, width))
}

fn flatten(image: DynamicImage) -> DynamicImage {
    if !image.color().has_alpha() {
        return DynamicImage::ImageRgb8(image.into_rgb8());
    }
    let rgba = image.into_rgba8();
    let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
    for (to, from) in rgb.pixels_mut().zip(rgba.pixels()) {
        let [r, g, b, a] = from.0;
        let blend =
            |c: u8| ((u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a))) / 255) as u8;
        *to = image::Rgb([blend(r), blend(g), blend(b)]);
    }
    DynamicImage::ImageRgb8(rgb)
}

fn jpeg(image: &DynamicImage) -> Result<Vec<u8>, Refused> {
    let mut out = Vec::new();
    image
        .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut out, 82,
        ))
        .map_err(|_| Refused::Damaged)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::ImageFormat;
    use std::io::Cursor;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbaImage::from_pixel(width, height, image::Rgba([200, 30, 30, 128]));
        let mut out = Vec::new();
        DynamicImage::ImageRgba8(image)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .expect("a png");
        out
    }

    #[test]
    fn a_cover_is_re_encoded_at_each_width_under_its_hash() {
        let processed = process(&png(2000, 1000), Purpose::Cover).expect("accepted");
        assert!(is_stored_name(&processed.name));
        let sizes: Vec<(u32, u32)> = processed
            .renditions
            .iter()
            .map(|r| {
                let image = image::load_from_memory(&r.bytes).expect("a jpeg");
                assert_eq!(
                    image::guess_format(&r.bytes).expect("known"),
                    ImageFormat::Jpeg
                );
                (image.width(), image.height())
            })
            .collect();
        assert_eq!(sizes, [(1600, 800), (800, 400), (400, 200)]);
        let again = process(&png(2000, 1000), Purpose::Cover).expect("accepted");
        assert_eq!(again.name, processed.name, "the name is the content's");
    }

    #[test]
    fn a_photo_becomes_a_centred_square_and_a_small_image_is_not_enlarged() {
        let processed = process(&png(300, 500), Purpose::Photo).expect("accepted");
        let first = image::load_from_memory(&processed.renditions[0].bytes).expect("a jpeg");
        assert_eq!((first.width(), first.height()), (400, 400));
        let cover = process(&png(300, 100), Purpose::Cover).expect("accepted");
        let first = image::load_from_memory(&cover.renditions[0].bytes).expect("a jpeg");
        assert_eq!((first.width(), first.height()), (300, 100));
    }

    #[test]
    fn what_is_not_an_image_is_refused_whatever_it_is_called() {
        assert_eq!(
            process(b"<svg onload=alert(1)>", Purpose::Cover).err(),
            Some(Refused::NotAnImage)
        );
        assert_eq!(process(b"", Purpose::Cover).err(), Some(Refused::Empty));
        let mut truncated = png(64, 64);
        truncated.truncate(60);
        assert!(matches!(
            process(&truncated, Purpose::Photo),
            Err(Refused::Damaged | Refused::NotAnImage)
        ));
    }

    #[test]
    fn a_small_file_that_claims_a_huge_image_is_refused_before_decoding() {
        // A PNG header announcing 100,000 × 100,000 pixels, without the pixels.
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32fast::hash(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(
            process(&bomb, Purpose::Cover).err(),
            Some(Refused::TooManyPixels)
        );
        let too_big = vec![0u8; MAX_UPLOAD_BYTES + 1];
        assert_eq!(
            process(&too_big, Purpose::Cover).err(),
            Some(Refused::TooLarge)
        );
    }
}
