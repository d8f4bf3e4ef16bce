//! `/events`: full-text search over public events, their sessions and their speakers, with
//! upcoming/past and in-person/online filters. A server-rendered document (no WebAssembly):
//! the filters are one GET form and the pages are links, so it all works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use domain::SearchQuery;
use domain::discovery::{Attendance, DiscoveryPage, When};

use crate::api::events::discover_events;
use crate::components::error_notice::ErrorNotice;
use crate::components::event_card::EventCard;
use crate::components::page_title::PageTitle;

/// The page.
#[component]
pub fn DiscoverPage() -> impl IntoView {
    let query = use_query_map();
    let key = move || {
        let q = query.read();
        let text = |name: &str| q.get(name).unwrap_or_default();
        (text("q"), text("when"), text("attendance"), text("after"))
    };
    let results = Resource::new(key, |(q, when, attendance, after)| {
        discover_events(q, when, attendance, after)
    });
    view! {
        <PageTitle text="Discover events" />
        <Meta name="description" content="Search conferences, meetups and workshops on Convene by topic, speaker or place." />
        <Suspense fallback=|| view! { <p class="text-muted">"Searching…"</p> }>
            {move || Suspend::new(async move {
                match results.await {
                    Ok(page) => view! { <Results page /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Results(page: DiscoveryPage) -> impl IntoView {
    let DiscoveryPage {
        query,
        events,
        next,
    } = page;
    let select = "rounded-lg border border-line bg-surface px-3 py-2.5 text-ink";
    let option = |value: &'static str, label: &'static str, current: &'static str| {
        view! { <option value=value selected=value == current>{label}</option> }
    };
    let (when, attendance) = (query.when.as_str(), query.attendance.as_str());
    let heading = match (query.text.is_empty(), query.when) {
        (true, When::Upcoming) => "Upcoming events".to_owned(),
        (true, When::Past) => "Past events".to_owned(),
        (false, _) => format!("Events matching “{}”", query.text.as_str()),
    };
    let empty = if query.text.is_empty() {
        "No events here yet."
    } else {
        "No event, session or speaker matches these words. Try fewer or shorter words."
    };
    let next_href = next.map(|cursor| query.href(Some(cursor)));
    let first_href = query.after.map(|_| query.href(None));
    view! {
        <section class="mb-8">
            <h1 class="text-3xl font-bold tracking-tight sm:text-4xl">"Discover events"</h1>
            <form method="get" action="/events" role="search" class="mt-6 flex flex-wrap items-end gap-2">
                <div class="flex min-w-64 flex-1 flex-col gap-1">
                    <label for="discover-q" class="text-sm font-semibold">"Topic, speaker, place"</label>
                    <input id="discover-q" name="q" type="search" maxlength=SearchQuery::MAX_CHARS
                        value=query.text.as_str().to_owned() placeholder="e.g. rust async, Grace Hopper, Berlin" class=select />
                </div>
                <div class="flex flex-col gap-1">
                    <label for="discover-when" class="text-sm font-semibold">"When"</label>
                    <select id="discover-when" name="when" class=select>
                        {option(When::Upcoming.as_str(), "Upcoming", when)}
                        {option(When::Past.as_str(), "Past", when)}
                    </select>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="discover-attendance" class="text-sm font-semibold">"How"</label>
                    <select id="discover-attendance" name="attendance" class=select>
                        {option(Attendance::Any.as_str(), "In person or online", attendance)}
                        {option(Attendance::InPerson.as_str(), "In person", attendance)}
                        {option(Attendance::Online.as_str(), "Online", attendance)}
                    </select>
                </div>
                <button type="submit" class="rounded-lg bg-accent px-5 py-2.5 font-semibold text-accent-ink">"Search"</button>
            </form>
        </section>
        <h2 class="mb-4 text-xl font-semibold">{heading}</h2>
        {if events.is_empty() {
            view! { <p class="text-muted">{empty}</p> }.into_any()
        } else {
            view! {
                <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                    {events.into_iter().map(|event| view! { <EventCard event /> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <nav aria-label="More results" class="mt-8 flex gap-4">
            {first_href.map(|href| view! { <a href=href class="text-accent underline">"← First page"</a> })}
            {next_href.map(|href| view! { <a href=href rel="next" class="text-accent underline">"More events →"</a> })}
        </nav>
    }
}
