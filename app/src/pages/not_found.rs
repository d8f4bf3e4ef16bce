//! The page for any URL that matches no route.

use leptos::prelude::*;
use leptos_meta::Meta;

use crate::components::page_title::PageTitle;
use crate::components::status::set_http_status;

/// "Page not found", answered with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    set_http_status(404);
    view! {
        <PageTitle text="Page not found" />
        <Meta name="robots" content="noindex" />
        <section class="mx-auto max-w-xl py-16 text-center">
            <p class="text-sm font-semibold uppercase tracking-wide text-accent">"404"</p>
            <h1 class="mt-2 text-3xl font-bold">"Page not found"</h1>
            <p class="mt-4 text-muted">
                "The page you asked for does not exist, or is not public. Check the address, or find an event from the home page."
            </p>
            <a
                href="/"
                class="mt-8 inline-block rounded-lg bg-accent px-5 py-2.5 font-semibold text-accent-ink no-underline"
            >
                "See upcoming events"
            </a>
        </section>
    }
}
