//! Orders and their tickets: written when an order is placed, read by the order's and the
//! ticket's pages and by the mails.

use sqlx::FromRow;

use domain::{EventId, OrderId, TicketTypeId, UserId};

/// A new order.
#[derive(Debug, Clone)]
pub struct NewOrder<'a> {
    /// Its event.
    pub event: EventId,
    /// Its reference.
    pub code: &'a str,
    /// The account that placed it, if signed in.
    pub user: Option<UserId>,
    /// Buyer name.
    pub buyer_name: &'a str,
    /// Buyer address.
    pub buyer_email: &'a str,
    /// `pending` or `paid`.
    pub status: &'a str,
    /// `free`, `bank_transfer` or `at_door`.
    pub payment_method: &'a str,
    /// Minor units.
    pub total_cents: i64,
    /// ISO code.
    pub currency: &'a str,
    /// A pending order's deadline.
    pub expires_at: Option<i64>,
    /// When its buyer is reminded to pay, if ever.
    pub remind_at: Option<i64>,
}

/// Writes an order.
pub async fn insert_order<'c, E>(
    executor: E,
    order: &NewOrder<'_>,
    now: i64,
) -> Result<OrderId, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "INSERT INTO orders (event_id, code, user_id, buyer_name, buyer_email, status, \
         payment_method, total_cents, currency, expires_at, remind_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $12, $11, $11) RETURNING id",
    )
    .bind(order.event)
    .bind(order.code)
    .bind(order.user)
    .bind(order.buyer_name)
    .bind(order.buyer_email)
    .bind(order.status)
    .bind(order.payment_method)
    .bind(order.total_cents)
    .bind(order.currency)
    .bind(order.expires_at)
    .bind(now)
    .bind(order.remind_at)
    .fetch_one(executor)
    .await
}

/// A new ticket of an order.
#[derive(Debug, Clone)]
pub struct NewTicket<'a> {
    /// Its type.
    pub ticket_type: TicketTypeId,
    /// Its code.
    pub code: &'a str,
    /// Attendee name.
    pub name: &'a str,
    /// Attendee address.
    pub email: &'a str,
    /// What it cost.
    pub price_cents: i64,
}

/// Writes a ticket of `order`; its id.
pub async fn insert_ticket<'c, E>(
    executor: E,
    order: OrderId,
    event: EventId,
    ticket: &NewTicket<'_>,
    now: i64,
) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "INSERT INTO tickets (order_id, event_id, ticket_type_id, code, attendee_name, \
         attendee_email, price_cents, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'valid', $8) RETURNING id",
    )
    .bind(order)
    .bind(event)
    .bind(ticket.ticket_type)
    .bind(ticket.code)
    .bind(ticket.name)
    .bind(ticket.email)
    .bind(ticket.price_cents)
    .bind(now)
    .fetch_one(executor)
    .await
}

/// An order with what its page shows of its event.
#[derive(Debug, Clone, FromRow)]
pub struct OrderRow {
    /// Primary key.
    pub id: OrderId,
    /// Its event.
    pub event_id: EventId,
    /// Reference.
    pub code: String,
    /// `pending`, `paid`, `cancelled`, `expired`.
    pub status: String,
    /// `free`, `bank_transfer`, `at_door`.
    pub payment_method: String,
    /// Minor units.
    pub total_cents: i64,
    /// ISO code.
    pub currency: String,
    /// A pending order's deadline.
    pub expires_at: Option<i64>,
    /// Buyer name.
    pub buyer_name: String,
    /// Buyer address.
    pub buyer_email: String,
    /// The event's title.
    pub event_title: String,
    /// The event's URL name.
    pub event_slug: String,
    /// Unix seconds.
    pub starts_at: i64,
    /// Unix seconds.
    pub ends_at: i64,
    /// IANA name.
    pub time_zone: String,
    /// How to pay by bank transfer.
    pub payment_instructions: String,
    /// Owed back to its buyer, minor units.
    pub refund_due_cents: i64,
    /// The event's refund window, days before it starts; none: never.
    pub refund_days: Option<i64>,
}

const ORDER_COLUMNS: &str = "SELECT o.id, o.event_id, o.code, o.status, o.payment_method, o.total_cents, \
    o.currency, o.expires_at, o.buyer_name, o.buyer_email, e.title AS event_title, \
    e.slug AS event_slug, e.starts_at, e.ends_at, e.time_zone, e.payment_instructions, \
    o.refund_due_cents, e.refund_days \
    FROM orders o JOIN events e ON e.id = o.event_id";

/// The order whose reference is `code`.
pub async fn order_by_code<'c, E>(executor: E, code: &str) -> Result<Option<OrderRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(&format!("{ORDER_COLUMNS} WHERE o.code = $1"))
        .bind(code)
        .fetch_optional(executor)
        .await
}

/// The order `id`.
pub async fn order_by_id<'c, E>(executor: E, id: OrderId) -> Result<Option<OrderRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(&format!("{ORDER_COLUMNS} WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// A ticket of an order with its type's name.
#[derive(Debug, Clone, FromRow)]
pub struct OrderTicketRow {
    /// Code.
    pub code: String,
    /// Attendee name.
    pub attendee_name: String,
    /// Attendee address.
    pub attendee_email: String,
    /// The type's name.
    pub type_name: String,
    /// The type.
    pub ticket_type_id: TicketTypeId,
    /// What it cost.
    pub price_cents: i64,
    /// `valid` or `cancelled`.
    pub status: String,
}

/// The tickets of `order`, in the order they were written.
pub async fn tickets_of_order<'c, E>(
    executor: E,
    order: OrderId,
) -> Result<Vec<OrderTicketRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT t.code, t.attendee_name, t.attendee_email, y.name AS type_name, \
         t.ticket_type_id, t.price_cents, t.status \
         FROM tickets t JOIN ticket_types y ON y.id = t.ticket_type_id \
         WHERE t.order_id = $1 ORDER BY t.id",
    )
    .bind(order)
    .fetch_all(executor)
    .await
}

/// Moves order `id` from the state `from` to `to`; false when it was not in `from` (another
/// change came first).
pub async fn set_status<'c, E>(
    executor: E,
    id: OrderId,
    from: &str,
    to: &str,
    now: i64,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done =
        sqlx::query("UPDATE orders SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4")
            .bind(to)
            .bind(now)
            .bind(id)
            .bind(from)
            .execute(executor)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Pending orders whose deadline passed by `now`, oldest deadline first.
pub async fn overdue<'c, E>(executor: E, now: i64, limit: i64) -> Result<Vec<OrderId>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "SELECT id FROM orders WHERE status = 'pending' AND expires_at <= $1 \
         ORDER BY expires_at LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(executor)
    .await
}

/// Cancels every ticket of `order`.
pub async fn cancel_tickets<'c, E>(executor: E, order: OrderId) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("UPDATE tickets SET status = 'cancelled' WHERE order_id = $1")
        .bind(order)
        .execute(executor)
        .await
        .map(|_| ())
}

/// The seats `order` holds: valid tickets per type, in ascending type order (the order in
/// which placing an order locks them).
pub async fn seats_of_order<'c, E>(
    executor: E,
    order: OrderId,
) -> Result<Vec<(TicketTypeId, i64)>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT ticket_type_id, COUNT(*) FROM tickets WHERE order_id = $1 AND status = 'valid' \
         GROUP BY ticket_type_id ORDER BY ticket_type_id",
    )
    .bind(order)
    .fetch_all(executor)
    .await
}

/// An order in the organizer's list.
#[derive(Debug, Clone, FromRow)]
pub struct OrderLineRow {
    /// Primary key, the list's key.
    pub id: OrderId,
    /// Reference.
    pub code: String,
    /// Buyer name.
    pub buyer_name: String,
    /// Buyer address.
    pub buyer_email: String,
    /// State.
    pub status: String,
    /// Way to pay.
    pub payment_method: String,
    /// Minor units.
    pub total_cents: i64,
    /// ISO code.
    pub currency: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Tickets it holds.
    pub tickets: i64,
    /// Its note for the door.
    pub door_note: String,
    /// Owed back to its buyer, minor units.
    pub refund_due_cents: i64,
    /// When the organizer recorded the refund made.
    pub refunded_at: Option<i64>,
}

/// Up to `limit` orders of `event` older than `before`, newest first: only those in `status`
/// (blank: all) whose reference, buyer name or address contain `pattern` (a `LIKE` pattern
/// of lower-case text, `%` for all).
pub async fn orders_of_event<'c, E>(
    executor: E,
    event: EventId,
    status: &str,
    pattern: &str,
    before: i64,
    limit: i64,
) -> Result<Vec<OrderLineRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT o.id, o.code, o.buyer_name, o.buyer_email, o.status, o.payment_method, \
         o.total_cents, o.currency, o.created_at, o.door_note, o.refund_due_cents, \
         o.refunded_at, (SELECT COUNT(*) FROM tickets t WHERE t.order_id = o.id) AS tickets \
         FROM orders o WHERE o.event_id = $1 AND ($2 = '' OR o.status = $2) \
         AND (LOWER(o.code) LIKE $3 ESCAPE '\\' OR LOWER(o.buyer_name) LIKE $3 ESCAPE '\\' \
              OR LOWER(o.buyer_email) LIKE $3 ESCAPE '\\') \
         AND o.id < $4 ORDER BY o.id DESC LIMIT $5",
    )
    .bind(event)
    .bind(status)
    .bind(pattern)
    .bind(before)
    .bind(limit)
    .fetch_all(executor)
    .await
}

/// Records that what the buyer of `order` was owed was paid back, at `now`; false when
/// nothing is owed (never was, or already refunded).
pub async fn mark_refunded<'c, E>(
    executor: E,
    order: OrderId,
    now: i64,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE orders SET refunded_at = $1 \
         WHERE id = $2 AND refund_due_cents > 0 AND refunded_at IS NULL",
    )
    .bind(now)
    .bind(order)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}
