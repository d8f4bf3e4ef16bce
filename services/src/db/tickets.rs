//! Ticket types, the seats they count, orders and tickets. The seat counters are only ever
//! changed by a conditional `UPDATE` that refuses to pass the capacity, so two orders for
//! the last seat cannot both succeed whatever the engine's isolation.

use sqlx::{FromRow, Row as _};

use domain::{EventId, OrderId, TicketTypeId, UserId};

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
         payment_method, total_cents, currency, expires_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
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

/// Writes a ticket of `order`.
pub async fn insert_ticket<'c, E>(
    executor: E,
    order: OrderId,
    event: EventId,
    ticket: &NewTicket<'_>,
    now: i64,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO tickets (order_id, event_id, ticket_type_id, code, attendee_name, \
         attendee_email, price_cents, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'valid', $8)",
    )
    .bind(order)
    .bind(event)
    .bind(ticket.ticket_type)
    .bind(ticket.code)
    .bind(ticket.name)
    .bind(ticket.email)
    .bind(ticket.price_cents)
    .bind(now)
    .execute(executor)
    .await
    .map(|_| ())
}

/// An order with what its page shows of its event.
#[derive(Debug, Clone, FromRow)]
pub struct OrderRow {
    /// Primary key.
    pub id: OrderId,
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
}

/// The order whose reference is `code`.
pub async fn order_by_code<'c, E>(executor: E, code: &str) -> Result<Option<OrderRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT o.id, o.code, o.status, o.payment_method, o.total_cents, o.currency, \
         o.expires_at, o.buyer_name, e.title AS event_title, e.slug AS event_slug, \
         e.starts_at, e.ends_at, e.time_zone \
         FROM orders o JOIN events e ON e.id = o.event_id WHERE o.code = $1",
    )
    .bind(code)
    .fetch_optional(executor)
    .await
}

/// A ticket of an order with its type's name.
#[derive(Debug, Clone, FromRow)]
pub struct OrderTicketRow {
    /// Attendee name.
    pub attendee_name: String,
    /// The type's name.
    pub type_name: String,
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
        "SELECT t.attendee_name, y.name AS type_name, t.price_cents, t.status \
         FROM tickets t JOIN ticket_types y ON y.id = t.ticket_type_id \
         WHERE t.order_id = $1 ORDER BY t.id",
    )
    .bind(order)
    .fetch_all(executor)
    .await
}
