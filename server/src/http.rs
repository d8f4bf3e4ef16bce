//! The axum router: the Leptos pages and server functions, static files, probes, and the
//! layers every request passes through.

use crate::page_cache::PageCache;
use crate::state::AppState;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use domain::error::AppError;
use http_body_util::Limited;
use leptos::prelude::LeptosOptions;
use leptos::prelude::provide_context;
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;
use leptos_axum::{
    AxumRouteListing, LeptosRoutes, file_and_error_handler_with_context, generate_route_list,
};
use services::accounts::session;
use std::sync::{Arc, LazyLock};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Builds the complete application router over `state`.
pub fn router(state: AppState) -> Router {
    // Generated once per process: generating renders the app in a special mode, which
    // must not overlap with another router of the same process serving pages (tests run
    // many applications in one process).
    static ROUTES: LazyLock<Vec<AxumRouteListing>> = LazyLock::new(|| generate_route_list(App));
    let routes = ROUTES.clone();
    let context = {
        let services = state.services.clone();
        move || {
            provide_context(services.clone());
            crate::content_policy::provide_nonce();
        }
    };
    let page_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let config = state.services.config.clone();
    let page_cache = Arc::new(PageCache::new(
        state.services.db.clone(),
        config.page_cache_bytes,
    ));
    Router::new()
        .merge(crate::health::routes())
        .merge(app::assets::routes())
        .merge(crate::public_files::routes())
        .merge(crate::exports::routes())
        .merge(crate::uploads::routes(&state.services))
        .merge(crate::feed::routes())
        .merge(crate::mail_links::routes())
        .leptos_routes_with_context(&state, routes, context.clone(), page_shell)
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
        .layer(middleware::from_fn_with_state(
            state.leptos_options.clone(),
            cache_headers,
        ))
        .layer(middleware::from_fn_with_state(
            state.services.clone(),
            session::resolve,
        ))
        .layer(middleware::from_fn_with_state(
            state.services.clone(),
            crate::csrf::reject_cross_site,
        ))
        .layer(middleware::from_fn(server_fn_error_status))
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(request_span)
                        // One line per request at the default level: status and latency.
                        .on_response(DefaultOnResponse::new().level(Level::INFO)),
                )
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("strict-origin-when-cross-origin"),
                ))
                // No page is meant to be framed by another site (clickjacking).
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::X_FRAME_OPTIONS,
                    HeaderValue::from_static("DENY"),
                ))
                // No page uses these; a script injected despite everything gets none of them.
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::HeaderName::from_static("permissions-policy"),
                    HeaderValue::from_static(PERMISSIONS_POLICY),
                ))
                // Over HTTPS, browsers never again try the site over plain HTTP, where a
                // network attacker could read or replace it.
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::STRICT_TRANSPORT_SECURITY,
                    config
                        .is_https()
                        .then(|| HeaderValue::from_static("max-age=31536000")),
                ))
                .layer(CatchPanicLayer::custom(panic_response))
                // Outside the page cache: the page a refused form returns to is rendered with
                // its error, never answered from the cache.
                .layer(middleware::from_fn_with_state(
                    crate::form_errors::Https(config.is_https()),
                    crate::form_errors::carry,
                ))
                // Outside the compression, so pages are kept compressed as sent.
                .layer(middleware::from_fn_with_state(
                    page_cache,
                    crate::page_cache::serve,
                ))
                .layer(CompressionLayer::new().br(true).gzip(true))
                // Inside the compression, which it reads past, and the page cache, which
                // keeps a page's policy with it.
                .layer(middleware::from_fn(crate::content_policy::enforce))
                .layer(middleware::from_fn_with_state(
                    config.body_limit_bytes,
                    refuse_announced_oversize,
                ))
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::SERVICE_UNAVAILABLE,
                    config.request_timeout,
                )),
        )
        .with_state(state)
}

/// The most of a refused body read before answering, so the client receives the 413.
const LINGER_BYTES: usize = 1024 * 1024;

/// Refuses a body whose announced length is over its route's limit with 413, after reading
/// (and dropping) up to [`LINGER_BYTES`] of it: a server that answers and closes while the
/// client is still sending makes the client's kernel see a reset instead of the answer. An
/// image upload over its limit is sent back to its form instead, with the reason. Bodies
/// without a length are cut off as they stream (413 from the extractor that reads them).
async fn refuse_announced_oversize(
    axum::extract::State(limit): axum::extract::State<usize>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let upload = crate::uploads::oversized(path);
    let limit = if upload.is_some() {
        crate::uploads::UPLOAD_BODY_LIMIT
    } else {
        limit
    };
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    match announced {
        Some(length) if length > limit => {
            if length <= limit + LINGER_BYTES {
                let _ = axum::body::to_bytes(request.into_body(), limit + LINGER_BYTES).await;
            }
            upload.unwrap_or_else(|| AppError::TooLarge.into_response())
        }
        // A body without an announced length is cut off at the limit as it streams.
        _ => {
            next.run(request.map(|body| Body::new(Limited::new(body, limit))))
                .await
        }
    }
}

/// The span of one request: method and path (never the query string, which may carry
/// personal data), tagged with the request id.
fn request_span(request: &Request<Body>) -> tracing::Span {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    // A private calendar address, the links of campaign messages (whose tokens unsubscribe
    // their recipient) and the unguessable codes that open a ticket, an order or a waitlist
    // offer are secrets: only their prefix is logged.
    let path = request.uri().path();
    let secret = ["/tickets/", "/orders/", "/waitlist/"]
        .into_iter()
        .find(|prefix| path.starts_with(prefix));
    let path = if path.starts_with("/agenda/") {
        "/agenda/…"
    } else if let Some(prefix) = secret {
        prefix
    } else if path.starts_with("/m/") {
        path.get(..5).unwrap_or("/m/")
    } else {
        path
    };
    tracing::info_span!(
        "request",
        http.method = %request.method(),
        http.path = %path,
        request.id = %request_id,
    )
}

/// What the `Permissions-Policy` header turns off for every page.
const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

/// Pages about one person (their account, the workspace and console, their tickets, waitlist
/// offers and exports, every server function's answer): never kept by the browser or anything between.
const PERSONAL_PREFIXES: &[&str] = &[
    "/account",
    "/admin",
    "/manage",
    "/tickets/",
    "/orders/",
    "/waitlist/",
    "/exports",
    "/api/",
];

/// Files whose name carries a content hash never change, so browsers may keep them for a
/// year; personal pages are not stored at all; everything else is revalidated (and kept
/// out of shared caches when a signed-in person asked).
async fn cache_headers(
    axum::extract::State(options): axum::extract::State<LeptosOptions>,
    request: Request,
    next: Next,
) -> Response {
    let pkg_dir: &str = &options.site_pkg_dir;
    let hashed = options.hash_files
        && request
            .uri()
            .path()
            .strip_prefix('/')
            .and_then(|path| path.strip_prefix(pkg_dir))
            .is_some_and(|rest| rest.starts_with('/'));
    let personal = PERSONAL_PREFIXES
        .iter()
        .any(|p| request.uri().path().starts_with(p));
    let signed_in = session::carries_session(request.headers());
    let mut response = next.run(request).await;
    if hashed && response.status().is_success() {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    } else if personal {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    } else if !response.headers().contains_key(header::CACHE_CONTROL) {
        let value = if signed_in {
            "private, no-cache"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// Server functions answer every error with 500, even a refused argument. Their error body
/// is an [`AppError`]: answer with its own status (400, 404, 413, 503…) instead, for every
/// server function in one place, including failures before the function body runs.
async fn server_fn_error_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    // A form posted without JavaScript is redirected back to its page with its error (see
    // `form_errors`): that redirect must stay one.
    if !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
        || response.status().is_redirection()
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Error bodies are a few hundred bytes; anything larger is left as it is.
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Internal.to_string(),
        )
            .into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status_code()).unwrap_or(parts.status);
        if let Some(secs) = error.retry_after_secs() {
            parts.headers.insert(header::RETRY_AFTER, secs.into());
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A panic in a handler becomes a plain 500; its message is logged, never sent.
fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = message, "a request handler panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        AppError::Internal.to_string(),
    )
        .into_response()
}
