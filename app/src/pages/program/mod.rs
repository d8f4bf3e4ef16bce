//! The public pages of an event: `/e/{event}`, `/e/{event}/schedule` (filterable by track,
//! room and text with a GET form, so the filters are links that work without JavaScript),
//! `/e/{event}/sessions/{id}`, `/e/{event}/speakers[/{id}]` and the feed's pages. Server
//! components over typed server functions; what runs in the browser are the islands inside
//! (stars, the reader's own time, the live feed).

mod event;
mod feed;
mod join_box;
mod schedule;
mod session;
mod speakers;

pub use event::EventRoute;
pub use feed::{FeedPostRoute, FeedReportsRoute, FeedRoute};
pub use schedule::ScheduleRoute;
pub use session::SessionRoute;
pub use speakers::{SpeakerRoute, SpeakersRoute};

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script};
use leptos_router::hooks::use_params_map;
use serde::Serialize;
use serde::de::DeserializeOwned;

use domain::error::AppError;

use crate::components::error_notice::ErrorNotice;
use crate::components::page_title::PageTitle;
use crate::pages::not_found::NotFound;

/// What a page tells the browser and sharing cards about itself.
#[derive(Clone, Default)]
pub struct PageMeta {
    /// The document title.
    pub title: String,
    /// For `<meta name="description">` and sharing cards; empty for none.
    pub description: String,
    /// The page's absolute URL, when it has a canonical one.
    pub canonical: Option<String>,
    /// schema.org data, safe inside a `<script>` element.
    pub json_ld: Option<String>,
    /// The absolute address of the image for sharing cards, if any.
    pub image: Option<String>,
}

impl PageMeta {
    /// A page known by its title alone.
    pub fn titled(title: String) -> Self {
        Self {
            title,
            ..Self::default()
        }
    }
}

/// The page's `<title>`, description and sharing card.
#[component]
pub fn ProgramMeta(meta: PageMeta) -> impl IntoView {
    let PageMeta {
        title,
        description,
        canonical,
        json_ld,
        image,
    } = meta;
    view! {
        <PageTitle text=title.clone() />
        <Meta name="description" content=description.clone() />
        <Meta property="og:title" content=title />
        <Meta property="og:description" content=description />
        <Meta property="og:type" content="website" />
        <Meta name="twitter:card" content=if image.is_some() { "summary_large_image" } else { "summary" } />
        {image.map(|url| view! { <Meta property="og:image" content=url /> })}
        {canonical.map(|url| view! {
            <Link rel="canonical" href=url.clone() />
            <Meta property="og:url" content=url />
        })}
        {json_ld.map(|data| view! { <Script type_="application/ld+json">{data}</Script> })}
    }
}

/// A URL parameter of the route (`slug`, `id`), empty when absent.
fn param(name: &'static str) -> String {
    use_params_map()
        .read_untracked()
        .get(name)
        .unwrap_or_default()
}

/// Waits for `data` and shows it with `page`: "not found" answers the 404 page, any other
/// error its notice.
fn loaded<T, V>(
    data: Resource<Result<T, AppError>>,
    page: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || {
                let page = page.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(data) => page(data).into_any(),
                        Err(AppError::NotFound(_)) => view! { <NotFound /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// A speaker's photo, when they have one (decorative: their name is next to it).
fn portrait(src: Option<String>, size: u32, class: &'static str) -> impl IntoView + use<> {
    src.map(|src| view! {
        <img src=src alt="" width=size height=size loading="lazy" class=format!("{class} rounded-full border border-line object-cover") />
    })
}
