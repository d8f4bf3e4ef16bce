//! The generated stylesheet, compiled into the binary and served under a content-hashed
//! name with a year-long cache lifetime.

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

/// The CSS that `app/build.rs` generated.
pub const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/convene.css"));

/// Routes serving the stylesheet at [`crate::STYLESHEET_HREF`].
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new().route(crate::STYLESHEET_HREF, get(stylesheet))
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        STYLESHEET,
    )
}
