//! The public side of an event's program: schedule, sessions, speakers, the visitor's
//! registration and personal agenda. Each page reads a fixed number of queries whatever the
//! size of the agenda.

use domain::agenda::{Named, by_day};
use domain::error::AppError;
use domain::program::{SchedulePage, SessionPage, SpeakersPage};
use domain::registration::{Attendance, RegistrationStatus};
use domain::speaker::SpeakerAtEvent;
use domain::{AgendaItemId, RoomId, TrackId};

mod personal;

pub use personal::{my_program, my_stars, new_agenda_feed, star};

use super::accounts::session::Actor;
use super::db::agenda::{self as agenda_db, Place};
use super::db::events::PublicEventRow;
use super::db::{self, managed_events, registrations, speakers, tickets};
use super::organizer::speakers::profile;
use super::public_events::{published, summary};
use super::{Services, agenda, markdown, time};

/// `/e/{event}/schedule`.
pub async fn schedule(
    state: &Services,
    actor: &Actor,
    slug: &str,
) -> Result<SchedulePage, AppError> {
    let row = published(&state.db, slug).await?;
    let tz = time::zone_or_utc(&row.time_zone);
    let id = row.id;
    let items = agenda::items(&state.db, id, &tz).await?;
    let rooms = agenda_db::places(&state.db, id, Place::Rooms)
        .await
        .map_err(AppError::db("cannot list rooms"))?;
    let tracks = agenda_db::places(&state.db, id, Place::Tracks)
        .await
        .map_err(AppError::db("cannot list tracks"))?;
    let (signed_in, starred) = starred(state, actor, id).await?;
    Ok(SchedulePage {
        event: summary(row)?,
        rooms: rooms
            .into_iter()
            .map(|r| Named {
                id: RoomId(r.id),
                name: r.name,
            })
            .collect(),
        tracks: tracks
            .into_iter()
            .map(|t| Named {
                id: TrackId(t.id),
                name: t.name,
            })
            .collect(),
        days: by_day(items, time::day_label),
        now: db::now(),
        starred,
        signed_in,
    })
}

async fn starred(
    state: &Services,
    actor: &Actor,
    event: domain::EventId,
) -> Result<(bool, Vec<AgendaItemId>), AppError> {
    match actor {
        Actor::User(user) => Ok((
            true,
            registrations::starred(&state.db, user.user_id, event)
                .await
                .map_err(AppError::db("cannot read a personal agenda"))?,
        )),
        Actor::Anonymous => Ok((false, Vec::new())),
    }
}

/// `/e/{event}/sessions/{id}`.
pub async fn session(
    state: &Services,
    actor: &Actor,
    slug: &str,
    id: AgendaItemId,
) -> Result<SessionPage, AppError> {
    let row = published(&state.db, slug).await?;
    let tz = time::zone_or_utc(&row.time_zone);
    let item_row = agenda_db::item(&state.db, row.id, id)
        .await
        .map_err(AppError::db("cannot read a session"))?
        .ok_or_else(|| AppError::NotFound("session".into()))?;
    let rows = speakers::of_item(&state.db, id)
        .await
        .map_err(AppError::db("cannot read a session's speakers"))?;
    let refs = rows
        .iter()
        .map(|s| Named {
            id: s.id,
            name: s.name.clone(),
        })
        .collect();
    let profiles = rows.into_iter().map(profile).collect();
    let item = agenda::item(item_row, refs, &tz);
    let (signed_in, starred) = starred(state, actor, row.id).await?;
    Ok(SessionPage {
        abstract_html: markdown::to_safe_html(&item.abstract_text),
        day_label: time::day_label(&item.day),
        starred: starred.contains(&item.id),
        item,
        speakers: profiles,
        signed_in,
        event: summary(row)?,
    })
}

/// `/e/{event}/speakers`: every speaker of the event with their sessions.
pub async fn speakers_page(state: &Services, slug: &str) -> Result<SpeakersPage, AppError> {
    let row = published(&state.db, slug).await?;
    let tz = time::zone_or_utc(&row.time_zone);
    let items = agenda::items(&state.db, row.id, &tz).await?;
    let rows = speakers::at_event(&state.db, row.id)
        .await
        .map_err(AppError::db("cannot read speakers"))?;
    let speakers = rows
        .into_iter()
        .map(|s| {
            let sessions = items
                .iter()
                .filter(|i| i.speakers.iter().any(|x| x.id == s.id))
                .cloned()
                .collect();
            SpeakerAtEvent {
                profile: profile(s),
                sessions,
            }
        })
        .collect();
    Ok(SpeakersPage {
        event: summary(row)?,
        speakers,
    })
}

/// The event page and the visitor's place at the event, reading the event once.
pub async fn event_page(
    state: &Services,
    actor: &Actor,
    slug: &str,
) -> Result<(domain::EventDetails, Attendance), AppError> {
    let row = published(&state.db, slug).await?;
    let attendance = attendance_of(state, actor, &row).await?;
    let details = super::public_events::details(&state.db, &state.config.base_url, row).await?;
    Ok((details, attendance))
}

/// The "Join" box of the event page, for the visitor.
pub async fn attendance(
    state: &Services,
    actor: &Actor,
    slug: &str,
) -> Result<Attendance, AppError> {
    let row = published(&state.db, slug).await?;
    attendance_of(state, actor, &row).await
}

async fn attendance_of(
    state: &Services,
    actor: &Actor,
    row: &PublicEventRow,
) -> Result<Attendance, AppError> {
    let (joined, _) = registrations::counts(state.db.pool(), row.id)
        .await
        .map_err(AppError::db("cannot count registrations"))?;
    let mut attendance = Attendance {
        signed_in: false,
        status: None,
        waitlist_position: None,
        joined,
        capacity: row.capacity,
    };
    if let Actor::User(user) = actor {
        attendance.signed_in = true;
        let mine = registrations::of(&state.db, row.id, user.user_id)
            .await
            .map_err(AppError::db("cannot read a registration"))?;
        if let Some((id, status, status_at)) = mine {
            attendance.status =
                RegistrationStatus::parse(&status).filter(|s| *s != RegistrationStatus::Cancelled);
            if attendance.status == Some(RegistrationStatus::Waitlisted) {
                attendance.waitlist_position = Some(
                    registrations::waitlist_position(&state.db, row.id, status_at, id)
                        .await
                        .map_err(AppError::db("cannot read the waitlist"))?,
                );
            }
        }
    }
    Ok(attendance)
}

/// Opens a transaction holding the event's row lock, with the caller's registration as it
/// stands under that lock: capacity decisions made in it cannot race another's.
async fn locked_registration(
    state: &Services,
    event: domain::EventId,
    user: domain::UserId,
) -> Result<
    (
        sqlx::Transaction<'static, sqlx::Any>,
        Option<RegistrationStatus>,
    ),
    AppError,
> {
    let mut tx = state.db.begin().await?;
    managed_events::lock(&mut *tx, event)
        .await
        .map_err(AppError::db("cannot lock an event"))?;
    let current: Option<(String,)> =
        sqlx::query_as("SELECT status FROM registrations WHERE event_id = $1 AND user_id = $2")
            .bind(event)
            .bind(user)
            .fetch_optional(&mut *tx)
            .await
            .map_err(AppError::db("cannot read a registration"))?;
    Ok((tx, current.and_then(|(s,)| RegistrationStatus::parse(&s))))
}

/// Whether the event sells tickets (then it takes no joins).
async fn sells_tickets(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    event: domain::EventId,
) -> Result<bool, AppError> {
    let types = tickets::count_types(&mut **tx, event)
        .await
        .map_err(AppError::db("cannot count ticket types"))?;
    Ok(types > 0)
}

/// Joins the event, or its waitlist when it is full; joining twice changes nothing. Runs
/// under the event's row lock, so two people cannot both take the last place.
pub async fn join(state: &Services, actor: &Actor, slug: &str) -> Result<Attendance, AppError> {
    let user = actor.signed_in()?.user_id;
    let row = published(&state.db, slug).await?;
    let now = db::now();
    if row.ends_at < now {
        return Err(AppError::Conflict(
            "This event is over; it no longer takes registrations.".into(),
        ));
    }
    let (mut tx, status) = locked_registration(state, row.id, user).await?;
    // Its seats are counted by ticket: a place taken here would be one nobody counted.
    // Asked under the event's lock, which adding the first ticket type takes too.
    if sells_tickets(&mut tx, row.id).await? {
        return Err(AppError::Conflict(
            "This event registers by ticket: get yours from its tickets page.".into(),
        ));
    }
    let already = status.is_some_and(|s| s != RegistrationStatus::Cancelled);
    if !already {
        let (joined, _) = registrations::counts(&mut *tx, row.id)
            .await
            .map_err(AppError::db("cannot count registrations"))?;
        let status = match row.capacity {
            Some(capacity) if joined >= capacity => RegistrationStatus::Waitlisted,
            _ => RegistrationStatus::Joined,
        };
        registrations::set(&mut *tx, row.id, user, status.as_str(), now)
            .await
            .map_err(AppError::db("cannot register"))?;
    }
    tx.commit().await.map_err(AppError::db("cannot register"))?;
    attendance_of(state, actor, &row).await
}

/// Gives the caller's place (or waitlist spot) back; the first waitlisted person gets a
/// freed place, in the same transaction.
pub async fn leave(state: &Services, actor: &Actor, slug: &str) -> Result<Attendance, AppError> {
    let user = actor.signed_in()?.user_id;
    let row = published(&state.db, slug).await?;
    let now = db::now();
    let (mut tx, status) = locked_registration(state, row.id, user).await?;
    if matches!(
        status,
        Some(RegistrationStatus::Joined | RegistrationStatus::Waitlisted)
    ) {
        registrations::set(
            &mut *tx,
            row.id,
            user,
            RegistrationStatus::Cancelled.as_str(),
            now,
        )
        .await
        .map_err(AppError::db("cannot cancel a registration"))?;
        if status == Some(RegistrationStatus::Joined) && sells_tickets(&mut tx, row.id).await? {
            // The place was counted as a seat when the event started selling tickets: it
            // is given back to the ticket buyers, not to the waitlist.
            tickets::release_event_seats(&mut *tx, row.id, 1)
                .await
                .map_err(AppError::db("cannot free a seat"))?;
        } else if status == Some(RegistrationStatus::Joined) {
            let (joined, _) = registrations::counts(&mut *tx, row.id)
                .await
                .map_err(AppError::db("cannot count registrations"))?;
            let room_left = row.capacity.is_none_or(|c| joined < c);
            if room_left
                && let Some(next) = registrations::first_waitlisted(&mut *tx, row.id)
                    .await
                    .map_err(AppError::db("cannot read the waitlist"))?
            {
                registrations::set(
                    &mut *tx,
                    row.id,
                    next,
                    RegistrationStatus::Joined.as_str(),
                    now,
                )
                .await
                .map_err(AppError::db("cannot promote from the waitlist"))?;
            }
        }
    }
    tx.commit()
        .await
        .map_err(AppError::db("cannot cancel a registration"))?;
    attendance_of(state, actor, &row).await
}
