//! Reports of feed posts and comments, and the people muted in a feed.

use sqlx::FromRow;

use domain::{CommentId, EventId, PostId, UserId};

use super::Db;

/// What was reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reported {
    Post(PostId),
    Comment(CommentId),
}

/// Records a report; a second report of the same content by the same person changes nothing.
pub async fn report(
    db: &Db,
    event: EventId,
    what: Reported,
    reporter: UserId,
    reason: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (post, comment) = match what {
        Reported::Post(p) => (Some(p), None),
        Reported::Comment(c) => (None, Some(c)),
    };
    sqlx::query(
        "INSERT INTO feed_reports (event_id, post_id, comment_id, reporter_id, reason, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(event)
    .bind(post)
    .bind(comment)
    .bind(reporter)
    .bind(reason)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Closes the open reports of `what`.
pub async fn resolve_reports(db: &Db, what: Reported, now: i64) -> Result<(), sqlx::Error> {
    let (column, id) = match what {
        Reported::Post(p) => ("post_id", p.0),
        Reported::Comment(c) => ("comment_id", c.0),
    };
    sqlx::query(&format!(
        "UPDATE feed_reports SET resolved_at = $2 WHERE {column} = $1 AND resolved_at IS NULL"
    ))
    .bind(id)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// An open report with what it is about.
#[derive(Clone, Debug, FromRow)]
pub struct ReportRow {
    pub id: i64,
    pub post_id: PostId,
    pub comment_id: Option<CommentId>,
    pub author_id: UserId,
    pub author_name: String,
    pub body: String,
    pub hidden: i64,
    pub reason: String,
    pub reporter_name: String,
    pub created_at: i64,
    pub author_muted: i64,
}

/// The event's open reports, oldest first.
pub async fn open_reports(db: &Db, event: EventId) -> Result<Vec<ReportRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.id, COALESCE(c.post_id, p.id) AS post_id, r.comment_id, \
         COALESCE(c.author_id, p.author_id) AS author_id, a.display_name AS author_name, \
         COALESCE(c.body, p.body) AS body, COALESCE(c.hidden, p.hidden) AS hidden, r.reason, \
         reporter.display_name AS reporter_name, r.created_at, \
         CAST(CASE WHEN EXISTS (SELECT 1 FROM feed_mutes m WHERE m.event_id = r.event_id \
         AND m.user_id = a.id) THEN 1 ELSE 0 END AS BIGINT) AS author_muted \
         FROM feed_reports r \
         LEFT JOIN comments c ON c.id = r.comment_id \
         LEFT JOIN posts p ON p.id = r.post_id \
         JOIN users a ON a.id = COALESCE(c.author_id, p.author_id) \
         JOIN users reporter ON reporter.id = r.reporter_id \
         WHERE r.event_id = $1 AND r.resolved_at IS NULL ORDER BY r.id LIMIT 200",
    )
    .bind(event)
    .fetch_all(db.pool())
    .await
}

/// Mutes (`muted` true) or unmutes `user` in the event's feed.
pub async fn set_muted(
    db: &Db,
    event: EventId,
    user: UserId,
    muted: bool,
    by: UserId,
    now: i64,
) -> Result<(), sqlx::Error> {
    if muted {
        sqlx::query(
            "INSERT INTO feed_mutes (event_id, user_id, muted_by, created_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(event)
        .bind(user)
        .bind(by)
        .bind(now)
        .execute(db.pool())
        .await?;
    } else {
        sqlx::query("DELETE FROM feed_mutes WHERE event_id = $1 AND user_id = $2")
            .bind(event)
            .bind(user)
            .execute(db.pool())
            .await?;
    }
    Ok(())
}
