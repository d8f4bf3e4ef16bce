//! Organizations in the console: created with an owner, renamed, and given another owner.

use app::api::admin::{AdminAssignOwner, AdminCreateOrganization, AdminRenameOrganization};
use app::api::organizations::{GetWorkspace, InviteMember};
use domain::PlatformRole;

use super::admin_browser;
use crate::fixtures::{given_user, logged_in, session_for};
use crate::helpers::TestApp;

fn create(name: &str, slug: &str, owner_email: &str) -> AdminCreateOrganization {
    AdminCreateOrganization {
        name: name.to_owned(),
        slug: slug.to_owned(),
        owner_email: owner_email.to_owned(),
    }
}

#[tokio::test]
async fn organizations_are_created_renamed_and_given_owners() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin_browser(&app).await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let bob = given_user(&app, "bob@example.org", PlatformRole::None).await;
    let error = admin
        .run(create(" ", "Not A Slug", "nobody@example.org"))
        .await
        .expect_err("a blank name and a bad slug are refused");
    assert!(error.field_message("name").is_some() && error.field_message("slug").is_some());
    assert_eq!(error.kept("slug"), Some("Not A Slug"));
    let id = admin
        .run(create("Acme Events", "acme", "ann@example.org"))
        .await
        .expect("the organization created");
    let taken = admin
        .run(create("Other", "acme", "ann@example.org"))
        .await
        .expect_err("a slug taken is refused");
    assert!(taken.field_message("slug").is_some());
    let ann = logged_in(&app, "ann@example.org").await;
    ann.run(GetWorkspace {
        slug: "acme".into(),
    })
    .await
    .expect("the owner's workspace");

    admin
        .run(AdminRenameOrganization {
            id,
            name: "Acme Éditions".into(),
        })
        .await
        .expect("renamed");
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
        .run(AdminAssignOwner {
            id,
            owner_email: "bob@example.org".into(),
        })
        .await
        .expect("a new owner");
    let invite = InviteMember {
        slug: "acme".into(),
        email: "c@example.org".into(),
        role: "organizer".into(),
    };
    session_for(&app, bob)
        .await
        .run(invite)
        .await
        .expect("the new owner invites");
}
