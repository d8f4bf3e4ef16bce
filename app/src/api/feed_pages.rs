//! The feed's pages and fragments, as [`render_program`](super::program::render_program)
//! serves them: `feed` (the timeline), `feed-more` (the posts "Load more" adds), `feed-item`
//! (one post's markup, for a live update; empty when the reader may not see it), `feed-post`
//! (a post's own page) and `feed-reports` (the moderation queue). The data comes from
//! `services::feed`, the markup from the page views ([`crate::pages::feed_views`]).

use domain::PostId;
use domain::error::AppError;
use domain::feed::{COMMENTS_PER_POST, Cursor, KindFilter, page_size};
use domain::program::RenderedPage;

use crate::pages::feed_views::{self as views, FeedFrame};

use services::accounts::session::Actor;
use services::feed::{Feed, moderation, open, post, timeline};
use services::policy::FeedAction;
use services::{Services, db};

/// What the address asked for.
pub struct Request<'a> {
    /// The part of the page name after `feed`: empty, `-more`, `-item`, `-post`, `-reports`.
    pub page: &'a str,
    /// A post's id, for `-item` and `-post`.
    pub id: &'a str,
    /// The timeline's cursor.
    pub before: &'a str,
    /// The timeline's kind filter.
    pub kind: &'a str,
    /// What the last form did.
    pub done: &'a str,
    /// A refused form: its function and error.
    pub refused: Option<(String, AppError)>,
}

/// Renders the feed page `request` asks for.
pub async fn render(
    state: &Services,
    actor: &Actor,
    slug: &str,
    request: Request<'_>,
) -> Result<RenderedPage, AppError> {
    let feed = open(state, actor, slug).await?;
    let frame = FeedFrame {
        slug: feed.event.slug.clone(),
        title: feed.event.title.clone(),
        rights: feed.rights(),
        access: feed.standing.access,
        now: db::now(),
        notice: views::notice(request.done),
        refused: request.refused,
    };
    if let Err(refusal) = feed.allow(FeedAction::Read) {
        return Ok(views::closed(&frame, &refusal));
    }
    let post_id = || {
        request
            .id
            .parse()
            .map(PostId)
            .map_err(|_| AppError::NotFound("post".into()))
    };
    let filter = KindFilter::parse(request.kind);
    match request.page {
        "" => {
            let before = Cursor::parse(request.before);
            let page = timeline(state, &feed, before, filter, page_size(None)).await?;
            Ok(views::timeline(&frame, page, filter, before.is_none()))
        }
        "-more" => {
            let before = Cursor::parse(request.before);
            let page = timeline(state, &feed, before, filter, page_size(None)).await?;
            Ok(fragment(&feed, views::more(&frame, page, filter)))
        }
        // A post the reader may not see (hidden, deleted) is an empty fragment, not an
        // error: for a live update it is simply gone.
        "-item" => match post(state, &feed, post_id()?, Some(COMMENTS_PER_POST)).await {
            Ok(post) => Ok(fragment(&feed, views::item(&frame, post))),
            Err(AppError::NotFound(_)) => Ok(fragment(&feed, String::new())),
            Err(error) => Err(error),
        },
        "-post" => Ok(views::single(
            &frame,
            post(state, &feed, post_id()?, None).await?,
        )),
        "-reports" => {
            let reports = moderation::reports(state, &feed).await?;
            Ok(views::reports(&frame, reports))
        }
        _ => Err(AppError::NotFound("page".into())),
    }
}

fn fragment(feed: &Feed, html: String) -> RenderedPage {
    RenderedPage {
        title: feed.event.title.clone(),
        description: String::new(),
        canonical: None,
        json_ld: None,
        image: None,
        html,
    }
}
