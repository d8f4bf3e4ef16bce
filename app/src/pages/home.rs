//! `/`: upcoming published events with a search box.
//!
//! Without JavaScript the box is a plain GET form (`/?q=…`) answered by the server. The box
//! is an island: once it runs, typing also hides the cards on the page that do not match.

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

use domain::event::matches_words;
use domain::{EventSummary, SearchQuery};

use crate::api::events::list_upcoming_events;
use crate::components::error_notice::ErrorNotice;
use crate::components::event_card::{CARD, EventCardContent};
use crate::components::page_title::PageTitle;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let query_map = use_query_map();
    let query =
        Memo::new(move |_| SearchQuery::new(&query_map.read().get("q").unwrap_or_default()));
    let events = Resource::new(move || query.get(), list_upcoming_events);
    view! {
        <PageTitle text="Upcoming events" />
        <Meta name="description" content="Discover upcoming conferences, meetups and workshops on Convene." />
        <section>
            <h1 class="text-3xl font-bold tracking-tight sm:text-4xl">"Find your next event"</h1>
            <p class="mt-2 max-w-2xl text-muted">
                "Conferences, meetups and workshops from the organizations on Convene."
            </p>
        </section>
        <Suspense fallback=|| view! { <p class="text-muted">"Loading events…"</p> }>
            {move || Suspend::new(async move {
                match events.await {
                    Ok(events) => view! { <EventFinder events query=query.get() /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The search box and the cards. The cards are the server's (the island's children); the
/// island gets only the text each is found by, so it stays small however many there are.
#[component]
fn EventFinder(events: Vec<EventSummary>, query: SearchQuery) -> impl IntoView {
    if events.is_empty() {
        let message = if query.is_empty() {
            "No upcoming events yet. Check back soon.".to_owned()
        } else {
            format!("No upcoming events match “{}”.", query.as_str())
        };
        return view! {
            <SearchBox query haystacks=Vec::new()>
                <div class="rounded-xl border border-dashed border-line p-10 text-center">
                    <p class="font-semibold">{message}</p>
                    <a href="/" class="mt-2 inline-block text-accent underline">"Show all upcoming events"</a>
                </div>
            </SearchBox>
        }
        .into_any();
    }
    let heading = if query.is_empty() {
        "Upcoming events".to_owned()
    } else {
        format!("Results for “{}”", query.as_str())
    };
    let haystacks = events.iter().map(EventSummary::haystack).collect();
    view! {
        <SearchBox query haystacks>
            <h2 class="mb-4 text-xl font-semibold">{heading}</h2>
            <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                {events
                    .into_iter()
                    .enumerate()
                    .map(|(index, event)| view! {
                        <ShownIfFound index><EventCardContent event /></ShownIfFound>
                    })
                    .collect_view()}
            </ul>
        </SearchBox>
    }
    .into_any()
}

/// Which of the cards match the words typed, for the [`ShownIfFound`] islands inside.
#[derive(Clone, Copy)]
struct Found(Memo<Vec<bool>>);

/// The search box: a GET form without JavaScript; as an island it also hides, as one types,
/// the cards (its children) whose text (`haystacks`, in order) lacks a word.
#[island]
fn SearchBox(query: SearchQuery, haystacks: Vec<String>, children: Children) -> impl IntoView {
    let filter = RwSignal::new(query.as_str().to_owned());
    let found = Memo::new(move |_| {
        let needle = filter.get();
        haystacks
            .iter()
            .map(|h| matches_words(h, &needle))
            .collect::<Vec<_>>()
    });
    provide_context(Found(found));
    // Words typed before the island woke up count too.
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(typed) = input.get().map(|i| i.value())
            && typed != filter.get_untracked()
        {
            filter.set(typed);
        }
    });
    let shown = move || found.with(|f| f.iter().filter(|&&shown| shown).count());
    let any = found.with_untracked(|f| !f.is_empty());
    view! {
        <form method="get" action="/" role="search" class="mt-6 mb-10 flex max-w-xl gap-2">
            <label for="q" class="sr-only">"Search events"</label>
            <input
                node_ref=input
                id="q"
                name="q"
                type="search"
                maxlength=SearchQuery::MAX_CHARS
                autocomplete="off"
                placeholder="Search by title, place or organizer"
                value=query.as_str().to_owned()
                on:input=move |ev| filter.set(event_target_value(&ev))
                class="w-full rounded-lg border border-line bg-surface px-4 py-2.5 text-ink"
            />
            <button type="submit" class="rounded-lg bg-accent px-5 py-2.5 font-semibold text-accent-ink">
                "Search"
            </button>
        </form>
        {any.then(|| view! {
            <p class="sr-only" aria-live="polite">{move || format!("{} events shown", shown())}</p>
            <p class="mb-4 text-muted" hidden=move || shown() != 0>
                "No events on this page match your words. Press Search to look through every upcoming event."
            </p>
        })}
        {children()}
    }
}

/// A card of the list, hidden while the words typed in the [`SearchBox`] around it do not
/// match it (`index`: its place in the list).
#[island]
fn ShownIfFound(index: usize, children: Children) -> impl IntoView {
    let found = use_context::<Found>();
    let hidden = move || found.is_some_and(|Found(f)| f.with(|f| f.get(index) == Some(&false)));
    view! { <li hidden=hidden class=CARD>{children()}</li> }
}
