//! `/e/{event}/schedule` (filterable by track, room and text with a GET form, so the filters
//! are links that work without JavaScript), `/e/{event}/sessions/{id}` and
//! `/e/{event}/speakers[/{id}]`. Their content is rendered by the server (see
//! [`super::program_views`]); the page hydrates around it.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::program::render_program;
use crate::components::error_notice::ErrorNotice;
use crate::components::page_title::PageTitle;
use crate::error::AppError;
use crate::pages::not_found::NotFound;

/// One of the program pages: `page` is `schedule`, `session` or `speakers`.
#[component]
pub fn ProgramRoute(page: &'static str) -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    // Every program page uses the same key and the same server function: one resource type,
    // one stub in the browser bundle.
    let key = move || {
        let (p, q) = (params.read(), query.read());
        let get =
            |map: &leptos_router::params::ParamsMap, name: &str| map.get(name).unwrap_or_default();
        [
            get(&p, "slug"),
            get(&p, "id"),
            get(&q, "q"),
            get(&q, "track"),
            get(&q, "room"),
        ]
    };
    let content = Resource::new(key, move |[slug, id, q, track, room]| {
        render_program(slug, page.to_owned(), id, q, track, room)
    });
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match content.await {
                    Ok(rendered) => view! {
                        <PageTitle text=rendered.title />
                        <div inner_html=rendered.html></div>
                    }.into_any(),
                    Err(AppError::NotFound(_)) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
