//! `/e/{event}/schedule` (filterable by track, room and text with a GET form, so the filters
//! are links that work without JavaScript) and `/e/{event}/sessions/{id}`. Their content is
//! rendered by the server (see [`super::program_views`]); the page hydrates around it.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::program::{render_schedule, render_session};
use crate::components::error_notice::ErrorNotice;
use crate::components::page_title::PageTitle;
use crate::domain::AgendaItemId;
use crate::domain::program::RenderedPage;
use crate::error::AppError;
use crate::pages::not_found::NotFound;

/// Shows a page rendered by the server, or not found.
#[component]
pub fn Rendered(page: Resource<Result<RenderedPage, AppError>>) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! {
                        <PageTitle text=page.title />
                        <div inner_html=page.html></div>
                    }.into_any(),
                    Err(AppError::NotFound(_)) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The schedule.
#[component]
pub fn ScheduleRoute() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let q = query.read();
        (
            params.read().get("slug").unwrap_or_default(),
            q.get("q").unwrap_or_default(),
            q.get("track").unwrap_or_default(),
            q.get("room").unwrap_or_default(),
        )
    };
    let page = Resource::new(key, |(slug, q, track, room)| {
        render_schedule(slug, q, track, room)
    });
    view! { <Rendered page /> }
}

/// One session.
#[component]
pub fn SessionRoute() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        let id = p.get("id").and_then(|id| id.parse().ok()).unwrap_or(0);
        (p.get("slug").unwrap_or_default(), AgendaItemId(id))
    };
    let page = Resource::new(key, |(slug, id)| render_session(slug, id));
    view! { <Rendered page /> }
}
