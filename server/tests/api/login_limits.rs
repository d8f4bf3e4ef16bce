//! What bounds password guessing, and what must never lock honest people out: the lock of
//! one account, failures counted per client address (never successes), and client addresses
//! read through a real reverse proxy.

use std::net::IpAddr;
use std::sync::atomic::Ordering;

use domain::error::AppError;
use domain::{NewPassword, PlatformRole};
use futures_util::StreamExt as _;
use services::accounts::login::LOGIN_FAILED;
use services::accounts::password;
use services::db::{self, users};

use crate::fixtures::{PASSWORD, given_user, log_in};
use crate::helpers::{TestApp, app_error};
use crate::reverse_proxy::{app_behind_proxy, browser_from};

fn login<'a>(email: &'a str, password: &'a str) -> [(&'a str, &'a str); 2] {
    [("email", email), ("password", password)]
}

#[tokio::test]
async fn a_locked_account_answers_exactly_like_a_wrong_password_and_unlocks_afresh() {
    let app = TestApp::spawn_with(&[
        ("login_lockout_failures", "3"),
        ("login_lockout_minutes", "15"),
    ])
    .await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let browser = app.browser();
    let refused = |email: &'static str, password: &'static str| {
        let browser = &browser;
        async move {
            let error = browser
                .run(log_in(email, password))
                .await
                .expect_err("the login is refused");
            assert!(matches!(error, AppError::Invalid { .. }), "{error:?}");
            error
        }
    };
    for _ in 0..3 {
        refused("ann@example.org", "wrong password!").await;
    }
    let before = app.state.password_verifications.load(Ordering::SeqCst);
    let locked = refused("ann@example.org", PASSWORD).await;
    let unknown = refused("nobody@example.org", PASSWORD).await;
    assert_eq!(locked.field_message("password"), Some(LOGIN_FAILED));
    assert_eq!(
        locked.field_message("password"),
        unknown.field_message("password")
    );
    assert_eq!(
        app.state.password_verifications.load(Ordering::SeqCst),
        before + 2,
        "a locked account costs the same one verification"
    );
    assert!(browser.current_user().await.is_none(), "not signed in");

    // The lock runs out; the next failure starts a new count instead of locking again.
    sqlx::query("UPDATE users SET locked_until = $1")
        .bind(db::now() - 1)
        .execute(app.db().pool())
        .await
        .expect("the lock ends");
    refused("ann@example.org", "wrong password!").await;
    browser
        .run(log_in("ann@example.org", PASSWORD))
        .await
        .expect("logged in");
    let detail: String = sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'login.failed' ORDER BY id LIMIT 1 OFFSET 3",
    )
    .fetch_one(app.db().pool())
    .await
    .expect("the locked attempt is in the audit log");
    assert_eq!(detail, "account locked");
}

#[tokio::test]
async fn an_address_is_slowed_by_its_failures_and_never_by_its_logins() {
    let app = TestApp::spawn_with(&[("login_ip_failures", "3")]).await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    for _ in 0..10 {
        app.browser()
            .run(log_in("ann@example.org", PASSWORD))
            .await
            .expect("logged in");
    }
    for guess in ["x@example.org", "y@example.org", "not an address"] {
        let answer = app.browser().run(log_in(guess, "wrong password!")).await;
        assert!(
            matches!(answer, Err(AppError::Invalid { .. })),
            "{answer:?}"
        );
    }
    let answer = app.browser().run(log_in("ann@example.org", PASSWORD)).await;
    assert!(matches!(answer, Err(AppError::Throttled(_))), "{answer:?}");
}

/// A conference's attendees all reach the server through the venue's one public address.
#[tokio::test]
async fn two_thousand_attendees_sign_in_from_one_address() {
    const ATTENDEES: usize = 2_000;
    let app = TestApp::spawn().await;
    let hash = password::hash(&NewPassword::parse(PASSWORD).expect("valid"))
        .await
        .expect("hashed");
    let mut tx = app.db().pool().begin().await.expect("a transaction");
    for i in 0..ATTENDEES {
        let email = format!("attendee{i}@example.org");
        let new = users::NewUser {
            email: &email,
            display_name: "Attendee",
            password_hash: &hash,
            platform_role: PlatformRole::None,
            email_verified_at: Some(db::now()),
        };
        users::insert(&mut *tx, &new, db::now())
            .await
            .expect("inserted");
    }
    tx.commit().await.expect("committed");
    let client = app.client.clone();
    let url = format!("{}/api/log_in", app.address);
    let signed_in = futures_util::stream::iter(0..ATTENDEES)
        .map(|i| {
            let (client, url) = (client.clone(), url.clone());
            async move {
                let email = format!("attendee{i}@example.org");
                let response = client
                    .post(&url)
                    .form(&login(&email, PASSWORD))
                    .send()
                    .await
                    .expect("answered");
                response.status().as_u16()
            }
        })
        .buffer_unordered(16)
        .filter(|status| std::future::ready(*status == 200))
        .count()
        .await;
    assert_eq!(signed_in, ATTENDEES);
}

fn loopback(last: u8) -> IpAddr {
    IpAddr::from([127, 0, 0, last])
}

/// Logs in through the proxy at `site` from the loopback address ending in `from`.
async fn log_in_from(from: u8, site: &str, email: &str, password: &str) -> reqwest::Response {
    browser_from(loopback(from), site)
        .post(format!("{site}/api/log_in"))
        .form(&login(email, password))
        .send()
        .await
        .expect("answered")
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_is_counted_by_its_own_address() {
    let (app, _proxy, site) = app_behind_proxy(&[("login_ip_failures", "3")]).await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    given_user(&app, "bob@example.org", PlatformRole::None).await;

    for _ in 0..3 {
        let response = log_in_from(5, &site, "ann@example.org", "wrong password!").await;
        app_error(response, 400).await;
    }
    // Naming another address changes nothing: the proxy appends who really connected.
    let forged = browser_from(loopback(5), &site)
        .post(format!("{site}/api/log_in"))
        .header("x-forwarded-for", "198.51.100.1")
        .form(&login("bob@example.org", PASSWORD))
        .send()
        .await
        .expect("answered");
    assert_eq!(forged.status(), 429);

    // Everybody else behind the same proxy signs in as usual.
    let ann = log_in_from(6, &site, "ann@example.org", PASSWORD).await;
    assert_eq!(ann.status(), 200);

    // The audit log names the client, not the proxy.
    let addresses: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT ip FROM audit_log WHERE action = 'login.failed'")
            .fetch_all(app.db().pool())
            .await
            .expect("read");
    assert_eq!(addresses, ["127.0.0.5"]);

    // A client that reaches the application directly cannot claim an address.
    let direct = app
        .client
        .post(format!("{}/api/log_in", app.address))
        .header("origin", &site)
        .header("x-forwarded-for", "127.0.0.6")
        .form(&login("nobody@example.org", "wrong password!"))
        .send()
        .await
        .expect("answered");
    assert_eq!(direct.status(), 400);
    let last: String = sqlx::query_scalar("SELECT ip FROM audit_log ORDER BY id DESC LIMIT 1")
        .fetch_one(app.db().pool())
        .await
        .expect("read");
    assert_eq!(last, "127.0.0.1");
}

#[tokio::test]
async fn wrong_passwords_for_one_account_from_many_addresses_lock_it() {
    let (app, _proxy, site) = app_behind_proxy(&[]).await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    for i in 0..20 {
        let response = log_in_from(10 + i, &site, "ann@example.org", "wrong password!").await;
        app_error(response, 400).await;
    }
    let locked_until: Option<i64> =
        sqlx::query_scalar("SELECT locked_until FROM users WHERE email = 'ann@example.org'")
            .fetch_one(app.db().pool())
            .await
            .expect("read");
    assert!(locked_until.is_some_and(|t| t > db::now()));
    let response = log_in_from(40, &site, "ann@example.org", PASSWORD).await;
    let error = app_error(response, 400).await;
    assert_eq!(error.field_message("password"), Some(LOGIN_FAILED));
}
