//! Posts, likes, comments, reports and mutes of event feeds.

use sqlx::{Any, Executor, FromRow};

use super::events::{PUBLIC_COLUMNS, PublicEventRow};
use super::{Backend, Db};
use crate::domain::{CommentId, EventId, PostId, UserId};

/// A post with its author's name.
#[derive(Clone, Debug, FromRow)]
pub struct PostRow {
    pub id: PostId,
    pub event_id: EventId,
    pub author_id: UserId,
    pub author_name: String,
    pub kind: String,
    pub body: String,
    pub image: Option<String>,
    pub pinned: i64,
    pub hidden: i64,
    pub like_count: i64,
    pub comment_count: i64,
    pub created_at: i64,
    pub edited_at: Option<i64>,
}

const POST: &str = "SELECT p.id, p.event_id, p.author_id, u.display_name AS author_name, p.kind, \
    p.body, p.image, p.pinned, p.hidden, p.like_count, p.comment_count, p.created_at, \
    p.edited_at FROM posts p JOIN users u ON u.id = p.author_id";

/// A comment with its author's name.
#[derive(Clone, Debug, FromRow)]
pub struct CommentRow {
    pub id: CommentId,
    pub post_id: PostId,
    pub author_id: UserId,
    pub author_name: String,
    pub body: String,
    pub hidden: i64,
    pub created_at: i64,
}

/// What decides who may do what in an event's feed, for one reader.
#[derive(Clone, Debug, FromRow)]
pub struct Standing {
    /// `public` or `attendees`.
    pub feed_access: String,
    /// Joined the event (1) or not (0); a waitlisted place does not count.
    pub joined: i64,
    /// Muted in its feed.
    pub muted: i64,
    /// A member of its organization.
    pub member: i64,
}

/// A published event with who one reader is to its feed.
#[derive(Clone, Debug, FromRow)]
pub struct FeedRow {
    /// The event.
    #[sqlx(flatten)]
    pub event: PublicEventRow,
    /// The reader's standing.
    #[sqlx(flatten)]
    pub standing: Standing,
}

/// The published event `slug` and who `user` (none: an anonymous reader) is to its feed, in
/// one query: every feed request starts here. Integers, not booleans: SQLite has none, and
/// `Any` decodes each engine's own type.
pub async fn open(
    db: &Db,
    slug: &str,
    user: Option<UserId>,
) -> Result<Option<FeedRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {PUBLIC_COLUMNS}, e.feed_access, \
         CAST(CASE WHEN EXISTS (SELECT 1 FROM registrations r WHERE r.event_id = e.id \
         AND r.user_id = $2 AND r.status = 'joined') THEN 1 ELSE 0 END AS BIGINT) AS joined, \
         CAST(CASE WHEN EXISTS (SELECT 1 FROM feed_mutes m WHERE m.event_id = e.id \
         AND m.user_id = $2) THEN 1 ELSE 0 END AS BIGINT) AS muted, \
         CAST(CASE WHEN EXISTS (SELECT 1 FROM memberships s \
         WHERE s.organization_id = e.organization_id AND s.user_id = $2) THEN 1 ELSE 0 END \
         AS BIGINT) AS member \
         FROM events e JOIN organizations o ON o.id = e.organization_id \
         WHERE e.slug = $1 AND e.status = 'published'"
    );
    sqlx::query_as(&sql)
        .bind(slug)
        .bind(user.map_or(0, |u| u.0))
        .fetch_optional(db.pool())
        .await
}

/// Sets who may read the feed.
pub async fn set_access(db: &Db, event: EventId, access: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE events SET feed_access = $2 WHERE id = $1")
        .bind(event)
        .bind(access)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Which posts a timeline query returns.
#[derive(Clone, Copy, Debug)]
pub struct Window<'a> {
    pub event: EventId,
    /// Posts with a smaller id only.
    pub before: Option<PostId>,
    /// One kind only (`post` or `announcement`).
    pub kind: Option<&'a str>,
    /// Moderators also see hidden posts.
    pub with_hidden: bool,
    pub limit: i64,
}

/// Unpinned posts, newest first.
pub async fn timeline(db: &Db, w: Window<'_>) -> Result<Vec<PostRow>, sqlx::Error> {
    // Two texts rather than `($4 = '' OR kind = $4)`, so each gets its own plan and index.
    let kind = if w.kind.is_some() {
        "AND p.kind = $4"
    } else {
        "AND $4 = ''"
    };
    let sql = format!(
        "{POST} WHERE p.event_id = $1 AND p.id < $2 AND p.pinned = 0 \
         AND ($3 = 1 OR p.hidden = 0) {kind} ORDER BY p.id DESC LIMIT $5"
    );
    sqlx::query_as(&sql)
        .bind(w.event)
        .bind(w.before.map_or(i64::MAX, |p| p.0))
        .bind(i64::from(w.with_hidden))
        .bind(w.kind.unwrap_or(""))
        .bind(w.limit)
        .fetch_all(db.pool())
        .await
}

/// Pinned announcements, newest first.
pub async fn pinned(
    db: &Db,
    event: EventId,
    with_hidden: bool,
) -> Result<Vec<PostRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{POST} WHERE p.event_id = $1 AND p.pinned = 1 AND ($2 = 1 OR p.hidden = 0) \
         ORDER BY p.id DESC LIMIT 20"
    ))
    .bind(event)
    .bind(i64::from(with_hidden))
    .fetch_all(db.pool())
    .await
}

/// One post of the event.
pub async fn post(db: &Db, event: EventId, id: PostId) -> Result<Option<PostRow>, sqlx::Error> {
    sqlx::query_as(&format!("{POST} WHERE p.id = $1 AND p.event_id = $2"))
        .bind(id)
        .bind(event)
        .fetch_optional(db.pool())
        .await
}

fn placeholders(from: usize, count: usize) -> String {
    (from..from + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The comments under `posts`: the latest `per_post` of each (all when `None`), oldest first.
pub async fn comments(
    db: &Db,
    posts: &[PostId],
    per_post: Option<usize>,
    with_hidden: bool,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    if posts.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, post_id, author_id, author_name, body, hidden, created_at FROM ( \
         SELECT c.id, c.post_id, c.author_id, u.display_name AS author_name, c.body, c.hidden, \
         c.created_at, ROW_NUMBER() OVER (PARTITION BY c.post_id ORDER BY c.id DESC) AS n \
         FROM comments c JOIN users u ON u.id = c.author_id \
         WHERE ($1 = 1 OR c.hidden = 0) AND c.post_id IN ({})) AS latest \
         WHERE n <= $2 ORDER BY post_id, id",
        placeholders(3, posts.len())
    );
    let mut query = sqlx::query_as(&sql)
        .bind(i64::from(with_hidden))
        .bind(per_post.map_or(i64::MAX, |n| n as i64));
    for post in posts {
        query = query.bind(*post);
    }
    query.fetch_all(db.pool()).await
}

/// Which of `posts` `user` likes.
pub async fn liked(db: &Db, user: UserId, posts: &[PostId]) -> Result<Vec<PostId>, sqlx::Error> {
    if posts.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT post_id FROM post_likes WHERE user_id = $1 AND post_id IN ({})",
        placeholders(2, posts.len())
    );
    let mut query = sqlx::query_scalar(&sql).bind(user);
    for post in posts {
        query = query.bind(*post);
    }
    query.fetch_all(db.pool()).await
}

/// When `user` posted or commented since `since` (Unix seconds), oldest first.
pub async fn recent_writes(db: &Db, user: UserId, since: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT created_at FROM posts WHERE author_id = $1 AND created_at > $2 \
         UNION ALL SELECT created_at FROM comments WHERE author_id = $1 AND created_at > $2 \
         ORDER BY 1",
    )
    .bind(user)
    .bind(since)
    .fetch_all(db.pool())
    .await
}

/// A new post.
pub struct NewPost<'a> {
    pub event: EventId,
    pub author: UserId,
    pub kind: &'a str,
    pub body: &'a str,
    pub image: Option<&'a str>,
    pub now: i64,
}

/// Stores a post; announcements start pinned.
pub async fn insert_post(db: &Db, post: NewPost<'_>) -> Result<PostId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO posts (event_id, author_id, kind, body, image, pinned, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(post.event)
    .bind(post.author)
    .bind(post.kind)
    .bind(post.body)
    .bind(post.image)
    .bind(i64::from(post.kind == "announcement"))
    .bind(post.now)
    .fetch_one(db.pool())
    .await
}

/// Replaces a post's text.
pub async fn edit_post(db: &Db, id: PostId, body: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE posts SET body = $2, edited_at = $3 WHERE id = $1")
        .bind(id)
        .bind(body)
        .bind(now)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Deletes a post with its likes, comments and reports.
pub async fn delete_post(db: &Db, id: PostId) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM posts WHERE id = $1")
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Sets a post's `pinned` or `hidden` flag.
pub async fn set_post_flag(
    db: &Db,
    id: PostId,
    flag: PostFlag,
    on: bool,
) -> Result<(), sqlx::Error> {
    let column = match flag {
        PostFlag::Pinned => "pinned",
        PostFlag::Hidden => "hidden",
    };
    sqlx::query(&format!("UPDATE posts SET {column} = $2 WHERE id = $1"))
        .bind(id)
        .bind(i64::from(on))
        .execute(db.pool())
        .await?;
    Ok(())
}

/// A post's flags that moderators set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PostFlag {
    Pinned,
    Hidden,
}

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

/// Stores a comment and counts it on its post.
pub async fn insert_comment(
    db: &Db,
    post: PostId,
    author: UserId,
    body: &str,
    now: i64,
) -> Result<CommentId, sqlx::Error> {
    let mut tx = db.pool().begin().await?;
    let id = sqlx::query_scalar(
        "INSERT INTO comments (post_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) \
         RETURNING id",
    )
    .bind(post)
    .bind(author)
    .bind(body)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    count_comments(&mut *tx, post, 1).await?;
    tx.commit().await?;
    Ok(id)
}

async fn count_comments<'c, E: Executor<'c, Database = Any>>(
    executor: E,
    post: PostId,
    step: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE posts SET comment_count = comment_count + $2 WHERE id = $1")
        .bind(post)
        .bind(step)
        .execute(executor)
        .await?;
    Ok(())
}

/// A comment of the event: its post, author and whether it is hidden.
pub async fn comment(
    db: &Db,
    event: EventId,
    id: CommentId,
) -> Result<Option<(PostId, UserId, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.post_id, c.author_id, c.hidden FROM comments c \
         JOIN posts p ON p.id = c.post_id WHERE c.id = $1 AND p.event_id = $2",
    )
    .bind(id)
    .bind(event)
    .fetch_optional(db.pool())
    .await
}

/// Hides or shows a comment; the post's count follows the comments people see.
pub async fn set_comment_hidden(
    db: &Db,
    id: CommentId,
    post: PostId,
    hidden: bool,
) -> Result<(), sqlx::Error> {
    let mut tx = db.pool().begin().await?;
    let changed = sqlx::query("UPDATE comments SET hidden = $2 WHERE id = $1 AND hidden <> $2")
        .bind(id)
        .bind(i64::from(hidden))
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if changed > 0 {
        count_comments(&mut *tx, post, if hidden { -1 } else { 1 }).await?;
    }
    tx.commit().await
}

/// Deletes a comment (and its reports).
pub async fn delete_comment(db: &Db, id: CommentId, post: PostId) -> Result<(), sqlx::Error> {
    let mut tx = db.pool().begin().await?;
    let visible = sqlx::query("DELETE FROM comments WHERE id = $1 AND hidden = 0")
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query("DELETE FROM comments WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if visible > 0 {
        count_comments(&mut *tx, post, -1).await?;
    }
    tx.commit().await
}

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
