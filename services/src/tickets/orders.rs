//! An order's page, opened by its signed link (from the confirmation, later from the mails):
//! what was bought, for whom, and what is left to pay.

use domain::error::AppError;
use domain::tickets::{OrderStatus, OrderTicket, OrderView, PaymentMethod, price_label};

use crate::db::tickets;
use crate::{Services, time};

/// The order behind the signed `link`; a wrong signature is "not found", like a missing
/// order, so links cannot be probed.
pub async fn view(state: &Services, link: &str) -> Result<OrderView, AppError> {
    let not_found = || AppError::NotFound("order".into());
    let code = state
        .ticket_codes
        .verify_order_link(link)
        .ok_or_else(not_found)?;
    let order = tickets::order_by_code(state.db.pool(), code)
        .await
        .map_err(AppError::db("cannot read an order"))?
        .ok_or_else(not_found)?;
    let rows = tickets::tickets_of_order(state.db.pool(), order.id)
        .await
        .map_err(AppError::db("cannot read an order's tickets"))?;
    let status = OrderStatus::parse(&order.status).ok_or_else(not_found)?;
    let payment = PaymentMethod::parse(&order.payment_method).ok_or_else(not_found)?;
    let tz = time::zone_or_utc(&order.time_zone);
    Ok(OrderView {
        event_dates: time::schedule(order.starts_at, order.ends_at, &order.time_zone).label,
        pay_by: (status == OrderStatus::Pending)
            .then_some(order.expires_at)
            .flatten()
            .map(|at| time::moment_label(at, &tz)),
        total_label: price_label(order.total_cents, &order.currency),
        tickets: rows
            .into_iter()
            .map(|t| OrderTicket {
                code: t.code,
                attendee: t.attendee_name,
                ticket_type: t.type_name,
                price_label: price_label(t.price_cents, &order.currency),
                valid: t.status == "valid",
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
