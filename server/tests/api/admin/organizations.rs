//! Organizations in the console: created with an owner, renamed, and given another owner.

use domain::{OrganizationId, PlatformRole};

use super::admin_browser;
use crate::fixtures::{given_user, logged_in, session_for};
use crate::helpers::{TestApp, app_error};

#[tokio::test]
async fn organizations_are_created_renamed_and_given_owners() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin_browser(&app).await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let bob = given_user(&app, "bob@example.org", PlatformRole::None).await;
    let bad = admin
        .call(
            "admin_create_organization",
            &[
                ("name", " "),
                ("slug", "Not A Slug"),
                ("owner_email", "nobody@example.org"),
            ],
        )
        .await;
    let error = app_error(bad, 400).await;
    assert!(error.field_message("name").is_some() && error.field_message("slug").is_some());
    assert_eq!(error.kept("slug"), Some("Not A Slug"));
    let response = admin
        .ok(
            "admin_create_organization",
            &[
                ("name", "Acme Events"),
                ("slug", "acme"),
                ("owner_email", "ann@example.org"),
            ],
        )
        .await;
    let id: OrganizationId = response.json().await.expect("json");
    let taken = admin
        .call(
            "admin_create_organization",
            &[
                ("name", "Other"),
                ("slug", "acme"),
                ("owner_email", "ann@example.org"),
            ],
        )
        .await;
    assert!(app_error(taken, 400).await.field_message("slug").is_some());
    let ann = logged_in(&app, "ann@example.org").await;
    ann.ok("get_workspace", &[("slug", "acme")]).await;

    admin
        .ok(
            "admin_rename_organization",
            &[("id", &id.to_string()), ("name", "Acme Éditions")],
        )
        .await;
    let search_text: String =
        sqlx::query_scalar("SELECT search_text FROM organizations WHERE id = $1")
            .bind(id)
            .fetch_one(app.db().pool())
            .await
            .expect("read");
    assert_eq!(
        search_text, "acme éditions",
        "renames refresh what search matches"
    );
    admin
        .ok(
            "admin_assign_owner",
            &[("id", &id.to_string()), ("owner_email", "bob@example.org")],
        )
        .await;
    session_for(&app, bob)
        .await
        .ok(
            "invite_member",
            &[
                ("slug", "acme"),
                ("email", "c@example.org"),
                ("role", "organizer"),
            ],
        )
        .await;
}
