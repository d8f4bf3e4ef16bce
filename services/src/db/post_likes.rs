//! Likes of feed posts, and the like count kept on each post.

use domain::{EventId, PostId, UserId};

use super::{Backend, Db};

/// Likes (`like` true) or unlikes the visible post `post` of `event` for `user`, and returns
/// its like count; `None` when there is no such post. The like and the count change
/// together, and the count only when the like row really appeared or went, so it stays
/// exact however many people click at once.
///
/// On PostgreSQL the same statement sends the new count to the live channel `channel` as
/// `{event} likes {post} {count}` (see `server::feed::live`); on SQLite the caller hands it
/// to its readers itself.
pub async fn set_like(
    db: &Db,
    like: Like,
    now: i64,
    channel: &str,
) -> Result<Option<i64>, sqlx::Error> {
    match db.backend() {
        Backend::Postgres => set_like_in_one_statement(db, like, now, channel).await,
        Backend::Sqlite => set_like_in_a_transaction(db, like, now).await,
    }
}

/// Who likes or unlikes which post.
#[derive(Clone, Copy, Debug)]
pub struct Like {
    pub event: EventId,
    pub post: PostId,
    pub user: UserId,
    /// Like (true) or unlike.
    pub like: bool,
}

/// Whether the post `$1` is one of the event's (the parameter `event`) and not hidden.
fn visible(event: &str) -> String {
    format!("EXISTS (SELECT 1 FROM posts WHERE id = $1 AND event_id = {event} AND hidden = 0)")
}

/// PostgreSQL: the like, the count and the notification in one statement, one round trip
/// (the budget is 2,000 likes a second). The row lock the `UPDATE` takes orders concurrent
/// likes, and it adds the number of rows the first part really changed to the latest count.
async fn set_like_in_one_statement(
    db: &Db,
    l: Like,
    now: i64,
    channel: &str,
) -> Result<Option<i64>, sqlx::Error> {
    // $1 post, $2 user, $3 event, $4 channel, $5 now (likes only).
    let (change, sign) = if l.like {
        let insert = format!(
            "INSERT INTO post_likes (post_id, user_id, created_at) SELECT $1, $2, $5 \
             WHERE {} ON CONFLICT DO NOTHING RETURNING 1",
            visible("$3")
        );
        (insert, "+")
    } else {
        let delete = format!(
            "DELETE FROM post_likes WHERE post_id = $1 AND user_id = $2 AND {} RETURNING 1",
            visible("$3")
        );
        (delete, "-")
    };
    let sql = format!(
        "WITH changed AS ({change}), counted AS (UPDATE posts \
         SET like_count = like_count {sign} (SELECT COUNT(*) FROM changed) \
         WHERE id = $1 AND event_id = $3 RETURNING like_count, hidden) \
         SELECT like_count, pg_notify($4, CONCAT(CAST($3 AS TEXT), ' likes ', \
         CAST($1 AS TEXT), ' ', CAST(like_count AS TEXT)))::text \
         FROM counted WHERE hidden = 0"
    );
    let query = sqlx::query_as(&sql)
        .bind(l.post)
        .bind(l.user)
        .bind(l.event)
        .bind(channel);
    let query = if l.like { query.bind(now) } else { query };
    let row: Option<(i64, String)> = query.fetch_optional(db.pool()).await?;
    Ok(row.map(|(count, _)| count))
}

/// SQLite (one writer at a time): the like and the count in one transaction.
async fn set_like_in_a_transaction(
    db: &Db,
    Like {
        event,
        post,
        user,
        like,
    }: Like,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = db.pool().begin().await?;
    let changed = if like {
        // (SQLite wants a WHERE in an INSERT … SELECT before ON CONFLICT; this one has one.)
        sqlx::query(&format!(
            "INSERT INTO post_likes (post_id, user_id, created_at) SELECT $1, $2, $3 \
             WHERE {} ON CONFLICT DO NOTHING",
            visible("$4")
        ))
        .bind(post)
        .bind(user)
        .bind(now)
        .bind(event)
        .execute(&mut *tx)
        .await?
    } else {
        sqlx::query("DELETE FROM post_likes WHERE post_id = $1 AND user_id = $2")
            .bind(post)
            .bind(user)
            .execute(&mut *tx)
            .await?
    }
    .rows_affected()
        > 0;
    let step = match (changed, like) {
        (false, _) => 0,
        (true, true) => 1,
        (true, false) => -1,
    };
    let count: Option<i64> = sqlx::query_scalar(
        "UPDATE posts SET like_count = like_count + $2 \
         WHERE id = $1 AND event_id = $3 AND hidden = 0 RETURNING like_count",
    )
    .bind(post)
    .bind(step)
    .bind(event)
    .fetch_optional(&mut *tx)
    .await?;
    match count {
        Some(_) => tx.commit().await?,
        // Not visible: an unlike's delete is undone.
        None => tx.rollback().await?,
    }
    Ok(count)
}
