//! What the public pages read about events: rows from the database turned into the shared
//! domain types, with failures turned into [`AppError`]s.

use crate::domain::{EventDetails, EventSummary, SearchQuery, Slug};
use crate::error::AppError;

use super::db::events::{self, PublicEventRow};
use super::db::{self, Db};
use super::time;

/// The most events the home page lists.
pub const HOME_PAGE_LIMIT: i64 = 24;

/// Upcoming public events, soonest first, filtered by `query`.
pub async fn upcoming(db: &Db, query: &SearchQuery) -> Result<Vec<EventSummary>, AppError> {
    let rows = events::list_upcoming(db, db::now(), query, HOME_PAGE_LIMIT)
        .await
        .map_err(|e| AppError::database("listing upcoming events", e))?;
    rows.into_iter().map(summary).collect()
}

/// The public page of one event. A malformed slug, a draft or an archived event is simply not
/// found, so the answer reveals nothing about what exists.
pub async fn by_slug(db: &Db, base_url: &str, slug: &str) -> Result<EventDetails, AppError> {
    let not_found = || AppError::NotFound("event".into());
    let slug = Slug::parse(slug).map_err(|_| not_found())?;
    let row = events::find_public_by_slug(db, slug.as_str())
        .await
        .map_err(|e| AppError::database("loading an event page", e))?
        .ok_or_else(not_found)?;
    let description = row.description.clone();
    let venue = row.venue.clone();
    let online_url = row.online_url.clone();
    let organization_slug = parse_stored_slug(&row.organization_slug)?;
    let canonical_url = format!("{base_url}/e/{slug}");
    Ok(EventDetails {
        summary: summary(row)?,
        description,
        venue,
        online_url,
        organization_slug,
        canonical_url,
    })
}

fn summary(row: PublicEventRow) -> Result<EventSummary, AppError> {
    let place = match (&row.venue, &row.online_url) {
        (Some(venue), Some(_)) => format!("{venue} and online"),
        (Some(venue), None) => venue.clone(),
        (None, _) => "Online".to_owned(),
    };
    Ok(EventSummary {
        id: row.id,
        slug: parse_stored_slug(&row.slug)?,
        title: row.title,
        summary: row.summary,
        schedule: time::schedule(row.starts_at, row.ends_at, &row.time_zone),
        place,
        organization: row.organization_name,
        search_text: row.search_text,
    })
}

/// Slugs are validated before they are stored; one that is not valid is a bug worth logging.
fn parse_stored_slug(raw: &str) -> Result<Slug, AppError> {
    Slug::parse(raw).map_err(|e| {
        AppError::internal("a stored slug is invalid", anyhow::anyhow!("{raw:?}: {e}"))
    })
}
