//! Starting the application for a test, and typed helpers to fill and query it.

mod application;
mod browser;
mod database;
mod mail;

pub use application::TestApp;
pub use browser::{Browser, same_origin};
pub use database::{TestDatabase, backend};
pub use mail::link_token;

/// Parses `ics` with a real iCalendar parser and checks what RFC 5545 requires of the
/// calendar itself: exactly one `VERSION:2.0` and one `PRODID`. Returns its events' UIDs.
pub fn assert_valid_calendar(ics: &str) -> Vec<String> {
    let unfolded = icalendar::parser::unfold(ics);
    let calendar = icalendar::parser::read_calendar(&unfolded)
        .unwrap_or_else(|e| panic!("not a valid calendar ({e}): {ics}"));
    let count = |name: &str| {
        calendar
            .properties
            .iter()
            .filter(|p| p.name.as_str() == name)
            .count()
    };
    assert_eq!(count("PRODID"), 1, "one PRODID: {ics}");
    assert_eq!(count("VERSION"), 1, "one VERSION: {ics}");
    calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .filter_map(|c| c.find_prop("UID").map(|p| p.val.to_string()))
        .collect()
}

/// The `Set-Cookie` values of `response` that start with `prefix` (a cookie's `name=`, or the
/// start of a family of names).
pub fn set_cookies(response: &reqwest::Response, prefix: &str) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter(|v| v.starts_with(prefix))
        .map(str::to_owned)
        .collect()
}

/// Asserts that a server function answered `status` with an [`AppError`] body, and returns it.
pub async fn app_error(response: reqwest::Response, status: u16) -> domain::error::AppError {
    assert_eq!(response.status(), status);
    response.json().await.expect("an AppError body")
}

/// The `convene` binary built for these tests, with none of the test run's own `CONVENE_*`
/// variables, so each test states the configuration it means.
pub fn convene_command() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_convene"));
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("CONVENE_")) {
        command.env_remove(key);
    }
    command
}
