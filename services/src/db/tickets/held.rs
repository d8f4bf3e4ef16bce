//! A ticket as its page shows it, opened by its code.

use sqlx::FromRow;

use domain::{EventId, OrderId, TicketTypeId};

/// A ticket with its order's state and what its page shows of its event.
#[derive(Debug, Clone, FromRow)]
pub struct HeldTicketRow {
    /// Primary key.
    pub ticket_id: i64,
    /// Code.
    pub code: String,
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
    /// The order.
    pub order_id: OrderId,
    /// The order's reference.
    pub order_code: String,
    /// The order's state.
    pub order_status: String,
    /// The event.
    pub event_id: EventId,
    /// Its title.
    pub event_title: String,
    /// Its URL name.
    pub event_slug: String,
    /// Unix seconds.
    pub starts_at: i64,
    /// Unix seconds.
    pub ends_at: i64,
    /// IANA name.
    pub time_zone: String,
    /// Venue.
    pub venue: Option<String>,
    /// Until when attendees may change their answers; none: until the event starts.
    pub answers_until: Option<i64>,
    /// Entries at the door it was used for (not taken back).
    pub entries: i64,
}

/// The ticket whose code is `code`.
pub async fn ticket_by_code<'c, E>(
    executor: E,
    code: &str,
) -> Result<Option<HeldTicketRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT t.id AS ticket_id, t.code, t.attendee_name, t.attendee_email, t.status, \
         t.ticket_type_id, \
         y.name AS type_name, t.order_id, o.code AS order_code, o.status AS order_status, \
         e.id AS event_id, e.title AS event_title, e.slug AS event_slug, e.starts_at, \
         e.ends_at, e.time_zone, e.venue, e.answers_until, \
         (SELECT COUNT(*) FROM check_ins c WHERE c.ticket_id = t.id \
          AND c.outcome = 'entered' AND c.undone_at IS NULL) AS entries \
         FROM tickets t JOIN orders o ON o.id = t.order_id \
         JOIN ticket_types y ON y.id = t.ticket_type_id JOIN events e ON e.id = t.event_id \
         WHERE t.code = $1",
    )
    .bind(code)
    .fetch_optional(executor)
    .await
}
