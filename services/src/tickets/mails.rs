//! Sends the mails about orders and waitlist offers from their outbox (`ticket_mails`), on every instance: each
//! is claimed by one, sent, and marked; a failure is tried again later, waiting
//! `CONVENE_TICKET_MAIL_RETRY_SECS` and twice as long each time, up to a day
//! ([`super::worker`] runs it).

use domain::error::AppError;
use domain::{OrderId, WaitlistEntryId};

use crate::db::ticket_mails::QueuedMail;
use crate::db::{self, ticket_mails, tickets, waitlist};
use crate::mail::Letter;
use crate::{Services, time};

use super::letters::{self, About};

/// Attempts before a mail is given up (logged, and left in the outbox).
const MAX_ATTEMPTS: i64 = 10;
/// How long a claim holds: longer than any SMTP exchange.
const LEASE_SECS: i64 = 120;
/// The longest wait between two attempts.
const MAX_WAIT_SECS: i64 = 86_400;

/// How many mails one pass claims.
pub const BATCH: usize = 20;

/// Sends up to [`BATCH`] due mails; how many were claimed.
pub async fn send_due(state: &Services) -> usize {
    let now = db::now();
    let claimed =
        match ticket_mails::claim_due(&state.db, now, LEASE_SECS, MAX_ATTEMPTS, BATCH as i64).await
        {
            Ok(claimed) => claimed,
            Err(e) => {
                tracing::error!(error = %e, "cannot claim mails about orders");
                return 0;
            }
        };
    for mail in &claimed {
        let outcome = match letter(state, mail).await {
            Ok(Some(letter)) => state.mailer.send(letter).await.is_ok(),
            // The order is gone, or the ticket: nothing to send.
            Ok(None) => true,
            Err(_) => false,
        };
        let done = if outcome {
            ticket_mails::mark_sent(&state.db, mail.id, db::now()).await
        } else {
            if mail.attempts >= MAX_ATTEMPTS {
                tracing::error!(mail = mail.id, "giving up a mail about an order");
            }
            ticket_mails::retry_at(&state.db, mail.id, db::now() + wait(state, mail.attempts)).await
        };
        if let Err(e) = done {
            tracing::error!(error = %e, "cannot record a mail about an order");
        }
    }
    claimed.len()
}

/// Queues the mails of the order `order` bought by `buyer_email`: the buyer's confirmation
/// with every ticket, and each other attendee's own ticket (`holders`: code and address);
/// an attendee who is the buyer has theirs in the confirmation.
pub(super) async fn queue_order<'a>(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    order: OrderId,
    buyer_email: &str,
    holders: impl IntoIterator<Item = (&'a str, &'a str)>,
    now: i64,
) -> Result<(), sqlx::Error> {
    ticket_mails::queue(&mut **tx, order, "order", None, now).await?;
    for (code, email) in holders {
        if email != buyer_email {
            ticket_mails::queue(&mut **tx, order, "ticket", Some(code), now).await?;
        }
    }
    Ok(())
}

/// The wait after the `attempts`-th failure.
fn wait(state: &Services, attempts: i64) -> i64 {
    let first = state.config.ticket_mail_retry.as_secs() as i64;
    let doubled = first.saturating_mul(1i64 << attempts.clamp(1, 20).saturating_sub(1));
    doubled.min(MAX_WAIT_SECS)
}

/// The letter `mail` stands for, as the order (or the offer) is now; none when there is
/// nothing to send.
async fn letter(state: &Services, mail: &QueuedMail) -> Result<Option<Letter>, AppError> {
    if let Some(entry) = mail.waitlist_entry_id {
        return offer_letter(state, entry).await;
    }
    let Some(order_id) = mail.order_id else {
        return Ok(None);
    };
    let Some(order) = tickets::order_by_id(state.db.pool(), order_id)
        .await
        .map_err(AppError::db("cannot read an order"))?
    else {
        return Ok(None);
    };
    let rows = tickets::tickets_of_order(state.db.pool(), order.id)
        .await
        .map_err(AppError::db("cannot read an order's tickets"))?;
    let tz = time::zone_or_utc(&order.time_zone);
    let dates = time::schedule(order.starts_at, order.ends_at, &order.time_zone).label;
    let pay_by = order.expires_at.map(|at| time::moment_label(at, &tz));
    let order_link = state.ticket_codes.order_link(&order.code);
    let about = About {
        order: &order,
        tickets: &rows,
        dates: &dates,
        pay_by: pay_by.as_deref(),
        base_url: state.config.base_url.trim_end_matches('/'),
        order_link: &order_link,
    };
    let mailed_ticket = || {
        rows.iter()
            .find(|t| Some(&t.code) == mail.ticket_code.as_ref())
    };
    Ok(match mail.kind.as_str() {
        "order" => Some(letters::order_confirmation(&about)),
        "paid" | "cancelled" | "expired" | "withdrawn" | "refunded" => {
            Some(letters::order_news(&about, &mail.kind))
        }
        // Paid or cancelled since it was queued: no reminder.
        "reminder" if order.status == "pending" => Some(letters::payment_reminder(&about)),
        // Passed on (again) since it was queued: its code is gone, and so is the mail.
        "ticket" => mailed_ticket().map(|t| letters::ticket(&about, t)),
        "transferred" => mailed_ticket().map(|t| letters::transferred(&about, t)),
        _ => None,
    })
}

/// The offer of a freed seat to the place in line `entry`; none once it is no longer open
/// (claimed, given up or lapsed before the mail went out).
async fn offer_letter(
    state: &Services,
    entry: WaitlistEntryId,
) -> Result<Option<Letter>, AppError> {
    let Some(offer) = waitlist::offer_by_id(state.db.pool(), entry)
        .await
        .map_err(AppError::db("cannot read a waitlist offer"))?
        .filter(|o| o.status == "offered")
    else {
        return Ok(None);
    };
    let tz = time::zone_or_utc(&offer.time_zone);
    let until = time::moment_label(offer.offered_until.unwrap_or(offer.ends_at), &tz);
    let dates = time::schedule(offer.starts_at, offer.ends_at, &offer.time_zone).label;
    let base_url = state.config.base_url.trim_end_matches('/');
    Ok(Some(letters::waitlist_offer(
        &offer, &dates, &until, base_url,
    )))
}
