//! Whom a cached page is for. Visitors (no session cookie) share one page; so do signed-in
//! visitors whose browser runs the islands ([`app::viewer`]): their page is drawn for nobody
//! in particular, with islands that ask for the person's own state. A signed-in visitor
//! without that cookie (no JavaScript, or the first page after signing in) is drawn a page of
//! their own, never kept.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use cookie::Cookie;
use services::accounts::session::{self, COOKIE_NAME, HTTPS_COOKIE_NAME};

/// Who shares a cached page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Audience {
    /// Nobody signed in.
    Visitors,
    /// Every signed-in visitor whose browser runs the islands.
    Members,
}

impl Audience {
    /// The audience of `request`, when its page may be shared.
    pub(super) fn of(request: &Request) -> Option<Self> {
        let headers = request.headers();
        if !session::carries_session(headers) {
            return Some(Self::Visitors);
        }
        headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(app::viewer::runs_islands)
            .then_some(Self::Members)
    }

    /// Part of the cache key.
    pub(super) fn key(self) -> &'static str {
        match self {
            Self::Visitors => "visitors",
            Self::Members => "members",
        }
    }

    /// Prepares `request` to draw the shared page: for members, the session cookie is taken
    /// out (the page is drawn as for a visitor, so nothing personal can reach it) and the
    /// page is told whom it is for.
    pub(super) fn prepare(self, request: &mut Request) {
        if self == Self::Visitors {
            return;
        }
        let kept: Vec<String> = request
            .headers()
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(Cookie::split_parse)
            .filter_map(Result::ok)
            .filter(|c| ![COOKIE_NAME, HTTPS_COOKIE_NAME].contains(&c.name()))
            .map(|c| format!("{}={}", c.name(), c.value()))
            .collect();
        let headers = request.headers_mut();
        headers.remove(header::COOKIE);
        if let Ok(value) = HeaderValue::from_str(&kept.join("; "))
            && !kept.is_empty()
        {
            headers.insert(header::COOKIE, value);
        }
        request
            .extensions_mut()
            .insert(app::viewer::DrawnForMembers);
    }
}

#[cfg(test)]
mod tests {
    use axum::body::Body;

    use super::*;

    fn with_cookie(cookie: &str) -> Request {
        Request::builder()
            .uri("/e/rust-summit")
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .expect("a request")
    }

    #[test]
    fn a_signed_in_visitor_shares_only_when_the_browser_runs_the_islands() {
        let secret = "a".repeat(64);
        let session = format!("convene_session={secret}");
        assert_eq!(
            Audience::of(&with_cookie("convene_theme=dark")),
            Some(Audience::Visitors)
        );
        assert_eq!(Audience::of(&with_cookie(&session)), None);
        let islands = format!("{session}; convene_islands=1");
        assert_eq!(
            Audience::of(&with_cookie(&islands)),
            Some(Audience::Members)
        );
        let https = format!("__Host-convene_session={secret}; convene_islands=1");
        assert_eq!(Audience::of(&with_cookie(&https)), Some(Audience::Members));
    }

    #[test]
    fn the_members_page_is_drawn_without_the_session() {
        let secret = "b".repeat(64);
        let mut request = with_cookie(&format!(
            "convene_theme=dark; convene_session={secret}; __Host-convene_session={secret}; convene_islands=1"
        ));
        Audience::Members.prepare(&mut request);
        let cookies = request
            .headers()
            .get(header::COOKIE)
            .expect("other cookies kept");
        assert_eq!(cookies, "convene_theme=dark; convene_islands=1");
        assert!(!session::carries_session(request.headers()));
        assert!(
            request
                .extensions()
                .get::<app::viewer::DrawnForMembers>()
                .is_some()
        );

        let mut alone = with_cookie(&format!("convene_session={secret}"));
        Audience::Members.prepare(&mut alone);
        assert!(alone.headers().get(header::COOKIE).is_none());
    }
}
