//! Check-in at an event's door: the page, the ticket list devices download, scans (online
//! and from offline queues), undo, counters, and the door staff who may do it.
//!
//! Devices judge scans themselves with `domain::tickets::door::judge` against the list
//! they downloaded, so the door keeps working offline; the server judges the same way when
//! their queue arrives, and answers what it finds, so a device learns of a double entry.

pub mod scans;
pub mod staff;

use domain::error::AppError;
use domain::tickets::TicketState;
use domain::tickets::door::{DoorCounts, DoorList, DoorTicket, Entry};
use domain::tickets::door_desk::DoorDesk;

use crate::accounts::service::load_user;
use crate::accounts::session::Actor;
use crate::db::managed_events;
use crate::db::organizations;
use crate::db::{door, tickets};
use crate::organizer::EventScope;
use crate::policy::{self, Action, Resource};
use crate::{Services, time};

/// Finds the event `event_slug` of `org_slug` and checks the caller may check in there:
/// its members and its door staff. To anyone else it does not exist.
pub async fn scope(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
) -> Result<EventScope, AppError> {
    actor.signed_in()?;
    let not_found = || AppError::NotFound("event".into());
    let organization = organizations::by_slug(&state.db, org_slug)
        .await
        .map_err(AppError::db("cannot read an organization"))?
        .ok_or_else(not_found)?;
    let event = managed_events::by_slug(&state.db, organization.id, event_slug)
        .await
        .map_err(AppError::db("cannot read an event"))?
        .ok_or_else(not_found)?;
    let grant = policy::authorize(
        &state.db,
        actor,
        Action::CheckIn,
        Resource::Event(organization.id, event.id),
    )
    .await?;
    let tz = time::zone_or_utc(&event.time_zone);
    Ok(EventScope {
        organization,
        event,
        grant,
        tz,
    })
}

/// The check-in page of the event.
pub async fn desk(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
) -> Result<DoorDesk, AppError> {
    let scope = scope(state, actor, org_slug, event_slug).await?;
    let user = load_user(state, scope.grant.user).await?;
    let types = tickets::count_types(state.db.pool(), scope.event.id)
        .await
        .map_err(AppError::db("cannot count ticket types"))?;
    Ok(DoorDesk {
        event_id: scope.event.id,
        time_zone: scope.event.time_zone.clone(),
        organization_name: scope.organization.name.clone(),
        event_dates: time::schedule(
            scope.event.starts_at,
            scope.event.ends_at,
            &scope.event.time_zone,
        )
        .label,
        event_title: scope.event.title.clone(),
        device: format!("{}'s device", user.display_name),
        counts: counts_of(state, &scope).await?,
        sells_tickets: types > 0,
    })
}

/// The door's counters.
pub async fn counts(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
) -> Result<DoorCounts, AppError> {
    let scope = scope(state, actor, org_slug, event_slug).await?;
    counts_of(state, &scope).await
}

async fn counts_of(state: &Services, scope: &EventScope) -> Result<DoorCounts, AppError> {
    let (valid, inside, double_entries) = door::counts(state.db.pool(), scope.event.id)
        .await
        .map_err(AppError::db("cannot count check-ins"))?;
    Ok(DoorCounts {
        valid,
        inside,
        double_entries,
    })
}

/// Every ticket of the event, as a device keeps it to check in offline, with the key of
/// the event's passes.
pub async fn list(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
) -> Result<DoorList, AppError> {
    let scope = scope(state, actor, org_slug, event_slug).await?;
    let types = tickets::types_of(state.db.pool(), scope.event.id)
        .await
        .map_err(AppError::db("cannot list ticket types"))?;
    let rows = door::door_list(state.db.pool(), scope.event.id)
        .await
        .map_err(AppError::db("cannot read the door list"))?;
    let index = |id: i64| types.iter().position(|t| t.id.0 == id).unwrap_or_default();
    let tickets = rows
        .into_iter()
        .map(|row| DoorTicket {
            ticket_type: index(row.ticket_type_id),
            state: state_of(&row.status, &row.order_status),
            inside: entry_of(row.entered_at, row.entered_by),
            code: row.code,
            name: row.attendee_name,
            note: row.door_note,
        })
        .collect();
    Ok(DoorList {
        event: scope.event.id,
        key: data_encoding::BASE32_NOPAD.encode(&state.ticket_codes.event_key(scope.event.id)),
        ticket_types: types.into_iter().map(|t| t.name).collect(),
        tickets,
    })
}

/// Whether a ticket lets its holder in, from its status and its order's.
pub fn state_of(ticket_status: &str, order_status: &str) -> TicketState {
    match (ticket_status, order_status) {
        ("valid", "paid") => TicketState::Valid,
        ("valid", "pending") => TicketState::Unpaid,
        _ => TicketState::Void,
    }
}

fn entry_of(at: Option<i64>, by: Option<String>) -> Option<Entry> {
    Some(Entry {
        at: at?,
        by: by.unwrap_or_default(),
    })
}
