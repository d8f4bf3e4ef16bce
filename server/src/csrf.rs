//! Cross-site request forgery: a state-changing request (anything but GET, HEAD and
//! OPTIONS) must show that it comes from one of Convene's own pages.
//!
//! - Browsers send `Sec-Fetch-Site` with every request: only `same-origin` (one of our pages)
//!   and `none` (typed or bookmarked by the person) pass. `same-site` is refused: a sibling
//!   subdomain is another site's code, and cookies ride along with its requests.
//! - Without `Sec-Fetch-Site` (older browsers, scripts), `Origin`, or failing that `Referer`,
//!   must be the base URL's origin. A request with neither is refused.
//! - The one exception is the RFC 8058 one-click unsubscribe (`POST /m/u/{token}`): mail
//!   providers send it with no browser headers at all, and the token in its path is the only
//!   authority it carries (no cookie is consulted), so a forged one can do nothing its
//!   holder could not.
//!
//! Together with `SameSite=Lax` session cookies this closes the forgery paths without a
//! token in every form.

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::error::AppError;
use services::Services;

/// Paths whose POST needs no proof of origin (see the module documentation).
const TOKEN_ONLY_PREFIXES: &[&str] = &["/m/u/"];

/// The middleware.
pub async fn reject_cross_site(
    State(state): State<Services>,
    request: Request,
    next: Next,
) -> Response {
    if !is_from_our_pages(&request, &state.config.base_url) {
        tracing::warn!(method = %request.method(), "refused a request without proof of origin");
        return (StatusCode::FORBIDDEN, AppError::Forbidden.to_string()).into_response();
    }
    next.run(request).await
}

fn is_from_our_pages(request: &Request, base_url: &str) -> bool {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return true;
    }
    let path = request.uri().path();
    if TOKEN_ONLY_PREFIXES.iter().any(|p| path.starts_with(p)) {
        return true;
    }
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    let ours = origin_of(base_url);
    match (
        header("sec-fetch-site"),
        header("origin"),
        header("referer"),
    ) {
        (Some(site), _, _) => site == "same-origin" || site == "none",
        (None, Some(origin), _) => origin == ours,
        (None, None, Some(referer)) => origin_of(referer) == ours,
        (None, None, None) => false,
    }
}

/// `https://host:port` without a path.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find(['/', '?', '#']) {
        Some(end) => &url[..after_scheme + end],
        None => url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: Method, path: &str, headers: &[(&str, &str)]) -> Request {
        let mut builder = Request::builder().method(method).uri(path);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(axum::body::Body::empty()).expect("a request")
    }

    const BASE: &str = "https://events.example.org";

    fn passes(method: Method, headers: &[(&str, &str)]) -> bool {
        is_from_our_pages(&request(method, "/api/log_out", headers), BASE)
    }

    #[test]
    fn posts_from_other_sites_and_sibling_subdomains_are_refused() {
        assert!(!passes(Method::POST, &[("sec-fetch-site", "cross-site")]));
        assert!(!passes(Method::POST, &[("sec-fetch-site", "same-site")]));
        // Fetch metadata wins over a matching Origin: a sibling can't claim ours.
        assert!(!passes(
            Method::POST,
            &[("sec-fetch-site", "same-site"), ("origin", BASE)]
        ));
        assert!(!passes(Method::POST, &[("origin", "https://evil.example")]));
        assert!(!passes(
            Method::DELETE,
            &[("origin", "http://events.example.org")]
        ));
        assert!(!passes(
            Method::POST,
            &[("origin", "https://shop.events.example.org")]
        ));
        assert!(!passes(
            Method::POST,
            &[("referer", "https://events.example.org.evil.example/x")]
        ));
    }

    #[test]
    fn a_post_with_no_proof_of_origin_is_refused() {
        assert!(!passes(Method::POST, &[]));
        assert!(!passes(Method::PUT, &[]));
    }

    #[test]
    fn our_own_pages_typed_addresses_and_reads_pass() {
        assert!(passes(Method::POST, &[("sec-fetch-site", "same-origin")]));
        assert!(passes(Method::POST, &[("sec-fetch-site", "none")]));
        assert!(passes(Method::POST, &[("origin", BASE)]));
        assert!(passes(
            Method::POST,
            &[("referer", "https://events.example.org/login?x=1")]
        ));
        assert!(passes(Method::GET, &[("sec-fetch-site", "cross-site")]));
        assert!(passes(Method::GET, &[]));
    }

    #[test]
    fn one_click_unsubscribe_needs_no_browser_headers() {
        let one_click = request(Method::POST, "/m/u/abc.def", &[]);
        assert!(is_from_our_pages(&one_click, BASE));
    }

    #[test]
    fn an_origin_is_scheme_host_and_port() {
        assert_eq!(
            origin_of("https://a.example:8443/sub/path"),
            "https://a.example:8443"
        );
        assert_eq!(origin_of("https://a.example?q"), "https://a.example");
        assert_eq!(origin_of("https://a.example"), "https://a.example");
    }
}
