//! The frame around every page: header with navigation, main content, footer.

use leptos::prelude::*;
use leptos_router::components::A;

use super::account_links::{AccountLinks, VisitorLinks};
use super::theme_toggle::ThemeToggle;
use crate::api::accounts::get_current_user;
use crate::viewer::drawn_for_members;

/// "Log in / Sign up", or the signed-in person's links (see [`Viewer`]).
#[component]
fn AccountMenu() -> impl IntoView {
    if drawn_for_members() {
        return view! { <AccountLinks name=None admin=false /> }.into_any();
    }
    let user = Resource::new(|| (), |_| get_current_user());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(user)) => view! {
                        <AccountLinks name=Some(user.display_name) admin=user.is_admin />
                    }.into_any(),
                    _ => view! { <VisitorLinks /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// On the page shared by signed-in visitors, what a browser without JavaScript (but with the
/// cookie saying it runs the islands, from before it was turned off) can do to see its own
/// state: forget that cookie and load the page again, drawn for the person.
#[component]
fn WithoutIslands() -> impl IntoView {
    let back = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    view! {
        <noscript>
            <form method="post" action="/api/forget_islands" class="mb-6 rounded-lg border border-line bg-raised px-4 py-3 text-sm">
                <input type="hidden" name="back" value=back />
                "JavaScript is off, so this page cannot show your stars and your place. "
                <button type="submit" class="text-accent underline">"Show them without JavaScript"</button>
            </form>
        </noscript>
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
        <main id="main" class="mx-auto w-full max-w-5xl px-4 py-8 sm:py-12">
            {drawn_for_members().then(|| view! { <WithoutIslands /> })}
            {children()}
        </main>
        <footer class="border-t border-line py-8 text-center text-sm text-muted">
            <p>"Convene — the open, self-hosted event platform."</p>
        </footer>
    }
}
