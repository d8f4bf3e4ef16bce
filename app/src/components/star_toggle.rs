//! The star that adds a session to the visitor's personal agenda.

use leptos::prelude::*;

use domain::AgendaItemId;

/// A signed-in visitor's star on one session. Without JavaScript it is a form that posts and
/// comes `back`; as an island it flips at once, saves in place, and flips back with the
/// reason when the server refuses. Its name says which session: a schedule has dozens.
#[island]
pub fn StarToggle(
    slug: String,
    id: AgendaItemId,
    title: String,
    starred: bool,
    back: String,
) -> impl IntoView {
    let starred = RwSignal::new(starred);
    let refused = RwSignal::new(None::<String>);
    let on_submit = {
        let slug = slug.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let wanted = !starred.get_untracked();
            starred.set(wanted);
            refused.set(None);
            let slug = slug.clone();
            leptos::task::spawn_local(async move {
                let saved = crate::api::program::star_session(slug, id, wanted, None).await;
                if let Err(error) = saved {
                    starred.set(!wanted);
                    refused.set(Some(format!("Not saved: {error}")));
                }
            });
        }
    };
    let label = Signal::derive(move || {
        if starred.get() {
            format!("Remove “{title}” from my agenda")
        } else {
            format!("Add “{title}” to my agenda")
        }
    });
    view! {
        <form method="post" action="/api/star_session" novalidate on:submit=on_submit class="flex flex-col items-end">
            <input type="hidden" name="slug" value=slug />
            <input type="hidden" name="id" value=id.0 />
            <input type="hidden" name="starred" value=move || (!starred.get()).to_string() />
            <input type="hidden" name="back" value=back />
            <button type="submit" title=label aria-label=label aria-pressed=move || starred.get().to_string() class="text-2xl text-accent">
                {move || if starred.get() { "★" } else { "☆" }}
            </button>
            <span role="status" class="text-xs text-danger">{move || refused.get()}</span>
        </form>
    }
}
