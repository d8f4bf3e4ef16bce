//! The organizer sends an order's mails again, from the orders list: the buyer's
//! confirmation with every ticket and each other attendee's own ticket, as they are now
//! (a ticket passed on goes to its new holder). Only while the order's tickets work.

use domain::error::AppError;

use crate::Services;
use crate::accounts::session::Actor;
use crate::db::{self, tickets};

use super::mails::queue_order;
use super::settle::managed_order;

/// Queues the mails of the order `code` of the organization's event again.
pub async fn resend(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    code: &str,
) -> Result<(), AppError> {
    let (scope, order) = managed_order(state, actor, org_slug, event_slug, code).await?;
    if !matches!(order.status.as_str(), "pending" | "paid") {
        return Err(AppError::Conflict(
            "This order is closed: its tickets no longer work, so there is nothing to send.".into(),
        ));
    }
    let rows = tickets::tickets_of_order(state.db.pool(), order.id)
        .await
        .map_err(AppError::db("cannot read an order's tickets"))?;
    let holders: Vec<(&str, &str)> = rows
        .iter()
        .filter(|t| t.status == "valid")
        .map(|t| (t.code.as_str(), t.attendee_email.as_str()))
        .collect();
    let mut tx = state.db.begin().await?;
    queue_order(&mut tx, order.id, &order.buyer_email, holders, db::now())
        .await
        .map_err(AppError::db("cannot send an order's mails"))?;
    scope
        .record(
            tx,
            &format!("Sent the mails of the order {} again", order.code),
        )
        .await?;
    state.ticket_mail_due.notify_one();
    Ok(())
}
