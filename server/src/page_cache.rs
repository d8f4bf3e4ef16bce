//! Rendered public event pages, kept in memory for visitors and for signed-in members whose
//! browser runs the islands (see [`audience`]).
//!
//! An event's page, schedule, session and speaker pages and calendars are the same for every
//! such reader, until something they show changes. That is what the event's
//! `content_version` counts (database triggers bump it, migration 0004). Each request reads the
//! version (one indexed query) and looks for a page of that version, so an instance never
//! serves a page older than the data, even when another instance made the change. Pages are
//! also kept per minute, because the schedule marks the sessions on "now" and "next" and
//! agenda times are whole minutes. A missing page is rendered once while other requests for
//! it wait.
//!
//! Entries are stored compressed as sent (one per encoding), bounded by a memory budget, and
//! answered with a strong `ETag` so browsers revalidate with `If-None-Match` and get `304`.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use quick_cache::Weighter;
use quick_cache::sync::Cache;
use services::db::{self, Db, events};
use sha2::{Digest, Sha256};

use self::audience::Audience;

mod audience;

/// Tells tests and operators whether an answer came from the cache.
pub const CACHE_STATUS: &str = "x-cache";

/// The cache of one process.
pub struct PageCache {
    db: Db,
    enabled: bool,
    pages: Cache<String, Arc<Page>, PageWeight>,
}

/// One rendered answer, as sent.
struct Page {
    status: StatusCode,
    etag: HeaderValue,
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Clone)]
struct PageWeight;

impl Weighter<String, Arc<Page>> for PageWeight {
    fn weight(&self, key: &String, page: &Arc<Page>) -> u64 {
        // Headers and bookkeeping: a few hundred bytes.
        (key.len() + page.body.len() + 512) as u64
    }
}

impl PageCache {
    /// A cache holding at most `bytes` of pages.
    pub fn new(db: Db, bytes: u64) -> Self {
        // Rough number of entries, for the cache's own sizing: pages of about 16 KB.
        let estimated = (bytes / 16_384).clamp(16, 1 << 20) as usize;
        Self {
            db,
            enabled: bytes > 0,
            pages: Cache::with_weighter(estimated, bytes, PageWeight),
        }
    }
}

/// Middleware: answers a shared `GET` of an event's public page from the cache, or renders it
/// and keeps the answer. Everything else passes through untouched.
pub async fn serve(
    State(cache): State<Arc<PageCache>>,
    mut request: Request,
    next: Next,
) -> Response {
    let Some((slug, audience)) = cacheable_event(&request).filter(|_| cache.enabled) else {
        return next.run(request).await;
    };
    let version = match events::content_version(&cache.db, &slug).await {
        Ok(Some(version)) => version,
        // Unknown or unpublished: whatever the page says (404), it is not kept.
        Ok(None) => return next.run(request).await,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read an event's content version; page rendered");
            return next.run(request).await;
        }
    };
    let encoding = Encoding::preferred(request.headers());
    // The renderer below compresses for exactly the encoding the key names.
    match encoding.token() {
        Some(token) => request
            .headers_mut()
            .insert(header::ACCEPT_ENCODING, HeaderValue::from_static(token)),
        None => request.headers_mut().remove(header::ACCEPT_ENCODING),
    };
    // The version and the minute are part of the key: an entry is never stale, older ones are
    // simply no longer asked for and make room for others. The theme the visitor picked is
    // written into the page's `<html>`, so it is part of the key too.
    let theme = request
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(app::chosen_theme)
        .unwrap_or("system");
    let key = format!(
        "{}|{}|{theme}|{version}|{}|{}",
        audience.key(),
        encoding.token().unwrap_or("identity"),
        db::now().div_euclid(60),
        request.uri().path_and_query().map_or("", |p| p.as_str())
    );
    let revalidating = request.headers().get(header::IF_NONE_MATCH).cloned();

    // One request renders a missing page; those arriving meanwhile wait for it rather than
    // render it again (at the start of every minute, and after every change, a busy page
    // would otherwise be rendered by every connection at once).
    let guard = match cache.pages.get_value_or_guard_async(&key).await {
        Ok(page) => return answer(&page, revalidating.as_ref(), "hit"),
        Err(guard) => guard,
    };
    audience.prepare(&mut request);
    let response = next.run(request).await;
    // Not found is as shareable as found (an unknown session of a published event); errors
    // are not kept, and the next request waiting renders again.
    let shareable = matches!(response.status(), StatusCode::OK | StatusCode::NOT_FOUND)
        && !response.headers().contains_key(header::SET_COOKIE);
    if !shareable {
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(e) => {
            tracing::error!(error = %e, "rendering a public page failed mid-way");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let digest = Sha256::digest(&body);
    let etag = HeaderValue::from_str(&format!("\"{}\"", hex::encode(&digest[..12])))
        .expect("hex digits and quotes are a valid header value");
    let page = Arc::new(Page {
        status: parts.status,
        etag,
        headers: parts.headers,
        body,
    });
    let _ = guard.insert(page.clone());
    answer(&page, revalidating.as_ref(), "miss")
}

/// The slug of the event whose public page or calendar `request` asks for, and who shares the
/// answer, when it may be shared: a `GET` from a visitor or a member (see [`Audience`]),
/// other than the page a refused form returns to (its error is for one person).
fn cacheable_event(request: &Request) -> Option<(String, Audience)> {
    if request.method() != Method::GET || carries_form_error(request) {
        return None;
    }
    let audience = Audience::of(request)?;
    let rest = request.uri().path().strip_prefix("/e/")?;
    let (slug, page) = rest.split_once('/').unwrap_or((rest, ""));
    let segments: Vec<&str> = if page.is_empty() {
        Vec::new()
    } else {
        page.split('/').collect()
    };
    let shared = match segments.as_slice() {
        [] | ["schedule"] | ["speakers"] | ["calendar.ics"] => true,
        ["sessions", id] | ["speakers", id] => is_id(id),
        ["sessions", id, "calendar.ics"] => is_id(id),
        _ => false,
    };
    (shared && !slug.is_empty()).then(|| (slug.to_owned(), audience))
}

/// Whether the query names a refused form's error (`__err`, put there by `form_errors`).
fn carries_form_error(request: &Request) -> bool {
    form_urlencoded::parse(request.uri().query().unwrap_or_default().as_bytes())
        .any(|(name, _)| name == "__err")
}

fn is_id(segment: &str) -> bool {
    !segment.is_empty() && segment.len() <= 19 && segment.bytes().all(|b| b.is_ascii_digit())
}

fn answer(page: &Page, revalidating: Option<&HeaderValue>, status: &'static str) -> Response {
    let fresh = page.status == StatusCode::OK;
    let mut response = if fresh && revalidating.is_some_and(|tags| matches(tags, &page.etag)) {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        for name in [header::CACHE_CONTROL, header::VARY] {
            if let Some(value) = page.headers.get(&name) {
                response.headers_mut().insert(name, value.clone());
            }
        }
        response
    } else {
        let mut response = Response::new(Body::from(page.body.clone()));
        *response.status_mut() = page.status;
        *response.headers_mut() = page.headers.clone();
        response
    };
    let headers = response.headers_mut();
    headers.insert(header::ETAG, page.etag.clone());
    // The same address is personal for a signed-in visitor without the islands.
    headers.append(header::VARY, HeaderValue::from_static("cookie"));
    headers.insert(CACHE_STATUS, HeaderValue::from_static(status));
    response
}

/// `If-None-Match` against our tag (weak comparison, as RFC 9110 asks for this header).
fn matches(tags: &HeaderValue, etag: &HeaderValue) -> bool {
    let Ok(tags) = tags.to_str() else {
        return false;
    };
    let ours = etag.to_str().unwrap_or_default();
    tags.split(',')
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == "*" || tag == ours)
}

/// The content encodings a page is kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// Brotli when the client takes it, then gzip, then none.
    fn preferred(headers: &HeaderMap) -> Self {
        let accepted: Vec<String> = headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|item| {
                let mut parts = item.split(';');
                let name = parts.next()?.trim().to_ascii_lowercase();
                let refused = parts.any(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.trim().parse::<f32>().ok())
                        .is_some_and(|q| q <= 0.0)
                });
                (!refused).then_some(name)
            })
            .collect();
        let takes = |name: &str| accepted.iter().any(|a| a == name || a == "*");
        if takes("br") {
            Self::Brotli
        } else if takes("gzip") {
            Self::Gzip
        } else {
            Self::Identity
        }
    }

    fn token(self) -> Option<&'static str> {
        match self {
            Self::Brotli => Some("br"),
            Self::Gzip => Some("gzip"),
            Self::Identity => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(uri: &str, cookie: Option<&str>) -> Request {
        let mut builder = Request::builder().method(Method::GET).uri(uri);
        if let Some(cookie) = cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        builder.body(Body::empty()).expect("a request")
    }

    #[test]
    fn only_anonymous_gets_of_public_event_pages_are_shared() {
        for uri in [
            "/e/rust-summit",
            "/e/rust-summit/schedule?q=rust&track=2",
            "/e/rust-summit/sessions/12",
            "/e/rust-summit/sessions/12/calendar.ics",
            "/e/rust-summit/speakers",
            "/e/rust-summit/speakers/7",
            "/e/rust-summit/calendar.ics",
        ] {
            assert_eq!(
                cacheable_event(&get(uri, None)),
                Some(("rust-summit".to_owned(), Audience::Visitors)),
                "{uri}"
            );
        }
        for uri in [
            "/e/",
            "/e/rust-summit/feed",
            "/e/rust-summit/sessions/x",
            "/e/rust-summit/sessions/12/other",
            "/e/rust-summit?__path=%2Fapi%2Fjoin_event&__err=x",
            "/manage/acme",
            "/account",
        ] {
            assert_eq!(cacheable_event(&get(uri, None)), None, "{uri}");
        }
        let secret = "a".repeat(64);
        let signed_in = get("/e/rust-summit", Some(&format!("convene_session={secret}")));
        assert_eq!(cacheable_event(&signed_in), None);
        let member = get(
            "/e/rust-summit/schedule",
            Some(&format!("convene_session={secret}; convene_islands=1")),
        );
        assert_eq!(
            cacheable_event(&member),
            Some(("rust-summit".to_owned(), Audience::Members))
        );
        let mut post = get("/e/rust-summit", None);
        *post.method_mut() = Method::POST;
        assert_eq!(cacheable_event(&post), None);
    }

    #[test]
    fn the_encoding_follows_accept_encoding_and_its_refusals() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(
                header::ACCEPT_ENCODING,
                HeaderValue::from_str(value).expect("a header"),
            );
            Encoding::preferred(&headers)
        };
        assert_eq!(with("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(with("gzip"), Encoding::Gzip);
        assert_eq!(with("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(with("identity"), Encoding::Identity);
        assert_eq!(Encoding::preferred(&HeaderMap::new()), Encoding::Identity);
    }

    #[test]
    fn if_none_match_compares_tags_weakly() {
        let ours = HeaderValue::from_static("\"abc\"");
        let tags = |v: &'static str| HeaderValue::from_static(v);
        assert!(matches(&tags("\"abc\""), &ours));
        assert!(matches(&tags("\"x\", W/\"abc\""), &ours));
        assert!(matches(&tags("*"), &ours));
        assert!(!matches(&tags("\"abd\""), &ours));
    }
}
