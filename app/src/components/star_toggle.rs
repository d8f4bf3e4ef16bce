//! The star that adds a session to the visitor's personal agenda.

use leptos::prelude::*;

use domain::AgendaItemId;

/// A signed-in visitor's star on one session. Without JavaScript it is a form that posts and
/// comes `back`; as an island it flips at once, saves in place, and flips back with the
/// reason when the server refuses. Its name says which session: a schedule has dozens.
///
/// `starred` is `None` on the page shared by every signed-in visitor: the star then asks for
/// the person's stars (one request for all the stars of the page, see `stars_of`). Lazy:
/// only the pages showing stars fetch its code.
#[island(lazy)]
pub fn StarToggle(
    slug: String,
    id: AgendaItemId,
    title: String,
    starred: Option<bool>,
    back: String,
) -> impl IntoView {
    let asking = RwSignal::new(starred.is_none());
    let starred = RwSignal::new(starred.unwrap_or_default());
    let refused = RwSignal::new(None::<String>);
    if asking.get_untracked() {
        let slug = slug.clone();
        crate::viewer::once_hydrated(move || async move {
            match stars_of(slug).await {
                Ok(stars) => starred.set(stars.contains(&id)),
                // Signed out meanwhile: "Please sign in to continue."
                Err(error) => refused.set(Some(error.to_string())),
            }
            asking.set(false);
        });
    }
    let on_submit = {
        let slug = slug.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let wanted = !starred.get_untracked();
            starred.set(wanted);
            refused.set(None);
            let slug = slug.clone();
            leptos::task::spawn_local(async move {
                let saved = crate::api::program::star_session(slug, id, wanted, None).await;
                if let Err(error) = saved {
                    starred.set(!wanted);
                    refused.set(Some(format!("Not saved: {error}")));
                }
            });
        }
    };
    let label = Signal::derive(move || {
        if starred.get() {
            format!("Remove “{title}” from my agenda")
        } else {
            format!("Add “{title}” to my agenda")
        }
    });
    view! {
        <form method="post" action="/api/star_session" novalidate on:submit=on_submit class="flex flex-col items-end">
            <input type="hidden" name="slug" value=slug />
            <input type="hidden" name="id" value=id.0 />
            <input type="hidden" name="starred" value=move || (!starred.get()).to_string() />
            <input type="hidden" name="back" value=back />
            <button type="submit" title=label aria-label=label aria-pressed=move || starred.get().to_string()
                disabled=move || asking.get() aria-busy=move || asking.get().to_string() class="text-2xl text-accent disabled:opacity-50">
                {move || if starred.get() { "★" } else { "☆" }}
            </button>
            <span role="status" class="text-xs text-danger">{move || refused.get()}</span>
        </form>
    }
}

/// The star for a visitor: a link to sign in that comes `back`.
#[component]
pub fn SignInToStar(title: String, back: String) -> impl IntoView {
    let next = back.split('#').next().unwrap_or_default().to_owned();
    view! {
        <a href=format!("/login?next={next}") title="Sign in to build your agenda" aria-label=format!("Sign in to add “{title}” to your agenda") class="text-2xl text-muted no-underline">"☆"</a>
    }
}

/// The sessions of event `slug` the person starred, asked once per page however many stars
/// it shows: the first star to ask starts the request and the others wait for its answer.
async fn stars_of(slug: String) -> Result<Vec<AgendaItemId>, domain::error::AppError> {
    use std::cell::RefCell;

    use futures::FutureExt;
    use futures::future::{LocalBoxFuture, Shared};

    type Asked =
        Shared<LocalBoxFuture<'static, Result<Vec<AgendaItemId>, domain::error::AppError>>>;
    // A page shows one event's stars: the last event asked for is enough.
    thread_local! {
        static ASKED: RefCell<Option<(String, Asked)>> = const { RefCell::new(None) };
    }
    let asked = ASKED.with(|asked| {
        let mut asked = asked.borrow_mut();
        match &*asked {
            Some((event, request)) if *event == slug => request.clone(),
            _ => {
                let request = crate::api::program::get_my_stars(slug.clone())
                    .boxed_local()
                    .shared();
                *asked = Some((slug, request.clone()));
                request
            }
        }
    });
    asked.await
}
