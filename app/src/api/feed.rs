//! An event's feed: liking, commenting, editing, deleting, reporting and moderating. Posts
//! themselves are created by a multipart form (they may carry an image), handled by the
//! server at `POST /e/{event}/feed/posts`.
//!
//! Every function also serves the plain HTML form: `back` is the page to return to, and
//! without it (a call from the page's script) nothing is redirected.

use leptos::prelude::*;

use domain::error::AppError;
use domain::{CommentId, PostId, UserId};

#[cfg(feature = "ssr")]
use services::feed::{self, moderation, posts};

#[cfg(feature = "ssr")]
use crate::context::{app_state, current_actor};

/// Where to go after a form post: `back` when it is a page of this feed, else the feed.
#[cfg(feature = "ssr")]
fn go_back(slug: &str, back: Option<&str>, anchor: &str) {
    let feed = format!("/e/{slug}/feed");
    let page = crate::api::accounts::local_path(back);
    let page = if page.starts_with(&feed) { page } else { feed };
    leptos_axum::redirect(&format!("{page}{anchor}"));
}

/// Likes (`liked` true) or unlikes a post; answers its like count.
#[server(prefix = "/api", endpoint = "like_post")]
pub async fn like_post(
    slug: String,
    post: PostId,
    liked: bool,
    #[server(default)] back: Option<String>,
) -> Result<i64, AppError> {
    let state = app_state()?;
    let feed = feed::open(&state, &current_actor()?, &slug).await?;
    let count = posts::like(&state, &feed, post, liked).await?;
    if back.is_some() {
        go_back(&slug, back.as_deref(), &format!("#post-{post}"));
    }
    Ok(count)
}

/// Comments on a post.
#[server(prefix = "/api", endpoint = "comment_on_post")]
pub async fn comment_on_post(
    slug: String,
    post: PostId,
    body: String,
    #[server(default)] back: Option<String>,
) -> Result<CommentId, AppError> {
    let state = app_state()?;
    let feed = feed::open(&state, &current_actor()?, &slug).await?;
    let from = crate::context::current_client()?.ip;
    let id = posts::comment(&state, &feed, post, &body, from).await?;
    go_back(&slug, back.as_deref(), &format!("#post-{post}"));
    Ok(id)
}

/// Changes the text of one's own post (within 15 minutes of posting).
#[server(prefix = "/api", endpoint = "edit_post")]
pub async fn edit_post(
    slug: String,
    post: PostId,
    body: String,
    #[server(default)] back: Option<String>,
) -> Result<(), AppError> {
    let state = app_state()?;
    let feed = feed::open(&state, &current_actor()?, &slug).await?;
    posts::edit(&state, &feed, post, &body).await?;
    go_back(&slug, back.as_deref(), &format!("#post-{post}"));
    Ok(())
}

/// Deletes one's own post (moderators: any post).
#[server(prefix = "/api", endpoint = "delete_post")]
pub async fn delete_post(slug: String, post: PostId) -> Result<(), AppError> {
    let state = app_state()?;
    let feed = feed::open(&state, &current_actor()?, &slug).await?;
    posts::delete(&state, &feed, post).await?;
    leptos_axum::redirect(&format!("/e/{slug}/feed?done=deleted"));
    Ok(())
}

/// Reports a post, or a comment under it, with a reason.
#[server(prefix = "/api", endpoint = "report_content")]
pub async fn report_content(
    slug: String,
    post: PostId,
    #[server(default)] comment: Option<CommentId>,
    reason: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let feed = feed::open(&state, &current_actor()?, &slug).await?;
    moderation::report(&state, &feed, post, comment, &reason).await?;
    leptos_axum::redirect(&format!("/e/{slug}/feed?done=reported"));
    Ok(())
}

/// A moderator's decision on a post or comment: `hide`, `show`, `delete` or `dismiss`.
#[server(prefix = "/api", endpoint = "moderate_content")]
pub async fn moderate_content(
    slug: String,
    post: PostId,
    #[server(default)] comment: Option<CommentId>,
    decision: String,
    #[server(default)] back: Option<String>,
) -> Result<(), AppError> {
    let state = app_state()?;
    let feed = feed::open(&state, &current_actor()?, &slug).await?;
    let decision = moderation::Decision::parse(&decision)
        .ok_or_else(|| AppError::invalid("decision", "choose hide, show, delete or dismiss"))?;
    moderation::decide(&state, &feed, post, comment, decision).await?;
    go_back(&slug, back.as_deref(), "");
    Ok(())
}

/// Mutes (`muted` true) or unmutes a person in the feed.
#[server(prefix = "/api", endpoint = "mute_in_feed")]
pub async fn mute_in_feed(
    slug: String,
    user: UserId,
    muted: bool,
    #[server(default)] back: Option<String>,
) -> Result<(), AppError> {
    let state = app_state()?;
    let feed = feed::open(&state, &current_actor()?, &slug).await?;
    moderation::mute(&state, &feed, user, muted).await?;
    go_back(&slug, back.as_deref(), "");
    Ok(())
}

/// Pins or unpins an announcement.
#[server(prefix = "/api", endpoint = "pin_post")]
pub async fn pin_post(slug: String, post: PostId, pinned: bool) -> Result<(), AppError> {
    let state = app_state()?;
    let feed = feed::open(&state, &current_actor()?, &slug).await?;
    moderation::pin(&state, &feed, post, pinned).await?;
    leptos_axum::redirect(&format!("/e/{slug}/feed#post-{post}"));
    Ok(())
}

/// Who may read the feed: `public` or `attendees`.
#[server(prefix = "/api", endpoint = "set_feed_access")]
pub async fn set_feed_access(slug: String, access: String) -> Result<(), AppError> {
    use domain::feed::FeedAccess;
    let state = app_state()?;
    let feed = feed::open(&state, &current_actor()?, &slug).await?;
    let access = FeedAccess::parse(&access)
        .ok_or_else(|| AppError::invalid("access", "choose who may read the feed"))?;
    moderation::set_access(&state, &feed, access).await?;
    leptos_axum::redirect(&format!("/e/{slug}/feed/reports?done=access"));
    Ok(())
}

/// One page of an event's timeline as data, for clients other than the page (apps,
/// integrations): `before` is the cursor (the last post id of the previous page), `limit`
/// the page size (20 when absent, at most 50), `kind` `posts` or `announcements` (both
/// when absent). Pinned announcements come with the first page.
#[server(prefix = "/api", endpoint = "get_timeline")]
pub async fn get_timeline(
    slug: String,
    #[server(default)] before: Option<PostId>,
    #[server(default)] limit: Option<u32>,
    #[server(default)] kind: Option<String>,
) -> Result<domain::feed::TimelinePage, AppError> {
    use domain::feed::{Cursor, KindFilter, page_size};
    let state = app_state()?;
    let feed = feed::open(&state, &current_actor()?, &slug).await?;
    let filter = KindFilter::parse(kind.as_deref().unwrap_or_default());
    feed::timeline(&state, &feed, before.map(Cursor), filter, page_size(limit)).await
}
