//! The feed's pages: `/e/{event}/feed` (the timeline), `/e/{event}/feed/posts/{id}` (a post)
//! and `/e/{event}/feed/reports` (the moderation queue).
//!
//! Still rendered to markup by [`render_feed`] and kept live by [`FeedLive`], which patches
//! that markup: the last string-built part of the public pages, to become components and a
//! feed island of typed data.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use domain::program::RenderedPage;

use super::{PageMeta, ProgramMeta, loaded, param};
use crate::api::feed_pages::render_feed;

/// One of the feed's pages: `page` is `feed`, `feed-post` or `feed-reports`.
#[component]
pub fn FeedRoute(page: &'static str) -> impl IntoView {
    let query = use_query_map();
    let request = {
        let q = query.read_untracked();
        let text = |name: &str| q.get(name).unwrap_or_default();
        // A form refused without JavaScript comes back with its function and error.
        let form = q
            .get("__path")
            .and_then(|path| path.strip_prefix("/api/").map(str::to_owned))
            .unwrap_or_default();
        (
            param("slug"),
            param("id"),
            text("before"),
            text("kind"),
            text("done"),
            text("__err"),
            form,
        )
    };
    let data = Resource::new(
        move || request.clone(),
        move |(slug, id, before, kind, done, refused, form)| {
            render_feed(slug, page.to_owned(), id, before, kind, done, refused, form)
        },
    );
    loaded(data, |rendered| {
        let RenderedPage {
            title,
            description,
            html,
            ..
        } = rendered;
        let meta = PageMeta {
            description,
            ..PageMeta::titled(title)
        };
        view! {
            <ProgramMeta meta />
            <div inner_html=html></div>
            <FeedLive />
        }
    })
}

/// Connects the feed on the page to its live stream and makes its forms work in place
/// (see `pages::feed_live`).
#[island]
fn FeedLive() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(|_| crate::pages::feed_live::start());
}
