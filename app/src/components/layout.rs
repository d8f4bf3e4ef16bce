//! The frame around every page: header with navigation, main content, footer.

use leptos::prelude::*;
use leptos_router::components::A;

use super::theme_toggle::ThemeToggle;
use crate::api::accounts::get_current_user;

/// "Log in / Sign up", or the signed-in person's links. Read again after every navigation,
/// so signing in or out shows at once.
#[component]
fn AccountMenu() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let user = Resource::new(move || location.pathname.get(), |_| get_current_user());
    let link = "text-sm text-muted hover:text-ink";
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(user)) => view! {
                        // The console is a separate, server-rendered document: a full page load.
                        {user.is_admin.then(|| view! { <a href="/admin" rel="external" class=link>"Admin"</a> })}
                        <a href="/manage" rel="external" class=link>"Organizations"</a>
                        <a href="/account" rel="external" class=link>{user.display_name}</a>
                        <A href="/logout" attr:class=link>"Log out"</A>
                    }.into_any(),
                    _ => view! {
                        <A href="/login" attr:class=link>"Log in"</A>
                        <A href="/signup" attr:class="rounded-lg bg-accent px-3 py-1.5 text-sm font-semibold text-accent-ink no-underline">"Sign up"</A>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

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
                // Wraps on narrow phones: signed in, the links are wider than a 360 px screen.
                <div class="flex flex-wrap items-center gap-x-4 gap-y-2">
                    <A href="/" attr:class="text-sm text-muted hover:text-ink">"Upcoming events"</A>
                    // A server-rendered document: a full page load, not the router.
                    <a href="/events" rel="external" class="text-sm text-muted hover:text-ink">"Discover"</a>
                    <AccountMenu />
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
