//! Sign-up, verification, login, sessions, password and address changes, deletion.

use std::sync::atomic::Ordering;

use app::domain::{AccountOverview, PlatformRole};
use app::error::AppError;

use crate::fixtures::{PASSWORD, given_user, logged_in};
use crate::helpers::{TestApp, app_error, link_token};

const NEW_PASSWORD: &str = "orange piano lantern";

fn set_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("convene_session="))
        .expect("a session cookie")
        .to_owned()
}

#[tokio::test]
async fn an_unconfirmed_account_gets_a_single_use_verification_link() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    sqlx::query("UPDATE users SET email_verified_at = NULL")
        .execute(app.db().pool())
        .await
        .expect("unconfirmed");
    let browser = logged_in(&app, "ann@example.org").await;
    assert!(
        !browser
            .current_user()
            .await
            .expect("signed in")
            .email_verified
    );
    browser.ok("resend_verification", &[]).await;
    let mail = app
        .last_mail_to("ann@example.org")
        .expect("a verification mail");
    assert!(
        mail.contains("Subject: Confirm your email address"),
        "{mail}"
    );
    let token = link_token(&mail, "/verify-email");
    // Any browser may follow the link, signed in or not.
    let stranger = app.browser();
    stranger.ok("verify_email", &[("token", &token)]).await;
    assert!(
        browser
            .current_user()
            .await
            .expect("signed in")
            .email_verified
    );
    let again = stranger.call("verify_email", &[("token", &token)]).await;
    assert!(matches!(app_error(again, 409).await, AppError::Conflict(_)));
    let confirmed = browser.call("resend_verification", &[]).await;
    assert!(matches!(
        app_error(confirmed, 409).await,
        AppError::Conflict(_)
    ));
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
        let response = browser
            .call("log_in", &[("email", email), ("password", password)])
            .await;
        answers.push(
            app_error(response, 400)
                .await
                .field_message("password")
                .map(str::to_owned),
        );
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
        .ok(
            "log_in",
            &[("email", "ANN@example.org"), ("password", PASSWORD)],
        )
        .await;
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
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("__Host-convene_session="))
        .expect("a host-only session cookie")
        .to_owned();
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
    let first = set_cookie(
        &browser
            .ok(
                "log_in",
                &[("email", "ann@example.org"), ("password", PASSWORD)],
            )
            .await,
    );
    let second = set_cookie(
        &browser
            .ok(
                "log_in",
                &[("email", "ann@example.org"), ("password", PASSWORD)],
            )
            .await,
    );
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

    browser.ok("log_out", &[]).await;
    assert_eq!(browser.current_user().await, None);
}

#[tokio::test]
async fn the_account_page_lists_sessions_and_can_end_the_others() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let laptop = logged_in(&app, "ann@example.org").await;
    let phone = logged_in(&app, "ann@example.org").await;
    let tablet = logged_in(&app, "ann@example.org").await;
    let overview: AccountOverview = laptop
        .ok("get_account_overview", &[])
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(overview.sessions.len(), 3);
    assert!(overview.sessions[0].current);
    assert_eq!(overview.sessions[0].device, "Firefox on Linux");
    assert_eq!(overview.sessions[0].ip, "127.0.0.1");

    // End one other session by id, then all the others.
    let phone_id = overview.sessions[1].id.to_string();
    laptop.ok("end_session", &[("id", &phone_id)]).await;
    let ended: Vec<bool> = [phone.current_user().await, tablet.current_user().await]
        .iter()
        .map(Option::is_none)
        .collect();
    assert_eq!(ended.iter().filter(|e| **e).count(), 1);
    laptop.ok("log_out_elsewhere", &[]).await;
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
    let bobs: AccountOverview = bob
        .ok("get_account_overview", &[])
        .await
        .json()
        .await
        .expect("json");
    let id = bobs.sessions[0].id.to_string();
    let response = ann.call("end_session", &[("id", &id)]).await;
    assert_eq!(
        app_error(response, 404).await,
        AppError::NotFound("session".into())
    );
    assert!(bob.current_user().await.is_some());
    let anonymous = app.browser().call("end_session", &[("id", &id)]).await;
    assert_eq!(app_error(anonymous, 401).await, AppError::Unauthenticated);
}

#[tokio::test]
async fn idle_and_expired_sessions_sign_nobody_in_and_their_cookie_is_removed() {
    let app = TestApp::spawn_with(&[("session_idle_hours", "1")]).await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let idle = logged_in(&app, "ann@example.org").await;
    let old = logged_in(&app, "ann@example.org").await;
    let now = app::server::db::now();
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
        let response = browser.call("get_current_user", &[]).await;
        let removal = set_cookie(&response);
        assert!(removal.contains("Max-Age=0"), "{removal}");
        assert_eq!(response.text().await.expect("body"), "null");
    }
}

#[tokio::test]
async fn a_password_reset_link_works_once_and_signs_out_everywhere() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let other_device = logged_in(&app, "ann@example.org").await;
    let browser = app.browser();
    // An unknown address gets the same answer and no mail.
    browser
        .ok("request_password_reset", &[("email", "nobody@example.org")])
        .await;
    assert_eq!(app.mail_count(), 0);
    browser
        .ok("request_password_reset", &[("email", "Ann@example.org")])
        .await;
    let token = link_token(
        &app.last_mail_to("ann@example.org").expect("a reset mail"),
        "/reset-password",
    );

    let weak = browser
        .call(
            "reset_password",
            &[("token", &token), ("password", "short")],
        )
        .await;
    assert!(
        app_error(weak, 400)
            .await
            .field_message("password")
            .is_some()
    );
    browser
        .ok(
            "reset_password",
            &[("token", &token), ("password", NEW_PASSWORD)],
        )
        .await;
    assert!(
        browser.current_user().await.is_some(),
        "signed in by the reset"
    );
    assert!(
        other_device.current_user().await.is_none(),
        "other devices signed out"
    );
    let reused = app
        .browser()
        .call(
            "reset_password",
            &[("token", &token), ("password", "another fine password")],
        )
        .await;
    assert!(matches!(
        app_error(reused, 409).await,
        AppError::Conflict(_)
    ));
    let old = app
        .browser()
        .call(
            "log_in",
            &[("email", "ann@example.org"), ("password", PASSWORD)],
        )
        .await;
    app_error(old, 400).await;
    app.browser()
        .ok(
            "log_in",
            &[("email", "ann@example.org"), ("password", NEW_PASSWORD)],
        )
        .await;
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let browser = logged_in(&app, "ann@example.org").await;
    let other = logged_in(&app, "ann@example.org").await;
    let wrong = browser
        .call(
            "change_password",
            &[
                ("current_password", "not it at all"),
                ("new_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        app_error(wrong, 400)
            .await
            .field_message("current_password"),
        Some("that is not your current password")
    );
    browser
        .ok(
            "change_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", NEW_PASSWORD),
            ],
        )
        .await;
    assert!(browser.current_user().await.is_some());
    assert!(other.current_user().await.is_none());
}

#[tokio::test]
async fn a_new_address_is_used_once_its_link_is_followed() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    given_user(&app, "taken@example.org", PlatformRole::None).await;
    let browser = logged_in(&app, "ann@example.org").await;
    let taken = browser
        .call(
            "request_email_change",
            &[("new_email", "bad"), ("current_password", PASSWORD)],
        )
        .await;
    assert_eq!(app_error(taken, 400).await.kept("new_email"), Some("bad"));
    browser
        .ok(
            "request_email_change",
            &[
                ("new_email", "ann@new.example"),
                ("current_password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        browser.current_user().await.expect("in").email,
        "ann@example.org",
        "unchanged until confirmed"
    );
    let token = link_token(
        &app.last_mail_to("ann@new.example")
            .expect("mail to the new address"),
        "/confirm-email",
    );
    browser
        .ok("confirm_email_change", &[("token", &token)])
        .await;
    assert_eq!(
        browser.current_user().await.expect("in").email,
        "ann@new.example"
    );
    app.browser()
        .ok(
            "log_in",
            &[("email", "ann@new.example"), ("password", PASSWORD)],
        )
        .await;
}

#[tokio::test]
async fn deleting_an_account_anonymizes_it_and_keeps_its_audit_trail() {
    let app = TestApp::spawn().await;
    let id = given_user(&app, "ann@example.org", PlatformRole::None).await;
    let browser = logged_in(&app, "ann@example.org").await;
    let wrong = browser
        .call("delete_account", &[("current_password", "not it at all")])
        .await;
    app_error(wrong, 400).await;
    browser
        .ok("delete_account", &[("current_password", PASSWORD)])
        .await;
    assert!(browser.current_user().await.is_none());
    let (email, name, status): (String, String, String) =
        sqlx::query_as("SELECT email, display_name, status FROM users WHERE id = $1")
            .bind(id)
            .fetch_one(app.db().pool())
            .await
            .expect("the row stays");
    assert!(!email.contains("ann"), "{email}");
    assert_eq!(
        (name.as_str(), status.as_str()),
        ("Deleted user", "deleted")
    );
    let login = app
        .browser()
        .call(
            "log_in",
            &[("email", "ann@example.org"), ("password", PASSWORD)],
        )
        .await;
    app_error(login, 400).await;
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(app.db().pool())
            .await
            .expect("audit");
    // The later failed login names no account: the address no longer belongs to anyone.
    // The erasure from organizations' contacts is recorded too (none here).
    assert_eq!(
        actions,
        ["login.succeeded", "account.deleted", "contacts.erased"].map(String::from)
    );
    // The address is free again.
    app.browser()
        .ok(
            "sign_up",
            &[
                ("email", "ann@example.org"),
                ("display_name", "Ann"),
                ("password", PASSWORD),
            ],
        )
        .await;
}

#[tokio::test]
async fn the_audit_log_cannot_be_edited() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    logged_in(&app, "ann@example.org").await;
    let update = sqlx::query("UPDATE audit_log SET action = 'nothing'")
        .execute(app.db().pool())
        .await;
    assert!(update.is_err(), "updates are refused");
    let delete = sqlx::query("DELETE FROM audit_log")
        .execute(app.db().pool())
        .await;
    assert!(delete.is_err(), "deletes are refused");
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_server_functions_do_not_answer_get() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let browser = logged_in(&app, "ann@example.org").await;
    let url = format!("{}/api/log_out", app.address);
    let forged = browser
        .client
        .post(&url)
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .expect("sent");
    assert_eq!(forged.status(), 403);
    let forged = browser
        .client
        .post(&url)
        .header("origin", "https://evil.example")
        .send()
        .await
        .expect("sent");
    assert_eq!(forged.status(), 403);
    // A sibling subdomain is another site: its forms carry our cookies but not our origin.
    let forged = browser
        .client
        .post(&url)
        .header("sec-fetch-site", "same-site")
        .send()
        .await
        .expect("sent");
    assert_eq!(forged.status(), 403);
    // With no proof of origin at all (no fetch metadata, Origin or Referer): refused.
    let bare = reqwest::Client::new()
        .post(&url)
        .send()
        .await
        .expect("sent");
    assert_eq!(bare.status(), 403);
    let by_get = browser.get("/api/log_out").await;
    assert!(
        !by_get.status().is_success(),
        "GET answered {}",
        by_get.status()
    );
    assert!(browser.current_user().await.is_some(), "still signed in");
    let same_site = browser
        .client
        .post(&url)
        .header("sec-fetch-site", "same-origin")
        .header("origin", &app.address)
        .send()
        .await
        .expect("sent");
    assert!(same_site.status().is_success());
    assert!(browser.current_user().await.is_none());
}

#[tokio::test]
async fn without_javascript_a_refused_form_comes_back_with_its_errors_and_values() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let response = browser
        .post_form(
            "sign_up",
            "/signup",
            &[
                ("email", "ann@example"),
                ("display_name", "Ann <3"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(location.contains("/signup?"), "{location}");
    let page = browser
        .client
        .get(&location)
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("enter an address like name@example.org"),
        "the email error is shown"
    );
    assert!(
        page.contains("use at least 10 characters"),
        "the password error is shown"
    );
    assert!(
        page.contains(r#"value="ann@example""#),
        "the address is kept"
    );
    assert!(
        page.contains(r#"value="Ann &lt;3""#),
        "the name is kept, escaped"
    );

    // A successful login without JavaScript redirects to `next`, never off the site.
    given_user(&app, "bob@example.org", PlatformRole::None).await;
    let response = browser
        .post_form(
            "log_in",
            "/login",
            &[
                ("email", "bob@example.org"),
                ("password", PASSWORD),
                ("next", "//evil.example"),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()["location"], "/account");
}

#[tokio::test]
async fn account_pages_render_for_their_audience() {
    let app = TestApp::spawn().await;
    let anonymous = app.browser().get("/account").await;
    assert_eq!(anonymous.status(), 401);
    assert!(
        anonymous
            .text()
            .await
            .expect("html")
            .contains("Please log in")
    );
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let ann = logged_in(&app, "ann@example.org").await;
    let page = ann.get("/account").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(html.contains("ann@example.org"));
    assert!(html.contains("This device"));
    assert!(
        !html.contains("Log out everywhere else"),
        "no other session to end"
    );
    for path in [
        "/signup",
        "/login",
        "/logout",
        "/forgot-password",
        "/reset-password?token=x",
        "/verify-email?token=x",
    ] {
        assert_eq!(app.get(path).await.status(), 200, "{path}");
    }
}
