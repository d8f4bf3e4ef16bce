//! Links sent by mail and the secrets they guard: a single-use verification link, a password
//! reset that works once and signs out everywhere, changing the password, and a new address
//! used once its link is followed.

use app::api::accounts::{
    ChangePassword, ConfirmEmailChange, RequestEmailChange, RequestPasswordReset,
    ResendVerification, ResetPassword, VerifyEmail,
};
use domain::PlatformRole;
use domain::error::AppError;

use crate::fixtures::{PASSWORD, given_user, log_in, logged_in};
use crate::helpers::{TestApp, link_token};

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
    browser
        .run(ResendVerification {})
        .await
        .expect("a verification mail sent");
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
    let verify = VerifyEmail { token };
    stranger.run(verify.clone()).await.expect("verified");
    assert!(
        browser
            .current_user()
            .await
            .expect("signed in")
            .email_verified
    );
    let again = stranger.run(verify).await;
    assert!(matches!(again, Err(AppError::Conflict(_))));
    let confirmed = browser.run(ResendVerification {}).await;
    assert!(matches!(confirmed, Err(AppError::Conflict(_))));
}

#[tokio::test]
async fn a_password_reset_link_works_once_and_signs_out_everywhere() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let other_device = logged_in(&app, "ann@example.org").await;
    let browser = app.browser();
    // An unknown address gets the same answer and no mail.
    let reset = |email: &str| RequestPasswordReset {
        email: email.to_owned(),
    };
    browser
        .run(reset("nobody@example.org"))
        .await
        .expect("the same answer");
    assert_eq!(app.mail_count(), 0);
    browser
        .run(reset("Ann@example.org"))
        .await
        .expect("a reset mail sent");
    let token = link_token(
        &app.last_mail_to("ann@example.org").expect("a reset mail"),
        "/reset-password",
    );

    let new_password = |password: &str| ResetPassword {
        token: token.clone(),
        password: password.to_owned(),
    };
    let weak = browser
        .run(new_password("short"))
        .await
        .expect_err("a short password is refused");
    assert!(weak.field_message("password").is_some());
    browser
        .run(new_password(NEW_PASSWORD))
        .await
        .expect("the password reset");
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
        .run(new_password("another fine password"))
        .await;
    assert!(matches!(reused, Err(AppError::Conflict(_))));
    let old = app.browser().run(log_in("ann@example.org", PASSWORD)).await;
    assert!(matches!(old, Err(AppError::Invalid { .. })));
    app.browser()
        .run(log_in("ann@example.org", NEW_PASSWORD))
        .await
        .expect("logged in with the new password");
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_ends_other_sessions() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let browser = logged_in(&app, "ann@example.org").await;
    let other = logged_in(&app, "ann@example.org").await;
    let change = |current: &str| ChangePassword {
        current_password: current.to_owned(),
        new_password: NEW_PASSWORD.to_owned(),
    };
    let wrong = browser
        .run(change("not it at all"))
        .await
        .expect_err("the wrong current password is refused");
    assert_eq!(
        wrong.field_message("current_password"),
        Some("that is not your current password")
    );
    browser
        .run(change(PASSWORD))
        .await
        .expect("the password changed");
    assert!(browser.current_user().await.is_some());
    assert!(other.current_user().await.is_none());
}

#[tokio::test]
async fn a_new_address_is_used_once_its_link_is_followed() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    given_user(&app, "taken@example.org", PlatformRole::None).await;
    let browser = logged_in(&app, "ann@example.org").await;
    let change = |new_email: &str| RequestEmailChange {
        new_email: new_email.to_owned(),
        current_password: PASSWORD.to_owned(),
    };
    let taken = browser
        .run(change("bad"))
        .await
        .expect_err("an invalid address is refused");
    assert_eq!(taken.kept("new_email"), Some("bad"));
    browser
        .run(change("ann@new.example"))
        .await
        .expect("a link mailed to the new address");
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
        .run(ConfirmEmailChange { token })
        .await
        .expect("the new address confirmed");
    assert_eq!(
        browser.current_user().await.expect("in").email,
        "ann@new.example"
    );
    app.browser()
        .run(log_in("ann@new.example", PASSWORD))
        .await
        .expect("logged in with the new address");
}
