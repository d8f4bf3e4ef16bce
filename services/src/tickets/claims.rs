//! A waitlist offer, opened by the link mailed to the first in line: its page, claiming the
//! seat it holds (which becomes an order of one ticket, on the seat already taken for it)
//! and giving it up (which passes it on at once).

use domain::OrderId;
use domain::error::{AppError, Validation};
use domain::text;
use domain::tickets::waitlist::{OfferState, WaitlistOffer};
use domain::tickets::{PaymentMethod, price_label};

use crate::Services;
use crate::db::tickets::{self, NewOrder, NewTicket};
use crate::db::waitlist::{self, OfferRow};
use crate::db::{self, ticket_mails};
use crate::time;

use super::codes::{is_ticket_code, new_order_code, new_ticket_code};
use super::ordering::Terms;
use super::waitlist::pass_on;

/// The offer behind `code`, whatever became of it.
async fn find(state: &Services, code: &str) -> Result<OfferRow, AppError> {
    let not_found = || AppError::NotFound("waitlist offer".into());
    if !is_ticket_code(code) {
        return Err(not_found());
    }
    waitlist::offer_by_code(state.db.pool(), code)
        .await
        .map_err(AppError::db("cannot read a waitlist offer"))?
        .ok_or_else(not_found)
}

/// Where `row` stands at `now`.
fn state_of(state: &Services, row: &OfferRow, now: i64) -> OfferState {
    match (row.status.as_str(), &row.order_code) {
        ("offered", _) if row.offered_until.is_some_and(|until| until > now) => OfferState::Open,
        ("claimed", Some(order)) => OfferState::Claimed(state.ticket_codes.order_link(order)),
        ("declined", _) => OfferState::Declined,
        _ => OfferState::Lapsed,
    }
}

/// The page of the offer `code`.
pub async fn view(state: &Services, code: &str) -> Result<WaitlistOffer, AppError> {
    let row = find(state, code).await?;
    let tz = time::zone_or_utc(&row.time_zone);
    Ok(WaitlistOffer {
        state: state_of(state, &row, db::now()),
        event_dates: time::schedule(row.starts_at, row.ends_at, &row.time_zone).label,
        offered_until: time::moment_label(row.offered_until.unwrap_or(row.ends_at), &tz),
        price_label: price_label(row.price_cents, &row.currency),
        priced: row.price_cents > 0,
        event_title: row.event_title,
        event_slug: row.event_slug,
        ticket_type: row.type_name,
        name: row.name,
        email: row.email,
    })
}

/// Why the offer `row` can no longer be claimed or given up.
fn closed(state: &Services, row: &OfferRow) -> AppError {
    AppError::Conflict(
        match state_of(state, row, db::now()) {
            OfferState::Claimed(_) => {
                "You claimed this seat already: your ticket was mailed to you."
            }
            OfferState::Declined => "You gave this seat up; it went to the next person in line.",
            _ => "This offer has lapsed: the seat went to the next person in line.",
        }
        .into(),
    )
}

/// Claims the seat offered behind `code` for `name`, paid by `payment` when it has a price;
/// the order's signed link.
pub async fn claim(
    state: &Services,
    code: &str,
    name: &str,
    payment: &str,
) -> Result<String, AppError> {
    let kept = [("name", name), ("payment", payment)];
    let keep = |e: AppError| e.keeping(&kept);
    let row = find(state, code).await?;
    let mut v = Validation::default();
    let name = v.check("name", text::required(name, 120, false));
    let payment = match (row.price_cents, PaymentMethod::parse(payment.trim())) {
        (0, _) => Some(PaymentMethod::Free),
        (_, Some(method @ (PaymentMethod::BankTransfer | PaymentMethod::AtDoor))) => Some(method),
        _ => v.check("payment", Err("choose how you will pay".into())),
    };
    let (Some(name), Some(payment), true) = (name, payment, v.is_empty()) else {
        return Err(keep(v.into_error()));
    };
    let now = db::now();
    let mut tx = state.db.begin().await?;
    let Some(ended) = waitlist::close_offer(&mut *tx, code, "claimed", now)
        .await
        .map_err(AppError::db("cannot claim an offer"))?
    else {
        return Err(keep(closed(state, &row)));
    };
    // The type as it is now: a price changed since the page was shown is not sold on the old
    // terms (nor a free seat with a way to pay, or a paid one without).
    let row = waitlist::offer_by_id(&mut *tx, ended.id)
        .await
        .map_err(AppError::db("cannot read a waitlist offer"))?
        .filter(|current| (current.price_cents > 0) == (row.price_cents > 0))
        .ok_or_else(|| {
            keep(AppError::Conflict(
                "The price of this ticket changed: reload the page and claim it again.".into(),
            ))
        })?;
    // The seat was taken for this offer when it was made: the order only takes it over.
    let event = ended.event_id;
    let order_code = new_order_code();
    let terms = Terms::of(payment, row.starts_at, now);
    let order = tickets::insert_order(
        &mut *tx,
        &NewOrder {
            event,
            code: &order_code,
            user: ended.user_id,
            buyer_name: &name,
            buyer_email: &ended.email,
            status: terms.status.as_str(),
            payment_method: payment.as_str(),
            total_cents: row.price_cents,
            currency: &row.currency,
            expires_at: terms.expires_at,
            remind_at: terms.remind_at,
        },
        now,
    )
    .await
    .map_err(AppError::db("cannot claim an offer"))?;
    let ticket = NewTicket {
        ticket_type: ended.ticket_type_id,
        code: &new_ticket_code(),
        name: &name,
        email: &ended.email,
        price_cents: row.price_cents,
    };
    tickets::insert_ticket(&mut *tx, order, event, &ticket, now)
        .await
        .map_err(AppError::db("cannot claim an offer"))?;
    record_claim(&mut tx, ended.id, order, now).await?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot claim an offer"))?;
    state.ticket_mail_due.notify_one();
    Ok(state.ticket_codes.order_link(&order_code))
}

/// Links the claimed offer to its order and queues the order's confirmation.
async fn record_claim(
    tx: &mut crate::organizer::Tx,
    entry: domain::WaitlistEntryId,
    order: OrderId,
    now: i64,
) -> Result<(), AppError> {
    waitlist::set_order(&mut **tx, entry, order)
        .await
        .map_err(AppError::db("cannot claim an offer"))?;
    ticket_mails::queue(&mut **tx, order, "order", None, now)
        .await
        .map_err(AppError::db("cannot claim an offer"))
}

/// Gives up the seat offered behind `code`: it goes to the next in line at once.
pub async fn decline(state: &Services, code: &str) -> Result<(), AppError> {
    let row = find(state, code).await?;
    let now = db::now();
    let mut tx = state.db.begin().await?;
    let Some(ended) = waitlist::close_offer(&mut *tx, code, "declined", now)
        .await
        .map_err(AppError::db("cannot give an offer up"))?
    else {
        return Err(closed(state, &row));
    };
    pass_on(&mut tx, ended.event_id, ended.ticket_type_id, now)
        .await
        .map_err(AppError::db("cannot pass an offer on"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot give an offer up"))?;
    state.ticket_mail_due.notify_one();
    Ok(())
}
