//! The header's links for a signed-in person: their name (to the account page), the console
//! when they are an admin, their organizations, and logging out.

use leptos::prelude::*;

/// What the links know of the person.
#[derive(Clone, Debug, PartialEq)]
enum Known {
    /// Nothing yet: the page is the one shared by every signed-in visitor, and the person is
    /// being asked for. The links that need no name already work.
    Asking,
    /// The person.
    Person { name: String, admin: bool },
    /// The session ended meanwhile: the visitor's links.
    SignedOut,
}

/// A signed-in person's header links. `name` is `None` on the page shared by every signed-in
/// visitor, and the island then asks who this is. Hydrated, it remembers that this browser
/// runs the islands, so its next event pages can be the shared ones.
#[island]
pub fn AccountLinks(name: Option<String>, admin: bool) -> impl IntoView {
    let known = RwSignal::new(match name {
        Some(name) => Known::Person { name, admin },
        None => Known::Asking,
    });
    crate::viewer::once_hydrated(move || async move {
        crate::viewer::remember_islands();
        if known.get_untracked() != Known::Asking {
            return;
        }
        match crate::api::accounts::get_current_user().await {
            Ok(Some(user)) => known.set(Known::Person {
                name: user.display_name,
                admin: user.is_admin,
            }),
            Ok(None) => known.set(Known::SignedOut),
            // The links without the name still work; nothing to add.
            Err(_) => {}
        }
    });
    // One set of elements whose `hidden` follows what is known, rather than a view per
    // state: each view an island can switch to is code in every page's bundle.
    let link = "text-sm text-muted hover:text-ink";
    let member = move || known.with(|k| *k != Known::SignedOut);
    let admin = move || known.with(|k| matches!(k, Known::Person { admin: true, .. }));
    let name = move || match known.get() {
        Known::Person { name, .. } => name,
        _ => "My account".to_owned(),
    };
    view! {
        <a href="/admin" class=link hidden=move || !admin()>"Admin"</a>
        <a href="/manage" class=link hidden=move || !member()>"Organizations"</a>
        <a href="/account" class=link hidden=move || !member()>{name}</a>
        <a href="/logout" class=link hidden=move || !member()>"Log out"</a>
        <a href="/login" class=link hidden=member>"Log in"</a>
        <a href="/signup" class="rounded-lg bg-accent px-3 py-1.5 text-sm font-semibold text-accent-ink no-underline" hidden=member>"Sign up"</a>
    }
}

/// "Log in" and "Sign up", for a visitor.
#[component]
pub fn VisitorLinks() -> impl IntoView {
    view! {
        <a href="/login" class="text-sm text-muted hover:text-ink">"Log in"</a>
        <a href="/signup" class="rounded-lg bg-accent px-3 py-1.5 text-sm font-semibold text-accent-ink no-underline">"Sign up"</a>
    }
}
