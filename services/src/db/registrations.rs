//! Registrations (who joined which event, who waits) and favorites (personal agendas).

use domain::{AgendaItemId, EventId, UserId};

use super::Db;

/// The caller's registration: status and when it entered it.
pub async fn of(
    db: &Db,
    event: EventId,
    user: UserId,
) -> Result<Option<(i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, status, status_at FROM registrations WHERE event_id = $1 AND user_id = $2",
    )
    .bind(event)
    .bind(user)
    .fetch_optional(db.pool())
    .await
}

/// How many joined and how many wait.
pub async fn counts<'c, E>(executor: E, event: EventId) -> Result<(i64, i64), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN status = 'joined' THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN status = 'waitlisted' THEN 1 ELSE 0 END), 0) \
         FROM registrations WHERE event_id = $1",
    )
    .bind(event)
    .fetch_one(executor)
    .await
}

/// The place in the waitlist (from 1) of the registration `(status_at, id)`.
pub async fn waitlist_position(
    db: &Db,
    event: EventId,
    status_at: i64,
    id: i64,
) -> Result<i64, sqlx::Error> {
    let (ahead,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM registrations WHERE event_id = $1 AND status = 'waitlisted' \
         AND (status_at < $2 OR (status_at = $2 AND id < $3))",
    )
    .bind(event)
    .bind(status_at)
    .bind(id)
    .fetch_one(db.pool())
    .await?;
    Ok(ahead + 1)
}

/// Puts the user's registration in `status` (creating it if needed).
pub async fn set<'c, E>(
    executor: E,
    event: EventId,
    user: UserId,
    status: &str,
    now: i64,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO registrations (event_id, user_id, status, status_at, created_at) \
         VALUES ($1, $2, $3, $4, $4) ON CONFLICT (event_id, user_id) \
         DO UPDATE SET status = excluded.status, status_at = excluded.status_at",
    )
    .bind(event)
    .bind(user)
    .bind(status)
    .bind(now)
    .execute(executor)
    .await?;
    Ok(())
}

/// The first in the waitlist: who asked earliest.
pub async fn first_waitlisted<'c, E>(
    executor: E,
    event: EventId,
) -> Result<Option<UserId>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT user_id FROM registrations WHERE event_id = $1 AND status = 'waitlisted' \
         ORDER BY status_at, id LIMIT 1",
    )
    .bind(event)
    .fetch_optional(executor)
    .await?;
    Ok(row.map(|(id,)| UserId(id)))
}

/// The user's starred items among the event's.
pub async fn starred(
    db: &Db,
    user: UserId,
    event: EventId,
) -> Result<Vec<AgendaItemId>, sqlx::Error> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT f.agenda_item_id FROM favorites f JOIN agenda_items a ON a.id = f.agenda_item_id \
         WHERE f.user_id = $1 AND a.event_id = $2",
    )
    .bind(user)
    .bind(event)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|(id,)| AgendaItemId(id)).collect())
}

/// Stars or unstars an item; idempotent.
pub async fn set_star(
    db: &Db,
    user: UserId,
    item: AgendaItemId,
    starred: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    let query = if starred {
        sqlx::query(
            "INSERT INTO favorites (user_id, agenda_item_id, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id, agenda_item_id) DO NOTHING",
        )
        .bind(user)
        .bind(item)
        .bind(now)
    } else {
        sqlx::query("DELETE FROM favorites WHERE user_id = $1 AND agenda_item_id = $2")
            .bind(user)
            .bind(item)
    };
    query.execute(db.pool()).await?;
    Ok(())
}

/// A registration of the person, with its event.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MyEventRow {
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Unix seconds.
    pub starts_at: i64,
    /// Unix seconds.
    pub ends_at: i64,
    /// IANA name.
    pub time_zone: String,
    /// Joined or waitlisted.
    pub status: String,
}

/// The person's live registrations at published events, soonest first.
pub async fn events_of(db: &Db, user: UserId) -> Result<Vec<MyEventRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.slug, e.title, e.starts_at, e.ends_at, e.time_zone, r.status \
         FROM registrations r JOIN events e ON e.id = r.event_id \
         WHERE r.user_id = $1 AND r.status <> 'cancelled' AND e.status = 'published' \
         ORDER BY e.starts_at, e.id LIMIT 200",
    )
    .bind(user)
    .fetch_all(db.pool())
    .await
}

/// A starred session with its event.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StarRow {
    /// The event's URL name.
    pub slug: String,
    /// The event's title.
    pub event_title: String,
    /// The event's zone.
    pub time_zone: String,
    /// The event's venue.
    pub venue: Option<String>,
    /// The session.
    pub id: AgendaItemId,
    /// Its title.
    pub title: String,
    /// Unix seconds.
    pub starts_at: i64,
    /// Unix seconds.
    pub ends_at: i64,
    /// Its room's name.
    pub room: Option<String>,
}

/// The person's starred sessions of published events, soonest first.
pub async fn stars_of(db: &Db, user: UserId) -> Result<Vec<StarRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.slug, e.title AS event_title, e.time_zone, e.venue, a.id, a.title, \
         a.starts_at, a.ends_at, r.name AS room FROM favorites f \
         JOIN agenda_items a ON a.id = f.agenda_item_id JOIN events e ON e.id = a.event_id \
         LEFT JOIN rooms r ON r.id = a.room_id \
         WHERE f.user_id = $1 AND e.status = 'published' ORDER BY a.starts_at, a.id LIMIT 500",
    )
    .bind(user)
    .fetch_all(db.pool())
    .await
}

/// Replaces the person's private calendar link by the one whose digest is `token_hash`.
pub async fn replace_feed(
    db: &Db,
    user: UserId,
    token_hash: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO agenda_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, \
         created_at = excluded.created_at",
    )
    .bind(user)
    .bind(token_hash)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Whose private calendar link has the digest `token_hash`, if it is still active.
pub async fn feed_owner(db: &Db, token_hash: &str) -> Result<Option<UserId>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT f.user_id FROM agenda_feeds f JOIN users u ON u.id = f.user_id \
         WHERE f.token_hash = $1 AND u.status = 'active'",
    )
    .bind(token_hash)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(id,)| UserId(id)))
}

/// Whether the person has a private calendar link.
pub async fn has_feed(db: &Db, user: UserId) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT user_id FROM agenda_feeds WHERE user_id = $1")
        .bind(user)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.is_some())
}
