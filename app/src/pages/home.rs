//! `/`: upcoming published events with a search box.
//!
//! Without JavaScript the box is a plain GET form (`/?q=…`) answered by the server. Once
//! hydrated, typing also filters the cards already on the page at once.

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use domain::{EventSummary, SearchQuery};

use crate::api::events::list_upcoming_events;
use crate::components::error_notice::ErrorNotice;
use crate::components::event_card::EventCard;
use crate::components::page_title::PageTitle;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let query_map = use_query_map();
    let query =
        Memo::new(move |_| SearchQuery::new(&query_map.read().get("q").unwrap_or_default()));
    let events = Resource::new(move || query.get(), list_upcoming_events);
    let filter = RwSignal::new(query.get_untracked().as_str().to_owned());
    // A navigation inside the app (a link to `/`, a new search) brings a new list: the box
    // and the live filter start again from the new query.
    Effect::watch(
        move || query.get(),
        move |query, _, _| filter.set(query.as_str().to_owned()),
        false,
    );

    view! {
        <PageTitle text="Upcoming events" />
        <Meta name="description" content="Discover upcoming conferences, meetups and workshops on Convene." />
        <section class="mb-10">
            <h1 class="text-3xl font-bold tracking-tight sm:text-4xl">"Find your next event"</h1>
            <p class="mt-2 max-w-2xl text-muted">
                "Conferences, meetups and workshops from the organizations on Convene."
            </p>
            <form method="get" action="/" role="search" class="mt-6 flex max-w-xl gap-2">
                <label for="q" class="sr-only">"Search events"</label>
                <input
                    id="q"
                    name="q"
                    type="search"
                    maxlength=SearchQuery::MAX_CHARS
                    autocomplete="off"
                    placeholder="Search by title, place or organizer"
                    prop:value=move || filter.get()
                    value=query.get_untracked().as_str().to_owned()
                    on:input=move |ev| filter.set(event_target_value(&ev))
                    class="w-full rounded-lg border border-line bg-surface px-4 py-2.5 text-ink"
                />
                <button type="submit" class="rounded-lg bg-accent px-5 py-2.5 font-semibold text-accent-ink">
                    "Search"
                </button>
            </form>
        </section>
        <Suspense fallback=|| view! { <p class="text-muted">"Loading events…"</p> }>
            {move || Suspend::new(async move {
                match events.await {
                    Ok(list) => view! { <EventList events=list query=query.get() filter /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The cards, each hidden when it does not match the live filter.
#[component]
fn EventList(
    events: Vec<EventSummary>,
    query: SearchQuery,
    filter: RwSignal<String>,
) -> impl IntoView {
    if events.is_empty() {
        let message = if query.is_empty() {
            "No upcoming events yet. Check back soon.".to_owned()
        } else {
            format!("No upcoming events match “{}”.", query.as_str())
        };
        return view! {
            <div class="rounded-xl border border-dashed border-line p-10 text-center">
                <p class="font-semibold">{message}</p>
                <a href="/" class="mt-2 inline-block text-accent underline">"Show all upcoming events"</a>
            </div>
        }
        .into_any();
    }
    let shown = {
        let events = events.clone();
        Memo::new(move |_| events.iter().filter(|e| e.matches(&filter.get())).count())
    };
    let heading = if query.is_empty() {
        "Upcoming events".to_owned()
    } else {
        format!("Results for “{}”", query.as_str())
    };
    view! {
        <h2 class="mb-4 text-xl font-semibold">{heading}</h2>
        <p class="sr-only" aria-live="polite">{move || format!("{} events shown", shown.get())}</p>
        <p class="mb-4 text-muted" hidden=move || shown.get() != 0>
            "No events on this page match your words. Press Search to look through every upcoming event."
        </p>
        <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {events
                .into_iter()
                .map(|event| {
                    let needle = event.clone();
                    let hidden = Signal::derive(move || !needle.matches(&filter.get()));
                    view! { <EventCard event hidden /> }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
