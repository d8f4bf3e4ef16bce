//! Cross-site request forgery: a state-changing request (anything but GET, HEAD and
//! OPTIONS) is refused when the browser says it comes from another site.
//!
//! Browsers send `Sec-Fetch-Site` with every request; older ones at least send `Origin` with
//! every POST. A request with neither is not from a browser (curl, the test suite), so no
//! cookie of a victim rides along with it and it is let through. Together with
//! `SameSite=Lax` session cookies this closes the classic forgery paths without tokens in
//! every form.

use app::error::AppError;
use app::server::AppState;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The middleware.
pub async fn reject_cross_site(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if is_cross_site(&request, &state.config.base_url) {
        tracing::warn!(method = %request.method(), "refused a cross-site request");
        return (StatusCode::FORBIDDEN, AppError::Forbidden.to_string()).into_response();
    }
    next.run(request).await
}

fn is_cross_site(request: &Request, base_url: &str) -> bool {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return false;
    }
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    match (header("sec-fetch-site"), header("origin")) {
        (Some(site), _) => site == "cross-site",
        (None, Some(origin)) => origin != origin_of(base_url),
        (None, None) => false,
    }
}

/// `https://host:port` without a path.
fn origin_of(base_url: &str) -> &str {
    let after_scheme = base_url.find("://").map_or(0, |i| i + 3);
    match base_url[after_scheme..].find('/') {
        Some(slash) => &base_url[..after_scheme + slash],
        None => base_url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: Method, headers: &[(&str, &str)]) -> Request {
        let mut builder = Request::builder().method(method).uri("/api/log_out");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(axum::body::Body::empty()).expect("a request")
    }

    const BASE: &str = "https://events.example.org";

    #[test]
    fn cross_site_posts_are_refused_by_fetch_metadata_or_origin() {
        assert!(is_cross_site(
            &request(Method::POST, &[("sec-fetch-site", "cross-site")]),
            BASE
        ));
        assert!(is_cross_site(
            &request(Method::POST, &[("origin", "https://evil.example")]),
            BASE
        ));
        assert!(is_cross_site(
            &request(Method::DELETE, &[("origin", "http://events.example.org")]),
            BASE
        ));
    }

    #[test]
    fn same_origin_reads_and_non_browser_requests_pass() {
        assert!(!is_cross_site(
            &request(Method::POST, &[("sec-fetch-site", "same-origin")]),
            BASE
        ));
        assert!(!is_cross_site(
            &request(Method::POST, &[("origin", BASE)]),
            BASE
        ));
        assert!(!is_cross_site(
            &request(Method::GET, &[("sec-fetch-site", "cross-site")]),
            BASE
        ));
        assert!(!is_cross_site(&request(Method::POST, &[]), BASE));
        assert_eq!(
            origin_of("https://a.example:8443/sub/path"),
            "https://a.example:8443"
        );
    }
}
