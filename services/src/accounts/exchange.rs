//! The HTTP exchange a service call is part of, as far as the services see it: the request's
//! [`Actor`] and [`Client`] (recorded by the [`resolve`](super::session::resolve)
//! middleware), its cookies, and the headers to add to the response. The web layer builds it
//! (the server functions and pages of crate `app` from the Leptos context) and passes it to
//! the few services that read or set cookies: signing in and out, flash messages.

use std::fmt;
use std::sync::Arc;

use axum::http::header::COOKIE;
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue};

use domain::error::AppError;

use super::session::{Actor, Client, cookie_value};

/// The response being prepared, as the web layer holds it: the services add headers to it
/// (`Set-Cookie`) while the body is still being produced elsewhere.
pub trait ResponseHeaders: Send + Sync {
    /// Adds `value` under `name`, after any value already there.
    fn append(&self, name: HeaderName, value: HeaderValue);
}

/// One request and the response to it.
#[derive(Clone)]
pub struct Exchange {
    request: Parts,
    response: Arc<dyn ResponseHeaders>,
}

impl fmt::Debug for Exchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Exchange")
            .field("request", &self.request)
            .finish_non_exhaustive()
    }
}

impl Exchange {
    /// The exchange of `request` (its head, after the session middleware ran), whose
    /// response takes headers through `response`.
    pub fn new(request: Parts, response: Arc<dyn ResponseHeaders>) -> Self {
        Self { request, response }
    }

    /// Who sent the request.
    pub fn actor(&self) -> Actor {
        actor_of(&self.request)
    }

    /// Where the request comes from.
    pub fn client(&self) -> Result<&Client, AppError> {
        client_of(&self.request)
    }

    /// The value of the request's cookie `name`.
    pub fn cookie(&self, name: &str) -> Option<String> {
        cookie_value(self.request.headers.get_all(COOKIE).iter(), name)
    }

    /// Tells the browser to forget its cookie `name` (one set for the whole site).
    pub fn remove_cookie(&self, name: &str) -> Result<(), AppError> {
        let mut removal = cookie::Cookie::build((name.to_owned(), ""))
            .path("/")
            .same_site(cookie::SameSite::Lax)
            .build();
        removal.make_removal();
        self.set_header(axum::http::header::SET_COOKIE, &removal.to_string())
    }

    /// Adds a header to the response.
    pub fn set_header(&self, name: HeaderName, value: &str) -> Result<(), AppError> {
        let value = HeaderValue::from_str(value)
            .map_err(|e| AppError::internal("invalid response header", e))?;
        self.response.append(name, value);
        Ok(())
    }
}

/// Who sent `request`: what the session middleware recorded, anonymous without it.
pub fn actor_of(request: &Parts) -> Actor {
    request
        .extensions
        .get::<Actor>()
        .cloned()
        .unwrap_or(Actor::Anonymous)
}

/// Where `request` comes from, as the session middleware recorded it.
pub fn client_of(request: &Parts) -> Result<&Client, AppError> {
    request.extensions.get::<Client>().ok_or_else(|| {
        AppError::internal("client missing from request", anyhow::anyhow!("no Client"))
    })
}

#[cfg(test)]
mod tests {
    use std::net::IpAddr;
    use std::sync::Mutex;

    use axum::http::Request;
    use axum::http::header::SET_COOKIE;

    use super::*;

    #[derive(Default)]
    struct Recorded(Mutex<Vec<(HeaderName, HeaderValue)>>);

    impl ResponseHeaders for Recorded {
        fn append(&self, name: HeaderName, value: HeaderValue) {
            self.0.lock().expect("not poisoned").push((name, value));
        }
    }

    fn exchange(cookie: &str, client: Option<Client>) -> (Exchange, Arc<Recorded>) {
        let (mut request, ()) = Request::builder()
            .header(COOKIE, cookie)
            .body(())
            .expect("a request")
            .into_parts();
        if let Some(client) = client {
            request.extensions.insert(client);
        }
        let response = Arc::new(Recorded::default());
        (Exchange::new(request, response.clone()), response)
    }

    #[test]
    fn the_request_is_read_and_headers_reach_the_response() {
        let client = Client {
            ip: IpAddr::from([192, 0, 2, 7]),
            user_agent: "curl/8".into(),
        };
        let (http, response) = exchange("theme=dark; flash=hello", Some(client));
        assert_eq!(http.actor(), Actor::Anonymous);
        assert_eq!(http.client().expect("recorded").user_agent, "curl/8");
        assert_eq!(http.cookie("flash").as_deref(), Some("hello"));
        assert_eq!(http.cookie("other"), None);
        http.set_header(SET_COOKIE, "flash=; Max-Age=0")
            .expect("a valid header");
        let recorded = response.0.lock().expect("not poisoned");
        assert_eq!(recorded.len(), 1);
        assert_eq!(recorded[0].1, "flash=; Max-Age=0");
        drop(recorded);
        http.remove_cookie("theme").expect("a valid header");
        let recorded = response.0.lock().expect("not poisoned");
        let removal = recorded[1].1.to_str().expect("ascii");
        assert!(removal.starts_with("theme=;"), "{removal}");
        assert!(
            removal.contains("Max-Age=0") && removal.contains("Path=/"),
            "{removal}"
        );
    }

    #[test]
    fn a_request_the_middleware_did_not_see_has_no_client() {
        let (http, _) = exchange("", None);
        assert_eq!(http.client().expect_err("no client"), AppError::Internal);
        assert!(http.set_header(SET_COOKIE, "bad\nvalue").is_err());
    }
}
