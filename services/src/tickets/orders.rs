//! An order's page, opened by its signed link (from the confirmation, later from the mails):
//! what was bought, for whom, and what is left to pay; and its buyer cancelling it there.

use domain::error::AppError;
use domain::tickets::cancellation::{BuyerCancellation, OrderTerms, buyer_may_cancel};
use domain::tickets::{OrderStatus, OrderTicket, OrderView, PaymentMethod, price_label};

use crate::db::managed_events::record_change;
use crate::db::tickets::{self, OrderRow};
use crate::db::{self, ticket_mails};
use crate::{Services, time};

use super::questions;
use super::settle::void;

/// The order behind the signed `link`; a wrong signature is "not found", like a missing
/// order, so links cannot be probed.
async fn find(state: &Services, link: &str) -> Result<OrderRow, AppError> {
    let not_found = || AppError::NotFound("order".into());
    let code = state
        .ticket_codes
        .verify_order_link(link)
        .ok_or_else(not_found)?;
    tickets::order_by_code(state.db.pool(), code)
        .await
        .map_err(AppError::db("cannot read an order"))?
        .ok_or_else(not_found)
}

/// Whether the buyer of `order` may cancel it at `now`: the refund owed, or why not.
fn may_cancel(order: &OrderRow, status: OrderStatus, now: i64) -> Result<i64, String> {
    let terms = OrderTerms {
        status,
        total_cents: order.total_cents,
        refund_days: order.refund_days,
        starts_at: order.starts_at,
    };
    buyer_may_cancel(terms, now)
}

/// The order behind the signed `link`.
pub async fn view(state: &Services, link: &str) -> Result<OrderView, AppError> {
    let not_found = || AppError::NotFound("order".into());
    let order = find(state, link).await?;
    let rows = tickets::tickets_of_order(state.db.pool(), order.id)
        .await
        .map_err(AppError::db("cannot read an order's tickets"))?;
    let status = OrderStatus::parse(&order.status).ok_or_else(not_found)?;
    let payment = PaymentMethod::parse(&order.payment_method).ok_or_else(not_found)?;
    let tz = time::zone_or_utc(&order.time_zone);
    let typed: Vec<_> = rows
        .iter()
        .map(|t| (t.code.clone(), t.ticket_type_id))
        .collect();
    let mut answers = questions::answers_of_order(state, order.event_id, order.id, &typed).await?;
    let cancellation = match (status, may_cancel(&order, status, db::now())) {
        (OrderStatus::Cancelled | OrderStatus::Expired, _) => BuyerCancellation::Closed,
        (_, Ok(0)) => BuyerCancellation::Allowed { refund: None },
        (_, Ok(refund)) => BuyerCancellation::Allowed {
            refund: Some(price_label(refund, &order.currency)),
        },
        (_, Err(why)) => BuyerCancellation::Refused(why),
    };
    Ok(OrderView {
        cancellation,
        event_dates: time::schedule(order.starts_at, order.ends_at, &order.time_zone).label,
        pay_by: (status == OrderStatus::Pending)
            .then_some(order.expires_at)
            .flatten()
            .map(|at| time::moment_label(at, &tz)),
        total_label: price_label(order.total_cents, &order.currency),
        tickets: rows
            .into_iter()
            .map(|t| OrderTicket {
                attendee: t.attendee_name,
                ticket_type: t.type_name,
                price_label: price_label(t.price_cents, &order.currency),
                valid: t.status == "valid",
                answers: answers.remove(&t.code).unwrap_or_default(),
                code: t.code,
            })
            .collect(),
        code: order.code,
        event_title: order.event_title,
        event_slug: order.event_slug,
        status,
        payment,
        buyer_name: order.buyer_name,
        payment_instructions: order.payment_instructions,
    })
}

/// Cancels the order behind the signed `link` for its buyer, if the event's rules allow it:
/// its tickets stop working, its seats go to the waitlist or back on sale, a refund owed is
/// recorded for the organizer, the buyer is told and the event's history says so.
pub async fn cancel(state: &Services, link: &str) -> Result<(), AppError> {
    let order = find(state, link).await?;
    let status =
        OrderStatus::parse(&order.status).ok_or_else(|| AppError::NotFound("order".into()))?;
    let now = db::now();
    let refund = may_cancel(&order, status, now).map_err(AppError::Conflict)?;
    let mut tx = state.db.begin().await?;
    if !tickets::set_status(&mut *tx, order.id, status.as_str(), "cancelled", now)
        .await
        .map_err(AppError::db("cannot cancel an order"))?
    {
        return Err(AppError::Conflict(
            "The order changed meanwhile; reload the page.".into(),
        ));
    }
    void(&mut tx, order.event_id, order.id)
        .await
        .map_err(AppError::db("cannot void an order"))?;
    let mut summary = format!("The buyer cancelled the order {}", order.code);
    if refund > 0 {
        tickets::set_refund_due(&mut *tx, order.id, refund)
            .await
            .map_err(AppError::db("cannot cancel an order"))?;
        summary.push_str(&format!(
            " (refund due: {})",
            price_label(refund, &order.currency)
        ));
    }
    ticket_mails::queue(&mut *tx, order.id, "withdrawn", None, now)
        .await
        .map_err(AppError::db("cannot cancel an order"))?;
    record_change(&mut *tx, order.event_id, None, &summary, now)
        .await
        .map_err(AppError::db("cannot record an event change"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot cancel an order"))?;
    state.ticket_mail_due.notify_one();
    Ok(())
}
