//! Creating, editing, publishing, duplicating and archiving events.

mod copies;
mod editor;
mod form;
mod publishing;

pub use copies::duplicate;
pub use editor::{editor, managed};
pub use form::parse_form;
pub use publishing::{StatusChange, change_status};

use domain::EventStatus;
use domain::error::AppError;
use domain::organizer::{EventForm, EventListItem};

use crate::accounts::session::Actor;
use crate::db::managed_events::{self, EventRow, EventValues};
use crate::db::{self, users};
use crate::policy::Action;
use crate::{Services, time, workspace};

use super::scope;
use form::taken_slug;

/// The organization's events with their counts.
pub async fn list(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
) -> Result<Vec<EventListItem>, AppError> {
    let (organization, _) =
        workspace::authorized(state, actor, org_slug, Action::ViewWorkspace).await?;
    let rows = managed_events::list(&state.db, organization.id)
        .await
        .map_err(AppError::db("cannot list events"))?;
    Ok(rows
        .into_iter()
        .map(|r| EventListItem {
            id: r.id,
            status: status_of(&r.status),
            dates: time::schedule(r.starts_at, r.ends_at, &r.time_zone).label,
            slug: r.slug,
            title: r.title,
            sessions: r.sessions,
            registrations: r.registrations,
        })
        .collect())
}

/// Creates a draft event; its slug.
pub async fn create(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    form: &EventForm,
) -> Result<String, AppError> {
    let (organization, grant) =
        workspace::authorized(state, actor, org_slug, Action::ManageEvents).await?;
    let values = parse_form(form)?;
    let now = db::now();
    let mut tx = state.db.begin().await?;
    let id = match managed_events::create(&mut *tx, organization.id, &values, now).await {
        Ok(id) => id,
        Err(e) if users::is_unique_violation(&e) => return Err(taken_slug(form)),
        Err(e) => return Err(AppError::database("cannot create an event", e)),
    };
    managed_events::record_change(&mut *tx, id, Some(grant.user), "created the event", now)
        .await
        .map_err(AppError::db("cannot record an event change"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot create an event"))?;
    Ok(values.slug)
}

/// Saves the event form; the (possibly new) slug.
pub async fn update(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    form: &EventForm,
) -> Result<String, AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let values = parse_form(form)?;
    let changed = changed_fields(&scope.event, &values);
    if changed.is_empty() {
        return Ok(values.slug);
    }
    let mut tx = state.db.begin().await?;
    match managed_events::update(&mut *tx, scope.event.id, &values, db::now()).await {
        Ok(()) => {}
        Err(e) if users::is_unique_violation(&e) => return Err(taken_slug(form)),
        Err(e) => return Err(AppError::database("cannot save an event", e)),
    }
    scope
        .record(tx, &format!("changed {}", changed.join(", ")))
        .await?;
    Ok(values.slug)
}

/// The names of the fields `values` changes, for the history.
fn changed_fields(row: &EventRow, values: &EventValues) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let mut note = |differs: bool, name| {
        if differs {
            changed.push(name)
        }
    };
    note(row.title != values.title, "the title");
    note(row.slug != values.slug, "the address");
    note(row.summary != values.summary, "the summary");
    note(row.description != values.description, "the description");
    note(
        row.starts_at != values.starts_at || row.ends_at != values.ends_at,
        "the dates",
    );
    note(row.time_zone != values.time_zone, "the time zone");
    note(
        row.venue != values.venue || row.online_url != values.online_url,
        "the place",
    );
    note(row.visibility != values.visibility, "the visibility");
    note(row.capacity != values.capacity, "the capacity");
    changed
}

pub(crate) fn status_of(raw: &str) -> EventStatus {
    match raw {
        "published" => EventStatus::Published,
        "archived" => EventStatus::Archived,
        _ => EventStatus::Draft,
    }
}
