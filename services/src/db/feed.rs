//! Feed posts and comments: the timeline, writing, editing, hiding, and who may see them
//! (likes are in `post_likes`, reports and mutes in `feed_reports`).

use sqlx::{Any, Executor, FromRow};

use domain::{CommentId, EventId, PostId, UserId};

use super::Db;
use super::events::{PUBLIC_COLUMNS, PublicEventRow};

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
    // Hidden comments are not in the post's count: only a visible one takes one off.
    let hidden: Option<i64> =
        sqlx::query_scalar("DELETE FROM comments WHERE id = $1 RETURNING hidden")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    if hidden == Some(0) {
        count_comments(&mut *tx, post, -1).await?;
    }
    tx.commit().await
}
