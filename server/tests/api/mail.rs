//! Mail through a real SMTP server (`crate::smtp`).

use app::api::accounts::{SignUp, VerifyEmail};
use domain::error::AppError;

use crate::fixtures::PASSWORD;
use crate::helpers::{TestApp, link_token};

fn sign_up(email: &str, display_name: &str) -> SignUp {
    SignUp {
        email: email.into(),
        display_name: display_name.into(),
        password: PASSWORD.into(),
    }
}
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
        .run(sign_up("ann@example.org", "Ann"))
        .await
        .expect("signed up");
    let message = smtp.wait_for_mail_to("ann@example.org").await;
    assert!(
        message.contains("From: Convene <events@example.org>"),
        "{message}"
    );
    assert!(message.contains("Subject: Finish creating your Convene account"));
    assert_eq!(
        app.mail_count(),
        0,
        "nothing goes to the development folder"
    );
    let token = link_token(&message, "/verify-email");
    browser.run(VerifyEmail { token }).await.expect("verified");
    assert!(
        browser
            .current_user()
            .await
            .expect("signed in")
            .email_verified
    );
}

#[tokio::test]
async fn an_unreachable_smtp_server_is_reported_the_same_for_every_address() {
    let url = format!("smtp://127.0.0.1:{}", free_port());
    let app = TestApp::spawn_with(&[("smtp_url", &url)]).await;
    crate::fixtures::given_user(&app, "ann@example.org", domain::PlatformRole::None).await;
    for email in ["ann@example.org", "bob@example.org"] {
        let browser = app.browser();
        let answer = browser.run(sign_up(email, "Someone")).await;
        assert_eq!(answer, Err(AppError::Unavailable), "{email}");
        assert!(browser.current_user().await.is_none());
    }
}
