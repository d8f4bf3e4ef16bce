//! The signed-in person's own program: the sessions they starred, the events they joined,
//! their private calendar link.

use domain::AgendaItemId;
use domain::error::AppError;
use domain::registration::{MyEvent, MyProgram, MyStar, RegistrationStatus};

use crate::accounts::session::Actor;
use crate::db::agenda as agenda_db;
use crate::db::{self, registrations};
use crate::public_events::published;
use crate::{Services, time};

/// The sessions of a published event the caller starred.
pub async fn my_stars(
    state: &Services,
    actor: &Actor,
    slug: &str,
) -> Result<Vec<AgendaItemId>, AppError> {
    let user = actor.signed_in()?.user_id;
    let row = published(&state.db, slug).await?;
    registrations::starred(&state.db, user, row.id)
        .await
        .map_err(AppError::db("cannot read a personal agenda"))
}

/// Stars or unstars a session of a published event in the caller's personal agenda.
pub async fn star(
    state: &Services,
    actor: &Actor,
    slug: &str,
    item: AgendaItemId,
    starred: bool,
) -> Result<(), AppError> {
    let user = actor.signed_in()?.user_id;
    let row = published(&state.db, slug).await?;
    agenda_db::item(&state.db, row.id, item)
        .await
        .map_err(AppError::db("cannot read a session"))?
        .ok_or_else(|| AppError::NotFound("session".into()))?;
    registrations::set_star(&state.db, user, item, starred, db::now())
        .await
        .map_err(AppError::db("cannot change a personal agenda"))
}

/// The account page's events and personal agenda.
/// `fresh` is the secret of a calendar link just made (see `new_agenda_feed`): shown once if it
/// is the person's current one.
pub async fn my_program(
    state: &Services,
    actor: &Actor,
    fresh: Option<&str>,
) -> Result<MyProgram, AppError> {
    let user = actor.signed_in()?.user_id;
    let events = registrations::events_of(&state.db, user)
        .await
        .map_err(AppError::db("cannot list registrations"))?
        .into_iter()
        .map(|r| MyEvent {
            dates: time::schedule(r.starts_at, r.ends_at, &r.time_zone).label,
            status: RegistrationStatus::parse(&r.status).unwrap_or(RegistrationStatus::Joined),
            slug: r.slug,
            title: r.title,
        })
        .collect();
    let agenda = registrations::stars_of(&state.db, user)
        .await
        .map_err(AppError::db("cannot list a personal agenda"))?
        .into_iter()
        .map(|s| MyStar {
            when: time::moment_label(s.starts_at, &time::zone_or_utc(&s.time_zone)),
            event_slug: s.slug,
            event_title: s.event_title,
            session: s.id,
            title: s.title,
        })
        .collect();
    let has_feed = registrations::has_feed(&state.db, user)
        .await
        .map_err(AppError::db("cannot read a calendar link"))?;
    let feed_prefix = format!("{}/agenda/", state.config.base_url.trim_end_matches('/'));
    let fresh_link = match fresh {
        Some(secret) => {
            registrations::feed_owner(&state.db, &crate::accounts::tokens::digest(secret))
                .await
                .map_err(AppError::db("cannot read a calendar link"))?
                .filter(|owner| *owner == user)
                .map(|_| format!("{feed_prefix}{secret}.ics"))
        }
        None => None,
    };
    Ok(MyProgram {
        events,
        agenda,
        has_feed,
        feed_prefix,
        fresh_link,
    })
}

/// Makes a new private calendar link for the caller, disabling the previous one; the
/// secret, shown once.
pub async fn new_agenda_feed(state: &Services, actor: &Actor) -> Result<String, AppError> {
    let user = actor.signed_in()?.user_id;
    let secret = crate::accounts::tokens::new_secret();
    registrations::replace_feed(
        &state.db,
        user,
        &crate::accounts::tokens::digest(&secret),
        db::now(),
    )
    .await
    .map_err(AppError::db("cannot store a calendar link"))?;
    Ok(secret)
}
