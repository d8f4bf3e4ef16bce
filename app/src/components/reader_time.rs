//! An instant in the reader's own time zone, next to the same instant in the event's.

use leptos::prelude::*;

/// "Your time: Tue 3 Mar, 09:00 PST" under an instant the server wrote in the event's zone
/// (`instant`, RFC 3339 with the event's offset), shown only when the reader's zone shows
/// another clock time. Only the browser knows the reader's zone: the server renders nothing.
#[island]
pub fn ReaderTime(instant: String) -> impl IntoView {
    let label = RwSignal::new(None::<String>);
    // Effects run in the browser only, once the island is attached.
    Effect::new(move |_| label.set(in_reader_zone(&instant)));
    move || {
        label
            .get()
            .map(|label| view! { <span class="block text-sm text-muted">{format!("Your time: {label}")}</span> })
    }
}

/// The instant in the browser's zone, or `None` when that zone shows the same clock time.
#[cfg(feature = "hydrate")]
fn in_reader_zone(rfc3339: &str) -> Option<String> {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    // "+01:00" at the end: the event's offset in minutes east of UTC.
    let offset = rfc3339.get(rfc3339.len().checked_sub(6)?..)?;
    // Whole numbers: parsing floats would add a float parser to the bundle.
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let hours: i32 = offset.get(1..3)?.parse().ok()?;
    let minutes: i32 = offset.get(4..6)?.parse().ok()?;
    let event_offset = f64::from(sign * (hours * 60 + minutes));
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

#[cfg(not(feature = "hydrate"))]
fn in_reader_zone(_rfc3339: &str) -> Option<String> {
    None
}
