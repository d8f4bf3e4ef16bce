//! The organizer's list of an event's orders: searched by reference, buyer name or address,
//! filtered by state, in keyset pages (newest first).

use domain::error::AppError;
use domain::tickets::{OrderLine, OrderListing, OrderStatus, PaymentMethod, price_label};

use crate::accounts::session::Actor;
use crate::db::events::like_pattern;
use crate::db::tickets;
use crate::organizer::scope;
use crate::policy::Action;
use crate::{Services, time};

/// Orders per page.
const PAGE: i64 = 50;

/// A page of the orders of the organization's event `event_slug`: those in `status` (blank:
/// all) matching `query`, older than the order `before` (none: from the newest).
pub async fn list(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    query: &str,
    status: &str,
    before: Option<i64>,
) -> Result<OrderListing, AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ViewWorkspace).await?;
    let status = match status.trim() {
        "" => "",
        raw => OrderStatus::parse(raw)
            .map(OrderStatus::as_str)
            .ok_or_else(|| AppError::invalid("status", "choose a state from the list"))?,
    };
    let pattern = like_pattern(query.trim());
    let mut rows = tickets::orders_of_event(
        state.db.pool(),
        scope.event.id,
        status,
        &pattern,
        before.unwrap_or(i64::MAX),
        PAGE + 1,
    )
    .await
    .map_err(AppError::db("cannot list orders"))?;
    let next = (rows.len() as i64 > PAGE).then(|| rows[PAGE as usize - 1].id.0);
    rows.truncate(PAGE as usize);
    let orders = rows
        .into_iter()
        .filter_map(|row| {
            Some(OrderLine {
                status: OrderStatus::parse(&row.status)?,
                payment: PaymentMethod::parse(&row.payment_method)?,
                total_label: price_label(row.total_cents, &row.currency),
                refund_due: (row.refund_due_cents > 0 && row.refunded_at.is_none())
                    .then(|| price_label(row.refund_due_cents, &row.currency)),
                refunded: row.refunded_at.map(|at| {
                    let amount = price_label(row.refund_due_cents, &row.currency);
                    format!("{amount} on {}", time::moment_label(at, &scope.tz))
                }),
                placed: time::moment_label(row.created_at, &scope.tz),
                code: row.code,
                buyer_name: row.buyer_name,
                buyer_email: row.buyer_email,
                tickets: row.tickets,
                door_note: row.door_note,
            })
        })
        .collect();
    Ok(OrderListing {
        event_title: scope.event.title,
        orders,
        next,
    })
}
