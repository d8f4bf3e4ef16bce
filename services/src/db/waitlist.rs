//! Waitlists of sold-out ticket types: the line, the offers made to its head, and what
//! becomes of them. An offer's state only changes by a conditional `UPDATE`, so two instances
//! (or a claim racing the deadline) never both act on one.

use sqlx::FromRow;

use domain::{EventId, OrderId, TicketTypeId, UserId, WaitlistEntryId};

/// Someone asking to wait in line.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    /// The event.
    pub event: EventId,
    /// The sold-out type.
    pub ticket_type: TicketTypeId,
    /// Their account, if signed in.
    pub user: Option<UserId>,
    /// Name.
    pub name: &'a str,
    /// Address.
    pub email: &'a str,
}

/// Puts someone in line; none when that address already waits for that type.
pub async fn join<'c, E>(
    executor: E,
    entry: &NewEntry<'_>,
    now: i64,
) -> Result<Option<WaitlistEntryId>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "INSERT INTO waitlist_entries (event_id, ticket_type_id, user_id, name, email, status, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'waiting', $6, $6) \
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(entry.event)
    .bind(entry.ticket_type)
    .bind(entry.user)
    .bind(entry.name)
    .bind(entry.email)
    .bind(now)
    .fetch_optional(executor)
    .await
}

/// Where `entry` stands in its type's line: 1 for the next to be offered a seat.
pub async fn place_in_line<'c, E>(executor: E, entry: WaitlistEntryId) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM waitlist_entries w JOIN waitlist_entries me ON me.id = $1 \
         WHERE w.ticket_type_id = me.ticket_type_id AND w.status = 'waiting' AND w.id <= me.id",
    )
    .bind(entry)
    .fetch_one(executor)
    .await
}

/// How many people wait for each of `event`'s types, offers not yet claimed included.
pub async fn waiting_per_type<'c, E>(
    executor: E,
    event: EventId,
) -> Result<Vec<(TicketTypeId, i64)>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT ticket_type_id, COUNT(*) FROM waitlist_entries \
         WHERE event_id = $1 AND status IN ('waiting', 'offered') GROUP BY ticket_type_id",
    )
    .bind(event)
    .fetch_all(executor)
    .await
}

/// What an offer is made on: the event's own capacity, how long an offer lasts (hours) and
/// when the event ends.
#[derive(Debug, Clone, Copy, FromRow)]
pub struct OfferTerms {
    /// Seats for the whole event, if limited.
    pub capacity: Option<i64>,
    /// Hours an offer lasts.
    pub waitlist_offer_hours: i64,
    /// Unix seconds.
    pub ends_at: i64,
}

/// The terms of `event`'s offers.
pub async fn offer_terms<'c, E>(executor: E, event: EventId) -> Result<OfferTerms, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as("SELECT capacity, waitlist_offer_hours, ends_at FROM events WHERE id = $1")
        .bind(event)
        .fetch_one(executor)
        .await
}

/// The first `limit` people waiting at `event`, in the order they joined.
pub async fn in_line<'c, E>(
    executor: E,
    event: EventId,
    limit: i64,
) -> Result<Vec<(WaitlistEntryId, TicketTypeId)>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT id, ticket_type_id FROM waitlist_entries \
         WHERE event_id = $1 AND status = 'waiting' ORDER BY id LIMIT $2",
    )
    .bind(event)
    .bind(limit)
    .fetch_all(executor)
    .await
}

/// The events not over at `now` where someone waits for a type with a seat free, on the
/// type and at the event: a capacity was raised, or a seat freed outside an order's change.
pub async fn events_with_free_seats<'c, E>(
    executor: E,
    now: i64,
) -> Result<Vec<EventId>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "SELECT DISTINCT w.event_id FROM waitlist_entries w \
         JOIN ticket_types t ON t.id = w.ticket_type_id \
         JOIN events e ON e.id = w.event_id \
         LEFT JOIN event_seats s ON s.event_id = w.event_id \
         WHERE w.status = 'waiting' AND e.ends_at > $1 \
         AND (t.capacity IS NULL OR t.sold < t.capacity) \
         AND (e.capacity IS NULL OR COALESCE(s.taken, 0) < e.capacity) LIMIT 50",
    )
    .bind(now)
    .fetch_all(executor)
    .await
}

/// Offers a seat to `entry` until `until`, behind `claim_code`; false when it no longer waits.
pub async fn make_offer<'c, E>(
    executor: E,
    entry: WaitlistEntryId,
    claim_code: &str,
    until: i64,
    now: i64,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE waitlist_entries SET status = 'offered', claim_code = $1, offered_until = $2, \
         updated_at = $3 WHERE id = $4 AND status = 'waiting'",
    )
    .bind(claim_code)
    .bind(until)
    .bind(now)
    .bind(entry)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Offers past their deadline at `now`.
pub async fn offers_due<'c, E>(
    executor: E,
    now: i64,
    limit: i64,
) -> Result<Vec<WaitlistEntryId>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "SELECT id FROM waitlist_entries WHERE status = 'offered' AND offered_until <= $1 \
         ORDER BY offered_until LIMIT $2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(executor)
    .await
}

/// An open offer that just ended: whose seat it held.
#[derive(Debug, Clone, FromRow)]
pub struct EndedOffer {
    /// The place in line.
    pub id: WaitlistEntryId,
    /// The event.
    pub event_id: EventId,
    /// The type whose seat it held.
    pub ticket_type_id: TicketTypeId,
    /// Their account, if they joined signed in.
    pub user_id: Option<UserId>,
    /// Name.
    pub name: String,
    /// Address.
    pub email: String,
}

const ENDED: &str = "RETURNING id, event_id, ticket_type_id, user_id, name, email";

/// Ends the open offer `entry` as `lapsed` if its deadline passed at `now`.
pub async fn lapse<'c, E>(
    executor: E,
    entry: WaitlistEntryId,
    now: i64,
) -> Result<Option<EndedOffer>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(&format!(
        "UPDATE waitlist_entries SET status = 'lapsed', updated_at = $1 \
         WHERE id = $2 AND status = 'offered' AND offered_until <= $1 {ENDED}"
    ))
    .bind(now)
    .bind(entry)
    .fetch_optional(executor)
    .await
}

/// Ends the offer behind `claim_code` as `to` (`claimed` or `declined`) if it is still open
/// at `now`.
pub async fn close_offer<'c, E>(
    executor: E,
    claim_code: &str,
    to: &str,
    now: i64,
) -> Result<Option<EndedOffer>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(&format!(
        "UPDATE waitlist_entries SET status = $1, updated_at = $2 \
         WHERE claim_code = $3 AND status = 'offered' AND offered_until > $2 {ENDED}"
    ))
    .bind(to)
    .bind(now)
    .bind(claim_code)
    .fetch_optional(executor)
    .await
}

/// Records the order a claimed offer became.
pub async fn set_order<'c, E>(
    executor: E,
    entry: WaitlistEntryId,
    order: OrderId,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("UPDATE waitlist_entries SET order_id = $1 WHERE id = $2")
        .bind(order)
        .bind(entry)
        .execute(executor)
        .await
        .map(|_| ())
}

/// An offer with what its page and its mail show.
#[derive(Debug, Clone, FromRow)]
pub struct OfferRow {
    /// The place in line.
    pub id: WaitlistEntryId,
    /// `waiting`, `offered`, `claimed`, `lapsed` or `declined`.
    pub status: String,
    /// Its link's code.
    pub claim_code: Option<String>,
    /// The deadline.
    pub offered_until: Option<i64>,
    /// Name.
    pub name: String,
    /// Address.
    pub email: String,
    /// The claimed order's reference.
    pub order_code: Option<String>,
    /// The type.
    pub type_name: String,
    /// Minor units.
    pub price_cents: i64,
    /// ISO code.
    pub currency: String,
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

const OFFER: &str = "SELECT w.id, w.status, w.claim_code, w.offered_until, w.name, w.email, \
    o.code AS order_code, t.name AS type_name, t.price_cents, e.currency, e.title AS event_title, \
    e.slug AS event_slug, e.starts_at, e.ends_at, e.time_zone \
    FROM waitlist_entries w JOIN ticket_types t ON t.id = w.ticket_type_id \
    JOIN events e ON e.id = w.event_id LEFT JOIN orders o ON o.id = w.order_id";

/// The offer behind `claim_code`.
pub async fn offer_by_code<'c, E>(
    executor: E,
    claim_code: &str,
) -> Result<Option<OfferRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(&format!("{OFFER} WHERE w.claim_code = $1"))
        .bind(claim_code)
        .fetch_optional(executor)
        .await
}

/// The place in line `entry`, with its offer.
pub async fn offer_by_id<'c, E>(
    executor: E,
    entry: WaitlistEntryId,
) -> Result<Option<OfferRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(&format!("{OFFER} WHERE w.id = $1"))
        .bind(entry)
        .fetch_optional(executor)
        .await
}
