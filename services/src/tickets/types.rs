//! The organizer's ticket types: list, add, change. Every change is written with a line of
//! the event's change history in one transaction.

use jiff::tz::TimeZone;

use domain::error::{AppError, Validation};
use domain::tickets::cancellation;
use domain::tickets::money::is_currency;
use domain::tickets::types::refused;
use domain::tickets::waitlist as waitlist_terms;
use domain::tickets::{
    EventTicketing, TicketTypeForm, TicketTypeSummary, price_input, price_label,
};
use domain::{TicketTypeId, text};

use crate::accounts::session::Actor;
use crate::db::tickets::{self, TicketTypeRow, TicketTypeValues};
use crate::db::{self, managed_events, waitlist};
use crate::organizer::scope;
use crate::policy::Action;
use crate::{Services, time};

use super::offer::{availability, availability_label};
use super::waitlist::offer_free_seats;

/// The ticket types of the organization's event `event_slug`.
pub async fn list(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
) -> Result<EventTicketing, AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ViewWorkspace).await?;
    let rows = tickets::types_of(state.db.pool(), scope.event.id)
        .await
        .map_err(AppError::db("cannot list ticket types"))?;
    let seats_taken = tickets::event_seats_taken(state.db.pool(), scope.event.id)
        .await
        .map_err(AppError::db("cannot count an event's seats"))?;
    let waiting = waitlist::waiting_per_type(state.db.pool(), scope.event.id)
        .await
        .map_err(AppError::db("cannot read the waitlists"))?;
    let now = db::now();
    let types = rows
        .into_iter()
        .map(|row| {
            let state = availability(&row, None, now, &scope.tz);
            TicketTypeSummary {
                id: row.id,
                price_label: price_label(row.price_cents, &scope.event.currency),
                sold: row.sold,
                capacity: row.capacity,
                sale_label: availability_label(&state),
                hidden: row.access_code.is_some(),
                waiting: waiting
                    .iter()
                    .find(|(id, _)| *id == row.id)
                    .map_or(0, |(_, n)| *n),
                form: form_of(&row, &scope.tz),
                name: row.name,
            }
        })
        .collect();
    Ok(EventTicketing {
        organization_name: scope.organization.name,
        event_title: scope.event.title,
        time_zone: scope.event.time_zone,
        currency: scope.event.currency,
        payment_instructions: scope.event.payment_instructions,
        seats_taken,
        capacity: scope.event.capacity,
        waitlist_offer_hours: scope.event.waitlist_offer_hours,
        refund_days: scope.event.refund_days,
        types,
    })
}

/// The form as it would be typed to give `row` again.
fn form_of(row: &TicketTypeRow, tz: &TimeZone) -> TicketTypeForm {
    let local = |at: Option<i64>| at.map(|s| time::local_input(s, tz)).unwrap_or_default();
    TicketTypeForm {
        name: row.name.clone(),
        description: row.description.clone(),
        price: price_input(row.price_cents),
        capacity: row.capacity.map(|c| c.to_string()).unwrap_or_default(),
        sale_starts: local(row.sale_starts_at),
        sale_ends: local(row.sale_ends_at),
        max_per_order: row.max_per_order.to_string(),
        access_code: row.access_code.clone().unwrap_or_default(),
        position: row.position.to_string(),
    }
}

/// Adds a ticket type (`id` none) or changes one; the type's id.
pub async fn save(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    id: Option<TicketTypeId>,
    form: &TicketTypeForm,
) -> Result<TicketTypeId, AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let mut v = Validation::default();
    let checked = form.values(&mut v);
    let window = |raw: &str| match raw.trim() {
        "" => Ok(None),
        raw => time::parse_local(raw, &scope.tz).map(Some),
    };
    let starts = v.check("sale_starts", window(&form.sale_starts));
    let ends = v.check("sale_ends", window(&form.sale_ends));
    if let (Some(Some(starts)), Some(Some(ends))) = (starts, ends)
        && ends <= starts
    {
        v.check::<()>("sale_ends", Err("end the sale after it starts".into()));
    }
    let (Some(checked), Some(sale_starts_at), Some(sale_ends_at)) = (checked, starts, ends) else {
        return Err(refused(v, form));
    };
    if !v.is_empty() {
        return Err(refused(v, form));
    }
    let values = TicketTypeValues {
        checked: &checked,
        sale_starts_at,
        sale_ends_at,
    };
    let now = db::now();
    let mut tx = state.db.begin().await?;
    let (id, summary) = match id {
        None => {
            // Under the event's lock, which joining takes too: no place is taken by joining
            // once the first type exists, and the places taken before count as seats.
            managed_events::lock(&mut *tx, scope.event.id)
                .await
                .map_err(AppError::db("cannot lock an event"))?;
            let existing = tickets::count_types(&mut *tx, scope.event.id)
                .await
                .map_err(AppError::db("cannot count ticket types"))?;
            if existing == 0 {
                tickets::count_joined_as_seats(&mut *tx, scope.event.id)
                    .await
                    .map_err(AppError::db("cannot count an event's seats"))?;
            }
            let id = tickets::insert_type(&mut *tx, scope.event.id, &values, now)
                .await
                .map_err(AppError::db("cannot add a ticket type"))?;
            (id, format!("Added the ticket type “{}”", checked.name))
        }
        Some(id) => {
            let saved = tickets::update_type(&mut *tx, scope.event.id, id, &values, now)
                .await
                .map_err(AppError::db("cannot save a ticket type"))?;
            if !saved {
                drop(tx);
                return Err(not_saved(state, &scope, id, form).await);
            }
            (id, format!("Changed the ticket type “{}”", checked.name))
        }
    };
    // A capacity raised (or an event-wide one left room) frees seats for those waiting.
    offer_free_seats(&mut tx, scope.event.id, now)
        .await
        .map_err(AppError::db("cannot offer a seat"))?;
    scope.record(tx, &summary).await?;
    state.ticket_mail_due.notify_one();
    Ok(id)
}

/// Why an update changed nothing: the type is not the event's, or its capacity would fall
/// below the seats already taken.
async fn not_saved(
    state: &Services,
    scope: &crate::organizer::EventScope,
    id: TicketTypeId,
    form: &TicketTypeForm,
) -> AppError {
    let rows = match tickets::types_of(state.db.pool(), scope.event.id).await {
        Ok(rows) => rows,
        Err(e) => return AppError::database("cannot read ticket types", e),
    };
    match rows.into_iter().find(|r| r.id == id) {
        None => AppError::NotFound("ticket type".into()),
        Some(row) => AppError::invalid(
            "capacity",
            format!(
                "{} already taken: the capacity cannot be lower",
                text::counted(row.sold, "seat")
            ),
        )
        .keeping(&form.kept()),
    }
}

/// Deletes a ticket type nobody holds a ticket of (sold ones stay, for the orders that name
/// them: their sale can be ended instead).
pub async fn delete(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    id: TicketTypeId,
) -> Result<(), AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let rows = tickets::types_of(state.db.pool(), scope.event.id)
        .await
        .map_err(AppError::db("cannot read ticket types"))?;
    let row = rows
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| AppError::NotFound("ticket type".into()))?;
    let mut tx = state.db.begin().await?;
    if !tickets::delete_unsold_type(&mut *tx, scope.event.id, id)
        .await
        .map_err(AppError::db("cannot delete a ticket type"))?
    {
        return Err(AppError::Conflict(format!(
            "Tickets of “{}” were ordered, so it stays; end its sale instead.",
            row.name
        )));
    }
    scope
        .record(tx, &format!("Deleted the ticket type “{}”", row.name))
        .await
}

/// What the organizer's "payment and waitlist" form holds, as typed.
#[derive(Clone, Copy, Debug)]
pub struct SalesTerms<'a> {
    /// ISO code of the prices.
    pub currency: &'a str,
    /// How to pay by bank transfer.
    pub instructions: &'a str,
    /// How long a waitlist offer lasts, in hours; blank for the default.
    pub offer_hours: &'a str,
    /// Up to how many days before the event buyers may cancel a paid order; blank: never.
    pub refund_days: &'a str,
}

/// Sets how the event's tickets are paid and offered: the currency of its prices (until its
/// first order), the instructions for a bank transfer, how long a waitlist offer lasts and
/// until when buyers may cancel a paid order.
pub async fn set_payment(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    terms: SalesTerms<'_>,
) -> Result<(), AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let SalesTerms {
        currency,
        instructions,
        offer_hours,
        refund_days,
    } = terms;
    let kept = [
        ("currency", currency),
        ("instructions", instructions),
        ("offer_hours", offer_hours),
        ("refund_days", refund_days),
    ];
    let currency = currency.trim().to_uppercase();
    let mut v = Validation::default();
    if !is_currency(&currency) {
        v.check::<()>(
            "currency",
            Err("enter a three-letter currency code such as EUR, USD or CHF".into()),
        );
    }
    let instructions = v.check("instructions", text::optional(instructions, 1_000, true));
    let offer_hours = v.check("offer_hours", waitlist_terms::offer_hours(offer_hours));
    let refund_days = v.check("refund_days", cancellation::refund_days(refund_days));
    let (Some(instructions), Some(offer_hours), Some(refund_days), true) =
        (instructions, offer_hours, refund_days, v.is_empty())
    else {
        return Err(v.into_error().keeping(&kept));
    };
    let mut tx = state.db.begin().await?;
    let instructions = instructions.unwrap_or_default();
    if !tickets::set_payment(
        &mut *tx,
        scope.event.id,
        &currency,
        &instructions,
        offer_hours,
        refund_days,
    )
    .await
    .map_err(AppError::db("cannot save how tickets are paid"))?
    {
        return Err(AppError::invalid(
            "currency",
            format!(
                "orders were placed in {}: the currency can no longer change",
                scope.event.currency
            ),
        )
        .keeping(&kept));
    }
    scope
        .record(tx, &format!("Set how tickets are paid ({currency})"))
        .await
}
