//! The event description's editor: the Markdown as typed, and how it will look on the event
//! page, rendered by the server's own code (the Markdown renderer and the HTML sanitizer
//! would be several times the bundle's budget in the browser).

use leptos::prelude::*;

use domain::error::AppError;

use crate::components::form::TextArea;

/// The description field and its preview. Without JavaScript the preview shows the saved
/// text (`html`, sanitized by the server); as an island it follows the text a quarter of a
/// second after typing stops, through `preview_markdown` (an older answer never replaces a
/// newer one).
// Lazy: a chunk of its own, fetched only by the pages that show it (the workspace's),
// so the attendee pages' bundle does not carry it.
#[island(lazy)]
pub fn DescriptionEditor(value: String, error: Option<AppError>, html: String) -> impl IntoView {
    let html = RwSignal::new(html);
    let (asked, shown) = (StoredValue::new(0_u32), StoredValue::new(0_u32));
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let follow = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        if let Some(pending) = timer.get_value() {
            pending.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                asked.update_value(|n| *n += 1);
                let ticket = asked.get_value();
                leptos::task::spawn_local(async move {
                    let rendered = crate::api::manage_events::preview_markdown(text).await;
                    if let Ok(rendered) = rendered
                        && ticket >= shown.get_value()
                    {
                        shown.set_value(ticket);
                        html.set(rendered);
                    }
                });
            },
            std::time::Duration::from_millis(250),
        );
        timer.set_value(handle.ok());
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
