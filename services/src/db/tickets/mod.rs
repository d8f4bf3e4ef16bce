//! Ticket types, the seats they count, orders and tickets. The seat counters are only ever
//! changed by a conditional `UPDATE` that refuses to pass the capacity, so two orders for
//! the last seat cannot both succeed whatever the engine's isolation.

pub mod dashboard;
mod held;
mod orders;
pub mod roster;
pub mod transfers;

use sqlx::{FromRow, Row as _};

use domain::{EventId, OrderId, TicketTypeId};

pub use held::{HeldTicketRow, ticket_by_code};
pub use orders::{
    NewOrder, NewTicket, OrderLineRow, OrderRow, OrderTicketRow, cancel_tickets, insert_order,
    insert_ticket, mark_refunded, order_by_code, order_by_id, orders_of_event, overdue,
    seats_of_order, set_status, tickets_of_order,
};

/// A `ticket_types` row.
#[derive(Debug, Clone, FromRow)]
pub struct TicketTypeRow {
    /// Primary key.
    pub id: TicketTypeId,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Minor units.
    pub price_cents: i64,
    /// None: no limit of its own.
    pub capacity: Option<i64>,
    /// Seats taken.
    pub sold: i64,
    /// Unix seconds.
    pub sale_starts_at: Option<i64>,
    /// Unix seconds.
    pub sale_ends_at: Option<i64>,
    /// The most one order may hold.
    pub max_per_order: i64,
    /// Upper-cased; none for a public type.
    pub access_code: Option<String>,
    /// Listing order.
    pub position: i64,
}

/// What the ticket type form sets.
#[derive(Debug, Clone)]
pub struct TicketTypeValues<'a> {
    /// Checked values.
    pub checked: &'a domain::tickets::types::TicketTypeValues,
    /// Unix seconds.
    pub sale_starts_at: Option<i64>,
    /// Unix seconds.
    pub sale_ends_at: Option<i64>,
}

const COLUMNS: &str = "id, name, description, price_cents, capacity, sold, sale_starts_at, \
    sale_ends_at, max_per_order, access_code, position";

/// The event's ticket types in listing order.
pub async fn types_of<'c, E>(executor: E, event: EventId) -> Result<Vec<TicketTypeRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM ticket_types WHERE event_id = $1 ORDER BY position, id"
    ))
    .bind(event)
    .fetch_all(executor)
    .await
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Binds the form's values as `$1` to `$9` and `now` as `$10`, in the order both the insert
/// and the update name them.
fn bind_values<'q>(query: AnyQuery<'q>, values: &TicketTypeValues<'q>, now: i64) -> AnyQuery<'q> {
    let v = values.checked;
    query
        .bind(&v.name)
        .bind(&v.description)
        .bind(v.price_cents)
        .bind(v.capacity)
        .bind(values.sale_starts_at)
        .bind(values.sale_ends_at)
        .bind(v.max_per_order)
        .bind(&v.access_code)
        .bind(v.position)
        .bind(now)
}

/// Adds a ticket type to `event`.
pub async fn insert_type<'c, E>(
    executor: E,
    event: EventId,
    values: &TicketTypeValues<'_>,
    now: i64,
) -> Result<TicketTypeId, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let query = sqlx::query(
        "INSERT INTO ticket_types (name, description, price_cents, capacity, sale_starts_at, \
         sale_ends_at, max_per_order, access_code, position, updated_at, created_at, event_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) RETURNING id",
    );
    bind_values(query, values, now)
        .bind(event)
        .fetch_one(executor)
        .await?
        .try_get(0)
}

/// Changes a ticket type of `event`; false when it is not one of the event's, or when its
/// new capacity is below the seats already taken (checked under the row's lock).
pub async fn update_type<'c, E>(
    executor: E,
    event: EventId,
    id: TicketTypeId,
    values: &TicketTypeValues<'_>,
    now: i64,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let query = sqlx::query(
        "UPDATE ticket_types SET name = $1, description = $2, price_cents = $3, capacity = $4, \
         sale_starts_at = $5, sale_ends_at = $6, max_per_order = $7, access_code = $8, \
         position = $9, updated_at = $10 \
         WHERE id = $11 AND event_id = $12 AND sold <= COALESCE($4, sold)",
    );
    let done = bind_values(query, values, now)
        .bind(id)
        .bind(event)
        .execute(executor)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes `seats` of ticket type `id`; false when fewer are left.
pub async fn take_type_seats<'c, E>(
    executor: E,
    id: TicketTypeId,
    seats: i64,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE ticket_types SET sold = sold + $1 \
         WHERE id = $2 AND (capacity IS NULL OR sold + $1 <= capacity)",
    )
    .bind(seats)
    .bind(id)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes `seats` at the event, held against its capacity when it has one; false when fewer
/// are left. The counter's row is created by the first order.
pub async fn take_event_seats(
    tx: &mut sqlx::AnyConnection,
    event: EventId,
    seats: i64,
    capacity: Option<i64>,
) -> Result<bool, sqlx::Error> {
    sqlx::query("INSERT INTO event_seats (event_id, taken) VALUES ($1, 0) ON CONFLICT DO NOTHING")
        .bind(event)
        .execute(&mut *tx)
        .await?;
    let done = match capacity {
        Some(capacity) => {
            sqlx::query(
                "UPDATE event_seats SET taken = taken + $1 \
                 WHERE event_id = $2 AND taken + $1 <= $3",
            )
            .bind(seats)
            .bind(event)
            .bind(capacity)
            .execute(&mut *tx)
            .await?
        }
        None => {
            sqlx::query("UPDATE event_seats SET taken = taken + $1 WHERE event_id = $2")
                .bind(seats)
                .bind(event)
                .execute(&mut *tx)
                .await?
        }
    };
    Ok(done.rows_affected() == 1)
}

/// Seats taken at the event across its ticket types.
pub async fn event_seats_taken<'c, E>(executor: E, event: EventId) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let taken: Option<i64> =
        sqlx::query_scalar("SELECT taken FROM event_seats WHERE event_id = $1")
            .bind(event)
            .fetch_optional(executor)
            .await?;
    Ok(taken.unwrap_or(0))
}

/// Gives back `seats` of ticket type `id` (an order cancelled or expired).
pub async fn release_type_seats<'c, E>(
    executor: E,
    id: TicketTypeId,
    seats: i64,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("UPDATE ticket_types SET sold = sold - $1 WHERE id = $2")
        .bind(seats)
        .bind(id)
        .execute(executor)
        .await
        .map(|_| ())
}

/// Gives back `seats` at the event.
pub async fn release_event_seats<'c, E>(
    executor: E,
    event: EventId,
    seats: i64,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("UPDATE event_seats SET taken = taken - $1 WHERE event_id = $2")
        .bind(seats)
        .bind(event)
        .execute(executor)
        .await
        .map(|_| ())
}

/// Deletes ticket type `id` of `event` if no ticket was ever made of it; false otherwise.
pub async fn delete_unsold_type<'c, E>(
    executor: E,
    event: EventId,
    id: TicketTypeId,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "DELETE FROM ticket_types WHERE id = $1 AND event_id = $2 \
         AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.ticket_type_id = $1)",
    )
    .bind(id)
    .bind(event)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sets how `event`'s tickets are paid and offered: the currency of its prices (unless an
/// order was placed in the old one; false then), the instructions for a bank transfer, how
/// many hours a waitlist offer lasts and how many days before the event buyers may still
/// cancel a paid order.
pub async fn set_payment<'c, E>(
    executor: E,
    event: EventId,
    currency: &str,
    instructions: &str,
    offer_hours: i64,
    refund_days: Option<i64>,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE events SET currency = $1, payment_instructions = $3, waitlist_offer_hours = $4, \
         refund_days = $5 WHERE id = $2 \
         AND (currency = $1 OR NOT EXISTS (SELECT 1 FROM orders o WHERE o.event_id = $2))",
    )
    .bind(currency)
    .bind(event)
    .bind(instructions)
    .bind(offer_hours)
    .bind(refund_days)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// How many ticket types `event` has.
pub async fn count_types<'c, E>(executor: E, event: EventId) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar("SELECT COUNT(*) FROM ticket_types WHERE event_id = $1")
        .bind(event)
        .fetch_one(executor)
        .await
}

/// Counts the people who joined `event` as taken seats: for its first ticket type, so the
/// event's capacity holds for those places too. (No order can be in flight without a type.)
pub async fn count_joined_as_seats<'c, E>(executor: E, event: EventId) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO event_seats (event_id, taken) \
         SELECT $1, COUNT(*) FROM registrations WHERE event_id = $1 AND status = 'joined' \
         ON CONFLICT (event_id) DO UPDATE SET taken = excluded.taken",
    )
    .bind(event)
    .execute(executor)
    .await
    .map(|_| ())
}

/// Sets the note door staff read when the tickets of `order` are scanned.
pub async fn set_door_note<'c, E>(
    executor: E,
    order: OrderId,
    note: &str,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("UPDATE orders SET door_note = $1 WHERE id = $2")
        .bind(note)
        .bind(order)
        .execute(executor)
        .await
        .map(|_| ())
}

/// Pending orders whose buyer is due a reminder to pay at `now`.
pub async fn reminders_due<'c, E>(
    executor: E,
    now: i64,
    limit: i64,
) -> Result<Vec<OrderId>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "SELECT id FROM orders WHERE remind_at <= $1 AND status = 'pending' \
         ORDER BY remind_at LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(executor)
    .await
}

/// Takes the reminder of `order` if it is still pending and due; false otherwise.
pub async fn take_reminder<'c, E>(
    executor: E,
    order: OrderId,
    now: i64,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE orders SET remind_at = NULL \
         WHERE id = $1 AND remind_at <= $2 AND status = 'pending'",
    )
    .bind(order)
    .bind(now)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records what the organizer owes back to the buyer of `order`, in minor units.
pub async fn set_refund_due<'c, E>(
    executor: E,
    order: OrderId,
    cents: i64,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("UPDATE orders SET refund_due_cents = $1 WHERE id = $2")
        .bind(cents)
        .bind(order)
        .execute(executor)
        .await
        .map(|_| ())
}
