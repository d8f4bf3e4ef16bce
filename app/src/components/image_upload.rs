//! The image field of the workspace (event cover, speaker photo): a plain multipart form
//! that works without JavaScript, the current image, and the reason a file was refused next
//! to the field (read from the address the server redirected back to).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use domain::image::ImageProblem;

/// What image formats the file picker offers (the server checks the bytes regardless).
const ACCEPTED: &str = "image/jpeg,image/png,image/webp,image/gif";

/// The image section: `action` is the upload route, `current` the image's address.
#[component]
pub fn ImageUpload(
    title: &'static str,
    action: String,
    current: Option<String>,
    /// Describes the current image for screen readers.
    alt: String,
    hint: &'static str,
) -> impl IntoView {
    let query = use_query_map();
    let problem = move || {
        query
            .read()
            .get("image_error")
            .and_then(|code| ImageProblem::from_code(&code))
    };
    let has_image = current.is_some();
    let remove_action = action.clone();
    view! {
        <section id="image" class="rounded-xl border border-line bg-surface p-6">
            <h2 class="mb-4 text-lg font-semibold">{title}</h2>
            {current.map(|src| view! {
                <img src=src alt=alt class="mb-4 max-h-64 rounded-lg border border-line object-cover" />
            })}
            <form method="post" action=action enctype="multipart/form-data" class="flex flex-col gap-2">
                <label for="image-file" class="text-sm font-semibold">"Choose an image"</label>
                <input
                    id="image-file"
                    type="file"
                    name="image"
                    accept=ACCEPTED
                    required
                    aria-invalid=move || problem().map(|_| "true")
                    aria-describedby=move || if problem().is_some() { "image-hint image-error" } else { "image-hint" }
                    class="text-sm"
                />
                <p id="image-hint" class="text-xs text-muted">{hint}</p>
                {move || problem().map(|p| view! {
                    <p id="image-error" role="alert" class="text-sm text-danger">{p.to_string()}</p>
                })}
                <div>
                    <button type="submit" class="rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink">
                        {if has_image { "Replace the image" } else { "Upload" }}
                    </button>
                </div>
            </form>
            {has_image.then(|| view! {
                <form method="post" action=remove_action enctype="multipart/form-data" class="mt-3">
                    <input type="hidden" name="remove" value="1" />
                    <button type="submit" class="text-sm text-danger underline">"Remove the image"</button>
                </form>
            })}
        </section>
    }
}
