//! A "Delete" button that asks first: the server function refuses without `confirm=yes`
//! with its question as the `confirm` field's message, and the page shows the question with
//! a "Yes, delete it" button that sends `confirm=yes`. Works the same without JavaScript.

use leptos::prelude::*;

use crate::components::form::{FormError, PostForm, posted_error_for};

/// Deletes the row `id` of an event's list through `endpoint`, after asking; `what` names
/// the row for screen readers ("the question “Diet”"), `note` follows the question.
#[component]
pub fn ConfirmDelete(
    endpoint: &'static str,
    id: String,
    org: String,
    event: String,
    what: String,
    #[prop(default = None)] note: Option<String>,
) -> impl IntoView {
    let error = posted_error_for(endpoint, id.clone());
    let asked = move || {
        error.get().and_then(|e| {
            e.field_message("confirm").map(|m| match &note {
                Some(note) => format!("{m} {note}"),
                None => m.to_owned(),
            })
        })
    };
    let asked_again = asked.clone();
    let asking = asked.clone();
    let asked_label = asked.clone();
    view! {
        <div class="mt-4">
            <FormError error />
            {move || asked().map(|m| view! { <p role="alert" class="mb-2 text-sm">{m}</p> })}
            <PostForm endpoint>
                <input type="hidden" name="org" value=org />
                <input type="hidden" name="event" value=event />
                <input type="hidden" name="id" value=id />
                {move || asked_again().is_some().then(|| view! { <input type="hidden" name="confirm" value="yes" /> })}
                <button type="submit" class="text-sm font-semibold text-danger underline"
                    aria-label=move || if asked_label().is_some() { format!("Yes, delete {what}") } else { format!("Delete {what}") }>
                    {move || if asking().is_some() { "Yes, delete it" } else { "Delete" }}
                </button>
            </PostForm>
        </div>
    }
}
