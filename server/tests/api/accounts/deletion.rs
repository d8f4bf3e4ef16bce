//! Deleting an account anonymizes it and keeps its audit trail, which cannot be edited.

use app::api::accounts::{DeleteAccount, SignUp};
use domain::PlatformRole;
use domain::error::AppError;

use crate::fixtures::{PASSWORD, given_user, log_in, logged_in};
use crate::helpers::TestApp;

#[tokio::test]
async fn deleting_an_account_anonymizes_it_and_keeps_its_audit_trail() {
    let app = TestApp::spawn().await;
    let id = given_user(&app, "ann@example.org", PlatformRole::None).await;
    let browser = logged_in(&app, "ann@example.org").await;
    let delete = |password: &str| DeleteAccount {
        current_password: password.to_owned(),
    };
    let wrong = browser.run(delete("not it at all")).await;
    assert!(matches!(wrong, Err(AppError::Invalid { .. })));
    browser.run(delete(PASSWORD)).await.expect("deleted");
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
    let login = app.browser().run(log_in("ann@example.org", PASSWORD)).await;
    assert!(matches!(login, Err(AppError::Invalid { .. })));
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
    let sign_up = SignUp {
        email: "ann@example.org".into(),
        display_name: "Ann".into(),
        password: PASSWORD.into(),
    };
    app.browser().run(sign_up).await.expect("signed up again");
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
