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

/// Links between an event's public pages: plain anchors, so the same markup serves the
/// hydrated event page and the pages the server renders to HTML (the router still turns a
/// click into a client-side navigation).
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

/// The instant in the browser's zone, or `None` when that zone shows the same clock time.
#[cfg(feature = "hydrate")]
pub fn in_reader_zone(rfc3339: &str) -> Option<String> {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    // "+01:00" at the end: the event's offset in minutes east of UTC.
    let offset = rfc3339.get(rfc3339.len().checked_sub(6)?..)?;
    let sign = if offset.starts_with('-') { -1.0 } else { 1.0 };
    let hours: f64 = offset.get(1..3)?.parse().ok()?;
    let minutes: f64 = offset.get(4..6)?.parse().ok()?;
    let event_offset = sign * (hours * 60.0 + minutes);
    // getTimezoneOffset is minutes *west* of UTC.
    if (event_offset + date.get_timezone_offset()).abs() < 0.5 {
        return None;
    }
    let options = js_sys::JSON::parse(
        r#"{"weekday":"short","day":"numeric","month":"short","hour":"2-digit","minute":"2-digit","timeZoneName":"short"}"#,
    )
    .ok()?;
    date.to_locale_string("default", &options).as_string()
}
