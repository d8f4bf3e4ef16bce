//! The organizer's events, agenda and speakers. Every function is a thin shell over
//! `services::organizer`, which asks the policy first; each answers a plain form post with a
//! redirect to the page to show next.

// A server function answering a plain form takes each field as an argument.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use domain::error::AppError;
use domain::organizer::{EventEditor, EventListItem};
#[cfg(feature = "ssr")]
use domain::organizer::{EventForm, SessionForm};
#[cfg(feature = "ssr")]
use domain::speaker::SpeakerForm;
use domain::speaker::{SpeakerDirectory, SpeakerProfile};
use domain::{AgendaItemId, SpeakerId};

#[cfg(feature = "ssr")]
use services::db::agenda::Place;
#[cfg(feature = "ssr")]
use services::organizer::{agenda, events, speakers};

#[cfg(feature = "ssr")]
use crate::context::{app_state, current_actor};

/// The organization's events.
#[server(prefix = "/api", endpoint = "list_events")]
pub async fn list_events(org: String) -> Result<Vec<EventListItem>, AppError> {
    events::list(&app_state()?, &current_actor()?, &org).await
}

/// Everything the event editor shows.
#[server(prefix = "/api", endpoint = "get_event_editor")]
pub async fn get_event_editor(org: String, event: String) -> Result<EventEditor, AppError> {
    events::editor(&app_state()?, &current_actor()?, &org, &event).await
}

/// Creates a draft event (`event` blank) or saves one.
#[server(prefix = "/api", endpoint = "save_event")]
pub async fn save_event(
    org: String,
    #[server(default)] event: String,
    title: String,
    #[server(default)] slug: String,
    #[server(default)] summary: String,
    #[server(default)] description: String,
    starts_local: String,
    ends_local: String,
    time_zone: String,
    #[server(default)] venue: String,
    #[server(default)] online_url: String,
    #[server(default)] visibility: String,
    #[server(default)] capacity: String,
) -> Result<(), AppError> {
    let form = EventForm {
        title,
        slug,
        summary,
        description,
        starts_local,
        ends_local,
        time_zone,
        venue,
        online_url,
        visibility,
        capacity,
    };
    let (state, actor) = (app_state()?, current_actor()?);
    let (slug, done) = match event.as_str() {
        "" => (
            events::create(&state, &actor, &org, &form).await?,
            "created",
        ),
        event => (
            events::update(&state, &actor, &org, event, &form).await?,
            "saved",
        ),
    };
    leptos_axum::redirect(&format!("/manage/{org}/events/{slug}?done={done}"));
    Ok(())
}

/// Publishes, schedules, unpublishes or archives an event.
#[server(prefix = "/api", endpoint = "change_event_status")]
pub async fn change_event_status(
    org: String,
    event: String,
    change: String,
    #[server(default)] publish_at: String,
) -> Result<(), AppError> {
    events::change_status(
        &app_state()?,
        &current_actor()?,
        &org,
        &event,
        &change,
        &publish_at,
    )
    .await?;
    leptos_axum::redirect(&format!("/manage/{org}/events/{event}?done=status"));
    Ok(())
}

/// Copies an event (fields, rooms, tracks) as a new draft.
#[server(prefix = "/api", endpoint = "duplicate_event")]
pub async fn duplicate_event(org: String, event: String) -> Result<(), AppError> {
    let slug = events::duplicate(&app_state()?, &current_actor()?, &org, &event).await?;
    leptos_axum::redirect(&format!("/manage/{org}/events/{slug}?done=copied"));
    Ok(())
}

/// Adds a room.
#[server(prefix = "/api", endpoint = "add_room")]
pub async fn add_room(org: String, event: String, room: String) -> Result<(), AppError> {
    agenda::add_place(
        &app_state()?,
        &current_actor()?,
        &org,
        &event,
        Place::Rooms,
        &room,
    )
    .await?;
    leptos_axum::redirect(&format!("/manage/{org}/events/{event}?done=room#places"));
    Ok(())
}

/// Adds a track.
#[server(prefix = "/api", endpoint = "add_track")]
pub async fn add_track(org: String, event: String, track: String) -> Result<(), AppError> {
    agenda::add_place(
        &app_state()?,
        &current_actor()?,
        &org,
        &event,
        Place::Tracks,
        &track,
    )
    .await?;
    leptos_axum::redirect(&format!("/manage/{org}/events/{event}?done=track#places"));
    Ok(())
}

/// Deletes a room; asks first when sessions use it (`confirm` = "yes" to go ahead).
#[server(prefix = "/api", endpoint = "delete_room")]
pub async fn delete_room(
    org: String,
    event: String,
    id: i64,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    let (state, actor) = (app_state()?, current_actor()?);
    agenda::delete_place(
        &state,
        &actor,
        &org,
        &event,
        Place::Rooms,
        id,
        confirm == "yes",
    )
    .await?;
    leptos_axum::redirect(&format!("/manage/{org}/events/{event}?done=deleted#places"));
    Ok(())
}

/// Deletes a track; asks first when sessions use it.
#[server(prefix = "/api", endpoint = "delete_track")]
pub async fn delete_track(
    org: String,
    event: String,
    id: i64,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    let (state, actor) = (app_state()?, current_actor()?);
    agenda::delete_place(
        &state,
        &actor,
        &org,
        &event,
        Place::Tracks,
        id,
        confirm == "yes",
    )
    .await?;
    leptos_axum::redirect(&format!("/manage/{org}/events/{event}?done=deleted#places"));
    Ok(())
}

/// Adds a session (`id` blank) or saves one: title, times, room, track, kind.
#[server(prefix = "/api", endpoint = "save_session")]
pub async fn save_session(
    org: String,
    event: String,
    #[server(default)] id: String,
    title: String,
    #[server(default)] abstract_text: String,
    kind: String,
    starts_local: String,
    ends_local: String,
    #[server(default)] room: String,
    #[server(default)] track: String,
) -> Result<(), AppError> {
    let form = SessionForm {
        title,
        abstract_text,
        kind,
        starts_local,
        ends_local,
        room,
        track,
    };
    let raw_id = id.trim();
    let id = match raw_id {
        "" => None,
        raw => Some(AgendaItemId(
            raw.parse()
                .map_err(|_| AppError::NotFound("session".into()))?,
        )),
    };
    // The id is kept with a refused form, so the page reopens the right session's form.
    let saved = agenda::save_session(&app_state()?, &current_actor()?, &org, &event, id, &form)
        .await
        .map_err(|e| e.keeping(&[("id", raw_id)]))?;
    leptos_axum::redirect(&format!(
        "/manage/{org}/events/{event}?done=session#session-{saved}"
    ));
    Ok(())
}

/// Deletes a session.
#[server(prefix = "/api", endpoint = "delete_session")]
pub async fn delete_session(org: String, event: String, id: AgendaItemId) -> Result<(), AppError> {
    agenda::delete_session(&app_state()?, &current_actor()?, &org, &event, id).await?;
    leptos_axum::redirect(&format!("/manage/{org}/events/{event}?done=deleted#agenda"));
    Ok(())
}

/// Adds a speaker to a session: one of the organization's (`speaker`) or a new profile
/// named `new_speaker`; or removes one (`attach` false).
#[server(prefix = "/api", endpoint = "set_session_speaker")]
pub async fn set_session_speaker(
    org: String,
    event: String,
    id: AgendaItemId,
    #[server(default)] speaker: String,
    #[server(default)] new_speaker: String,
    attach: bool,
) -> Result<(), AppError> {
    let (state, actor) = (app_state()?, current_actor()?);
    if attach {
        // The page shows the error next to this session's form, with the name typed.
        let keep =
            |e: AppError| e.keeping(&[("id", &id.to_string()), ("new_speaker", &new_speaker)]);
        let choice = agenda::SpeakerChoice::from_form(&speaker, &new_speaker).map_err(keep)?;
        agenda::add_session_speaker(&state, &actor, &org, &event, id, choice)
            .await
            .map_err(keep)?;
    } else {
        let speaker = speaker
            .trim()
            .parse()
            .map(SpeakerId)
            .map_err(|_| AppError::NotFound("speaker".into()))?;
        agenda::remove_session_speaker(&state, &actor, &org, &event, id, speaker).await?;
    }
    leptos_axum::redirect(&format!(
        "/manage/{org}/events/{event}?done=speakers#session-{id}"
    ));
    Ok(())
}

/// The organization's speakers matching `q`.
#[server(prefix = "/api", endpoint = "get_speaker_directory")]
pub async fn get_speaker_directory(
    org: String,
    #[server(default)] q: String,
) -> Result<SpeakerDirectory, AppError> {
    speakers::directory(&app_state()?, &current_actor()?, &org, &q).await
}

/// One of the organization's speakers.
#[server(prefix = "/api", endpoint = "get_speaker_profile")]
pub async fn get_speaker_profile(org: String, id: SpeakerId) -> Result<SpeakerProfile, AppError> {
    speakers::get(&app_state()?, &current_actor()?, &org, id).await
}

/// Creates (`id` blank) or saves a speaker profile.
#[server(prefix = "/api", endpoint = "save_speaker")]
pub async fn save_speaker(
    org: String,
    #[server(default)] id: String,
    name: String,
    #[server(default)] headline: String,
    #[server(default)] company: String,
    #[server(default)] bio: String,
    #[server(default)] links: String,
) -> Result<(), AppError> {
    let form = SpeakerForm {
        name,
        headline,
        company,
        bio,
        links,
    };
    let id = match id.trim() {
        "" => None,
        raw => Some(SpeakerId(
            raw.parse()
                .map_err(|_| AppError::NotFound("speaker".into()))?,
        )),
    };
    let saved = speakers::save(&app_state()?, &current_actor()?, &org, id, &form).await?;
    leptos_axum::redirect(&format!("/manage/{org}/speakers/{saved}?done=saved"));
    Ok(())
}

/// Deletes a speaker profile; asks first when sessions list them.
#[server(prefix = "/api", endpoint = "delete_speaker")]
pub async fn delete_speaker(
    org: String,
    id: SpeakerId,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    speakers::delete(&app_state()?, &current_actor()?, &org, id, confirm == "yes").await?;
    leptos_axum::redirect(&format!("/manage/{org}/speakers?done=deleted"));
    Ok(())
}

/// A CSV import: its preview, progress or outcome.
#[server(prefix = "/api", endpoint = "get_import")]
pub async fn get_import(org: String, id: i64) -> Result<domain::import::ImportPage, AppError> {
    services::organizer::imports::page(&app_state()?, &current_actor()?, &org, id).await
}

/// How far a CSV import has come, for its page's progress bar.
#[server(prefix = "/api", endpoint = "get_import_progress")]
pub async fn get_import_progress(
    org: String,
    id: i64,
) -> Result<domain::progress::Progress, AppError> {
    let page =
        services::organizer::imports::page(&app_state()?, &current_actor()?, &org, id).await?;
    Ok((&page).into())
}

/// Confirms a previewed import; a background job creates its valid rows.
#[server(prefix = "/api", endpoint = "start_import")]
pub async fn start_import(org: String, id: i64) -> Result<(), AppError> {
    services::organizer::imports::start(&app_state()?, &current_actor()?, &org, id).await?;
    leptos_axum::redirect(&format!("/manage/{org}/imports/{id}"));
    Ok(())
}

/// Drops a previewed import; nothing was created.
#[server(prefix = "/api", endpoint = "discard_import")]
pub async fn discard_import(org: String, id: i64) -> Result<(), AppError> {
    let back =
        services::organizer::imports::discard(&app_state()?, &current_actor()?, &org, id).await?;
    leptos_axum::redirect(&back);
    Ok(())
}

/// The Markdown `text` as the public page will show it (rendered and sanitized by the same
/// code), for the editor's live preview. Signed-in people only: it is not a public service.
#[server(prefix = "/api", endpoint = "preview_markdown")]
pub async fn preview_markdown(text: String) -> Result<String, AppError> {
    current_actor()?.signed_in()?;
    if text.chars().count() > services::markdown::MAX_PREVIEW_CHARS {
        return Err(AppError::invalid(
            "text",
            "preview at most 20,000 characters",
        ));
    }
    Ok(services::markdown::to_safe_html(&text))
}

/// Moves a session to another room or start time, keeping its length (the agenda grid's drag
/// and drop; the session form is the keyboard way).
#[server(prefix = "/api", endpoint = "move_session")]
pub async fn move_session(
    org: String,
    event: String,
    id: AgendaItemId,
    #[server(default)] room: String,
    starts_local: String,
) -> Result<(), AppError> {
    agenda::move_session(
        &app_state()?,
        &current_actor()?,
        &org,
        &event,
        id,
        &room,
        &starts_local,
    )
    .await?;
    Ok(())
}
