//! `/e/{event}/speakers` and `/e/{event}/speakers/{id}`, rendered by the server (see
//! [`super::program_views`]).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::program::render_speakers;
use crate::pages::schedule::Rendered;

/// Every speaker of the event, or one (`:id` in the route).
#[component]
pub fn SpeakersRoute() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("slug").unwrap_or_default(),
            p.get("id").unwrap_or_default(),
        )
    };
    let page = Resource::new(key, |(slug, id)| render_speakers(slug, id));
    view! { <Rendered page /> }
}
