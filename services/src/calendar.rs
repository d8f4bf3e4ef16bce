//! iCalendar (RFC 5545) exports of an event's agenda. Times are written in UTC, which every
//! calendar converts to its reader's zone without needing a VTIMEZONE block; UIDs are built
//! from the session's id and the site's host, so re-importing updates instead of duplicating.

use icalendar::{Calendar, Component, Event, EventLike};

use domain::AgendaItemId;
use domain::agenda::AgendaItem;
use domain::error::AppError;

use super::accounts::tokens;
use super::db::events::PublicEventRow;
use super::db::registrations;
use super::public_events::published;
use super::{Services, agenda, time};

/// The whole published agenda of `slug` (or the event itself when it has no sessions yet).
pub async fn event_calendar(state: &Services, slug: &str) -> Result<String, AppError> {
    let row = published(&state.db, slug).await?;
    let tz = time::zone_or_utc(&row.time_zone);
    let items = agenda::items(&state.db, row.id, &tz).await?;
    Ok(render(state, &row, &items))
}

/// One session of `slug`.
pub async fn session_calendar(
    state: &Services,
    slug: &str,
    id: AgendaItemId,
) -> Result<String, AppError> {
    let row = published(&state.db, slug).await?;
    let tz = time::zone_or_utc(&row.time_zone);
    let items: Vec<AgendaItem> = agenda::items(&state.db, row.id, &tz)
        .await?
        .into_iter()
        .filter(|i| i.id == id)
        .collect();
    if items.is_empty() {
        return Err(AppError::NotFound("session".into()));
    }
    Ok(render(state, &row, &items))
}

/// The personal agenda behind a private calendar link: every starred session of a
/// published event. An unknown or replaced link is "not found".
pub async fn personal_calendar(state: &Services, secret: &str) -> Result<String, AppError> {
    let not_found = || AppError::NotFound("calendar".into());
    if secret.len() != 64 || !secret.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(not_found());
    }
    let user = registrations::feed_owner(&state.db, &tokens::digest(secret))
        .await
        .map_err(AppError::db("cannot read a calendar link"))?
        .ok_or_else(not_found)?;
    let stars = registrations::stars_of(&state.db, user)
        .await
        .map_err(AppError::db("cannot read a personal agenda"))?;
    let (base, host) = site(state);
    let mut calendar = calendar("-//Convene//Personal agenda//EN");
    calendar.name("My Convene agenda");
    for star in stars {
        let mut entry = Event::new();
        entry
            .uid(&format!("session-{}@{host}", star.id))
            .summary(&star.title)
            .description(&star.event_title)
            .add_property("DTSTART", time::ics_utc(star.starts_at))
            .add_property("DTEND", time::ics_utc(star.ends_at))
            .url(&format!("{base}/e/{}/sessions/{}", star.slug, star.id));
        let place = [star.room, star.venue]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>();
        if !place.is_empty() {
            entry.location(&place.join(", "));
        }
        calendar.push(entry.done());
    }
    Ok(calendar.done().to_string())
}

/// An empty calendar that names Convene as its producer. `Calendar::new` would name the
/// library instead, and a second `PRODID` is invalid (RFC 5545 allows exactly one).
fn calendar(product: &str) -> Calendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", product))
        .append_property(("CALSCALE", "GREGORIAN"));
    calendar
}

/// The site's base URL and host (for UIDs).
fn site(state: &Services) -> (&str, &str) {
    let base = state.config.base_url.trim_end_matches('/');
    let host = base
        .split("://")
        .nth(1)
        .unwrap_or(base)
        .split('/')
        .next()
        .unwrap_or("convene");
    (base, host)
}

fn render(state: &Services, event: &PublicEventRow, items: &[AgendaItem]) -> String {
    let (base, host) = site(state);
    let event_url = format!("{base}/e/{}", event.slug);
    let mut calendar = calendar("-//Convene//Event agenda//EN");
    calendar
        .name(&event.title)
        .timezone(event.time_zone.as_str());
    if items.is_empty() {
        let mut whole = Event::new();
        whole
            .uid(&format!("event-{}@{host}", event.id))
            .summary(&event.title)
            .description(&event.summary)
            .add_property("DTSTART", time::ics_utc(event.starts_at))
            .add_property("DTEND", time::ics_utc(event.ends_at))
            .url(&event_url);
        if let Some(venue) = &event.venue {
            whole.location(venue);
        }
        calendar.push(whole.done());
    }
    for item in items {
        let mut entry = Event::new();
        let mut description = item.abstract_text.clone();
        if !item.speakers.is_empty() {
            let names: Vec<&str> = item.speakers.iter().map(|s| s.name.as_str()).collect();
            description = format!("{}\n\n{description}", names.join(", "));
        }
        entry
            .uid(&format!("session-{}@{host}", item.id))
            .summary(&item.title)
            .description(description.trim())
            .add_property("DTSTART", time::ics_utc(item.starts_at))
            .add_property("DTEND", time::ics_utc(item.ends_at))
            .url(&format!("{event_url}/sessions/{}", item.id));
        let place = match (&item.room, &event.venue) {
            (Some(room), Some(venue)) => Some(format!("{}, {venue}", room.name)),
            (Some(room), None) => Some(room.name.clone()),
            (None, venue) => venue.clone(),
        };
        if let Some(place) = place {
            entry.location(&place);
        }
        calendar.push(entry.done());
    }
    calendar.done().to_string()
}
