//! Events as their organizers read and write them: every query is scoped by organization, so
//! a caller who passed the policy for one organization cannot reach another's events.

use sqlx::FromRow;

use domain::event::search_text;
use domain::{EventId, OrganizationId, UserId};

use super::Db;

/// A full `events` row.
#[derive(Debug, Clone, FromRow)]
pub struct EventRow {
    /// Primary key.
    pub id: EventId,
    /// Owning organization.
    pub organization_id: OrganizationId,
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Short summary.
    pub summary: String,
    /// Markdown.
    pub description: String,
    /// Unix seconds.
    pub starts_at: i64,
    /// Unix seconds.
    pub ends_at: i64,
    /// IANA name.
    pub time_zone: String,
    /// Venue.
    pub venue: Option<String>,
    /// Online link.
    pub online_url: Option<String>,
    /// `draft`, `published`, `archived`.
    pub status: String,
    /// `public`, `unlisted`.
    pub visibility: String,
    /// Most attendees.
    pub capacity: Option<i64>,
    /// ISO code of its prices.
    pub currency: String,
    /// How to pay by bank transfer.
    pub payment_instructions: String,
    /// How long a waitlist offer lasts, in hours.
    pub waitlist_offer_hours: i64,
    /// How many days before the event buyers may cancel a paid order; none: never.
    pub refund_days: Option<i64>,
    /// When a draft publishes itself.
    pub publish_at: Option<i64>,
    /// The stored name of its cover image (see `crate::media`).
    pub cover_image: Option<String>,
}

const COLUMNS: &str = "id, organization_id, slug, title, summary, description, starts_at, \
    ends_at, time_zone, venue, online_url, status, visibility, capacity, currency, payment_instructions, publish_at, \
    cover_image, waitlist_offer_hours, refund_days";

/// Sets or removes the event's cover image.
pub async fn set_cover<'c, E>(
    executor: E,
    id: EventId,
    cover: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("UPDATE events SET cover_image = $1, updated_at = $2 WHERE id = $3")
        .bind(cover)
        .bind(now)
        .bind(id)
        .execute(executor)
        .await
        .map(|_| ())
}

/// What the event form sets.
#[derive(Debug, Clone)]
pub struct EventValues {
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Short summary.
    pub summary: String,
    /// Markdown.
    pub description: String,
    /// Unix seconds.
    pub starts_at: i64,
    /// Unix seconds.
    pub ends_at: i64,
    /// IANA name.
    pub time_zone: String,
    /// Venue.
    pub venue: Option<String>,
    /// Online link.
    pub online_url: Option<String>,
    /// `public`, `unlisted`.
    pub visibility: &'static str,
    /// Most attendees.
    pub capacity: Option<i64>,
}

impl EventValues {
    fn search_text(&self) -> String {
        search_text(
            &self.title,
            &self.summary,
            self.venue.as_deref(),
            self.online_url.is_some(),
        )
    }
}

/// One of the organization's events by id.
pub async fn by_id(
    db: &Db,
    organization: OrganizationId,
    id: EventId,
) -> Result<Option<EventRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM events WHERE organization_id = $1 AND id = $2"
    ))
    .bind(organization)
    .bind(id)
    .fetch_optional(db.pool())
    .await
}

/// One of the organization's events by slug.
pub async fn by_slug(
    db: &Db,
    organization: OrganizationId,
    slug: &str,
) -> Result<Option<EventRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM events WHERE organization_id = $1 AND slug = $2"
    ))
    .bind(organization)
    .bind(slug)
    .fetch_optional(db.pool())
    .await
}

/// A line of the workspace's event list, with its counts.
#[derive(Debug, Clone, FromRow)]
pub struct ListedEventRow {
    /// Primary key.
    pub id: EventId,
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Status.
    pub status: String,
    /// Unix seconds.
    pub starts_at: i64,
    /// Unix seconds.
    pub ends_at: i64,
    /// IANA name.
    pub time_zone: String,
    /// Agenda items.
    pub sessions: i64,
    /// Joined registrations.
    pub registrations: i64,
}

/// The organization's events, newest start first, with their counts.
pub async fn list(
    db: &Db,
    organization: OrganizationId,
) -> Result<Vec<ListedEventRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.id, e.slug, e.title, e.status, e.starts_at, e.ends_at, e.time_zone, \
         (SELECT COUNT(*) FROM agenda_items a WHERE a.event_id = e.id) AS sessions, \
         (SELECT COUNT(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'joined') \
           AS registrations \
         FROM events e WHERE e.organization_id = $1 ORDER BY e.starts_at DESC, e.id DESC LIMIT 500",
    )
    .bind(organization)
    .fetch_all(db.pool())
    .await
}

/// Creates a draft. A taken slug fails with a unique violation.
pub async fn create<'c, E>(
    executor: E,
    organization: OrganizationId,
    values: &EventValues,
    now: i64,
) -> Result<EventId, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO events (organization_id, slug, title, summary, description, starts_at, \
         ends_at, time_zone, venue, online_url, status, visibility, capacity, search_text, \
         created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'draft', $11, $12, $13, $14, $14) \
         RETURNING id",
    )
    .bind(organization)
    .bind(&values.slug)
    .bind(&values.title)
    .bind(&values.summary)
    .bind(&values.description)
    .bind(values.starts_at)
    .bind(values.ends_at)
    .bind(&values.time_zone)
    .bind(values.venue.as_deref())
    .bind(values.online_url.as_deref())
    .bind(values.visibility)
    .bind(values.capacity)
    .bind(values.search_text())
    .bind(now)
    .fetch_one(executor)
    .await?;
    Ok(EventId(id))
}

/// Saves the form's fields. A taken slug fails with a unique violation.
pub async fn update<'c, E>(
    executor: E,
    id: EventId,
    values: &EventValues,
    now: i64,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "UPDATE events SET slug = $2, title = $3, summary = $4, description = $5, \
         starts_at = $6, ends_at = $7, time_zone = $8, venue = $9, online_url = $10, \
         visibility = $11, capacity = $12, search_text = $13, updated_at = $14 WHERE id = $1",
    )
    .bind(id)
    .bind(&values.slug)
    .bind(&values.title)
    .bind(&values.summary)
    .bind(&values.description)
    .bind(values.starts_at)
    .bind(values.ends_at)
    .bind(&values.time_zone)
    .bind(values.venue.as_deref())
    .bind(values.online_url.as_deref())
    .bind(values.visibility)
    .bind(values.capacity)
    .bind(values.search_text())
    .bind(now)
    .execute(executor)
    .await?;
    Ok(())
}

/// Moves the event to `status`, with the time a draft should publish itself (if any).
pub async fn set_status<'c, E>(
    executor: E,
    id: EventId,
    status: &str,
    publish_at: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("UPDATE events SET status = $2, publish_at = $3, updated_at = $4 WHERE id = $1")
        .bind(id)
        .bind(status)
        .bind(publish_at)
        .bind(now)
        .execute(executor)
        .await?;
    Ok(())
}

/// Publishes every draft whose time has come; the ids published. Idempotent and safe to run
/// from several instances at once: a row changes only while it is still a due draft.
pub async fn publish_due(db: &Db, now: i64) -> Result<Vec<EventId>, sqlx::Error> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "UPDATE events SET status = 'published', publish_at = NULL, updated_at = $1 \
         WHERE status = 'draft' AND publish_at IS NOT NULL AND publish_at <= $1 RETURNING id",
    )
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|(id,)| EventId(id)).collect())
}

/// Takes the event's row lock for the rest of the transaction (capacity decisions).
pub async fn lock<'c, E>(executor: E, id: EventId) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("UPDATE events SET updated_at = updated_at WHERE id = $1")
        .bind(id)
        .execute(executor)
        .await?;
    Ok(())
}

/// One entry of the change history, with who made it.
#[derive(Debug, Clone, FromRow)]
pub struct ChangeRow {
    /// Unix seconds.
    pub at: i64,
    /// Display name, or none when the account is gone.
    pub who: Option<String>,
    /// What changed.
    pub summary: String,
}

/// Records a change in the event's history.
pub async fn record_change<'c, E>(
    executor: E,
    event: EventId,
    user: Option<UserId>,
    summary: &str,
    now: i64,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO event_changes (event_id, user_id, at, summary) VALUES ($1, $2, $3, $4)",
    )
    .bind(event)
    .bind(user)
    .bind(now)
    .bind(summary)
    .execute(executor)
    .await?;
    Ok(())
}

/// The latest `limit` changes, newest first.
pub async fn history(db: &Db, event: EventId, limit: i64) -> Result<Vec<ChangeRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.at, u.display_name AS who, c.summary FROM event_changes c \
         LEFT JOIN users u ON u.id = c.user_id WHERE c.event_id = $1 ORDER BY c.id DESC LIMIT $2",
    )
    .bind(event)
    .bind(limit)
    .fetch_all(db.pool())
    .await
}
