//! Keeps refused forms out of addresses. A form posted without JavaScript that its server
//! function refuses is redirected back to its page with the error, and what was typed, in
//! the query (`__path` and `__err`, Leptos' progressive enhancement). An address is kept by
//! history, logs and `Referer` headers, and anyone can craft one: so the error travels in a
//! short-lived HttpOnly cookie instead, and only the page the redirect leads to reads it.
//!
//! The pages keep reading `__err` from their request as Leptos intends: this layer puts it
//! there from the cookie, on the server only, and drops any `__err` a link brought along.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, Uri, header};
use axum::middleware::Next;
use axum::response::Response;
use cookie::{Cookie, SameSite};
use leptos::server_fn::error::ServerFnUrlError;

use domain::error::AppError;

const ERROR_PARAM: &str = "__err";
const PATH_PARAM: &str = "__path";
/// How long a refused form's error waits for its page.
const LIFETIME_SECS: i64 = 300;
/// Room for one piece: a browser keeps a cookie of 4,096 bytes with its name.
const PIECE_BYTES: usize = 3_800;
/// At most this many pieces (a long text kept while its title was refused); a bigger error
/// is carried without what was typed.
const MAX_PIECES: usize = 12;

/// Whether the site is served over HTTPS, which decides the cookie's name and flags.
#[derive(Clone, Copy, Debug)]
pub struct Https(pub bool);

impl Https {
    /// The cookie holding piece `index` of the error: over HTTPS `__Host-`, so no sibling
    /// subdomain or plain-HTTP page can plant one.
    fn name(self, index: usize) -> String {
        let prefix = if self.0 { "__Host-" } else { "" };
        format!("{prefix}convene_form_error_{index}")
    }

    fn cookie(self, index: usize, value: &str, max_age: i64) -> HeaderValue {
        let cookie = Cookie::build((self.name(index), value.to_owned()))
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(self.0)
            .path("/")
            .max_age(cookie::time::Duration::seconds(max_age))
            .build();
        HeaderValue::from_str(&cookie.to_string()).expect("base64 and cookie flags are ASCII")
    }
}

/// Middleware: moves a refused form's error from the redirect into a cookie, and back into
/// the request of the page it leads to.
pub async fn carry(State(https): State<Https>, mut request: Request, next: Next) -> Response {
    let carried = if request.method() == Method::GET {
        carried_error(https, &request)
    } else {
        None
    };
    let leading_to_form = query_has(request.uri(), PATH_PARAM);
    let error_for_page = carried.as_deref().filter(|_| leading_to_form);
    if let Some(uri) = with_error(request.uri(), error_for_page) {
        *request.uri_mut() = uri;
    }
    let mut response = next.run(request).await;
    if error_for_page.is_some() {
        // Read once: a reload shows the empty form, not the old error.
        for index in 0..MAX_PIECES {
            let removal = https.cookie(index, "", 0);
            response.headers_mut().append(header::SET_COOKIE, removal);
        }
    }
    move_error_to_cookie(https, &mut response);
    response
}

/// The error the cookie carries, pieced together.
fn carried_error(https: Https, request: &Request) -> Option<String> {
    let cookies: Vec<Cookie<'_>> = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .collect();
    let mut error = String::new();
    for index in 0..MAX_PIECES {
        let name = https.name(index);
        match cookies.iter().find(|c| c.name() == name) {
            Some(piece) if !piece.value().is_empty() => error.push_str(piece.value()),
            _ => break,
        }
    }
    (!error.is_empty()).then_some(error)
}

fn query_has(uri: &Uri, name: &str) -> bool {
    form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes()).any(|(k, _)| k == name)
}

/// `uri` without any `__err`, and with `error` when there is one; `None` when unchanged.
fn with_error(uri: &Uri, error: Option<&str>) -> Option<Uri> {
    if error.is_none() && !query_has(uri, ERROR_PARAM) {
        return None;
    }
    let query = uri.query().unwrap_or_default();
    let mut kept = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if key != ERROR_PARAM {
            kept.append_pair(&key, &value);
        }
    }
    if let Some(error) = error {
        kept.append_pair(ERROR_PARAM, error);
    }
    format!("{}?{}", uri.path(), kept.finish()).parse().ok()
}

/// A redirect back to a form with the error in its `Location`: the error goes into cookies
/// and out of the address.
fn move_error_to_cookie(https: Https, response: &mut Response<Body>) {
    if !response.status().is_redirection() {
        return;
    }
    let Some(location) = response
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .map(str::to_owned)
    else {
        return;
    };
    let (target, query) = location.split_once('?').unwrap_or((&location, ""));
    let (query, fragment) = query.split_once('#').unwrap_or((query, ""));
    let mut error = None;
    let mut kept = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if key == ERROR_PARAM {
            error = Some(value.into_owned());
        } else {
            kept.append_pair(&key, &value);
        }
    }
    let Some(error) = error else {
        return;
    };
    let error = fitting(error);
    let kept = kept.finish();
    let mut location = target.to_owned();
    if !kept.is_empty() {
        location = format!("{location}?{kept}");
    }
    if !fragment.is_empty() {
        location = format!("{location}#{fragment}");
    }
    let headers = response.headers_mut();
    let Ok(location) = HeaderValue::from_str(&location) else {
        return;
    };
    headers.insert(header::LOCATION, location);
    let pieces: Vec<&str> = error
        .as_bytes()
        .chunks(PIECE_BYTES)
        .map(|piece| std::str::from_utf8(piece).expect("base64 is ASCII"))
        .collect();
    for index in 0..MAX_PIECES {
        let cookie = match pieces.get(index) {
            Some(piece) => https.cookie(index, piece, LIFETIME_SECS),
            // A longer error sent before must not leave its tail behind.
            None => https.cookie(index, "", 0),
        };
        headers.append(header::SET_COOKIE, cookie);
    }
}

/// The error as it fits the cookies: without what was typed when that is too long.
fn fitting(encoded: String) -> String {
    if encoded.len() <= PIECE_BYTES * MAX_PIECES {
        return encoded;
    }
    let error = ServerFnUrlError::<AppError>::decode_err(&encoded).without_kept();
    tracing::warn!(
        bytes = encoded.len(),
        "a refused form's values are too long to keep; only its messages are shown again"
    );
    ServerFnUrlError::new("", error)
        .to_url("http://convene.invalid/")
        .ok()
        .and_then(|url| {
            url.query_pairs()
                .find(|(k, _)| k == ERROR_PARAM)
                .map(|(_, v)| v.into_owned())
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_in_a_link_is_dropped_and_a_carried_one_put_in_its_place() {
        let uri: Uri = "/login?__path=%2Fapi%2Flog_in&__err=Zm9v&next=%2Fa"
            .parse()
            .expect("a URI");
        let dropped = with_error(&uri, None).expect("changed");
        assert_eq!(
            dropped.to_string(),
            "/login?__path=%2Fapi%2Flog_in&next=%2Fa"
        );
        let carried = with_error(&dropped, Some("YmFy")).expect("changed");
        assert_eq!(
            carried.to_string(),
            "/login?__path=%2Fapi%2Flog_in&next=%2Fa&__err=YmFy"
        );
        assert!(with_error(&"/login?next=%2Fa".parse().expect("a URI"), None).is_none());
    }

    #[test]
    fn a_redirect_with_an_error_loses_it_to_cookies_in_pieces() {
        let long = "A".repeat(PIECE_BYTES + 10);
        let mut response = Response::builder()
            .status(302)
            .header(
                header::LOCATION,
                format!("http://h/signup?x=1&__path=%2Fapi%2Fsign_up&__err={long}#compose"),
            )
            .body(Body::empty())
            .expect("a response");
        move_error_to_cookie(Https(true), &mut response);
        assert_eq!(
            response.headers()[header::LOCATION],
            "http://h/signup?x=1&__path=%2Fapi%2Fsign_up#compose"
        );
        let cookies: Vec<&str> = response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|c| c.to_str().expect("ASCII"))
            .collect();
        assert_eq!(cookies.len(), MAX_PIECES);
        assert!(cookies[0].starts_with("__Host-convene_form_error_0=AAAA"));
        assert!(cookies[1].starts_with("__Host-convene_form_error_1=AAAAAAAAAA;"));
        assert!(cookies[2].starts_with("__Host-convene_form_error_2=;"));
        assert!(
            cookies
                .iter()
                .all(|c| c.contains("HttpOnly") && c.contains("Secure"))
        );
    }

    #[test]
    fn an_error_too_long_for_its_cookies_keeps_its_messages_only() {
        let typed = "x".repeat(PIECE_BYTES * MAX_PIECES);
        let error = AppError::invalid("title", "enter a title").keeping(&[("body", &typed)]);
        let url = ServerFnUrlError::new("/api/x", error)
            .to_url("http://h/")
            .expect("a URL");
        let (_, encoded) = url
            .query_pairs()
            .find(|(k, _)| k == ERROR_PARAM)
            .expect("an error in the URL");
        let fitted = fitting(encoded.into_owned());
        assert!(fitted.len() < PIECE_BYTES);
        let back = ServerFnUrlError::<AppError>::decode_err(&fitted);
        assert_eq!(back.field_message("title"), Some("enter a title"));
        assert_eq!(back.kept("body"), None);
    }
}
