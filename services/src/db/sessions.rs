//! Signed-in sessions, stored so that every instance sees the same ones.

use domain::UserId;

use super::Db;

/// The session behind a cookie, with what authorization needs to know of its user.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    /// The session's id.
    pub id: i64,
    /// Its user.
    pub user_id: UserId,
    /// When it was last used.
    pub last_seen_at: i64,
    /// `none` or `admin`.
    pub platform_role: String,
}

/// A new session's fields.
pub struct NewSession<'a> {
    /// Digest of the cookie's secret.
    pub token_hash: &'a str,
    /// Who signed in.
    pub user_id: UserId,
    /// The browser's User-Agent, shortened.
    pub user_agent: &'a str,
    /// Where from.
    pub ip: &'a str,
    /// The absolute end.
    pub expires_at: i64,
}

/// Stores a session.
pub async fn insert(db: &Db, session: &NewSession<'_>, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO sessions (token_hash, user_id, user_agent, ip, created_at, last_seen_at, \
         expires_at) VALUES ($1, $2, $3, $4, $5, $5, $6) RETURNING id",
    )
    .bind(session.token_hash)
    .bind(session.user_id)
    .bind(session.user_agent)
    .bind(session.ip)
    .bind(now)
    .bind(session.expires_at)
    .fetch_one(db.pool())
    .await
}

/// The live session with this digest: not past its absolute or idle limit, of an active
/// account.
pub async fn find_live(
    db: &Db,
    token_hash: &str,
    now: i64,
    idle_secs: i64,
) -> Result<Option<SessionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id, s.user_id, s.last_seen_at, u.platform_role FROM sessions s \
         JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 \
         AND u.status = 'active'",
    )
    .bind(token_hash)
    .bind(now)
    .bind(now - idle_secs)
    .fetch_optional(db.pool())
    .await
}

/// Whether the session `id` is still live (see [`find_live`]): for a long-lived stream,
/// which its reader may have signed out of, or been deactivated during.
pub async fn is_live(db: &Db, id: i64, now: i64, idle_secs: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.id = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND u.status = 'active'",
    )
    .bind(id)
    .bind(now)
    .bind(now - idle_secs)
    .fetch_optional(db.pool())
    .await?;
    Ok(found.is_some())
}

/// Records that the session was used.
pub async fn touch(db: &Db, id: i64, ip: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen_at = $2, ip = $3 WHERE id = $1")
        .bind(id)
        .bind(now)
        .bind(ip)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Ends one of `user_id`'s sessions; false when it is not theirs or already ended.
pub async fn delete(db: &Db, user_id: UserId, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Ends every session of `user_id` except `keep`.
pub async fn delete_all_for_user<'c, E>(
    executor: E,
    user_id: UserId,
    keep: Option<i64>,
) -> Result<u64, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or(-1))
        .execute(executor)
        .await?;
    Ok(done.rows_affected())
}

/// A session as the account page lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionListing {
    /// Its id.
    pub id: i64,
    /// The browser's User-Agent, shortened.
    pub user_agent: String,
    /// Where from.
    pub ip: String,
    /// When it was last used.
    pub last_seen_at: i64,
}

/// `user_id`'s live sessions, most recently used first.
pub async fn list_for_user(
    db: &Db,
    user_id: UserId,
    now: i64,
    idle_secs: i64,
) -> Result<Vec<SessionListing>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, user_agent, ip, last_seen_at FROM sessions \
         WHERE user_id = $1 AND expires_at > $2 AND last_seen_at > $3 \
         ORDER BY last_seen_at DESC, id DESC",
    )
    .bind(user_id)
    .bind(now)
    .bind(now - idle_secs)
    .fetch_all(db.pool())
    .await
}
