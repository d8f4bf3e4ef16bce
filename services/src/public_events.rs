//! What the public pages read about events: rows from the database turned into the shared
//! domain types, with failures turned into [`AppError`]s.

use domain::discovery::{Cursor, Discovery, DiscoveryPage};
use domain::error::AppError;
use domain::{EventDetails, EventSummary, SearchQuery, Slug};

use super::db::events::{self, PublicEventRow};
use super::db::{self, Db, discovery, speakers};
use super::organizer::speakers::profile;
use super::{markdown, media, time};

/// The most events the home page lists.
pub const HOME_PAGE_LIMIT: i64 = 24;
/// The most speakers the event page features.
const FEATURED_SPEAKERS: usize = 8;

/// Upcoming public events, soonest first, filtered by `query`.
pub async fn upcoming(db: &Db, query: &SearchQuery) -> Result<Vec<EventSummary>, AppError> {
    let rows = events::list_upcoming(db, db::now(), query, HOME_PAGE_LIMIT)
        .await
        .map_err(|e| AppError::database("listing upcoming events", e))?;
    rows.into_iter().map(summary).collect()
}

/// How many events `/events` shows at once.
pub const DISCOVERY_PAGE: i64 = 24;

/// One page of `/events`.
pub async fn discover(db: &Db, query: Discovery) -> Result<DiscoveryPage, AppError> {
    let mut rows = discovery::search(db, db::now(), &query, DISCOVERY_PAGE + 1)
        .await
        .map_err(|e| AppError::database("searching events", e))?;
    let more = rows.len() as i64 > DISCOVERY_PAGE;
    rows.truncate(DISCOVERY_PAGE as usize);
    let next = rows.last().filter(|_| more).map(|row| Cursor {
        starts_at: row.starts_at,
        id: row.id.0,
    });
    let events = rows.into_iter().map(summary).collect::<Result<_, _>>()?;
    Ok(DiscoveryPage {
        query,
        events,
        next,
    })
}

/// A published event's row by its slug as typed in the URL. A malformed slug, a draft or an
/// archived event is simply not found, so the answer reveals nothing about what exists.
pub async fn published(db: &Db, slug: &str) -> Result<PublicEventRow, AppError> {
    let not_found = || AppError::NotFound("event".into());
    let slug = Slug::parse(slug).map_err(|_| not_found())?;
    events::find_public_by_slug(db, slug.as_str())
        .await
        .map_err(|e| AppError::database("loading an event page", e))?
        .ok_or_else(not_found)
}

/// The public page of one event by its slug: two queries whatever the size of its agenda.
pub async fn by_slug(db: &Db, base_url: &str, slug: &str) -> Result<EventDetails, AppError> {
    details(db, base_url, published(db, slug).await?).await
}

/// The public page of the event `row` (already read): one more query, for its speakers.
pub async fn details(
    db: &Db,
    base_url: &str,
    row: PublicEventRow,
) -> Result<EventDetails, AppError> {
    let mut speakers: Vec<_> = speakers::at_event(db, row.id)
        .await
        .map_err(AppError::db("cannot read an event's speakers"))?
        .into_iter()
        .map(profile)
        .collect();
    let speaker_count = speakers.len();
    speakers.truncate(FEATURED_SPEAKERS);
    let description_html = markdown::to_safe_html(&row.description);
    let venue = row.venue.clone();
    let online_url = row.online_url.clone();
    let organization_slug = parse_stored_slug(&row.organization_slug)?;
    let canonical_url = format!("{base_url}/e/{}", row.slug);
    let cover = row
        .cover_image
        .as_deref()
        .filter(|name| media::is_stored_name(name))
        .map(|name| media::url(name, 1600));
    let sells_tickets = row.ticket_types > 0;
    let summary = summary(row)?;
    let image = cover.as_ref().map(|path| format!("{base_url}{path}"));
    let json_ld = json_ld(
        &summary,
        venue.as_deref(),
        online_url.as_deref(),
        &canonical_url,
        image.as_deref(),
    );
    Ok(EventDetails {
        summary,
        description_html,
        venue,
        online_url,
        organization_slug,
        canonical_url,
        cover,
        share_image: image,
        speakers,
        speaker_count,
        json_ld,
        sells_tickets,
    })
}

/// schema.org `Event`, for search engines. `<` is escaped so no text of the event can close
/// the `<script>` element it is put in.
fn json_ld(
    event: &EventSummary,
    venue: Option<&str>,
    online_url: Option<&str>,
    url: &str,
    image: Option<&str>,
) -> String {
    let mode = match (venue, online_url) {
        (Some(_), Some(_)) => "MixedEventAttendanceMode",
        (None, Some(_)) => "OnlineEventAttendanceMode",
        _ => "OfflineEventAttendanceMode",
    };
    let mut location = Vec::new();
    if let Some(venue) = venue {
        location.push(serde_json::json!({"@type": "Place", "name": venue, "address": venue}));
    }
    if let Some(link) = online_url {
        location.push(serde_json::json!({"@type": "VirtualLocation", "url": link}));
    }
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": event.schedule.starts_at,
        "endDate": event.schedule.ends_at,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": format!("https://schema.org/{mode}"),
        "location": location,
        "organizer": {"@type": "Organization", "name": event.organization},
        "url": url,
    });
    if let Some(image) = image {
        value["image"] = serde_json::json!([image]);
    }
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

pub(crate) fn summary(row: PublicEventRow) -> Result<EventSummary, AppError> {
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
pub(crate) fn parse_stored_slug(raw: &str) -> Result<Slug, AppError> {
    Slug::parse(raw).map_err(|e| {
        AppError::internal("a stored slug is invalid", anyhow::anyhow!("{raw:?}: {e}"))
    })
}
