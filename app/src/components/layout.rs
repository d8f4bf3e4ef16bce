//! The frame around every page: header with navigation, main content, footer.

use leptos::prelude::*;
use leptos_router::components::A;

use super::theme_toggle::ThemeToggle;

/// Header, `<main>` holding `children`, and footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a href="#main" class="skip-link">"Skip to content"</a>
        <header class="border-b border-line bg-surface">
            <nav
                aria-label="Main"
                class="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3"
            >
                <A href="/" attr:class="flex items-center gap-2 text-lg font-bold no-underline">
                    <span aria-hidden="true" class="inline-block h-6 w-6 rounded-md bg-accent"></span>
                    "Convene"
                </A>
                <div class="flex items-center gap-4">
                    <A href="/" attr:class="text-sm text-muted hover:text-ink">"Upcoming events"</A>
                    <ThemeToggle />
                </div>
            </nav>
        </header>
        <main id="main" class="mx-auto w-full max-w-5xl px-4 py-8 sm:py-12">{children()}</main>
        <footer class="border-t border-line py-8 text-center text-sm text-muted">
            <p>"Convene — the open, self-hosted event platform."</p>
        </footer>
    }
}
