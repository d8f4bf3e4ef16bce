//! The event page's "Attend" box: how full the event is, and the visitor's place in it.

use leptos::prelude::*;

use domain::registration::{Attendance, RegistrationStatus};

/// How full the event is and "Join", "You're going" or "Waitlist" with the way out: plain
/// form posts, so it works the same without JavaScript. With `ask`, the page is the one shared
/// by every signed-in visitor and `attendance` holds only the counts: the island asks for the
/// person's place once shown. Lazy: only the event page fetches its code.
#[island(lazy)]
pub fn JoinBox(slug: String, attendance: Attendance, ask: bool) -> impl IntoView {
    let attendance = RwSignal::new(attendance);
    let asking = RwSignal::new(ask);
    let failed = RwSignal::new(false);
    if ask {
        let slug = slug.clone();
        crate::viewer::once_hydrated(move || async move {
            match crate::api::program::get_attendance(slug).await {
                Ok(mine) => attendance.set(mine),
                Err(_) => failed.set(true),
            }
            asking.set(false);
        });
    }
    // One set of elements whose `hidden` and text follow the state, rather than a view per
    // state: each view an island can switch to is code in every page's bundle.
    let hidden_unless = move |wanted: Place| {
        move || {
            let now = if asking.get() {
                Place::Asking
            } else if failed.get() {
                Place::Failed
            } else {
                attendance.with(Place::of)
            };
            now != wanted
        }
    };
    let waitlisted = move || attendance.with(|a| a.status == Some(RegistrationStatus::Waitlisted));
    let button = "mt-2 rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink";
    view! {
        <p class="mt-1 text-sm text-muted">{move || attendance.with(Attendance::places_label)}</p>
        <p role="status" class="mt-2 text-sm text-muted" hidden=hidden_unless(Place::Asking)>"Checking your place…"</p>
        <p role="alert" class="mt-2 text-sm text-danger" hidden=hidden_unless(Place::Failed)>"Your place could not be loaded. Please reload the page."</p>
        // A block of its own: an inline link's padding would be drawn over the line above.
        <a href=format!("/login?next=/e/{slug}") hidden=hidden_unless(Place::SignedOut)
            class="mt-2 inline-block rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink no-underline">"Sign in to join"</a>
        <form method="post" action="/api/join_event" novalidate hidden=hidden_unless(Place::Free)>
            <input type="hidden" name="slug" value=slug.clone() />
            <button type="submit" class=button>
                {move || if attendance.with(Attendance::is_full) { "Join the waitlist" } else { "Join" }}
            </button>
        </form>
        <div hidden=hidden_unless(Place::Taken)>
            <p class="mt-1 font-semibold">
                {move || attendance.with(|a| match (a.status, a.waitlist_position) {
                    (None, _) => String::new(),
                    (Some(RegistrationStatus::Waitlisted), Some(n)) => format!("You are number {n} on the waitlist."),
                    (Some(RegistrationStatus::Waitlisted), None) => "You are on the waitlist.".to_owned(),
                    (Some(_), _) => "You're going.".to_owned(),
                })}
            </p>
            <form method="post" action="/api/leave_event" novalidate>
                <input type="hidden" name="slug" value=slug />
                <button type="submit" class="text-sm text-danger underline">
                    {move || if waitlisted() { "Leave the waitlist" } else { "Cancel my place" }}
                </button>
            </form>
        </div>
    }
}

/// What the box shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The person's place is being asked for.
    Asking,
    /// It could not be.
    Failed,
    /// Nobody signed in.
    SignedOut,
    /// Signed in, without a place: "Join".
    Free,
    /// Signed in, going or waitlisted.
    Taken,
}

impl Place {
    fn of(attendance: &Attendance) -> Self {
        match (attendance.signed_in, attendance.status) {
            (false, _) => Self::SignedOut,
            (true, None) => Self::Free,
            (true, Some(_)) => Self::Taken,
        }
    }
}
