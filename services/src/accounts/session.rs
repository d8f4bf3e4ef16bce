//! Who is making a request: the session cookie is resolved once per request by a middleware,
//! and the web layer reads the result from the request (see [`super::exchange`]).

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderValue;
use axum::http::header::{COOKIE, SET_COOKIE, USER_AGENT};
use axum::middleware::Next;
use axum::response::Response;
use cookie::{Cookie, SameSite};

use domain::error::AppError;
use domain::{PlatformRole, UserId};

use super::exchange::Exchange;
use super::tokens;
use crate::db::{self, sessions};
use crate::{Config, Services};

/// The session cookie's name over plain HTTP (development, tests).
pub const COOKIE_NAME: &str = "convene_session";
/// Its name over HTTPS: browsers accept a `__Host-` cookie only when it is `Secure`, for the
/// whole site and without a `Domain`, so no sibling subdomain or plain-HTTP page can plant
/// or overwrite it.
pub const HTTPS_COOKIE_NAME: &str = "__Host-convene_session";

/// The session cookie's name under `config`.
pub fn cookie_name(config: &Config) -> &'static str {
    if config.is_https() {
        HTTPS_COOKIE_NAME
    } else {
        COOKIE_NAME
    }
}

/// A session's last use is written at most this often, so reading pages costs no write.
const TOUCH_INTERVAL_SECS: i64 = 60;

/// Who is asking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// Nobody signed in.
    Anonymous,
    /// A signed-in, active account.
    User(SignedIn),
}

/// A signed-in account and the session it uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    /// The account.
    pub user_id: UserId,
    /// The session, so it can be told apart from the account's others.
    pub session_id: i64,
    /// Whether the account is a platform admin.
    pub platform_role: PlatformRole,
}

impl Actor {
    /// The signed-in account, or `Unauthenticated`.
    pub fn signed_in(&self) -> Result<&SignedIn, AppError> {
        match self {
            Self::User(user) => Ok(user),
            Self::Anonymous => Err(AppError::Unauthenticated),
        }
    }
}

/// Where a request comes from, for sessions, throttling and the audit log.
#[derive(Clone, Debug)]
pub struct Client {
    /// The peer's address.
    pub ip: IpAddr,
    /// The browser's User-Agent, cut to 200 characters.
    pub user_agent: String,
}

/// Middleware: resolves the session cookie into an [`Actor`] and records the [`Client`],
/// both as request extensions. A cookie that no longer names a live session (expired,
/// ended elsewhere, account deactivated) is removed from the browser.
pub async fn resolve(State(state): State<Services>, mut request: Request, next: Next) -> Response {
    // Static files and probes never depend on who asks: no database query for them.
    let path = request.uri().path();
    if ["/pkg/", "/assets/", "/healthz", "/readyz"]
        .iter()
        .any(|p| path.starts_with(p))
    {
        return next.run(request).await;
    }
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::from([127, 0, 0, 1]), |c| c.0.ip());
    let ip = state
        .config
        .trusted_proxies
        .client_of(peer, request.headers());
    let user_agent = request
        .headers()
        .get(USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .chars()
        .take(200)
        .collect();
    let client = Client { ip, user_agent };
    let secret = session_secret(
        request.headers().get_all(COOKIE).iter(),
        cookie_name(&state.config),
    );
    let (actor, stale_cookie) = match &secret {
        None => (Actor::Anonymous, false),
        Some(secret) => match lookup(&state, secret, &client).await {
            Ok(Some(user)) => (Actor::User(user), false),
            Ok(None) => (Actor::Anonymous, true),
            // A database hiccup signs nobody out: the page renders as anonymous this once.
            Err(_) => (Actor::Anonymous, false),
        },
    };
    request.extensions_mut().insert(actor);
    request.extensions_mut().insert(client);
    let mut response = next.run(request).await;
    let session_prefix = format!("{}=", cookie_name(&state.config));
    let signs_in = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.starts_with(&session_prefix)));
    if stale_cookie && !signs_in {
        // The next page that asks to log in says why (see `take_flash`).
        let ended = super::flash::flash_cookie(
            &state.config,
            super::flash::SESSION_ENDED_FLASH,
            "1",
            cookie::time::Duration::minutes(5),
        );
        for cookie in [removal_cookie(&state.config), ended] {
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().append(SET_COOKIE, value);
            }
        }
    }
    response
}

async fn lookup(
    state: &Services,
    secret: &str,
    client: &Client,
) -> Result<Option<SignedIn>, AppError> {
    let now = db::now();
    let idle = state.config.session_idle.as_secs() as i64;
    let row = sessions::find_live(&state.db, &tokens::digest(secret), now, idle)
        .await
        .map_err(|e| AppError::database("cannot look up a session", e))?;
    let Some(row) = row else { return Ok(None) };
    if now - row.last_seen_at >= TOUCH_INTERVAL_SECS {
        sessions::touch(&state.db, row.id, &client.ip.to_string(), now)
            .await
            .map_err(|e| AppError::database("cannot record a session's use", e))?;
    }
    Ok(Some(SignedIn {
        user_id: row.user_id,
        session_id: row.id,
        platform_role: PlatformRole::from_db(&row.platform_role),
    }))
}

/// Whether the request carries a session cookie at all (valid or not): pages for such a
/// request may be personal, so they are neither served from nor stored in a shared cache.
/// Either name counts: a page is personal whenever it might be.
pub fn carries_session(headers: &axum::http::HeaderMap) -> bool {
    [COOKIE_NAME, HTTPS_COOKIE_NAME]
        .iter()
        .any(|name| session_secret(headers.get_all(COOKIE).iter(), name).is_some())
}

fn session_secret<'a>(
    headers: impl Iterator<Item = &'a HeaderValue>,
    name: &str,
) -> Option<String> {
    cookie_value(headers, name)
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The value of the cookie `name` among the `Cookie` headers.
pub(super) fn cookie_value<'a>(
    headers: impl Iterator<Item = &'a HeaderValue>,
    name: &str,
) -> Option<String> {
    headers
        .filter_map(|h| h.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// The `Set-Cookie` value that carries a new session's secret.
pub fn session_cookie(config: &Config, secret: &str) -> String {
    Cookie::build((cookie_name(config), secret.to_owned()))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(config.is_https())
        .path("/")
        .max_age(cookie::time::Duration::seconds(
            config.session_max_age.as_secs() as i64,
        ))
        .build()
        .to_string()
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn removal_cookie(config: &Config) -> String {
    Cookie::build((cookie_name(config), ""))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(config.is_https())
        .path("/")
        .max_age(cookie::time::Duration::ZERO)
        .build()
        .to_string()
}

/// Signs `user` in on this browser: a new session with a new secret (any session the
/// browser had before is ended, so a planted cookie is worthless after login).
pub async fn start(state: &Services, http: &Exchange, user: UserId) -> Result<(), AppError> {
    let client = http.client()?;
    if let Actor::User(previous) = http.actor() {
        sessions::delete(&state.db, previous.user_id, previous.session_id)
            .await
            .map_err(|e| AppError::database("cannot end the previous session", e))?;
    }
    let secret = tokens::new_secret();
    let now = db::now();
    let new = sessions::NewSession {
        token_hash: &tokens::digest(&secret),
        user_id: user,
        user_agent: &client.user_agent,
        ip: &client.ip.to_string(),
        expires_at: now + state.config.session_max_age.as_secs() as i64,
    };
    sessions::insert(&state.db, &new, now)
        .await
        .map_err(|e| AppError::database("cannot store a session", e))?;
    http.set_header(SET_COOKIE, &session_cookie(&state.config, &secret))
}

/// Signs this browser out.
pub async fn end(state: &Services, http: &Exchange) -> Result<(), AppError> {
    if let Actor::User(user) = http.actor() {
        sessions::delete(&state.db, user.user_id, user.session_id)
            .await
            .map_err(|e| AppError::database("cannot end a session", e))?;
    }
    http.set_header(SET_COOKIE, &removal_cookie(&state.config))
}

/// "Firefox on Linux" from a User-Agent header, for the session list.
pub fn describe_device(user_agent: &str) -> String {
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
    ]
    .iter()
    .find(|(marker, _)| user_agent.contains(marker))
    .map(|(_, name)| *name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(marker, _)| user_agent.contains(marker))
    .map(|(_, name)| *name);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} on {s}"),
        (Some(b), None) => b.to_owned(),
        (None, Some(s)) => format!("A browser on {s}"),
        (None, None) => "Unknown device".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_are_named_from_the_user_agent() {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert_eq!(describe_device(firefox), "Firefox on Linux");
        let chrome_mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
        assert_eq!(describe_device(chrome_mac), "Chrome on macOS");
        assert_eq!(describe_device(""), "Unknown device");
    }

    #[test]
    fn only_a_well_formed_session_cookie_is_read() {
        let good = "a".repeat(64);
        let header =
            HeaderValue::from_str(&format!("theme=dark; {COOKIE_NAME}={good}")).expect("ascii");
        assert_eq!(
            session_secret([&header].into_iter(), COOKIE_NAME),
            Some(good.clone())
        );
        let bad = HeaderValue::from_static("convene_session=../../etc");
        assert_eq!(session_secret([&bad].into_iter(), COOKIE_NAME), None);
        // Over HTTPS only the `__Host-` cookie counts: a plain one may have been planted.
        assert_eq!(
            session_secret([&header].into_iter(), HTTPS_COOKIE_NAME),
            None
        );
    }

    #[test]
    fn over_https_the_cookie_is_host_only_and_secure() {
        let config =
            Config::from_pairs([("base_url", "https://events.example.org")]).expect("valid");
        let cookie = session_cookie(&config, &"b".repeat(64));
        assert!(cookie.starts_with("__Host-convene_session="), "{cookie}");
        assert!(
            cookie.contains("Secure") && cookie.contains("Path=/"),
            "{cookie}"
        );
        assert!(!cookie.contains("Domain"), "{cookie}");
        let plain = Config::from_pairs([("base_url", "http://127.0.0.1:3000")]).expect("valid");
        assert!(session_cookie(&plain, "x").starts_with("convene_session="));
    }
}
