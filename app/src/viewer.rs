//! Whom a page is drawn for. An event's public pages are the same for everyone but for a few
//! personal parts (the header's name, the "Join" box, the stars). Visitors get them as sign-in
//! links. A signed-in visitor whose browser runs the islands gets the page drawn once for all
//! of them and kept by the page cache, with islands that ask for the person's own state (see
//! the README's architecture section); a signed-in visitor without JavaScript gets the page
//! drawn for them alone.

/// The cookie by which a browser says it runs the islands: `1`, written by the header's
/// account island for a signed-in visitor. Only its presence is read, and only to pick the
/// shared page over a personal render.
pub const ISLANDS_COOKIE: &str = "convene_islands";

/// Put in a request's extensions by the page cache when the page is drawn for every signed-in
/// visitor with JavaScript (the session cookie is then removed from the request, so nothing
/// personal can reach the page).
#[derive(Clone, Copy, Debug)]
pub struct DrawnForMembers;

/// Whom the page being drawn is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewer {
    /// Nobody signed in: the personal parts are sign-in links.
    Visitor,
    /// Every signed-in visitor whose browser runs the islands: the personal parts are islands
    /// that ask for the person's state once the page is shown.
    Members,
    /// One signed-in person: the personal parts are drawn with their state.
    Person,
}

impl Viewer {
    /// The viewer of the page being drawn, given whether its data was read for a signed-in
    /// person.
    pub fn of(signed_in: bool) -> Self {
        if drawn_for_members() {
            Self::Members
        } else if signed_in {
            Self::Person
        } else {
            Self::Visitor
        }
    }
}

/// Whether the page being drawn is the one shared by every signed-in visitor with JavaScript.
pub fn drawn_for_members() -> bool {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::with_context::<axum::http::request::Parts, _>(|request| {
            request.extensions.get::<DrawnForMembers>().is_some()
        })
        .unwrap_or(false)
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

/// Whether a `Cookie` header says the browser runs the islands.
pub fn runs_islands(cookies: &str) -> bool {
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(name, value)| name == ISLANDS_COOKIE && value == "1")
}

/// Remembers that this browser runs the islands: for a week, written again on every page, so
/// a browser whose JavaScript was turned off soon gets personal pages again by itself (the
/// shared page also offers it at once, see the layout). Browser only.
pub fn remember_islands() {
    crate::remember_in_browser(ISLANDS_COOKIE, "1", 7 * 24 * 3600);
}

/// Runs `task` in the browser once the island is hydrated, never on the server: how the
/// personal parts of the members' page ask for the person's state.
pub fn once_hydrated<F, Fut>(task: F)
where
    F: FnOnce() -> Fut + 'static,
    Fut: std::future::Future<Output = ()> + 'static,
{
    #[cfg(feature = "hydrate")]
    {
        let mut task = Some(task);
        // Effects run only in the browser, once hydrated.
        leptos::prelude::Effect::new(move |_| {
            if let Some(task) = task.take() {
                leptos::task::spawn_local(task());
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    drop(task);
}

#[cfg(test)]
mod tests {
    use super::runs_islands;

    #[test]
    fn only_the_islands_cookie_set_to_one_counts() {
        assert!(runs_islands("a=1; convene_islands=1"));
        assert!(runs_islands("convene_islands=1; convene_theme=dark"));
        assert!(!runs_islands("convene_islands=0"));
        assert!(!runs_islands("my_convene_islands=1"));
        assert!(!runs_islands(""));
    }
}
