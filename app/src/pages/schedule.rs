//! The public pages of an event: `/e/{event}`, `/e/{event}/schedule` (filterable by track,
//! room and text with a GET form, so the filters are links that work without JavaScript),
//! `/e/{event}/sessions/{id}` and `/e/{event}/speakers[/{id}]`. Their content is rendered by
//! the server (see [`super::program_views`]): links and plain forms, no code in the bundle.
//! Hydration adds client-side navigation and each instant in the reader's own time zone.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script};
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::error::AppError;
use domain::program::RenderedPage;

use crate::api::program::render_program;
use crate::components::error_notice::ErrorNotice;
use crate::components::page_title::PageTitle;
use crate::pages::not_found::NotFound;

/// One of the event's pages: `page` is `event`, `schedule`, `session` or `speakers`.
#[component]
pub fn ProgramRoute(page: &'static str) -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    // Every program page uses the same key and the same server function: one resource type,
    // one stub in the browser bundle.
    let key = move || {
        let (p, q) = (params.read(), query.read());
        // A form refused without JavaScript comes back with its function and error.
        let form = q
            .get("__path")
            .and_then(|path| path.strip_prefix("/api/").map(str::to_owned))
            .unwrap_or_default();
        let text = |name: &str| q.get(name).unwrap_or_default();
        [
            p.get("slug").unwrap_or_default(),
            p.get("id").unwrap_or_default(),
            text("q"),
            text("track"),
            text("room"),
            text("done"),
            text("__err"),
            form,
            text("before"),
            text("kind"),
        ]
    };
    let content = Resource::new(
        key,
        move |[slug, id, q, track, room, done, refused, form, before, kind]| {
            render_program(
                slug,
                page.to_owned(),
                id,
                q,
                track,
                room,
                done,
                refused,
                form,
                before,
                kind,
            )
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match content.await {
                    Ok(rendered) => view! { <Rendered rendered /> }.into_any(),
                    Err(AppError::NotFound(_)) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Rendered(rendered: RenderedPage) -> impl IntoView {
    let RenderedPage {
        title,
        description,
        canonical,
        json_ld,
        image,
        html,
    } = rendered;
    #[cfg(feature = "hydrate")]
    Effect::new(|_| {
        show_reader_times();
        crate::pages::feed_live::start();
    });
    view! {
        <PageTitle text=title.clone() />
        <Meta name="description" content=description.clone() />
        <Meta property="og:title" content=title.clone() />
        <Meta property="og:description" content=description.clone() />
        <Meta property="og:type" content="website" />
        <Meta name="twitter:card" content=if image.is_some() { "summary_large_image" } else { "summary" } />
        {image.map(|url| view! { <Meta property="og:image" content=url /> })}
        {canonical.map(|url| view! {
            <Link rel="canonical" href=url.clone() />
            <Meta property="og:url" content=url />
        })}
        {json_ld.map(|data| view! { <Script type_="application/ld+json">{data}</Script> })}
        <div inner_html=html></div>
    }
}

/// Adds, after each `<time data-local>` the server wrote in the event's zone, the same
/// instant in the reader's zone when that zone shows another clock time.
#[cfg(feature = "hydrate")]
fn show_reader_times() {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(times) = document.query_selector_all("time[data-local]") else {
        return;
    };
    for index in 0..times.length() {
        let Some(time) = times
            .item(index)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let (Some(instant), None) = (
            time.get_attribute("datetime"),
            time.get_attribute("data-shown"),
        ) else {
            continue;
        };
        let _ = time.set_attribute("data-shown", "");
        if let Some(label) = crate::components::event_nav::in_reader_zone(&instant)
            && let Ok(span) = document.create_element("span")
        {
            span.set_class_name("block text-sm text-muted");
            span.set_text_content(Some(&format!("Your time: {label}")));
            let _ = time.after_with_node_1(&span);
        }
    }
}
