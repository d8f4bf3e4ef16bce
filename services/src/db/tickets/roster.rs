//! An event's attendees, one row per ticket, as the organizer filters them: newest first in
//! keyset pages, for the console's list and, batch after batch, for its CSV download.

use sqlx::FromRow;

use domain::{EventId, QuestionId, TicketTypeId};

/// A ticket with what the attendee list shows of its order and its entries.
#[derive(Debug, Clone, FromRow)]
pub struct AttendeeRow {
    /// Primary key: the keyset position.
    pub id: i64,
    /// Attendee name.
    pub attendee_name: String,
    /// Attendee address.
    pub attendee_email: String,
    /// `valid` or `cancelled`.
    pub status: String,
    /// The type.
    pub ticket_type_id: TicketTypeId,
    /// The type's name.
    pub type_name: String,
    /// The order's reference.
    pub order_code: String,
    /// The order's state.
    pub order_status: String,
    /// How the order is paid.
    pub payment_method: String,
    /// Unix seconds.
    pub created_at: i64,
    /// The last entry at the door not taken back, Unix seconds; none: never used.
    pub entered_at: Option<i64>,
}

/// What the list asks for, as the query binds it: blank or zero for "any".
#[derive(Debug, Clone, Copy, Default)]
pub struct RosterParams<'a> {
    /// A `LIKE` pattern (lower case) matched against names, addresses and codes.
    pub pattern: &'a str,
    /// A type's id.
    pub ticket_type: i64,
    /// `valid`, `unpaid` or `void` (see `door::state_of`).
    pub state: &'a str,
    /// `yes` or `no`.
    pub entered: &'a str,
    /// A question's id, and the value given to it.
    pub question: i64,
    /// The value.
    pub value: &'a str,
}

/// Up to `limit` attendees of `event` matching `params`, older than the ticket `before`.
pub async fn attendees<'c, E>(
    executor: E,
    event: EventId,
    params: &RosterParams<'_>,
    before: i64,
    limit: i64,
) -> Result<Vec<AttendeeRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    // The states are `door::state_of` written as conditions: valid and paid lets one in,
    // valid and pending waits for its payment, anything else is void.
    sqlx::query_as(
        "SELECT t.id, t.attendee_name, t.attendee_email, t.status, t.ticket_type_id, \
         tt.name AS type_name, o.code AS order_code, o.status AS order_status, \
         o.payment_method, t.created_at, \
         (SELECT MAX(c.scanned_at) FROM check_ins c WHERE c.ticket_id = t.id \
          AND c.outcome = 'entered' AND c.undone_at IS NULL) AS entered_at \
         FROM tickets t JOIN orders o ON o.id = t.order_id \
         JOIN ticket_types tt ON tt.id = t.ticket_type_id \
         WHERE t.event_id = $1 AND t.id < $2 \
         AND ($3 = '%%' OR LOWER(t.attendee_name) LIKE $3 ESCAPE '\\' \
              OR LOWER(t.attendee_email) LIKE $3 ESCAPE '\\' \
              OR LOWER(o.code) LIKE $3 ESCAPE '\\' OR LOWER(t.code) LIKE $3 ESCAPE '\\') \
         AND ($4 = 0 OR t.ticket_type_id = $4) \
         AND ($5 = '' \
              OR ($5 = 'valid' AND t.status = 'valid' AND o.status = 'paid') \
              OR ($5 = 'unpaid' AND t.status = 'valid' AND o.status = 'pending') \
              OR ($5 = 'void' AND (t.status <> 'valid' OR o.status NOT IN ('paid', 'pending')))) \
         AND ($6 = '' OR ($6 = 'yes') = EXISTS (SELECT 1 FROM check_ins c \
              WHERE c.ticket_id = t.id AND c.outcome = 'entered' AND c.undone_at IS NULL)) \
         AND ($7 = 0 OR EXISTS (SELECT 1 FROM ticket_answers a \
              WHERE a.ticket_id = t.id AND a.question_id = $7 AND a.value = $8)) \
         ORDER BY t.id DESC LIMIT $9",
    )
    .bind(event)
    .bind(before)
    .bind(params.pattern)
    .bind(params.ticket_type)
    .bind(params.state)
    .bind(params.entered)
    .bind(params.question)
    .bind(params.value)
    .bind(limit)
    .fetch_all(executor)
    .await
}

/// The answers given on the tickets `ids` of `event`: one row per value (an option chosen,
/// a box ticked), for a batch of the CSV download. Only those tickets' answers are read,
/// however far apart a narrow filter leaves them.
pub async fn answers_of<'c, E>(
    executor: E,
    event: EventId,
    ids: &[i64],
) -> Result<Vec<(i64, QuestionId, String)>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // One placeholder per ticket ($2, $3, …): a batch is at most a few hundred.
    let placeholders: Vec<String> = (2..ids.len() + 2).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT a.ticket_id, a.question_id, a.value FROM ticket_answers a \
         JOIN tickets t ON t.id = a.ticket_id \
         WHERE t.event_id = $1 AND a.ticket_id IN ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as(&sql).bind(event);
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(executor).await
}
