//! The feed's pages and fragments, as [`render_feed`] serves them: `feed` (the timeline), `feed-more` (the posts "Load more" adds), `feed-item`
//! (one post's markup, for a live update; empty when the reader may not see it), `feed-post`
//! (a post's own page) and `feed-reports` (the moderation queue). The data comes from
//! `services::feed`, the markup from the page views ([`crate::pages::feed_views`]).

// The page's address parameters, each an argument.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use domain::error::AppError;
use domain::program::RenderedPage;

#[cfg(feature = "ssr")]
use {
    crate::pages::feed_views::{self as views, FeedFrame},
    domain::PostId,
    domain::feed::{COMMENTS_PER_POST, Cursor, KindFilter, page_size},
    services::accounts::session::Actor,
    services::feed::{Feed, moderation, open, post, timeline},
    services::policy::FeedAction,
    services::{Services, db},
};

/// A feed page, rendered by the server: `page` is `feed` (the timeline, paged `before` a
/// cursor and filtered by `kind`), `feed-more` and `feed-item` (the fragments the live feed
/// adds), `feed-post` (the post `id`) or `feed-reports`; `done` is what the reader's last
/// form did, `refused` the error of the form `form` refused without JavaScript.
#[server(prefix = "/api", endpoint = "render_feed")]
pub async fn render_feed(
    slug: String,
    page: String,
    #[server(default)] id: String,
    #[server(default)] before: String,
    #[server(default)] kind: String,
    #[server(default)] done: String,
    #[server(default)] refused: String,
    #[server(default)] form: String,
) -> Result<RenderedPage, AppError> {
    let (state, actor) = (
        crate::context::app_state()?,
        crate::context::current_actor()?,
    );
    let Some(feed_page) = page.strip_prefix("feed") else {
        return Err(AppError::NotFound("page".into()));
    };
    let refused = (!refused.is_empty()).then(|| {
        let error = leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(&refused);
        (form, error)
    });
    let request = Request {
        page: feed_page,
        id: &id,
        before: &before,
        kind: &kind,
        done: &done,
        refused,
    };
    render(&state, &actor, &slug, request).await
}

/// What the address asked for.
#[cfg(feature = "ssr")]
struct Request<'a> {
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
#[cfg(feature = "ssr")]
async fn render(
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

#[cfg(feature = "ssr")]
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
