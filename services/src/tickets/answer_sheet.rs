//! A ticket's answers on its page: shown to whoever holds its code, and changed by them until
//! the event's deadline (the organizer's, or the event's start), each change a line of the
//! event's history in the transaction that makes it.

use std::collections::BTreeMap;

use domain::error::{AppError, Validation};
use domain::tickets::answer_sheet::{AnswerSheet, form_values, open};
use domain::tickets::answers::{self, Answer};
use domain::tickets::{Question, TicketState};

use crate::db::managed_events::record_change;
use crate::db::questions::{self as stored};
use crate::db::tickets::HeldTicketRow;
use crate::db::{self};
use crate::{Services, time};

use super::held::find;
use super::questions::asked;

/// The questions asked of the ticket `row`, in order.
async fn asked_of(state: &Services, row: &HeldTicketRow) -> Result<Vec<Question>, AppError> {
    Ok(asked(state.db.pool(), row.event_id)
        .await?
        .into_iter()
        .filter(|q| q.asked_for(row.ticket_type_id))
        .collect())
}

/// Whether the ticket's answers may change at `now`.
fn changeable(row: &HeldTicketRow, now: i64) -> bool {
    let state = crate::door::state_of(&row.status, &row.order_status);
    state != TicketState::Void && open(row.answers_until, row.starts_at, now)
}

/// Whether the ticket `row` is asked questions it can no longer answer.
pub(super) async fn closed_to_answers(
    state: &Services,
    row: &HeldTicketRow,
) -> Result<bool, AppError> {
    Ok(!changeable(row, db::now()) && !asked_of(state, row).await?.is_empty())
}

/// The answer sheet of the ticket `row`; none when its event asks nothing of it.
pub async fn sheet(state: &Services, row: &HeldTicketRow) -> Result<Option<AnswerSheet>, AppError> {
    let questions = asked_of(state, row).await?;
    if questions.is_empty() {
        return Ok(None);
    }
    let given: Vec<Answer> = stored::answers_of_ticket(state.db.pool(), row.ticket_id)
        .await
        .map_err(AppError::db("cannot read answers"))?;
    let shown = questions
        .iter()
        .map(|q| {
            let values = given.iter().filter(|a| a.question == q.id);
            answers::answered(q, values.map(|a| a.value.as_str()))
        })
        .collect();
    let tz = time::zone_or_utc(&row.time_zone);
    let open_until = changeable(row, db::now())
        .then(|| time::moment_label(row.answers_until.unwrap_or(row.starts_at), &tz));
    Ok(Some(AnswerSheet {
        given: form_values(&questions, &given),
        questions,
        shown,
        open_until,
    }))
}

/// Why answers no longer change.
fn closed() -> AppError {
    AppError::Conflict(
        "These answers can no longer be changed: write to the organizer instead.".into(),
    )
}

/// Whether two sets of answers are the same, whatever their order: saving them again would
/// only add a line to the history.
fn same(a: &[Answer], b: &[Answer]) -> bool {
    let key = |x: &Answer| (x.question, x.value.clone());
    let mut a: Vec<_> = a.iter().map(key).collect();
    let mut b: Vec<_> = b.iter().map(key).collect();
    a.sort();
    b.sort();
    a == b
}

/// Replaces the answers of the ticket `code` with `raw` (the form's values), for whoever
/// holds its code, while they may change; a refusal names each field (`tickets.0.q{id}`)
/// and keeps what was typed.
pub async fn change(
    state: &Services,
    code: &str,
    raw: &BTreeMap<String, String>,
) -> Result<(), AppError> {
    let row = find(state, code).await?;
    let kept = answers::kept(0, raw);
    let kept: Vec<(&str, &str)> = kept.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let now = db::now();
    if !changeable(&row, now) {
        return Err(closed());
    }
    let questions = asked_of(state, &row).await?;
    let mut v = Validation::default();
    let answers = answers::check(&questions, row.ticket_type_id, 0, raw, &mut v);
    if !v.is_empty() {
        return Err(v.into_error().keeping(&kept));
    }
    let before = stored::answers_of_ticket(state.db.pool(), row.ticket_id)
        .await
        .map_err(AppError::db("cannot read answers"))?;
    if same(&before, &answers) {
        return Ok(());
    }
    let mut tx = state.db.begin().await?;
    // Under the ticket's lock, taken only while it is valid: a cancellation committed since
    // it was read closes its answers too.
    if !stored::clear_answers(&mut tx, row.ticket_id)
        .await
        .map_err(AppError::db("cannot change answers"))?
    {
        return Err(closed());
    }
    for answer in &answers {
        stored::insert_answer(&mut *tx, row.ticket_id, answer)
            .await
            .map_err(AppError::db("cannot change answers"))?;
    }
    // The order's reference, not the ticket's code: the code opens the ticket.
    let summary = format!(
        "An attendee of the order {} changed their answers",
        row.order_code
    );
    record_change(&mut *tx, row.event_id, None, &summary, now)
        .await
        .map_err(AppError::db("cannot record an event change"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot change answers"))
}
