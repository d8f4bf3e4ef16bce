//! A friendly box for a failed request.

use leptos::prelude::*;

use domain::error::AppError;

/// Shows what went wrong in words the reader can act on, and sets the page's status code.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    super::status::set_http_status(error.status_code());
    view! {
        <div role="alert" class="rounded-xl border border-line bg-surface p-6 text-center">
            <p class="text-lg font-semibold">{error.to_string()}</p>
            <p class="mt-2 text-muted">
                <a href="/" class="text-accent underline">"Back to the home page"</a>
            </p>
        </div>
    }
}
