//! Registration questions and the tickets' answers to them.

use sqlx::{FromRow, Row as _};

use domain::tickets::answers::Answer;
use domain::tickets::questions::{Question, QuestionKind, QuestionValues};
use domain::{EventId, OrderId, QuestionId, TicketTypeId};

/// A `registration_questions` row.
#[derive(Debug, Clone, FromRow)]
pub struct QuestionRow {
    /// Primary key.
    pub id: QuestionId,
    /// None: asked for every ticket.
    pub ticket_type_id: Option<TicketTypeId>,
    /// What is asked.
    pub label: String,
    /// A [`QuestionKind`] value.
    pub kind: String,
    /// Options, one per line.
    pub options: String,
    /// 1 when an answer is required.
    pub required: i64,
    /// Listing order.
    pub position: i64,
}

impl QuestionRow {
    /// The question it stores; none for a kind this version does not know.
    pub fn question(&self) -> Option<Question> {
        Some(Question {
            id: self.id,
            label: self.label.clone(),
            kind: QuestionKind::parse(&self.kind)?,
            options: self
                .options
                .lines()
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            required: self.required == 1,
            ticket_type: self.ticket_type_id,
        })
    }
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Binds a question's values and `now` after the query's first parameters, in the order
/// both the insert and the update name them.
fn bind_values<'q>(query: AnyQuery<'q>, values: &'q QuestionValues, now: i64) -> AnyQuery<'q> {
    query
        .bind(values.ticket_type)
        .bind(&values.label)
        .bind(values.kind.as_str())
        .bind(values.options.join("\n"))
        .bind(i64::from(values.required))
        .bind(values.position)
        .bind(now)
}

/// The event's questions in the order they are asked.
pub async fn questions_of<'c, E>(
    executor: E,
    event: EventId,
) -> Result<Vec<QuestionRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT id, ticket_type_id, label, kind, options, required, position \
         FROM registration_questions WHERE event_id = $1 ORDER BY position, id",
    )
    .bind(event)
    .fetch_all(executor)
    .await
}

/// Adds a question to the event.
pub async fn insert<'c, E>(
    executor: E,
    event: EventId,
    values: &QuestionValues,
    now: i64,
) -> Result<QuestionId, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let insert = sqlx::query(
        "INSERT INTO registration_questions (event_id, ticket_type_id, label, kind, options, \
         required, position, updated_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(event);
    bind_values(insert, values, now)
        .fetch_one(executor)
        .await?
        .try_get(0)
}

/// Changes the event's question `id`; whether it is the event's.
pub async fn update<'c, E>(
    executor: E,
    event: EventId,
    id: QuestionId,
    values: &QuestionValues,
    now: i64,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let update = sqlx::query(
        "UPDATE registration_questions SET ticket_type_id = $3, label = $4, kind = $5, \
         options = $6, required = $7, position = $8, updated_at = $9 \
         WHERE id = $1 AND event_id = $2",
    )
    .bind(id)
    .bind(event);
    let done = bind_values(update, values, now).execute(executor).await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes the event's question `id` with its answers; its label, when it was the event's.
pub async fn delete<'c, E>(
    executor: E,
    event: EventId,
    id: QuestionId,
) -> Result<Option<String>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "DELETE FROM registration_questions WHERE id = $1 AND event_id = $2 RETURNING label",
    )
    .bind(id)
    .bind(event)
    .fetch_optional(executor)
    .await
}

/// How many tickets answered each of the event's questions.
pub async fn answered<'c, E>(
    executor: E,
    event: EventId,
) -> Result<Vec<(QuestionId, i64)>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT a.question_id, COUNT(DISTINCT a.ticket_id) FROM ticket_answers a \
         JOIN registration_questions q ON q.id = a.question_id \
         WHERE q.event_id = $1 GROUP BY a.question_id",
    )
    .bind(event)
    .fetch_all(executor)
    .await
}

/// Stores one of a ticket's answers.
pub async fn insert_answer<'c, E>(
    executor: E,
    ticket: i64,
    answer: &Answer,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("INSERT INTO ticket_answers (ticket_id, question_id, value) VALUES ($1, $2, $3)")
        .bind(ticket)
        .bind(answer.question)
        .bind(&answer.value)
        .execute(executor)
        .await
        .map(|_| ())
}

/// The answers of ticket `ticket`.
pub async fn answers_of_ticket<'c, E>(executor: E, ticket: i64) -> Result<Vec<Answer>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let rows: Vec<(QuestionId, String)> =
        sqlx::query_as("SELECT question_id, value FROM ticket_answers WHERE ticket_id = $1")
            .bind(ticket)
            .fetch_all(executor)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(question, value)| Answer { question, value })
        .collect())
}

/// Deletes the answers of ticket `ticket`, to write them anew; false, deleting nothing, when
/// the ticket is no longer valid. The ticket's row is locked first, so two changes of its
/// answers at once take turns instead of colliding.
pub async fn clear_answers(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    ticket: i64,
) -> Result<bool, sqlx::Error> {
    let locked =
        sqlx::query("UPDATE tickets SET status = status WHERE id = $1 AND status = 'valid'")
            .bind(ticket)
            .execute(&mut **tx)
            .await?;
    if locked.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM ticket_answers WHERE ticket_id = $1")
        .bind(ticket)
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

/// An answer of one of an order's tickets.
#[derive(Debug, Clone, FromRow)]
pub struct TicketAnswerRow {
    /// The ticket's code.
    pub code: String,
    /// The question.
    pub question_id: QuestionId,
    /// The text, the option chosen, or `yes` for a ticked box.
    pub value: String,
}

/// The answers of the order's tickets.
pub async fn answers_of_order<'c, E>(
    executor: E,
    order: OrderId,
) -> Result<Vec<TicketAnswerRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT t.code, a.question_id, a.value FROM ticket_answers a \
         JOIN tickets t ON t.id = a.ticket_id WHERE t.order_id = $1",
    )
    .bind(order)
    .fetch_all(executor)
    .await
}

/// Until when the event's attendees may change their answers; none: until it starts.
pub async fn answers_until<'c, E>(executor: E, event: EventId) -> Result<Option<i64>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar("SELECT answers_until FROM events WHERE id = $1")
        .bind(event)
        .fetch_one(executor)
        .await
}

/// Sets until when the event's attendees may change their answers.
pub async fn set_answers_until<'c, E>(
    executor: E,
    event: EventId,
    until: Option<i64>,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("UPDATE events SET answers_until = $2 WHERE id = $1")
        .bind(event)
        .bind(until)
        .execute(executor)
        .await
        .map(|_| ())
}
