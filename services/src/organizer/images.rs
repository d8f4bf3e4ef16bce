//! Event covers and speaker photos: the caller is authorized before the upload is read, the
//! image is checked and re-encoded off the async threads (`crate::media`), and only then is
//! its name stored.

use domain::error::AppError;
use domain::image::ImageProblem;
use domain::{OrganizationId, SpeakerId};

use crate::accounts::session::Actor;
use crate::db::{self, managed_events, speakers};
use crate::media::{self, Purpose};
use crate::policy::Action;
use crate::{Services, workspace};

use super::{EventScope, UploadError, scope};

/// Where an upload goes, once the caller may make it.
pub enum Target {
    /// An event's cover.
    Cover(Box<EventScope>),
    /// One of the organization's speakers' photo.
    Photo {
        /// The organization.
        organization: OrganizationId,
        /// The speaker.
        speaker: SpeakerId,
    },
}

/// The cover of the event `event_slug`, for an organizer of `org_slug`.
pub async fn cover(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
) -> Result<Target, AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    Ok(Target::Cover(Box::new(scope)))
}

/// The photo of the speaker `speaker`, for an organizer of `org_slug`; another organization's
/// speaker is "not found".
pub async fn photo(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    speaker: SpeakerId,
) -> Result<Target, AppError> {
    let (organization, _) =
        workspace::authorized(state, actor, org_slug, Action::ManageEvents).await?;
    speakers::by_id(&state.db, organization.id, speaker)
        .await
        .map_err(AppError::db("cannot read a speaker"))?
        .ok_or_else(|| AppError::NotFound("speaker".into()))?;
    Ok(Target::Photo {
        organization: organization.id,
        speaker,
    })
}

/// Replaces the target's image with `upload`, or removes it (`None`).
pub async fn apply(
    state: &Services,
    target: &Target,
    upload: Option<Vec<u8>>,
) -> Result<(), UploadError<ImageProblem>> {
    let purpose = match target {
        Target::Cover(_) => Purpose::Cover,
        Target::Photo { .. } => Purpose::Photo,
    };
    let name = match upload {
        None => None,
        Some(bytes) => {
            let processed = media::process_bounded(bytes, purpose)
                .await?
                .map_err(UploadError::Refused)?;
            media::save(&media::directory(&state.config.data_dir), &processed).await?;
            Some(processed.name)
        }
    };
    let now = db::now();
    match target {
        Target::Cover(scope) => {
            let mut tx = state.db.begin().await?;
            managed_events::set_cover(&mut *tx, scope.event.id, name.as_deref(), now)
                .await
                .map_err(AppError::db("cannot save an event's cover"))?;
            let summary = if name.is_some() {
                "changed the cover image"
            } else {
                "removed the cover image"
            };
            Ok(scope.record(tx, summary).await?)
        }
        Target::Photo {
            organization,
            speaker,
        } => {
            let found =
                speakers::set_photo(&state.db, *organization, *speaker, name.as_deref(), now)
                    .await
                    .map_err(AppError::db("cannot save a speaker's photo"))?;
            Ok(found
                .then_some(())
                .ok_or_else(|| AppError::NotFound("speaker".into()))?)
        }
    }
}
