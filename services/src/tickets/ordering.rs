//! Placing an order. Its tickets are written and their seats taken in one transaction; a seat
//! is taken by a conditional update of its type's counter (and of the event's), so nothing is
//! ever oversold, and the hot counter rows are locked only for the end of the transaction.

use std::collections::BTreeMap;

use domain::error::{AppError, Validation};
use domain::tickets::answers::{self, Answer};
use domain::tickets::order::CheckedOrder;
use domain::tickets::{
    Availability, OrderForm, OrderPlaced, OrderStatus, PaymentMethod, price_label,
};
use domain::{EventId, TicketTypeId, text};

use crate::accounts::session::Actor;
use crate::db::events::PublicEventRow;
use crate::db::questions;
use crate::db::tickets::{self, NewOrder, NewTicket, TicketTypeRow};
use crate::db::{self};
use crate::public_events::published;
use crate::{Services, time};

use super::codes::{new_order_code, new_ticket_code};
use super::offer::{availability, unlocked};

/// How long a bank transfer may take before the order expires (unless the event starts
/// sooner).
const TRANSFER_DAYS: i64 = 3;

/// Places an order for the published event `slug`: every ticket valid at once when the order
/// is free, otherwise pending its payment with the seats held.
pub async fn place(
    state: &Services,
    actor: &Actor,
    slug: &str,
    form: &OrderForm,
) -> Result<OrderPlaced, AppError> {
    let kept = form.kept();
    let kept: Vec<(&str, &str)> = kept.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let keep = |e: AppError| e.keeping(&kept);
    let event = published(&state.db, slug).await?;
    let now = db::now();
    if event.ends_at <= now {
        return Err(AppError::Conflict(
            "This event is over; it no longer takes registrations.".into(),
        ));
    }
    let rows = tickets::types_of(state.db.pool(), event.id)
        .await
        .map_err(AppError::db("cannot list ticket types"))?;
    let mut v = Validation::default();
    // Asked with the other fields, so a refused form names every problem at once.
    let priced = form.tickets.iter().any(|t| {
        rows.iter()
            .any(|r| r.id == t.ticket_type && r.price_cents > 0)
    });
    if priced && form.payment.trim().is_empty() {
        v.check::<()>("payment", Err("choose how you will pay".into()));
    }
    let order = form.check(&mut v);
    let questions = super::questions::asked(state.db.pool(), event.id).await?;
    let answers: Vec<Vec<Answer>> = form
        .tickets
        .iter()
        .enumerate()
        .map(|(i, t)| answers::check(&questions, t.ticket_type, i, &t.answers, &mut v))
        .collect();
    let (Some(order), true) = (order, v.is_empty()) else {
        return Err(keep(v.into_error()));
    };
    let seats_per_type = counts(&order, &rows, &event, now).map_err(keep)?;
    let total = total_of(&order, &rows);
    let payment = match (total, order.payment) {
        (0, _) => PaymentMethod::Free,
        (_, Some(method @ (PaymentMethod::BankTransfer | PaymentMethod::AtDoor))) => method,
        _ => {
            return Err(keep(AppError::invalid(
                "payment",
                "choose how you will pay",
            )));
        }
    };
    let payment_terms = Terms::of(payment, event.starts_at, now);
    let code = new_order_code();
    let ticket_codes: Vec<String> = order.tickets.iter().map(|_| new_ticket_code()).collect();
    let user = match actor {
        Actor::User(user) => Some(user.user_id),
        Actor::Anonymous => None,
    };

    let mut tx = state.db.begin().await?;
    let order_id = tickets::insert_order(
        &mut *tx,
        &NewOrder {
            event: event.id,
            code: &code,
            user,
            buyer_name: &order.buyer_name,
            buyer_email: order.buyer_email.as_str(),
            status: payment_terms.status.as_str(),
            payment_method: payment.as_str(),
            total_cents: total,
            currency: &event.currency,
            expires_at: payment_terms.expires_at,
            remind_at: payment_terms.remind_at,
        },
        now,
    )
    .await
    .map_err(AppError::db("cannot place an order"))?;
    for ((ticket, code), answers) in order.tickets.iter().zip(&ticket_codes).zip(&answers) {
        let price_cents = rows
            .iter()
            .find(|r| r.id == ticket.ticket_type)
            .map_or(0, |r| r.price_cents);
        let new = NewTicket {
            ticket_type: ticket.ticket_type,
            code,
            name: &ticket.name,
            email: ticket.email.as_str(),
            price_cents,
        };
        let ticket = tickets::insert_ticket(&mut *tx, order_id, event.id, &new, now)
            .await
            .map_err(AppError::db("cannot place an order"))?;
        for answer in answers {
            questions::insert_answer(&mut *tx, ticket, answer)
                .await
                .map_err(AppError::db("cannot store an answer"))?;
        }
    }
    // Ascending ids: two orders for the same types lock them in the same order.
    for (id, seats) in &seats_per_type {
        let taken = tickets::take_type_seats(&mut *tx, *id, *seats)
            .await
            .map_err(AppError::db("cannot take seats"))?;
        if !taken {
            drop(tx);
            return Err(keep(sold_out(state, event.id, *id).await));
        }
    }
    let seats = order.tickets.len() as i64;
    let taken = tickets::take_event_seats(&mut tx, event.id, seats, event.capacity)
        .await
        .map_err(AppError::db("cannot take seats"))?;
    if !taken {
        return Err(keep(AppError::invalid(
            "tickets",
            "The event has fewer seats left than this order holds.",
        )));
    }
    // The types as they are now that their seats are held by this transaction: a change made
    // meanwhile (a price, a sale window, an access code) is not sold on the old terms. The
    // seats were just counted, so only the terms are checked again.
    let terms: Vec<TicketTypeRow> = tickets::types_of(&mut *tx, event.id)
        .await
        .map_err(AppError::db("cannot list ticket types"))?
        .into_iter()
        .map(|row| TicketTypeRow {
            capacity: None,
            ..row
        })
        .collect();
    counts(&order, &terms, &event, now).map_err(keep)?;
    if total_of(&order, &terms) != total {
        return Err(keep(AppError::invalid(
            "tickets",
            "The prices changed while you were ordering: check the total and order again.",
        )));
    }
    // The mails are queued with the order: committed together, or not at all.
    let holders: Vec<(&str, &str)> = (order.tickets.iter().zip(&ticket_codes))
        .map(|(ticket, code)| (code.as_str(), ticket.email.as_str()))
        .collect();
    super::mails::queue_order(&mut tx, order_id, order.buyer_email.as_str(), holders, now)
        .await
        .map_err(AppError::db("cannot place an order"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot place an order"))?;
    state.ticket_mail_due.notify_one();
    Ok(OrderPlaced {
        status: payment_terms.status,
        payment,
        total_label: price_label(total, &event.currency),
        expires_at: payment_terms.expires_at,
        tickets: ticket_codes,
        link: state.ticket_codes.order_link(&code),
        code,
    })
}

/// Where a new order stands, given how it is paid: a free one is paid at once; a transfer
/// waits until a deadline (and its buyer is reminded the day before); paid at the entrance,
/// it waits for the door.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terms {
    /// Paid, or pending.
    pub status: OrderStatus,
    /// When a pending order expires, if ever.
    pub expires_at: Option<i64>,
    /// When its buyer is reminded to pay, if ever.
    pub remind_at: Option<i64>,
}

impl Terms {
    /// The terms of an order paid by `payment`, placed at `now` for an event starting at
    /// `starts_at`.
    pub fn of(payment: PaymentMethod, starts_at: i64, now: i64) -> Self {
        const DAY: i64 = 86_400;
        match payment {
            PaymentMethod::Free => Self {
                status: OrderStatus::Paid,
                expires_at: None,
                remind_at: None,
            },
            PaymentMethod::BankTransfer => {
                let deadline = (now + TRANSFER_DAYS * DAY).min(starts_at).max(now + 3_600);
                Self {
                    status: OrderStatus::Pending,
                    expires_at: Some(deadline),
                    // A deadline a day and a half away or less needs no reminder.
                    remind_at: (deadline - now > DAY + DAY / 2).then_some(deadline - DAY),
                }
            }
            // Paid at the entrance: held, and never expired (nobody pays before the door).
            PaymentMethod::AtDoor => Self {
                status: OrderStatus::Pending,
                expires_at: None,
                remind_at: None,
            },
        }
    }
}

/// What the order's tickets cost at the prices of `rows`.
fn total_of(order: &CheckedOrder, rows: &[TicketTypeRow]) -> i64 {
    order
        .tickets
        .iter()
        .filter_map(|t| rows.iter().find(|r| r.id == t.ticket_type))
        .map(|r| r.price_cents)
        .sum()
}

/// Seats per ticket type, checked against what each type allows now: offered, unlocked,
/// on sale, within its limit per order.
fn counts(
    order: &CheckedOrder,
    rows: &[TicketTypeRow],
    event: &PublicEventRow,
    now: i64,
) -> Result<BTreeMap<TicketTypeId, i64>, AppError> {
    let mut counts = BTreeMap::new();
    for ticket in &order.tickets {
        *counts.entry(ticket.ticket_type).or_insert(0i64) += 1;
    }
    let tz = time::zone_or_utc(&event.time_zone);
    for (id, seats) in &counts {
        let Some(row) = rows.iter().find(|r| r.id == *id) else {
            return Err(AppError::invalid(
                "tickets",
                "One of these ticket types is not offered at this event.",
            ));
        };
        if !unlocked(row, order.access_code.as_deref()) {
            return Err(match order.access_code {
                Some(_) => AppError::invalid("access_code", "This access code is not valid."),
                None => {
                    AppError::invalid("access_code", "Enter the access code these tickets need.")
                }
            });
        }
        let refusal = match availability(row, None, now, &tz) {
            Availability::NotYet(at) => Some(format!("The sale of “{}” opens {at}.", row.name)),
            Availability::Ended => Some(format!("The sale of “{}” has ended.", row.name)),
            Availability::SoldOut => Some(format!("“{}” is sold out.", row.name)),
            Availability::OnSale { .. } if *seats > row.max_per_order => Some(format!(
                "One order holds at most {} of “{}”.",
                text::counted(row.max_per_order, "ticket"),
                row.name
            )),
            Availability::OnSale { .. } => None,
        };
        if let Some(message) = refusal {
            return Err(AppError::invalid("tickets", message));
        }
    }
    Ok(counts)
}

/// The message for a type whose seats ran out while the order was placed, with what is left
/// now.
async fn sold_out(state: &Services, event: EventId, id: TicketTypeId) -> AppError {
    let row = match tickets::types_of(state.db.pool(), event).await {
        Ok(rows) => rows.into_iter().find(|r| r.id == id),
        Err(e) => return AppError::database("cannot list ticket types", e),
    };
    let message = match row {
        None => "These tickets are no longer offered.".to_owned(),
        Some(row) => match row.capacity.map(|c| (c - row.sold).max(0)) {
            Some(0) | None => format!("“{}” is sold out.", row.name),
            Some(left) => format!(
                "Only {} of “{}” left: choose fewer.",
                text::counted(left, "ticket"),
                row.name
            ),
        },
    };
    AppError::invalid("tickets", message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;
    const DAY: i64 = 86_400;

    #[test]
    fn a_transfer_waits_three_days_and_is_reminded_the_day_before() {
        let terms = Terms::of(PaymentMethod::BankTransfer, NOW + 30 * DAY, NOW);
        assert_eq!(terms.status, OrderStatus::Pending);
        assert_eq!(terms.expires_at, Some(NOW + 3 * DAY));
        assert_eq!(terms.remind_at, Some(NOW + 2 * DAY));
    }

    #[test]
    fn a_transfer_just_before_the_event_ends_with_its_start_and_is_not_reminded() {
        let terms = Terms::of(PaymentMethod::BankTransfer, NOW + DAY, NOW);
        assert_eq!(terms.expires_at, Some(NOW + DAY));
        assert_eq!(terms.remind_at, None);
        let late = Terms::of(PaymentMethod::BankTransfer, NOW + 60, NOW);
        assert_eq!(
            late.expires_at,
            Some(NOW + 3_600),
            "at least an hour to pay"
        );
    }

    #[test]
    fn free_and_door_orders_never_expire() {
        let free = Terms::of(PaymentMethod::Free, NOW + DAY, NOW);
        assert_eq!((free.status, free.expires_at), (OrderStatus::Paid, None));
        let door = Terms::of(PaymentMethod::AtDoor, NOW + DAY, NOW);
        assert_eq!(
            (door.status, door.expires_at, door.remind_at),
            (OrderStatus::Pending, None, None)
        );
    }
}
