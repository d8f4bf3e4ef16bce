//! A figure of a statistics page ("Sent 120 of 130"): its name, the number, and a line of
//! context, as one term of a description list.

use leptos::prelude::*;

/// One `<div>` of a `<dl>`: `label`, `value` in large type, then `extra`.
#[component]
pub fn Figure(label: &'static str, value: i64, extra: String) -> impl IntoView {
    view! {
        <div class="rounded-lg border border-line p-3">
            <dt class="text-xs text-muted">{label}</dt>
            <dd class="text-2xl font-bold">{value}</dd>
            <dd class="text-xs text-muted">{extra}</dd>
        </div>
    }
}
