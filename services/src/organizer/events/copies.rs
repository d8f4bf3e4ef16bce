//! Duplicating an event as a new draft, the quick way to set up next year's edition: its
//! fields and places are copied, its sessions and registrations are not.

use domain::error::AppError;
use domain::{EventTitle, Slug};

use crate::Services;
use crate::accounts::session::Actor;
use crate::db::managed_events::{self, EventValues};
use crate::db::{self, agenda as agenda_db};
use crate::organizer::scope;
use crate::policy::Action;

/// Copies an event as a new draft: its fields, rooms and tracks, not its sessions or
/// registrations. The copy's slug.
pub async fn duplicate(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
) -> Result<String, AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let source = &scope.event;
    let now = db::now();
    let title = format!("Copy of {}", source.title);
    let title = EventTitle::parse(&title)
        .map(String::from)
        .unwrap_or_else(|_| source.title.clone());
    let mut tx = state.db.begin().await?;
    // The first free "-copy", "-copy-2"… slug: tried in turn, since a failed insert would end
    // a PostgreSQL transaction, the free one is found before inserting.
    let base: String = source.slug.chars().take(Slug::MAX_LEN - 8).collect();
    let mut slug = None;
    for n in 1..=20 {
        let candidate = match n {
            1 => format!("{base}-copy"),
            n => format!("{base}-copy-{n}"),
        };
        let taken: Option<(i64,)> = sqlx::query_as("SELECT id FROM events WHERE slug = $1")
            .bind(&candidate)
            .fetch_optional(&mut *tx)
            .await
            .map_err(AppError::db("cannot check a slug"))?;
        if taken.is_none() {
            slug = Some(candidate);
            break;
        }
    }
    let slug = slug.ok_or_else(|| {
        AppError::Conflict("This event has been copied too many times; rename a copy first.".into())
    })?;
    let values = EventValues {
        slug: slug.clone(),
        title,
        summary: source.summary.clone(),
        description: source.description.clone(),
        starts_at: source.starts_at,
        ends_at: source.ends_at,
        time_zone: source.time_zone.clone(),
        venue: source.venue.clone(),
        online_url: source.online_url.clone(),
        visibility: if source.visibility == "unlisted" {
            "unlisted"
        } else {
            "public"
        },
        capacity: source.capacity,
    };
    let id = managed_events::create(&mut *tx, scope.organization.id, &values, now)
        .await
        .map_err(AppError::db("cannot copy an event"))?;
    agenda_db::copy_places(&mut *tx, source.id, id)
        .await
        .map_err(AppError::db("cannot copy rooms and tracks"))?;
    let note = format!("created as a copy of “{}”", source.title);
    managed_events::record_change(&mut *tx, id, Some(scope.grant.user), &note, now)
        .await
        .map_err(AppError::db("cannot record an event change"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot copy an event"))?;
    Ok(slug)
}
