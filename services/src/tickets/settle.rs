//! What happens to an order after it is placed: the organizer marks a pending one paid or
//! cancels one, a pending transfer's buyer is reminded, and a pending one past its deadline
//! expires. Each change, the seats it frees
//! and the mail that tells the buyer are written in one transaction.

use domain::error::AppError;
use domain::tickets::{DoorNote, price_label};
use domain::{EventId, OrderId};

use crate::Services;
use crate::accounts::session::Actor;
use crate::db::tickets::OrderRow;
use crate::db::{self, ticket_mails, tickets};
use crate::organizer::{EventScope, Tx, scope};
use crate::policy::Action;

use super::waitlist;

/// Closes `order` of `event` for good: its tickets stop working and every seat it held goes
/// back, offered first to whoever waits in line for it (in this transaction, so no buyer
/// takes it before).
pub(super) async fn void(tx: &mut Tx, event: EventId, order: OrderId) -> Result<(), sqlx::Error> {
    let seats = tickets::seats_of_order(&mut **tx, order).await?;
    for (ticket_type, n) in &seats {
        tickets::release_type_seats(&mut **tx, *ticket_type, *n).await?;
    }
    let total: i64 = seats.iter().map(|(_, n)| n).sum();
    tickets::release_event_seats(&mut **tx, event, total).await?;
    tickets::cancel_tickets(&mut **tx, order).await?;
    waitlist::offer_free_seats(tx, event, db::now())
        .await
        .map(|_| ())
}

/// The order `code` of the organization's event, for someone who manages its events; an
/// order of another event is not found.
pub(super) async fn managed_order(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    code: &str,
) -> Result<(EventScope, OrderRow), AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let order = tickets::order_by_code(state.db.pool(), code)
        .await
        .map_err(AppError::db("cannot read an order"))?
        .filter(|o| o.event_id == scope.event.id)
        .ok_or_else(|| AppError::NotFound("order".into()))?;
    Ok((scope, order))
}

/// Expires the pending orders past their deadline, freeing their seats; how many.
pub async fn expire_overdue(state: &Services) -> Result<usize, AppError> {
    let now = db::now();
    let due = tickets::overdue(state.db.pool(), now, 100)
        .await
        .map_err(AppError::db("cannot find overdue orders"))?;
    let mut expired = 0;
    for id in due {
        let mut tx = state.db.begin().await?;
        // Paid or cancelled meanwhile: nothing to do.
        if !tickets::set_status(&mut *tx, id, "pending", "expired", now)
            .await
            .map_err(AppError::db("cannot expire an order"))?
        {
            continue;
        }
        let Some(order) = tickets::order_by_id(&mut *tx, id)
            .await
            .map_err(AppError::db("cannot read an order"))?
        else {
            continue;
        };
        void(&mut tx, order.event_id, id)
            .await
            .map_err(AppError::db("cannot void an order"))?;
        ticket_mails::queue(&mut *tx, id, "expired", None, now)
            .await
            .map_err(AppError::db("cannot expire an order"))?;
        tx.commit()
            .await
            .map_err(AppError::db("cannot expire an order"))?;
        expired += 1;
    }
    if expired > 0 {
        state.ticket_mail_due.notify_one();
    }
    Ok(expired)
}

/// Queues the reminder of each pending transfer whose time came, once; how many.
pub async fn remind_due(state: &Services) -> Result<usize, AppError> {
    let now = db::now();
    let due = tickets::reminders_due(state.db.pool(), now, 100)
        .await
        .map_err(AppError::db("cannot find orders to remind"))?;
    let mut reminded = 0;
    for id in due {
        let mut tx = state.db.begin().await?;
        // Paid, cancelled or reminded meanwhile: nothing to do.
        if !tickets::take_reminder(&mut *tx, id, now)
            .await
            .map_err(AppError::db("cannot remind a buyer"))?
        {
            continue;
        }
        ticket_mails::queue(&mut *tx, id, "reminder", None, now)
            .await
            .map_err(AppError::db("cannot remind a buyer"))?;
        tx.commit()
            .await
            .map_err(AppError::db("cannot remind a buyer"))?;
        reminded += 1;
    }
    if reminded > 0 {
        state.ticket_mail_due.notify_one();
    }
    Ok(reminded)
}

/// What an organizer does to an order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settlement {
    /// The payment of a pending order arrived.
    MarkPaid,
    /// The order is cancelled; its seats are freed.
    Cancel,
}

/// Applies `change` to the order `code` of the organization's event `event_slug`.
pub async fn settle(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    code: &str,
    change: Settlement,
) -> Result<(), AppError> {
    let (scope, order) = managed_order(state, actor, org_slug, event_slug, code).await?;
    let now = db::now();
    let (from, to, mail, summary) = match (change, order.status.as_str()) {
        (Settlement::MarkPaid, "pending") => ("pending", "paid", "paid", "Marked paid"),
        (Settlement::Cancel, from @ ("pending" | "paid")) => {
            (from, "cancelled", "cancelled", "Cancelled")
        }
        (Settlement::MarkPaid, _) => {
            return Err(AppError::Conflict(
                "This order is not waiting for a payment.".into(),
            ));
        }
        (Settlement::Cancel, _) => {
            return Err(AppError::Conflict("This order is already closed.".into()));
        }
    };
    let mut tx = state.db.begin().await?;
    if !tickets::set_status(&mut *tx, order.id, from, to, now)
        .await
        .map_err(AppError::db("cannot change an order"))?
    {
        return Err(AppError::Conflict(
            "The order changed meanwhile; reload the page.".into(),
        ));
    }
    let mut summary = format!("{summary} the order {}", order.code);
    if change == Settlement::Cancel {
        void(&mut tx, order.event_id, order.id)
            .await
            .map_err(AppError::db("cannot void an order"))?;
        // What was paid is owed back; the buyer's mail says so.
        if from == "paid" && order.total_cents > 0 {
            tickets::set_refund_due(&mut *tx, order.id, order.total_cents)
                .await
                .map_err(AppError::db("cannot cancel an order"))?;
            let owed = price_label(order.total_cents, &order.currency);
            summary.push_str(&format!(" (refund due: {owed})"));
        }
    }
    ticket_mails::queue(&mut *tx, order.id, mail, None, now)
        .await
        .map_err(AppError::db("cannot change an order"))?;
    scope.record(tx, &summary).await?;
    state.ticket_mail_due.notify_one();
    Ok(())
}

/// Records that the organizer paid back what the buyer of the order `code` was owed; the
/// buyer is told.
pub async fn mark_refunded(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    code: &str,
) -> Result<(), AppError> {
    let (scope, order) = managed_order(state, actor, org_slug, event_slug, code).await?;
    let now = db::now();
    let mut tx = state.db.begin().await?;
    if !tickets::mark_refunded(&mut *tx, order.id, now)
        .await
        .map_err(AppError::db("cannot record a refund"))?
    {
        return Err(AppError::Conflict(
            "Nothing is owed to this order's buyer.".into(),
        ));
    }
    ticket_mails::queue(&mut *tx, order.id, "refunded", None, now)
        .await
        .map_err(AppError::db("cannot record a refund"))?;
    let amount = price_label(order.refund_due_cents, &order.currency);
    scope
        .record(tx, &format!("Refunded the order {} ({amount})", order.code))
        .await?;
    state.ticket_mail_due.notify_one();
    Ok(())
}

/// Sets the note door staff read when the tickets of the order `code` are scanned; a blank
/// note clears it. The history says the note changed, not what it says (it may be about
/// someone's health).
pub async fn set_door_note(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    code: &str,
    note: &DoorNote,
) -> Result<(), AppError> {
    let (scope, order) = managed_order(state, actor, org_slug, event_slug, code).await?;
    let mut tx = state.db.begin().await?;
    tickets::set_door_note(&mut *tx, order.id, note.as_str())
        .await
        .map_err(AppError::db("cannot save a door note"))?;
    let summary = if note.as_str().is_empty() {
        "Removed the door note of the order"
    } else {
        "Wrote a door note on the order"
    };
    scope.record(tx, &format!("{summary} {}", order.code)).await
}
