//! The light/dark switch. Without JavaScript the site follows the system's colour scheme (or
//! the theme picked earlier) and the button stays hidden, since it could not work.

use leptos::prelude::*;

/// Flips between the light and dark theme and remembers the choice in a cookie, which the
/// server reads to paint every later page in it. An island: the only code of the header that
/// runs in the browser.
#[island]
pub fn ThemeToggle() -> impl IntoView {
    let (ready, set_ready) = signal(false);
    // Effects run only in the browser, once hydrated.
    Effect::new(move |_| set_ready.set(true));
    view! {
        <button
            type="button"
            hidden=move || !ready.get()
            on:click=move |_| toggle_theme()
            class="rounded-lg border border-line px-3 py-1.5 text-sm text-muted hover:text-ink hover:bg-raised"
            aria-label="Switch between light and dark theme"
            title="Switch theme"
        >
            "◐ Theme"
        </button>
    }
}

fn toggle_theme() {
    #[cfg(feature = "hydrate")]
    {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(root) = window.document().and_then(|d| d.document_element()) else {
            return;
        };
        let current = root.get_attribute("data-theme").unwrap_or_else(|| {
            let dark = window
                .match_media("(prefers-color-scheme: dark)")
                .ok()
                .flatten()
                .is_some_and(|m| m.matches());
            if dark { "dark".into() } else { "light".into() }
        });
        let next = if current == "dark" { "light" } else { "dark" };
        let _ = root.set_attribute("data-theme", next);
        // A year: the theme is a lasting choice.
        crate::remember_in_browser(crate::THEME_COOKIE, next, 31_536_000);
    }
}
