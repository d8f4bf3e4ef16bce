//! Signing up: the page answers "check your inbox" whatever the address, and the account
//! exists only once the link mailed to the address is followed.

use app::api::accounts::{RequestPasswordReset, ResetPassword, SignUp, VerifyEmail};
use domain::PlatformRole;
use domain::error::AppError;
use services::db;

use crate::fixtures::{PASSWORD, given_user, log_in};
use crate::helpers::{TestApp, link_token, set_cookies};

const TYPED_PASSWORD: &str = "amber canoe whistle";

/// [`form`] as a typed call, with `password`.
fn sign_up(email: &str, name: &str, password: &str) -> SignUp {
    SignUp {
        email: email.into(),
        display_name: name.into(),
        password: password.into(),
    }
}

fn verify(token: &str) -> VerifyEmail {
    VerifyEmail {
        token: token.into(),
    }
}

fn form<'a>(email: &'a str, name: &'a str) -> [(&'static str, &'a str); 3] {
    [
        ("email", email),
        ("display_name", name),
        ("password", TYPED_PASSWORD),
    ]
}

fn session_cookies(response: &reqwest::Response) -> Vec<String> {
    set_cookies(response, "convene_session=")
}

#[tokio::test]
async fn the_mailed_link_creates_the_account_once_and_signs_it_in() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let response = browser
        .answer(sign_up(" Ann@Example.org ", "Ann", TYPED_PASSWORD))
        .await;
    assert!(response.status().is_success());
    assert!(
        session_cookies(&response).is_empty(),
        "nobody is signed in yet"
    );
    assert!(browser.current_user().await.is_none());
    // Until the link is followed there is no account to log in to.
    let early = browser.run(log_in("ann@example.org", TYPED_PASSWORD)).await;
    assert!(matches!(early, Err(AppError::Invalid { .. })), "{early:?}");

    let mail = app.last_mail_to("ann@example.org").expect("a mail");
    assert!(
        mail.contains("Subject: Finish creating your Convene account"),
        "{mail}"
    );
    let token = link_token(&mail, "/verify-email");
    // Opening the link changes nothing; its page has the button.
    let page = app.get(&format!("/verify-email?token={token}")).await;
    assert_eq!(page.status(), 200);
    assert!(
        page.text()
            .await
            .expect("html")
            .contains("Confirm my address")
    );
    assert!(browser.current_user().await.is_none());

    let confirmed = browser.answer(verify(&token)).await;
    assert!(confirmed.status().is_success());
    let cookie = session_cookies(&confirmed).pop().expect("a session");
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(flag), "{cookie}");
    }
    let me = browser.current_user().await.expect("signed in");
    assert_eq!(me.email, "ann@example.org");
    assert_eq!(me.display_name, "Ann");
    assert!(
        me.email_verified,
        "following the link confirmed the address"
    );

    let again = app.browser().run(verify(&token)).await;
    assert!(matches!(again, Err(AppError::Conflict(_))));
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sign_up_requests")
        .fetch_one(app.db().pool())
        .await
        .expect("count");
    assert_eq!(left, 0, "a used request keeps no address or password hash");
    let created: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'account.created'")
            .fetch_one(app.db().pool())
            .await
            .expect("count");
    assert_eq!(created, 1);
}

#[tokio::test]
async fn signing_up_says_the_same_whether_or_not_the_address_has_an_account() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let mut answers = Vec::new();
    for email in ["ANN@example.org", "bob@example.org"] {
        let browser = app.browser();
        let scripted = browser
            .answer(sign_up(email, "Someone", TYPED_PASSWORD))
            .await;
        let plain = browser
            .post_form("sign_up", "/signup", &form(email, "Someone"))
            .await;
        answers.push((
            scripted.status(),
            session_cookies(&scripted),
            scripted.text().await.expect("body"),
            plain.status(),
            plain.headers().get("location").cloned(),
            session_cookies(&plain),
        ));
    }
    assert_eq!(answers[0], answers[1], "the answers tell nothing about ann");
    assert_eq!(answers[0].4.as_ref().expect("a redirect"), "/signup/sent");

    // Ann is told, and nothing about her account changed.
    let note = app.last_mail_to("ann@example.org").expect("a note to ann");
    assert!(
        note.contains("Subject: You already have a Convene account"),
        "{note}"
    );
    assert!(note.contains("/forgot-password"), "{note}");
    let own = app.browser().run(log_in("ann@example.org", PASSWORD)).await;
    assert!(own.is_ok(), "her password is unchanged");
    let typed = app
        .browser()
        .run(log_in("ann@example.org", TYPED_PASSWORD))
        .await;
    assert!(matches!(typed, Err(AppError::Invalid { .. })), "{typed:?}");
    let bob = app.last_mail_to("bob@example.org").expect("bob's link");
    assert!(bob.contains("/verify-email?token="), "{bob}");
}

#[tokio::test]
async fn of_two_sign_ups_with_one_address_only_the_first_confirmed_makes_the_account() {
    let app = TestApp::spawn().await;
    let (first, second) = (app.browser(), app.browser());
    first
        .run(sign_up("ann@example.org", "Ann", TYPED_PASSWORD))
        .await
        .expect("signed up");
    let first_token = link_token(
        &app.last_mail_to("ann@example.org").expect("mail"),
        "/verify-email",
    );
    second
        .run(sign_up("ann@example.org", "Other Ann", TYPED_PASSWORD))
        .await
        .expect("signed up");
    let second_token = link_token(
        &app.last_mail_to("ann@example.org").expect("mail"),
        "/verify-email",
    );
    assert_ne!(first_token, second_token);
    second
        .run(verify(&second_token))
        .await
        .expect("the account created");
    let late = first.run(verify(&first_token)).await;
    let Err(AppError::Conflict(message)) = late else {
        panic!("a conflict: {late:?}");
    };
    assert!(message.contains("already has an account"), "{message}");
    assert!(first.current_user().await.is_none());
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(app.db().pool())
        .await
        .expect("count");
    assert_eq!(accounts, 1);
}

#[tokio::test]
async fn an_expired_link_creates_nothing_and_expired_requests_are_deleted() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    browser
        .run(sign_up("ann@example.org", "Ann", TYPED_PASSWORD))
        .await
        .expect("signed up");
    let token = link_token(
        &app.last_mail_to("ann@example.org").expect("mail"),
        "/verify-email",
    );
    sqlx::query("UPDATE sign_up_requests SET expires_at = $1")
        .bind(db::now() - 1)
        .execute(app.db().pool())
        .await
        .expect("expired");
    let late = browser.run(verify(&token)).await;
    assert!(matches!(late, Err(AppError::Conflict(_))));
    assert!(browser.current_user().await.is_none());
    // The page the link opens says so too, when its button posts without JavaScript.
    let page = format!("/verify-email?token={token}");
    let refused = browser
        .post_form("verify_email", &page, &[("token", &token)])
        .await;
    let location = refused.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let shown = browser.client.get(&location).send().await.expect("sent");
    let shown = shown.text().await.expect("html");
    assert!(
        shown.contains("This link has expired or was already used"),
        "{shown}"
    );
    assert!(shown.contains("Confirm my address"), "the button stays");
    // The next sign-up, anyone's, clears what expired.
    app.browser()
        .run(sign_up("bob@example.org", "Bob", TYPED_PASSWORD))
        .await
        .expect("signed up");
    let emails: Vec<String> = sqlx::query_scalar("SELECT email FROM sign_up_requests")
        .fetch_all(app.db().pool())
        .await
        .expect("requests");
    assert_eq!(emails, ["bob@example.org"]);
}

#[tokio::test]
async fn bad_fields_are_all_reported_and_nothing_is_mailed() {
    let app = TestApp::spawn().await;
    let error = app
        .browser()
        .run(sign_up("ann@", " ", "short"))
        .await
        .expect_err("every bad field is refused");
    assert_eq!(
        error.field_message("email"),
        Some("enter an address like name@example.org")
    );
    assert_eq!(error.field_message("display_name"), Some("enter your name"));
    assert!(
        error
            .field_message("password")
            .is_some_and(|m| m.contains("at least 10"))
    );
    assert_eq!(error.kept("email"), Some("ann@"));
    assert_eq!(
        error.kept("password"),
        None,
        "a password is never sent back"
    );
    let common = app
        .browser()
        .run(sign_up("bob@example.org", "Bob", "password123"))
        .await
        .expect_err("a common password is refused");
    assert!(
        common
            .field_message("password")
            .is_some_and(|m| m.contains("too common"))
    );
    assert_eq!(app.mail_count(), 0);
}

#[tokio::test]
async fn a_password_reset_confirms_the_address_it_reached() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    sqlx::query("UPDATE users SET email_verified_at = NULL")
        .execute(app.db().pool())
        .await
        .expect("unconfirmed");
    let browser = app.browser();
    let reset = RequestPasswordReset {
        email: "ann@example.org".into(),
    };
    browser.run(reset).await.expect("a reset mail sent");
    let mail = app.last_mail_to("ann@example.org").expect("a reset mail");
    let token = link_token(&mail, "/reset-password");
    let new_password = ResetPassword {
        token,
        password: "orange piano lantern".into(),
    };
    browser.run(new_password).await.expect("the password reset");
    assert!(
        browser
            .current_user()
            .await
            .expect("signed in")
            .email_verified
    );
}
