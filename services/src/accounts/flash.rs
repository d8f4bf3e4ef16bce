//! Flash cookies: a value handed to the page the browser is sent to next, without putting it
//! in the address, where history, logs and `Referer` headers would keep it.

use axum::http::header::SET_COOKIE;
use cookie::{Cookie, SameSite};

use domain::error::AppError;

use crate::Config;

use super::exchange::Exchange;

/// Hands `value` to the page the browser is sent to next without putting it in the address,
/// where history, logs and `Referer` headers would keep it: an HttpOnly cookie that page
/// reads once ([`take_flash`]).
pub fn set_flash(
    config: &Config,
    http: &Exchange,
    name: &str,
    value: &str,
) -> Result<(), AppError> {
    let cookie = flash_cookie(config, name, value, cookie::time::Duration::minutes(5));
    http.set_header(SET_COOKIE, &cookie)
}

/// Takes what [`set_flash`] left under `name`, and removes it from the browser.
pub fn take_flash(
    config: &Config,
    http: &Exchange,
    name: &str,
) -> Result<Option<String>, AppError> {
    let value = http.cookie(name);
    if value.is_some() {
        let removal = flash_cookie(config, name, "", cookie::time::Duration::ZERO);
        http.set_header(SET_COOKIE, &removal)?;
    }
    Ok(value)
}

pub(super) fn flash_cookie(
    config: &Config,
    name: &str,
    value: &str,
    max_age: cookie::time::Duration,
) -> String {
    Cookie::build((name.to_owned(), value.to_owned()))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(config.is_https())
        .path("/")
        .max_age(max_age)
        .build()
        .to_string()
}

/// The flash cookie left when a browser came with a session that no longer exists: it
/// expired, or was ended from another device or by an administrator.
pub const SESSION_ENDED_FLASH: &str = "convene_session_ended";

/// Whether this browser's session just ended without it signing out (read once).
pub fn session_just_ended(config: &Config, http: &Exchange) -> bool {
    take_flash(config, http, SESSION_ENDED_FLASH)
        .ok()
        .flatten()
        .is_some()
}
