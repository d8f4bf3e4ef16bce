//! The organization's speaker profiles.

use domain::error::{AppError, Validation};
use domain::speaker::{SpeakerDirectory, SpeakerForm, SpeakerProfile};
use domain::{SpeakerId, text};

use crate::accounts::session::Actor;
use crate::db::speakers::{self, SpeakerRow, SpeakerValues};
use crate::db::{self};
use crate::media;
use crate::policy::Action;
use crate::{Services, workspace};

use super::agenda::confirmation;

/// How many speakers the directory shows at once.
const PAGE: i64 = 200;

/// A stored row as the shared profile type.
pub fn profile(row: SpeakerRow) -> SpeakerProfile {
    SpeakerProfile {
        id: row.id,
        name: row.name,
        headline: row.headline,
        company: row.company,
        bio: row.bio,
        photo: stored_photo(&row.photo, 400),
        thumbnail: stored_photo(&row.photo, 96),
        links: row
            .links
            .lines()
            .filter(|l| text::is_web_link(l))
            .map(str::to_owned)
            .collect(),
    }
}

/// The address of a stored photo's rendition `width` pixels wide.
fn stored_photo(photo: &Option<String>, width: u32) -> Option<String> {
    photo
        .as_deref()
        .filter(|name| media::is_stored_name(name))
        .map(|name| media::url(name, width))
}

/// The speakers whose name, headline or company contain every word of `query`.
pub async fn directory(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    query: &str,
) -> Result<SpeakerDirectory, AppError> {
    let (organization, _) =
        workspace::authorized(state, actor, org_slug, Action::ViewWorkspace).await?;
    let words: Vec<String> = query
        .split_whitespace()
        .take(8)
        .map(str::to_lowercase)
        .collect();
    let mut rows = speakers::search(&state.db, organization.id, &words, PAGE + 1)
        .await
        .map_err(AppError::db("cannot search speakers"))?;
    let truncated = rows.len() as i64 > PAGE;
    rows.truncate(PAGE as usize);
    Ok(SpeakerDirectory {
        organization_slug: organization.slug,
        organization_name: organization.name,
        speakers: rows.into_iter().map(profile).collect(),
        truncated,
    })
}

/// One speaker of the organization.
pub async fn get(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    id: SpeakerId,
) -> Result<SpeakerProfile, AppError> {
    let (organization, _) =
        workspace::authorized(state, actor, org_slug, Action::ViewWorkspace).await?;
    speakers::by_id(&state.db, organization.id, id)
        .await
        .map_err(AppError::db("cannot read a speaker"))?
        .map(profile)
        .ok_or_else(|| AppError::NotFound("speaker".into()))
}

pub(super) fn parse(form: &SpeakerForm) -> Result<SpeakerValues, AppError> {
    let mut v = Validation::default();
    let name = v.check("name", text::required(&form.name, 120, false));
    let headline = v.check("headline", text::optional(&form.headline, 160, false));
    let company = v.check("company", text::optional(&form.company, 120, false));
    let bio = v.check("bio", text::optional(&form.bio, 5_000, true));
    let links: Vec<&str> = form
        .links
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let links = v.check(
        "links",
        if links.len() > 10 {
            Err("list at most 10 links".to_owned())
        } else if let Some(bad) = links.iter().find(|l| text::optional_link(l).is_err()) {
            Err(format!("“{bad}” is not a full link starting with https://"))
        } else {
            Ok(links.join("\n"))
        },
    );
    match (name, headline, company, bio, links) {
        (Some(name), Some(headline), Some(company), Some(bio), Some(links)) => Ok(SpeakerValues {
            name,
            headline: headline.unwrap_or_default(),
            company: company.unwrap_or_default(),
            bio: bio.unwrap_or_default(),
            links,
        }),
        _ => Err(v.into_error().keeping(&form.kept())),
    }
}

/// Creates (`id` none) or saves a profile; its id.
pub async fn save(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    id: Option<SpeakerId>,
    form: &SpeakerForm,
) -> Result<SpeakerId, AppError> {
    let (organization, _) =
        workspace::authorized(state, actor, org_slug, Action::ManageEvents).await?;
    let values = parse(form)?;
    let now = db::now();
    match id {
        None => speakers::create(state.db.pool(), organization.id, &values, now)
            .await
            .map_err(AppError::db("cannot create a speaker")),
        Some(id) => {
            let found = speakers::update(&state.db, organization.id, id, &values, now)
                .await
                .map_err(AppError::db("cannot save a speaker"))?;
            found
                .then_some(id)
                .ok_or_else(|| AppError::NotFound("speaker".into()))
        }
    }
}

/// Deletes a profile. When sessions list the speaker, nothing happens until `confirmed`.
pub async fn delete(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    id: SpeakerId,
    confirmed: bool,
) -> Result<(), AppError> {
    let (organization, _) =
        workspace::authorized(state, actor, org_slug, Action::ManageEvents).await?;
    let speaker = speakers::by_id(&state.db, organization.id, id)
        .await
        .map_err(AppError::db("cannot read a speaker"))?
        .ok_or_else(|| AppError::NotFound("speaker".into()))?;
    let sessions = speakers::session_count(&state.db, id)
        .await
        .map_err(AppError::db("cannot count a speaker's sessions"))?;
    if sessions > 0 && !confirmed {
        return Err(confirmation(
            "delete_speaker",
            id.0,
            format!(
                "{} speaks in {sessions} session{}. Delete the profile anyway? It will be taken off {}.",
                speaker.name,
                if sessions == 1 { "" } else { "s" },
                if sessions == 1 { "it" } else { "them" },
            ),
        ));
    }
    let mut tx = state.db.begin().await?;
    speakers::delete(&mut *tx, organization.id, id)
        .await
        .map_err(AppError::db("cannot delete a speaker"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot delete a speaker"))
}
