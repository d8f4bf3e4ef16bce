//! Mail through a real SMTP server (`crate::smtp`).

use app::error::AppError;

use crate::fixtures::PASSWORD;
use crate::helpers::{TestApp, app_error, link_token};
use crate::smtp::{SmtpSink, free_port};

#[tokio::test]
async fn sign_up_mail_goes_through_a_real_smtp_server() {
    let smtp = SmtpSink::start();
    let url = format!("smtp://127.0.0.1:{}", smtp.port);
    let app = TestApp::spawn_with(&[
        ("smtp_url", &url),
        ("mail_from", "Convene <events@example.org>"),
    ])
    .await;
    let browser = app.browser();
    browser
        .ok(
            "sign_up",
            &[
                ("email", "ann@example.org"),
                ("display_name", "Ann"),
                ("password", PASSWORD),
            ],
        )
        .await;
    let message = smtp.wait_for_mail_to("ann@example.org").await;
    assert!(
        message.contains("From: Convene <events@example.org>"),
        "{message}"
    );
    assert!(message.contains("Subject: Confirm your email address for Convene"));
    assert_eq!(
        app.mail_count(),
        0,
        "nothing goes to the development folder"
    );
    let token = link_token(&message, "/verify-email");
    browser.ok("verify_email", &[("token", &token)]).await;
    assert!(
        browser
            .current_user()
            .await
            .expect("signed in")
            .email_verified
    );
}

#[tokio::test]
async fn an_unreachable_smtp_server_loses_no_account_and_says_so() {
    let url = format!("smtp://127.0.0.1:{}", free_port());
    let app = TestApp::spawn_with(&[("smtp_url", &url)]).await;
    let browser = app.browser();
    browser
        .ok(
            "sign_up",
            &[
                ("email", "ann@example.org"),
                ("display_name", "Ann"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert!(
        browser.current_user().await.is_some(),
        "the account exists and is signed in"
    );
    let resend = browser.call("resend_verification", &[]).await;
    assert_eq!(app_error(resend, 503).await, AppError::Unavailable);
}
