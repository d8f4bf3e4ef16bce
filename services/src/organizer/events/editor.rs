//! What the event editor shows: the event as its form holds it, with its rooms, tracks,
//! sessions, speakers, warnings and history.

use domain::Visibility;
use domain::agenda::{Named, warnings};
use domain::error::AppError;
use domain::organizer::{EventChange, EventEditor, EventForm, ManagedEvent};

use crate::accounts::session::Actor;
use crate::db::{agenda as agenda_db, managed_events, registrations, speakers};
use crate::media;
use crate::organizer::{EventScope, scope};
use crate::policy::Action;
use crate::{Services, agenda, time};

use super::status_of;

/// The event as its form shows it.
pub fn managed(scope: &EventScope, joined: i64, waitlisted: i64) -> ManagedEvent {
    let e = &scope.event;
    ManagedEvent {
        id: e.id,
        status: status_of(&e.status),
        visibility: if e.visibility == "unlisted" {
            Visibility::Unlisted
        } else {
            Visibility::Public
        },
        form: EventForm {
            title: e.title.clone(),
            slug: e.slug.clone(),
            summary: e.summary.clone(),
            description: e.description.clone(),
            starts_local: time::local_input(e.starts_at, &scope.tz),
            ends_local: time::local_input(e.ends_at, &scope.tz),
            time_zone: e.time_zone.clone(),
            venue: e.venue.clone().unwrap_or_default(),
            online_url: e.online_url.clone().unwrap_or_default(),
            visibility: e.visibility.clone(),
            capacity: e.capacity.map(|c| c.to_string()).unwrap_or_default(),
        },
        dates: time::schedule(e.starts_at, e.ends_at, &e.time_zone).label,
        publish_at: e.publish_at.map(|at| time::moment_label(at, &scope.tz)),
        joined,
        waitlisted,
        cover: e.cover_image.as_deref().map(|name| media::url(name, 800)),
    }
}

/// Everything the event editor shows.
pub async fn editor(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
) -> Result<EventEditor, AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ViewWorkspace).await?;
    let db = &state.db;
    let id = scope.event.id;
    let rooms = agenda_db::places(db, id, agenda_db::Place::Rooms)
        .await
        .map_err(AppError::db("cannot list rooms"))?;
    let tracks = agenda_db::places(db, id, agenda_db::Place::Tracks)
        .await
        .map_err(AppError::db("cannot list tracks"))?;
    let items = agenda::items(db, id, &scope.tz).await?;
    let found = warnings(&items, scope.event.starts_at, scope.event.ends_at);
    let org_speakers = speakers::search(db, scope.organization.id, &[], 2_000)
        .await
        .map_err(AppError::db("cannot list speakers"))?;
    let (joined, waitlisted) = registrations::counts(db.pool(), id)
        .await
        .map_err(AppError::db("cannot count registrations"))?;
    let history = managed_events::history(db, id, 50)
        .await
        .map_err(AppError::db("cannot read an event's history"))?;
    Ok(EventEditor {
        organization_slug: scope.organization.slug.clone(),
        organization_name: scope.organization.name.clone(),
        event: managed(&scope, joined, waitlisted),
        description_html: crate::markdown::to_safe_html(&scope.event.description),
        rooms: rooms
            .into_iter()
            .map(|r| Named {
                id: domain::RoomId(r.id),
                name: r.name,
            })
            .collect(),
        tracks: tracks
            .into_iter()
            .map(|t| Named {
                id: domain::TrackId(t.id),
                name: t.name,
            })
            .collect(),
        warnings: found.iter().map(ToString::to_string).collect(),
        items,
        speakers: org_speakers
            .into_iter()
            .map(|s| Named {
                id: s.id,
                name: s.name,
            })
            .collect(),
        history: history
            .into_iter()
            .map(|c| EventChange {
                at: time::moment_label(c.at, &scope.tz),
                who: c.who.unwrap_or_else(|| "Someone".to_owned()),
                summary: c.summary,
            })
            .collect(),
    })
}
