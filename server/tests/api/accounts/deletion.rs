//! Deleting an account anonymizes it and keeps its audit trail, which cannot be edited.

use domain::PlatformRole;

use crate::fixtures::{PASSWORD, given_user, logged_in};
use crate::helpers::{TestApp, app_error};

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
