//! An event in a list.

use leptos::prelude::*;

use domain::EventSummary;

/// A card linking to the event page, as a list item.
#[component]
pub fn EventCard(event: EventSummary) -> impl IntoView {
    view! {
        <li class=CARD><EventCardContent event /></li>
    }
}

/// The look of a card's list item.
pub const CARD: &str =
    "group rounded-2xl border border-line bg-surface p-5 shadow-sm hover:border-accent";

/// What a card shows: organization, title, date, place and summary.
#[component]
pub fn EventCardContent(event: EventSummary) -> impl IntoView {
    let href = format!("/e/{}", event.slug);
    view! {
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
    }
}
