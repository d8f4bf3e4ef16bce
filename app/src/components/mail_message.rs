//! A mail message shown on a page: its HTML part in a sandboxed frame (its styles stay
//! inside, and nothing in it runs), its plain-text part folded away below.

use leptos::prelude::*;

/// `html` and `text` of one message; `title` names the frame for those who cannot see it.
#[component]
pub fn MailMessage(title: &'static str, html: String, text: String) -> impl IntoView {
    view! {
        <iframe title=title sandbox="" srcdoc=html class="h-96 w-full rounded-lg border border-line bg-white"></iframe>
        <details class="mt-4"><summary class="cursor-pointer text-sm font-semibold">"Plain-text part"</summary>
            <pre class="mt-2 whitespace-pre-wrap text-sm">{text}</pre></details>
    }
}
