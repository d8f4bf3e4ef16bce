//! The counts of an event's registration dashboard (the door's own are `db::door::counts`),
//! each one query whatever the number of ticket types.

use sqlx::FromRow;

use domain::EventId;

/// One ticket type's seats.
#[derive(Debug, Clone, FromRow)]
pub struct TypeSalesRow {
    /// Name.
    pub name: String,
    /// None: no limit of its own.
    pub capacity: Option<i64>,
    /// The seats counter: paid, pending and offered to the waitlist.
    pub sold: i64,
    /// Tickets of paid orders.
    pub paid: i64,
    /// Tickets of pending orders.
    pub pending: i64,
    /// People waiting in line.
    pub waiting: i64,
}

/// Every ticket type of `event` with its counts, in the order they are offered.
pub async fn type_sales<'c, E>(
    executor: E,
    event: EventId,
) -> Result<Vec<TypeSalesRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT tt.name, tt.capacity, tt.sold, \
         CAST(COALESCE(SUM(CASE WHEN t.status = 'valid' AND o.status = 'paid' THEN 1 ELSE 0 END), 0) AS BIGINT) AS paid, \
         CAST(COALESCE(SUM(CASE WHEN t.status = 'valid' AND o.status = 'pending' THEN 1 ELSE 0 END), 0) AS BIGINT) AS pending, \
         (SELECT COUNT(*) FROM waitlist_entries w WHERE w.ticket_type_id = tt.id \
            AND w.status = 'waiting') AS waiting \
         FROM ticket_types tt \
         LEFT JOIN tickets t ON t.ticket_type_id = tt.id \
         LEFT JOIN orders o ON o.id = t.order_id \
         WHERE tt.event_id = $1 \
         GROUP BY tt.id, tt.name, tt.capacity, tt.sold, tt.position \
         ORDER BY tt.position, tt.id",
    )
    .bind(event)
    .fetch_all(executor)
    .await
}

/// The event's orders waiting for their payment.
pub async fn pending_orders<'c, E>(executor: E, event: EventId) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar("SELECT COUNT(*) FROM orders WHERE event_id = $1 AND status = 'pending'")
        .bind(event)
        .fetch_one(executor)
        .await
}

/// The event's valid tickets ever let in at the door (an entry not taken back), inside now
/// or not: the attendees who came, of those the dashboard counts as valid.
pub async fn arrived<'c, E>(executor: E, event: EventId) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "SELECT COUNT(DISTINCT c.ticket_id) FROM check_ins c \
         JOIN tickets t ON t.id = c.ticket_id JOIN orders o ON o.id = t.order_id \
         WHERE c.event_id = $1 AND c.outcome = 'entered' AND c.undone_at IS NULL \
         AND t.status = 'valid' AND o.status = 'paid'",
    )
    .bind(event)
    .fetch_one(executor)
    .await
}
