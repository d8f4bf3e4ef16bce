//! Logging in and the sessions it opens: one answer and one password verification for every
//! failed login, a secure cookie on HTTPS, a new session at every login, the account's list of
//! sessions and ending them, and idle or expired sessions that sign nobody in.

use std::sync::atomic::Ordering;

use app::api::accounts::{EndSession, GetAccountOverview, GetCurrentUser, LogOut, LogOutElsewhere};
use domain::PlatformRole;
use domain::error::AppError;

use crate::fixtures::{PASSWORD, given_user, log_in, logged_in};
use crate::helpers::{TestApp, set_cookies};

fn set_cookie(response: &reqwest::Response) -> String {
    let mut cookies = set_cookies(response, "convene_session=").into_iter();
    cookies.next().expect("a session cookie")
}

#[tokio::test]
async fn every_failed_login_says_the_same_and_costs_one_verification() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let browser = app.browser();
    let verifications = || app.state.password_verifications.load(Ordering::Relaxed);
    let mut answers = Vec::new();
    for (email, password) in [
        ("ann@example.org", "wrong password!"),
        ("nobody@example.org", PASSWORD),
        ("not an address", PASSWORD),
    ] {
        let before = verifications();
        let refused = browser
            .run(log_in(email, password))
            .await
            .expect_err("the login is refused");
        assert!(matches!(refused, AppError::Invalid { .. }), "{refused:?}");
        answers.push(refused.field_message("password").map(str::to_owned));
        assert_eq!(verifications() - before, 1, "{email}");
    }
    assert!(
        answers
            .iter()
            .all(|a| a.as_deref() == Some("email or password is wrong")),
        "{answers:?}"
    );

    let before = verifications();
    browser
        .run(log_in("ANN@example.org", PASSWORD))
        .await
        .expect("logged in");
    assert_eq!(
        verifications() - before,
        1,
        "a successful login costs one verification too"
    );
    assert!(browser.current_user().await.is_some());
}

#[tokio::test]
async fn the_session_cookie_is_secure_when_the_site_is_https() {
    let app = TestApp::spawn_with(&[("base_url", "https://events.example.org")]).await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    // Browsers reach such a site at its public address, and say so.
    let response = app
        .browser()
        .client
        .post(format!("{}/api/log_in", app.address))
        .header("origin", "https://events.example.org")
        .form(&[("email", "ann@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status(), 200);
    let mut cookies = set_cookies(&response, "__Host-convene_session=").into_iter();
    let cookie = cookies.next().expect("a host-only session cookie");
    assert!(cookie.contains("Secure"), "{cookie}");
    assert!(!cookie.contains("Domain"), "{cookie}");
    let headers = app.get("/").await;
    assert_eq!(
        headers
            .headers()
            .get("strict-transport-security")
            .and_then(|v| v.to_str().ok()),
        Some("max-age=31536000")
    );
}

#[tokio::test]
async fn logging_in_again_replaces_the_session_and_logging_out_ends_it() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let browser = app.browser();
    let first = set_cookie(&browser.answer(log_in("ann@example.org", PASSWORD)).await);
    let second = set_cookie(&browser.answer(log_in("ann@example.org", PASSWORD)).await);
    assert_ne!(first, second, "a new session id at every login");
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(app.db().pool())
        .await
        .expect("counted");
    assert_eq!(sessions, 1, "the browser's previous session ended");

    // The old cookie, replayed by someone who copied it, signs nobody in.
    let replay = app
        .client
        .post(format!("{}/api/get_current_user", app.address))
        .header("cookie", first.split(';').next().expect("name=value"))
        .send()
        .await
        .expect("sent");
    assert_eq!(replay.text().await.expect("body"), "null");

    browser.run(LogOut {}).await.expect("logged out");
    assert_eq!(browser.current_user().await, None);
}

#[tokio::test]
async fn the_account_page_lists_sessions_and_can_end_the_others() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let laptop = logged_in(&app, "ann@example.org").await;
    let phone = logged_in(&app, "ann@example.org").await;
    let tablet = logged_in(&app, "ann@example.org").await;
    let overview = laptop
        .run(GetAccountOverview {})
        .await
        .expect("the account overview");
    assert_eq!(overview.sessions.len(), 3);
    assert!(overview.sessions[0].current);
    assert_eq!(overview.sessions[0].device, "Firefox on Linux");
    assert_eq!(overview.sessions[0].ip, "127.0.0.1");

    // End one other session by id, then all the others.
    let phone_id = overview.sessions[1].id;
    laptop
        .run(EndSession { id: phone_id })
        .await
        .expect("the session ended");
    let ended: Vec<bool> = [phone.current_user().await, tablet.current_user().await]
        .iter()
        .map(Option::is_none)
        .collect();
    assert_eq!(ended.iter().filter(|e| **e).count(), 1);
    laptop
        .run(LogOutElsewhere {})
        .await
        .expect("the other sessions ended");
    assert!(tablet.current_user().await.is_none());
    assert!(phone.current_user().await.is_none());
    assert!(laptop.current_user().await.is_some());
}

#[tokio::test]
async fn nobody_can_end_another_accounts_session() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    given_user(&app, "bob@example.org", PlatformRole::None).await;
    let ann = logged_in(&app, "ann@example.org").await;
    let bob = logged_in(&app, "bob@example.org").await;
    let bobs = bob
        .run(GetAccountOverview {})
        .await
        .expect("the account overview");
    let end = EndSession {
        id: bobs.sessions[0].id,
    };
    assert_eq!(
        ann.run(end.clone()).await,
        Err(AppError::NotFound("session".into()))
    );
    assert!(bob.current_user().await.is_some());
    assert_eq!(app.browser().run(end).await, Err(AppError::Unauthenticated));
}

#[tokio::test]
async fn idle_and_expired_sessions_sign_nobody_in_and_their_cookie_is_removed() {
    let app = TestApp::spawn_with(&[("session_idle_hours", "1")]).await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let idle = logged_in(&app, "ann@example.org").await;
    let old = logged_in(&app, "ann@example.org").await;
    let now = services::db::now();
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM sessions ORDER BY id")
        .fetch_all(app.db().pool())
        .await
        .expect("ids");
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
        .bind(now - 2 * 3600)
        .bind(ids[0])
        .execute(app.db().pool())
        .await
        .expect("aged");
    sqlx::query("UPDATE sessions SET expires_at = $1 WHERE id = $2")
        .bind(now - 1)
        .bind(ids[1])
        .execute(app.db().pool())
        .await
        .expect("expired");
    for browser in [&idle, &old] {
        let response = browser.answer(GetCurrentUser {}).await;
        let removal = set_cookie(&response);
        assert!(removal.contains("Max-Age=0"), "{removal}");
        assert_eq!(response.text().await.expect("body"), "null");
    }
}
