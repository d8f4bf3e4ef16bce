//! Reading the event form: every field checked at once, so the organizer sees all problems
//! together with what they typed kept.

use domain::error::{AppError, Validation};
use domain::organizer::EventForm;
use domain::{EventTitle, Slug, Visibility};

use crate::db::managed_events::EventValues;
use crate::time;

/// The longest an event may last; it also bounds how far back the "not ended yet" listings
/// have to look.
const MAX_EVENT_DAYS: i64 = 31;
/// The most attendees an event may be limited to.
const MAX_CAPACITY: i64 = 1_000_000;

/// Checks every field of the form; all problems at once, with what was typed kept.
pub fn parse_form(form: &EventForm) -> Result<EventValues, AppError> {
    let mut v = Validation::default();
    let title = v.check(
        "title",
        EventTitle::parse(&form.title).map_err(|e| e.to_string()),
    );
    let slug_source = match form.slug.trim() {
        "" => Slug::suggest(&form.title)
            .map(String::from)
            .unwrap_or_default(),
        typed => typed.to_owned(),
    };
    let slug = v.check("slug", Slug::parse(&slug_source).map_err(|e| e.to_string()));
    let summary = v.check("summary", domain::text::optional(&form.summary, 280, false));
    let description = v.check(
        "description",
        domain::text::optional(&form.description, 20_000, true),
    );
    let tz = v.check("time_zone", time::zone(&form.time_zone));
    let (starts_at, ends_at) = match &tz {
        Some(tz) => (
            v.check("starts_local", time::parse_local(&form.starts_local, tz)),
            v.check("ends_local", time::parse_local(&form.ends_local, tz)),
        ),
        None => (None, None),
    };
    if let (Some(start), Some(end)) = (starts_at, ends_at) {
        let span = if end <= start {
            Err("end after the start".to_owned())
        } else if end - start > MAX_EVENT_DAYS * 86_400 {
            Err(format!("an event lasts at most {MAX_EVENT_DAYS} days"))
        } else {
            Ok(())
        };
        v.check("ends_local", span);
    }
    let venue = v.check("venue", domain::text::optional(&form.venue, 200, false));
    let online_url = v.check("online_url", domain::text::optional_link(&form.online_url));
    let visibility = v.check(
        "visibility",
        match form.visibility.as_str() {
            "" | "public" => Ok(Visibility::Public.as_str()),
            "unlisted" => Ok(Visibility::Unlisted.as_str()),
            _ => Err("choose listed or unlisted".to_owned()),
        },
    );
    let capacity = v.check("capacity", parse_capacity(&form.capacity));
    match (
        title,
        slug,
        summary,
        description,
        tz,
        starts_at,
        ends_at,
        venue,
        online_url,
        visibility,
        capacity,
    ) {
        (
            Some(title),
            Some(slug),
            Some(summary),
            Some(description),
            Some(_),
            Some(starts_at),
            Some(ends_at),
            Some(venue),
            Some(online_url),
            Some(visibility),
            Some(capacity),
        ) if v.is_empty() => Ok(EventValues {
            slug: slug.into(),
            title: title.into(),
            summary: summary.unwrap_or_default(),
            description: description.unwrap_or_default(),
            starts_at,
            ends_at,
            time_zone: form.time_zone.trim().to_owned(),
            venue,
            online_url,
            visibility,
            capacity,
        }),
        _ => Err(v.into_error().keeping(&form.kept())),
    }
}

fn parse_capacity(raw: &str) -> Result<Option<i64>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<i64>() {
        Ok(n) if (1..=MAX_CAPACITY).contains(&n) => Ok(Some(n)),
        _ => Err(format!(
            "enter a whole number from 1 to {MAX_CAPACITY}, or leave it blank for no limit"
        )),
    }
}

pub(super) fn taken_slug(form: &EventForm) -> AppError {
    AppError::invalid(
        "slug",
        "another event already uses this address; choose another",
    )
    .keeping(&form.kept())
}
