//! A ticket's page, `/tickets/{code}`: its unguessable code is the only key, so the link in a
//! mail opens it without signing in. A code it had before it was passed on says so.

use domain::error::AppError;
use domain::tickets::TicketView;

use crate::db::tickets::{self, HeldTicketRow};
use crate::{Services, time};

use super::codes::is_ticket_code;
use super::qr;

/// The ticket `code`; a code of the wrong shape is "not found" without asking the database.
pub(super) async fn find(state: &Services, code: &str) -> Result<HeldTicketRow, AppError> {
    let not_found = || AppError::NotFound("ticket".into());
    if !is_ticket_code(code) {
        return Err(not_found());
    }
    let found = tickets::ticket_by_code(state.db.pool(), code)
        .await
        .map_err(AppError::db("cannot read a ticket"))?;
    match found {
        Some(row) => Ok(row),
        // A code the ticket had before it was passed on says so.
        None => Err(super::transfer::passed_on(state, code)
            .await?
            .unwrap_or_else(not_found)),
    }
}

/// The ticket `code`, with its QR code.
pub async fn view(state: &Services, code: &str) -> Result<TicketView, AppError> {
    let row = find(state, code).await?;
    let payload = state.ticket_codes.qr_payload(row.event_id, &row.code);
    let qr = qr::draw(&payload)
        .ok_or_else(|| AppError::internal("cannot draw a QR code", anyhow::anyhow!("too long")))?;
    let ticket_state = crate::door::state_of(&row.status, &row.order_status);
    let answers = super::answer_sheet::sheet(state, &row).await?;
    // The sheet says already whether its questions closed: no second look.
    let answers_closed = answers.as_ref().is_some_and(|s| s.open_until.is_none());
    let transferable = super::transfer::blocked(&row, answers_closed, crate::db::now()).is_none();
    Ok(TicketView {
        answers,
        transferable,
        event_dates: time::schedule(row.starts_at, row.ends_at, &row.time_zone).label,
        code: row.code,
        attendee: row.attendee_name,
        ticket_type: row.type_name,
        event_title: row.event_title,
        event_slug: row.event_slug,
        venue: row.venue,
        order_code: row.order_code,
        state: ticket_state,
        qr,
    })
}
