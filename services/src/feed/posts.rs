//! Posting, editing, deleting, liking and commenting.

use domain::error::AppError;
use domain::feed::{CommentBody, FeedChange, PostBody, PostKind};
use domain::image::ImageProblem;
use domain::{CommentId, PostId};

use super::live::{self, announce};
use super::{Feed, visible_post};
use crate::accounts::service;
use crate::db::{self, feed as feed_db, post_likes};
use crate::media::{self, Purpose};
use crate::policy::FeedAction;
use crate::{Services, throttle};

/// A post to publish, as read from the form.
pub struct Draft {
    /// Post or announcement.
    pub kind: PostKind,
    /// The text as typed.
    pub body: String,
    /// An image file's bytes, if one was chosen.
    pub image: Option<Vec<u8>>,
    /// The client address it was sent from (see `Client`).
    pub from: std::net::IpAddr,
}

/// Publishes `draft` in the feed; announcements need the moderator's rights.
pub async fn create(state: &Services, feed: &Feed, draft: Draft) -> Result<PostId, AppError> {
    let author = feed.caller(match draft.kind {
        PostKind::Post => FeedAction::Participate,
        PostKind::Announcement => FeedAction::Moderate,
    })?;
    let keep = |e: AppError| e.keeping(&[("body", &draft.body)]);
    let body = PostBody::parse(&draft.body).map_err(|m| keep(AppError::invalid("body", m)))?;
    slow_down(state, author, draft.from).await.map_err(keep)?;
    if draft.image.is_some() && !service::address_confirmed(state, author).await? {
        let problem = ImageProblem::UnconfirmedAddress;
        return Err(keep(AppError::invalid("image", problem.to_string())));
    }
    let image = match draft.image {
        Some(bytes) => Some(store_image(state, bytes).await.map_err(keep)?),
        None => None,
    };
    let id = feed_db::insert_post(
        &state.db,
        feed_db::NewPost {
            event: feed.event.id,
            author,
            kind: draft.kind.as_str(),
            body: body.as_str(),
            image: image.as_deref(),
            now: db::now(),
        },
    )
    .await
    .map_err(AppError::db("cannot save a post"))?;
    announce(
        &state.db,
        &state.feed_hub,
        feed.event.id,
        FeedChange::Posted { id },
    )
    .await;
    Ok(id)
}

async fn store_image(state: &Services, bytes: Vec<u8>) -> Result<String, AppError> {
    let processed = media::process_bounded(bytes, Purpose::Post)
        .await?
        .map_err(|problem: ImageProblem| AppError::invalid("image", problem.to_string()))?;
    media::save(&media::directory(&state.config.data_dir), &processed).await?;
    Ok(processed.name)
}

/// Refuses a post or comment when the author (or their client address) already tried too
/// many in the last minute, saying when they can write again. Attempts are counted, not
/// rows: a deleted post was still written, a refused image still cost its decoding, and
/// concurrent posts each see their own count. In the database, so the limit holds across
/// instances.
async fn slow_down(
    state: &Services,
    author: domain::UserId,
    from: std::net::IpAddr,
) -> Result<(), AppError> {
    let per_person = state.config.feed_posts_per_minute;
    let ip = from.to_string();
    let limits = [
        (
            throttle::feed_writes_per_person(per_person),
            author.to_string(),
        ),
        (throttle::feed_writes_per_ip(per_person), ip),
    ];
    for (limit, key) in limits {
        if let Some(wait) = limit.take_or_wait(&state.db, &key).await? {
            return Err(AppError::invalid(
                "body",
                format!(
                    "You are posting very quickly. You can post again in {wait} second{}.",
                    if wait == 1 { "" } else { "s" }
                ),
            ));
        }
    }
    Ok(())
}

/// Replaces the text of the caller's own post, within [`domain::feed::EDIT_WINDOW_SECS`].
pub async fn edit(state: &Services, feed: &Feed, id: PostId, body: &str) -> Result<(), AppError> {
    let caller = feed.caller(FeedAction::Participate)?;
    let keep = |e: AppError| e.keeping(&[("body", body), ("post", &id.to_string())]);
    let row = visible_post(state, feed, id).await?;
    if row.author_id != caller {
        return Err(AppError::Forbidden);
    }
    let now = db::now();
    if now - row.created_at > domain::feed::EDIT_WINDOW_SECS {
        return Err(keep(AppError::invalid(
            "body",
            "Posts can be edited for 15 minutes after posting; this one can only be deleted now.",
        )));
    }
    let body = PostBody::parse(body).map_err(|m| keep(AppError::invalid("body", m)))?;
    feed_db::edit_post(&state.db, id, body.as_str(), now)
        .await
        .map_err(AppError::db("cannot edit a post"))?;
    announce(
        &state.db,
        &state.feed_hub,
        feed.event.id,
        FeedChange::Changed { id },
    )
    .await;
    Ok(())
}

/// Deletes a post: its author may, and so may moderators.
pub async fn delete(state: &Services, feed: &Feed, id: PostId) -> Result<(), AppError> {
    let caller = feed.caller(FeedAction::Read)?;
    let row = visible_post(state, feed, id).await?;
    if row.author_id != caller {
        feed.allow(FeedAction::Moderate)?;
    }
    feed_db::delete_post(&state.db, id)
        .await
        .map_err(AppError::db("cannot delete a post"))?;
    announce(
        &state.db,
        &state.feed_hub,
        feed.event.id,
        FeedChange::Deleted { id },
    )
    .await;
    Ok(())
}

/// Likes or unlikes a post for the caller; the post's like count afterwards.
pub async fn like(state: &Services, feed: &Feed, id: PostId, liked: bool) -> Result<i64, AppError> {
    let caller = feed.caller(FeedAction::Participate)?;
    let like = post_likes::Like {
        event: feed.event.id,
        post: id,
        user: caller,
        like: liked,
    };
    let count = post_likes::set_like(&state.db, like, db::now(), live::CHANNEL)
        .await
        .map_err(AppError::db("cannot save a like"))?
        .ok_or_else(|| AppError::NotFound("post".into()))?;
    // PostgreSQL announced it in the same statement.
    let change = FeedChange::Likes { id, count };
    live::announced_by_statement(&state.db, &state.feed_hub, feed.event.id, &change);
    Ok(count)
}

/// Comments on a post.
pub async fn comment(
    state: &Services,
    feed: &Feed,
    post: PostId,
    body: &str,
    from: std::net::IpAddr,
) -> Result<CommentId, AppError> {
    let caller = feed.caller(FeedAction::Participate)?;
    let keep = |e: AppError| e.keeping(&[("body", body), ("post", &post.to_string())]);
    let text = CommentBody::parse(body).map_err(|m| keep(AppError::invalid("body", m)))?;
    visible_post(state, feed, post).await?;
    slow_down(state, caller, from).await.map_err(keep)?;
    let id = feed_db::insert_comment(&state.db, post, caller, text.as_str(), db::now())
        .await
        .map_err(AppError::db("cannot save a comment"))?;
    announce(
        &state.db,
        &state.feed_hub,
        feed.event.id,
        FeedChange::Changed { id: post },
    )
    .await;
    Ok(id)
}
