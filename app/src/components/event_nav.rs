//! The tabs under an event's title: its page, schedule, speakers and feed, plus the calendar.

use leptos::prelude::*;

/// Which tab is open.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum EventTab {
    /// `/e/{event}`.
    About,
    /// `/e/{event}/schedule` and sessions.
    Schedule,
    /// `/e/{event}/speakers`.
    Speakers,
    /// `/e/{event}/feed`.
    Feed,
}

/// Links between an event's public pages.
#[component]
pub fn EventNav(slug: String, current: EventTab) -> impl IntoView {
    let tab = move |tab: EventTab, href: String, label: &'static str| {
        let active = tab == current;
        view! {
            <a href=href aria-current=active.then_some("page")
                class=if active { "border-b-2 border-accent pb-2 font-semibold no-underline" } else { "pb-2 text-muted no-underline hover:text-ink" }>
                {label}
            </a>
        }
    };
    view! {
        <nav aria-label="Event" class="mb-6 flex flex-wrap items-end gap-6 border-b border-line text-sm">
            {tab(EventTab::About, format!("/e/{slug}"), "About")}
            {tab(EventTab::Schedule, format!("/e/{slug}/schedule"), "Schedule")}
            {tab(EventTab::Speakers, format!("/e/{slug}/speakers"), "Speakers")}
            {tab(EventTab::Feed, format!("/e/{slug}/feed"), "Feed")}
            <a href=format!("/e/{slug}/calendar.ics") rel="external" download class="ml-auto pb-2 text-accent underline">"Add to calendar"</a>
        </nav>
    }
}
