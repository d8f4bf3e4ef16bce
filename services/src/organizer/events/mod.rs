//! Creating, editing, publishing, duplicating and archiving events.

use domain::agenda::{Named, warnings};
use domain::error::{AppError, Validation};
use domain::organizer::{EventChange, EventEditor, EventForm, EventListItem, ManagedEvent};
use domain::{EventStatus, EventTitle, Slug, Visibility};

use crate::accounts::session::Actor;
use crate::db::managed_events::{self, EventRow, EventValues};
use crate::db::{self, agenda as agenda_db, registrations, speakers, users};
use crate::media;
use crate::policy::Action;
use crate::{Services, agenda, time, workspace};

use super::{EventScope, scope};

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

fn taken_slug(form: &EventForm) -> AppError {
    AppError::invalid(
        "slug",
        "another event already uses this address; choose another",
    )
    .keeping(&form.kept())
}

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

/// What an organizer can do to an event's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusChange {
    /// Make it public now.
    Publish,
    /// Publish it by itself at a chosen time.
    Schedule,
    /// Back to draft.
    Unpublish,
    /// Withdraw it.
    Archive,
}

impl StatusChange {
    /// Reads the posted value.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        match raw {
            "publish" => Ok(Self::Publish),
            "schedule" => Ok(Self::Schedule),
            "unpublish" => Ok(Self::Unpublish),
            "archive" => Ok(Self::Archive),
            _ => Err(AppError::invalid("request", "choose a status")),
        }
    }
}

/// Changes the event's status (`change` as posted); `publish_at_local` is the time for
/// [`StatusChange::Schedule`].
pub async fn change_status(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    change: &str,
    publish_at_local: &str,
) -> Result<(), AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let change = StatusChange::parse(change)?;
    let now = db::now();
    let (status, publish_at, summary) = match change {
        StatusChange::Publish => (
            EventStatus::Published,
            None,
            "published the event".to_owned(),
        ),
        StatusChange::Unpublish => (
            EventStatus::Draft,
            None,
            "moved the event back to draft".to_owned(),
        ),
        StatusChange::Archive => (EventStatus::Archived, None, "archived the event".to_owned()),
        StatusChange::Schedule => {
            let at = time::parse_local(publish_at_local, &scope.tz)
                .and_then(|at| match at > now {
                    true => Ok(at),
                    false => Err("choose a time in the future".to_owned()),
                })
                .map_err(|m| {
                    AppError::invalid("publish_at", m).keeping(&[("publish_at", publish_at_local)])
                })?;
            let label = time::moment_label(at, &scope.tz);
            (
                EventStatus::Draft,
                Some(at),
                format!("scheduled publishing for {label}"),
            )
        }
    };
    let mut tx = state.db.begin().await?;
    managed_events::set_status(&mut *tx, scope.event.id, status.as_str(), publish_at, now)
        .await
        .map_err(AppError::db("cannot change an event's status"))?;
    scope.record(tx, &summary).await
}

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

pub(crate) fn status_of(raw: &str) -> EventStatus {
    match raw {
        "published" => EventStatus::Published,
        "archived" => EventStatus::Archived,
        _ => EventStatus::Draft,
    }
}

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
