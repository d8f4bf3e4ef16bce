//! Passing a ticket on (`/tickets/{code}`): whoever holds its code gives it to another
//! attendee, who gets it by mail under a new code, so the old link and QR code stop working.
//! The change, the mail and the history line are one transaction.

use domain::error::AppError;
use domain::tickets::transfer::{Standing, TransferForm, confirmed, question, refusal};

use crate::db::managed_events::record_change;
use crate::db::tickets::{HeldTicketRow, transfers};
use crate::db::{self, ticket_mails};
use crate::{Services, time};

use super::codes::new_ticket_code;
use super::held::find;

/// Why the ticket `row` cannot be passed on at `now` (`answers_closed`: it is asked
/// questions it can no longer answer); none while it can.
pub(super) fn blocked(row: &HeldTicketRow, answers_closed: bool, now: i64) -> Option<&'static str> {
    let standing = Standing {
        state: crate::door::state_of(&row.status, &row.order_status),
        entries: row.entries,
        ends_at: row.ends_at,
        answers_closed,
    };
    refusal(standing, now)
}

/// Gives the ticket `code` to the holder named in `form` once `confirm` is the address the
/// page asked about (see [`confirmed`]); its new code, which only the new holder (and the
/// buyer, on the order's page) learns.
pub async fn transfer(
    state: &Services,
    code: &str,
    form: &TransferForm,
    confirm: &str,
) -> Result<String, AppError> {
    let row = find(state, code).await?;
    let answers_closed = super::answer_sheet::closed_to_answers(state, &row).await?;
    let now = db::now();
    if let Some(reason) = blocked(&row, answers_closed, now) {
        return Err(AppError::Conflict(reason.into()));
    }
    let holder = form.check((&row.attendee_name, &row.attendee_email))?;
    if !confirmed(&holder, confirm) {
        return Err(AppError::invalid("confirm", question(&holder)).keeping(&form.kept()));
    }
    let new_code = new_ticket_code();
    let failed = |e| AppError::database("cannot pass a ticket on", e);
    let mut tx = state.db.begin().await?;
    if !transfers::pass_on(&mut tx, row.ticket_id, code, &new_code, &holder, now)
        .await
        .map_err(failed)?
    {
        return Err(AppError::Conflict(
            "This ticket changed meanwhile (passed on, cancelled or used): open its page again."
                .into(),
        ));
    }
    ticket_mails::queue(&mut *tx, row.order_id, "transferred", Some(&new_code), now)
        .await
        .map_err(failed)?;
    // The order's reference, never a code or the holders' names and addresses.
    let summary = format!("A ticket of the order {} was passed on", row.order_code);
    record_change(&mut *tx, row.event_id, None, &summary, now)
        .await
        .map_err(failed)?;
    tx.commit().await.map_err(failed)?;
    state.ticket_mail_due.notify_one();
    Ok(new_code)
}

/// The refusal of a ticket's old `code` after it was passed on, saying when; none when no
/// ticket ever had it.
pub(super) async fn passed_on(state: &Services, code: &str) -> Result<Option<AppError>, AppError> {
    let found = transfers::passed_on(state.db.pool(), code)
        .await
        .map_err(AppError::db("cannot read a ticket"))?;
    Ok(found.map(|(at, zone)| {
        let when = time::moment_label(at, &time::zone_or_utc(&zone));
        AppError::Conflict(format!(
            "This ticket was passed on to another attendee on {when}: this link and its QR \
             code no longer work. Its new holder got the ticket by mail."
        ))
    }))
}
