//! Registrations (who joined which event, who waits) and favorites (personal agendas).

use super::Db;
use crate::domain::{AgendaItemId, EventId, UserId};

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
