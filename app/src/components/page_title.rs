//! The document title of a page.

use leptos::prelude::*;
use leptos_meta::Title;

/// Sets `<title>` to "`text` · Convene".
///
/// leptos_meta 0.8 writes the title into the server's HTML as it is, unescaped, so a title
/// such as `</title><script>…` would break out of the element. It is escaped here, on the
/// server only: in the browser leptos_meta sets `document.title`, which takes plain text.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    let full = format!("{text} · Convene");
    #[cfg(feature = "ssr")]
    let full = domain::html::escape_html(&full);
    view! { <Title text=full /> }
}
