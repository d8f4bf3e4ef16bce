//! The feed's pages as data: the timeline, one post, the moderation queue. Each answers the
//! feed's frame (whose feed, what the reader may do) and the content, or why the reader may
//! not see it; the pages and the live feed island render them (`crate::pages::feed`).

use leptos::prelude::*;

use domain::PostId;
use domain::error::AppError;
use domain::feed::{FeedPost, FeedView, OpenReport, TimelinePage};

#[cfg(feature = "ssr")]
use {
    domain::feed::{COMMENTS_PER_POST, Cursor, FeedFrame, KindFilter, Readable, page_size},
    services::feed::{Feed, moderation, open, post, timeline},
    services::policy::FeedAction,
};

/// The first page of an event's timeline (or the page `before` a post, for the page a
/// reader without JavaScript reaches through "Load more"), filtered by `kind`
/// (`posts`, `announcements`, or both when absent).
#[server(prefix = "/api", endpoint = "get_feed_timeline")]
pub async fn get_feed_timeline(
    slug: String,
    #[server(default)] before: Option<PostId>,
    #[server(default)] kind: Option<String>,
) -> Result<FeedView<TimelinePage>, AppError> {
    let state = crate::context::app_state()?;
    let feed = open(&state, &crate::context::current_actor()?, &slug).await?;
    let filter = KindFilter::parse(kind.as_deref().unwrap_or_default());
    let before = before.map(Cursor);
    readable(&feed, async {
        timeline(&state, &feed, before, filter, page_size(None)).await
    })
    .await
}

/// One post as the reader may see it: with every comment (`all_comments`, for the post's own
/// page) or the last few (for the timeline). `None` for a post the reader may not see
/// (hidden, deleted): for the live feed an expected answer ("remove it"), not an error.
#[server(prefix = "/api", endpoint = "get_feed_post")]
pub async fn get_feed_post(
    slug: String,
    post: PostId,
    #[server(default)] all_comments: bool,
) -> Result<FeedView<Option<FeedPost>>, AppError> {
    let state = crate::context::app_state()?;
    let feed = open(&state, &crate::context::current_actor()?, &slug).await?;
    let comments = (!all_comments).then_some(COMMENTS_PER_POST);
    readable(&feed, async {
        match self::post(&state, &feed, post, comments).await {
            Ok(post) => Ok(Some(post)),
            Err(AppError::NotFound(_)) => Ok(None),
            Err(error) => Err(error),
        }
    })
    .await
}

/// The moderators' queue: the open reports (moderators only).
#[server(prefix = "/api", endpoint = "get_feed_reports")]
pub async fn get_feed_reports(slug: String) -> Result<FeedView<Vec<OpenReport>>, AppError> {
    let state = crate::context::app_state()?;
    let feed = open(&state, &crate::context::current_actor()?, &slug).await?;
    readable(&feed, async { moderation::reports(&state, &feed).await }).await
}

/// The feed's frame, and `content` if the reader may read the feed (it is not loaded
/// otherwise): a feed for attendees says what to do first rather than failing.
#[cfg(feature = "ssr")]
async fn readable<T>(
    feed: &Feed,
    content: impl Future<Output = Result<T, AppError>>,
) -> Result<FeedView<T>, AppError> {
    let frame = FeedFrame {
        slug: feed.event.slug.clone(),
        title: feed.event.title.clone(),
        rights: feed.rights(),
        access: feed.standing.access,
        now: services::db::now(),
    };
    let content = match feed.allow(FeedAction::Read) {
        Ok(()) => Readable::Shown(content.await?),
        Err(AppError::Unauthenticated) => Readable::SignInFirst,
        Err(_) => Readable::JoinFirst,
    };
    Ok(FeedView { frame, content })
}
