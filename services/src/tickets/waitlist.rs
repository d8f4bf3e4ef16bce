//! The waitlist of a sold-out ticket type. Whoever finds it sold out waits in line; when a
//! seat frees up, it is taken on the counters for the first in line, in the transaction
//! that freed it, and offered to them by mail (no buyer can snatch it meanwhile). An offer
//! left unclaimed lapses and passes on to the next in line ([`pass_on_lapsed`]).

use std::collections::BTreeSet;

use domain::error::{AppError, Validation};
use domain::tickets::Availability;
use domain::tickets::types::access_code;
use domain::tickets::waitlist::{WaitlistJoined, WaitlistRequest};
use domain::{EventId, TicketTypeId};

use crate::accounts::session::Actor;
use crate::db::waitlist::{self, NewEntry};
use crate::db::{self, ticket_mails, tickets};
use crate::organizer::Tx;
use crate::public_events::published;
use crate::{Services, time};

use super::codes::new_ticket_code;
use super::offer::{availability, event_left, unlocked};

/// How many people one pass offers seats to, at most, per event.
const OFFERS_PER_PASS: i64 = 100;

/// Puts someone in line for the sold-out type `ticket_type` of the published event `slug`
/// (`code`: the access code of a hidden type).
pub async fn join(
    state: &Services,
    actor: &Actor,
    slug: &str,
    ticket_type: TicketTypeId,
    (name, email, code): (&str, &str, &str),
) -> Result<WaitlistJoined, AppError> {
    let kept = [("name", name), ("email", email)];
    let keep = |e: AppError| e.keeping(&kept);
    let event = published(&state.db, slug).await?;
    let now = db::now();
    let code = access_code(code).map_err(|m| keep(AppError::invalid("request", m)))?;
    let row = tickets::types_of(state.db.pool(), event.id)
        .await
        .map_err(AppError::db("cannot list ticket types"))?
        .into_iter()
        .find(|r| r.id == ticket_type && unlocked(r, code.as_deref()))
        .ok_or_else(|| AppError::NotFound("ticket type".into()))?;
    let left = event_left(state.db.pool(), event.id, event.capacity).await?;
    let tz = time::zone_or_utc(&event.time_zone);
    let refusal = match availability(&row, left, now, &tz) {
        _ if event.ends_at <= now => Some("This event is over.".to_owned()),
        Availability::SoldOut => None,
        Availability::OnSale { .. } => Some(format!(
            "“{}” is on sale again: order a ticket instead.",
            row.name
        )),
        Availability::NotYet(at) => Some(format!("The sale of “{}” opens {at}.", row.name)),
        Availability::Ended => Some(format!("The sale of “{}” has ended.", row.name)),
    };
    if let Some(message) = refusal {
        return Err(keep(AppError::invalid("request", message)));
    }
    let mut v = Validation::default();
    let Some(request) = WaitlistRequest::check(&mut v, name, email) else {
        return Err(keep(v.into_error()));
    };
    let user = match actor {
        Actor::User(user) => Some(user.user_id),
        Actor::Anonymous => None,
    };
    let entry = NewEntry {
        event: event.id,
        ticket_type,
        user,
        name: &request.name,
        email: request.email.as_str(),
    };
    let joined = waitlist::join(state.db.pool(), &entry, now)
        .await
        .map_err(AppError::db("cannot join a waitlist"))?
        .ok_or_else(|| {
            keep(AppError::invalid(
                "email",
                format!("this address is already on the waitlist for “{}”", row.name),
            ))
        })?;
    let place = waitlist::place_in_line(state.db.pool(), joined)
        .await
        .map_err(AppError::db("cannot read a waitlist"))?;
    Ok(WaitlistJoined {
        ticket_type: row.name,
        place,
    })
}

/// Offers the seats free at `event` to the people waiting there, first come first served:
/// each seat is taken on the counters for them and mailed. Runs in the transaction that
/// freed the seats, so nobody else can take them first; how many offers were made.
pub async fn offer_free_seats(tx: &mut Tx, event: EventId, now: i64) -> Result<usize, sqlx::Error> {
    let line = waitlist::in_line(&mut **tx, event, OFFERS_PER_PASS).await?;
    if line.is_empty() {
        return Ok(0);
    }
    let terms = waitlist::offer_terms(&mut **tx, event).await?;
    if terms.ends_at <= now {
        return Ok(0);
    }
    let until = (now + terms.waitlist_offer_hours * 3_600).min(terms.ends_at);
    let mut full = BTreeSet::new();
    let mut offered = 0;
    for (entry, ticket_type) in line {
        if full.contains(&ticket_type) {
            continue;
        }
        if !tickets::take_type_seats(&mut **tx, ticket_type, 1).await? {
            full.insert(ticket_type);
            continue;
        }
        if !tickets::take_event_seats(tx, event, 1, terms.capacity).await? {
            // The event itself is full: nobody further in line gets a seat either.
            tickets::release_type_seats(&mut **tx, ticket_type, 1).await?;
            break;
        }
        // The claim link's code has a ticket code's strength: it cannot be guessed.
        if !waitlist::make_offer(&mut **tx, entry, &new_ticket_code(), until, now).await? {
            tickets::release_type_seats(&mut **tx, ticket_type, 1).await?;
            tickets::release_event_seats(&mut **tx, event, 1).await?;
            continue;
        }
        ticket_mails::queue_offer(&mut **tx, entry, now).await?;
        offered += 1;
    }
    Ok(offered)
}

/// Gives back the seat an ended offer held at `event`, to the next in line if anyone waits.
pub async fn pass_on(
    tx: &mut Tx,
    event: EventId,
    ticket_type: TicketTypeId,
    now: i64,
) -> Result<usize, sqlx::Error> {
    tickets::release_type_seats(&mut **tx, ticket_type, 1).await?;
    tickets::release_event_seats(&mut **tx, event, 1).await?;
    offer_free_seats(tx, event, now).await
}

/// Ends the offers past their deadline, passing each seat on; then offers any seat a raised
/// capacity freed to whoever waits for it. How many offers lapsed.
pub async fn pass_on_lapsed(state: &Services) -> Result<usize, AppError> {
    let now = db::now();
    let due = waitlist::offers_due(state.db.pool(), now, OFFERS_PER_PASS)
        .await
        .map_err(AppError::db("cannot find lapsed offers"))?;
    let mut lapsed = 0;
    let mut offered = 0;
    for entry in due {
        let mut tx = state.db.begin().await?;
        // Claimed or given up meanwhile: nothing to do.
        let Some(ended) = waitlist::lapse(&mut *tx, entry, now)
            .await
            .map_err(AppError::db("cannot end an offer"))?
        else {
            continue;
        };
        offered += pass_on(&mut tx, ended.event_id, ended.ticket_type_id, now)
            .await
            .map_err(AppError::db("cannot pass an offer on"))?;
        tx.commit()
            .await
            .map_err(AppError::db("cannot pass an offer on"))?;
        lapsed += 1;
    }
    let events = waitlist::events_with_free_seats(state.db.pool(), now)
        .await
        .map_err(AppError::db("cannot read the waitlists"))?;
    for event in events {
        let mut tx = state.db.begin().await?;
        offered += offer_free_seats(&mut tx, event, now)
            .await
            .map_err(AppError::db("cannot offer a seat"))?;
        tx.commit()
            .await
            .map_err(AppError::db("cannot offer a seat"))?;
    }
    if offered > 0 {
        state.ticket_mail_due.notify_one();
    }
    Ok(lapsed)
}
