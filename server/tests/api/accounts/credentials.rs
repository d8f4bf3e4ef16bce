//! Links sent by mail and the secrets they guard: a single-use verification link, a password
//! reset that works once and signs out everywhere, changing the password, and a new address
//! used once its link is followed.

use domain::PlatformRole;
use domain::error::AppError;

use crate::fixtures::{PASSWORD, given_user, logged_in};
use crate::helpers::{TestApp, app_error, link_token};

const NEW_PASSWORD: &str = "orange piano lantern";

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
