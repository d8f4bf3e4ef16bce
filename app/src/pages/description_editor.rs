//! The event description's editor: the Markdown as typed, and how it will look on the event
//! page, rendered by the server's own code (the Markdown renderer and the HTML sanitizer
//! would be several times the bundle's budget in the browser).

use leptos::prelude::*;

use domain::error::AppError;

use crate::components::form::TextArea;
use crate::components::latest_answer::LatestAnswer;

/// The description field and its preview. Without JavaScript the preview shows the saved
/// text (`html`, sanitized by the server); as an island it follows the text a quarter of a
/// second after typing stops, through `preview_markdown` (an older answer never replaces a
/// newer one).
// Lazy: a chunk of its own, fetched only by the pages that show it (the workspace's),
// so the attendee pages' bundle does not carry it.
#[island(lazy)]
pub fn DescriptionEditor(value: String, error: Option<AppError>, html: String) -> impl IntoView {
    let html = RwSignal::new(html);
    let previewing = LatestAnswer::new();
    let follow = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        previewing.ask(
            move || crate::api::manage_events::preview_markdown(text),
            // A refused preview (text over the limit) keeps the last one shown.
            move |rendered| {
                if let Ok(rendered) = rendered {
                    html.set(rendered);
                }
            },
        );
    };
    view! {
        <TextArea label="Description" name="description" error=Signal::stored(error) value form="event" rows=10
            hint="Markdown: **bold**, *italic*, [links](https://…), lists and headings. Shown sanitized on the event page."
            on:input=follow />
        <div class="rounded-lg border border-dashed border-line p-4">
            <p class="mb-2 text-xs font-semibold uppercase tracking-wide text-muted">"Preview"</p>
            // Sanitized by the server, like the event page's description.
            <div id="event-description-preview" aria-live="polite" class="prose max-w-none leading-relaxed" inner_html=move || html.get()></div>
        </div>
    }
}
