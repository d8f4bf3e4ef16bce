//! Deleting stored images nothing uses any more: a deleted post's, a replaced cover's, a
//! removed photo's. Every instance sweeps the media directory it serves from; deleting is
//! idempotent, so instances sharing a directory may sweep it at once.
//!
//! A file is deleted only when no row uses its image and it was last written more than
//! [`GRACE`] ago: an upload writes its files before the row that names them, and saving an
//! image whose files exist already touches them (see [`super::save`]).

use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, SystemTime};

use domain::error::AppError;

use crate::Services;
use crate::db;

/// How long an unused file is kept: longer than any upload takes to name its files.
pub const GRACE: Duration = Duration::from_secs(3600);
/// How often each instance sweeps.
const EVERY: Duration = Duration::from_secs(3600);

/// The background task: a sweep every hour. Failures are logged and retried then.
pub async fn run(state: Services) {
    let mut tick = tokio::time::interval(EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match sweep(&state, GRACE).await {
            Ok(0) => {}
            Ok(deleted) => tracing::info!(deleted, "deleted unused image files"),
            Err(_) => {} // logged where it happened
        }
    }
}

/// Deletes the files of images no row uses, last written more than `grace` ago; how many.
pub async fn sweep(state: &Services, grace: Duration) -> Result<usize, AppError> {
    let used = db::media::referenced(&state.db)
        .await
        .map_err(AppError::db("cannot list the images in use"))?;
    let dir = super::directory(&state.config.data_dir);
    delete_unused(&dir, &used, grace)
        .await
        .map_err(|e| AppError::internal("cannot sweep the media directory", e))
}

async fn delete_unused(
    dir: &Path,
    used: &HashSet<String>,
    grace: Duration,
) -> std::io::Result<usize> {
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let now = SystemTime::now();
    let mut deleted = 0;
    while let Some(entry) = entries.next_entry().await? {
        let file = entry.file_name();
        let Some(name) = file.to_str().and_then(image_of) else {
            continue;
        };
        if used.contains(name) {
            continue;
        }
        let written = entry.metadata().await.and_then(|m| m.modified());
        let old_enough =
            written.is_ok_and(|at| now.duration_since(at).unwrap_or_default() >= grace);
        if !old_enough {
            continue;
        }
        match tokio::fs::remove_file(entry.path()).await {
            Ok(()) => deleted += 1,
            // Another instance sharing the directory was faster.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(deleted)
}

/// The image a media file belongs to: `{name}-{width}.jpg` (or a `.part` left by a crash).
pub fn image_of(file: &str) -> Option<&str> {
    let name = file.split_once('-')?.0;
    super::is_stored_name(name).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_belongs_to_the_image_its_name_starts_with() {
        let name = "0123456789abcdef0123456789abcdef";
        assert_eq!(image_of(&format!("{name}-1200.jpg")), Some(name));
        assert_eq!(image_of(&format!("{name}-600.jpg.part")), Some(name));
        assert_eq!(image_of("notes.txt"), None);
        assert_eq!(image_of("../etc-passwd"), None);
    }

    #[tokio::test]
    async fn only_old_files_of_unused_images_are_deleted() {
        let dir = tempfile::tempdir().expect("a directory");
        let (kept, gone) = ("a".repeat(32), "b".repeat(32));
        for name in [&kept, &gone] {
            for width in [1200, 600] {
                std::fs::write(dir.path().join(format!("{name}-{width}.jpg")), b"jpeg")
                    .expect("written");
            }
        }
        std::fs::write(dir.path().join("README"), b"not an image").expect("written");
        let used: HashSet<String> = [kept.clone()].into();
        // Just written: within the grace period, nothing goes.
        assert_eq!(
            delete_unused(dir.path(), &used, Duration::from_secs(60))
                .await
                .expect("swept"),
            0
        );
        assert_eq!(
            delete_unused(dir.path(), &used, Duration::ZERO)
                .await
                .expect("swept"),
            2
        );
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("listed")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        assert_eq!(left.len(), 3, "{left:?}");
        assert!(left.iter().all(|f| !f.starts_with(&gone)));
    }
}
