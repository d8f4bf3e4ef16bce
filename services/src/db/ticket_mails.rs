//! The outbox of mails about orders and waitlist offers: queued in the transaction of the
//! change they report, claimed by one instance at a time, marked sent or put off after a
//! failure.

use sqlx::FromRow;

use domain::{OrderId, WaitlistEntryId};

use super::Db;

/// A queued mail.
#[derive(Debug, Clone, FromRow)]
pub struct QueuedMail {
    /// Primary key.
    pub id: i64,
    /// The order it is about; none for a waitlist offer.
    pub order_id: Option<OrderId>,
    /// The waitlist offer it is about (`offer`).
    pub waitlist_entry_id: Option<WaitlistEntryId>,
    /// `order`, `ticket`, `transferred`, `paid`, `cancelled`, `withdrawn`, `refunded`, `expired`,
    /// `reminder` or `offer`.
    pub kind: String,
    /// For a `ticket` or `transferred` mail, which ticket (by its code then).
    pub ticket_code: Option<String>,
    /// Attempts so far, this one included.
    pub attempts: i64,
}

/// Queues a mail about `order`, to send at once.
pub async fn queue<'c, E>(
    executor: E,
    order: OrderId,
    kind: &str,
    ticket_code: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO ticket_mails (order_id, kind, ticket_code, next_attempt_at, created_at) \
         VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(order)
    .bind(kind)
    .bind(ticket_code)
    .bind(now)
    .execute(executor)
    .await
    .map(|_| ())
}

/// Queues the mail offering a freed seat to the place in line `entry`, to send at once.
pub async fn queue_offer<'c, E>(
    executor: E,
    entry: WaitlistEntryId,
    now: i64,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO ticket_mails (waitlist_entry_id, kind, next_attempt_at, created_at) \
         VALUES ($1, 'offer', $2, $2)",
    )
    .bind(entry)
    .bind(now)
    .execute(executor)
    .await
    .map(|_| ())
}

/// Claims up to `limit` mails due at `now` for `lease` seconds, counting an attempt on each.
/// The conditions are repeated outside the subquery so that PostgreSQL checks them again on
/// a row another instance claimed meanwhile: each mail goes to one instance.
pub async fn claim_due(
    db: &Db,
    now: i64,
    lease: i64,
    max_attempts: i64,
    limit: i64,
) -> Result<Vec<QueuedMail>, sqlx::Error> {
    sqlx::query_as(
        "UPDATE ticket_mails SET claimed_until = $1, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM ticket_mails WHERE sent_at IS NULL \
             AND next_attempt_at <= $2 AND attempts < $3 \
             AND (claimed_until IS NULL OR claimed_until < $2) ORDER BY id LIMIT $4) \
         AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < $2) \
         RETURNING id, order_id, waitlist_entry_id, kind, ticket_code, attempts",
    )
    .bind(now + lease)
    .bind(now)
    .bind(max_attempts)
    .bind(limit)
    .fetch_all(db.pool())
    .await
}

/// Records that mail `id` was sent.
pub async fn mark_sent(db: &Db, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE ticket_mails SET sent_at = $1, claimed_until = NULL WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(db.pool())
        .await
        .map(|_| ())
}

/// Puts mail `id` off until `at`.
pub async fn retry_at(db: &Db, id: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE ticket_mails SET next_attempt_at = $1, claimed_until = NULL WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(db.pool())
        .await
        .map(|_| ())
}
