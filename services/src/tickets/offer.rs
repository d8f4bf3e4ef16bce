//! What an event offers a visitor about to order: its ticket types on sale, with the seats
//! left. Hidden types appear only to whoever gives their access code.

use jiff::tz::TimeZone;

use domain::error::AppError;
use domain::tickets::types::access_code;
use domain::tickets::{Availability, OfferedTicketType, TicketOffer, price_label};

use crate::db::tickets::{self, TicketTypeRow};
use crate::db::{self};
use crate::public_events::published;
use crate::{Services, time};

/// Where `row` stands at `now`; `event_left` is what the event's own capacity leaves.
pub fn availability(
    row: &TicketTypeRow,
    event_left: Option<i64>,
    now: i64,
    tz: &TimeZone,
) -> Availability {
    if let Some(starts) = row.sale_starts_at.filter(|s| now < *s) {
        return Availability::NotYet(time::moment_label(starts, tz));
    }
    if row.sale_ends_at.is_some_and(|e| now >= e) {
        return Availability::Ended;
    }
    let own = row.capacity.map(|c| (c - row.sold).max(0));
    let left = match (own, event_left) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    match left {
        Some(0) => Availability::SoldOut,
        left => Availability::OnSale { left },
    }
}

/// "On sale", "Sold out", "Opens 1 May 2026, 09:00 CEST", "Sale ended".
pub fn availability_label(availability: &Availability) -> String {
    match availability {
        Availability::OnSale { left: None } => "On sale".to_owned(),
        Availability::OnSale { left: Some(n) } => format!("On sale, {n} left"),
        Availability::SoldOut => "Sold out".to_owned(),
        Availability::NotYet(at) => format!("Opens {at}"),
        Availability::Ended => "Sale ended".to_owned(),
    }
}

/// Seats the event's own capacity leaves, none without one.
pub async fn event_left<'c, E>(
    executor: E,
    event: domain::EventId,
    capacity: Option<i64>,
) -> Result<Option<i64>, AppError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let Some(capacity) = capacity else {
        return Ok(None);
    };
    let taken = tickets::event_seats_taken(executor, event)
        .await
        .map_err(AppError::db("cannot count an event's seats"))?;
    Ok(Some((capacity - taken).max(0)))
}

/// Whether `row` is offered to someone who gave `code` (upper-cased, none when blank).
pub fn unlocked(row: &TicketTypeRow, code: Option<&str>) -> bool {
    row.access_code
        .as_deref()
        .is_none_or(|own| Some(own) == code)
}

/// The ticket types of the published event `slug` offered to a visitor with `code`.
pub async fn offered(state: &Services, slug: &str, code: &str) -> Result<TicketOffer, AppError> {
    let event = published(&state.db, slug).await?;
    let code = access_code(code).map_err(|m| AppError::invalid("access_code", m))?;
    let rows = tickets::types_of(state.db.pool(), event.id)
        .await
        .map_err(AppError::db("cannot list ticket types"))?;
    let left = event_left(state.db.pool(), event.id, event.capacity).await?;
    let tz = time::zone_or_utc(&event.time_zone);
    let now = db::now();
    let currency = event.currency.clone();
    let code_unlocked = rows
        .iter()
        .any(|r| r.access_code.is_some() && unlocked(r, code.as_deref()));
    let types = rows
        .into_iter()
        .filter(|row| unlocked(row, code.as_deref()))
        .map(|row| OfferedTicketType {
            availability: if event.ends_at <= now {
                Availability::Ended
            } else {
                availability(&row, left, now, &tz)
            },
            price_label: price_label(row.price_cents, &currency),
            id: row.id,
            name: row.name,
            description: row.description,
            price_cents: row.price_cents,
            max_per_order: row.max_per_order,
        })
        .collect::<Vec<_>>();
    // A hidden type's questions are as hidden as the type.
    let questions = super::questions::asked(state.db.pool(), event.id)
        .await?
        .into_iter()
        .filter(|q| {
            q.ticket_type
                .is_none_or(|t| types.iter().any(|o| o.id == t))
        })
        .collect();
    Ok(TicketOffer {
        questions,
        event_dates: time::schedule(event.starts_at, event.ends_at, &event.time_zone).label,
        event_title: event.title,
        access_code: code.unwrap_or_default(),
        code_unlocked,
        currency: event.currency,
        types,
    })
}
