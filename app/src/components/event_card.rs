//! An event in a list.

use leptos::prelude::*;

use domain::EventSummary;

/// A card linking to the event page. `hidden` hides it without removing it, so filtering in
/// the browser does not rebuild the list.
#[component]
pub fn EventCard(event: EventSummary, #[prop(into)] hidden: Signal<bool>) -> impl IntoView {
    let href = format!("/e/{}", event.slug);
    view! {
        <li hidden=hidden class="group rounded-2xl border border-line bg-surface p-5 shadow-sm hover:border-accent">
            <p class="text-xs font-semibold uppercase tracking-wide text-accent">
                {event.organization}
            </p>
            <h3 class="mt-1 text-lg font-semibold leading-snug">
                <a href=href class="no-underline group-hover:underline">{event.title}</a>
            </h3>
            <p class="mt-2 text-sm text-muted">
                <time datetime=event.schedule.starts_at>{event.schedule.label}</time>
            </p>
            <p class="text-sm text-muted">{event.place}</p>
            <p class="mt-3 text-sm">{event.summary}</p>
        </li>
    }
}
