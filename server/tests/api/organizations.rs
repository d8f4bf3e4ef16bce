//! The organizer workspace: invitations, roles, the last owner, and tenant isolation.

use app::api::organizations::{
    AcceptInvitation, ChangeMemberRole, GetInvitation, GetWorkspace, InviteMember, RemoveMember,
};
use domain::error::AppError;
use domain::{OrgRole, PlatformRole, UserId, Workspace};

use crate::fixtures::{
    PASSWORD, create_organization, given_member, given_user, logged_in, session_for,
};
use crate::helpers::{Browser, TestApp, link_token};

fn invite(slug: &str, email: &str, role: &str) -> InviteMember {
    InviteMember {
        slug: slug.into(),
        email: email.into(),
        role: role.into(),
    }
}

async fn acme_workspace(browser: &Browser) -> Workspace {
    let call = GetWorkspace {
        slug: "acme".into(),
    };
    browser.run(call).await.expect("the workspace")
}

fn accept(token: &str, display_name: &str, password: &str) -> AcceptInvitation {
    AcceptInvitation {
        token: token.into(),
        display_name: display_name.into(),
        password: password.into(),
    }
}

fn change_role(user_id: UserId, role: &str) -> ChangeMemberRole {
    ChangeMemberRole {
        slug: "acme".into(),
        user_id,
        role: role.into(),
    }
}

fn remove(user_id: UserId) -> RemoveMember {
    RemoveMember {
        slug: "acme".into(),
        user_id,
    }
}

#[tokio::test]
async fn an_owner_invites_an_organizer_who_accepts_with_a_new_account() {
    let app = TestApp::spawn().await;
    let acme = create_organization(app.db(), "acme").await;
    let owner = given_user(&app, "owner@example.org", PlatformRole::None).await;
    given_member(&app, acme, owner, OrgRole::Owner).await;
    let owner = session_for(&app, owner).await;
    owner
        .run(invite("acme", "Olu@Example.org", "organizer"))
        .await
        .expect("invited");
    let workspace = acme_workspace(&owner).await;
    assert_eq!(workspace.invitations.len(), 1);
    assert_eq!(workspace.invitations[0].expires, "in 7 days");

    let mail = app
        .last_mail_to("olu@example.org")
        .expect("an invitation mail");
    assert!(mail.contains("invited you to join Org acme"), "{mail}");
    let token = link_token(&mail, "/invitations");
    let olu = app.browser();
    let details = olu
        .run(GetInvitation {
            token: token.clone(),
        })
        .await
        .expect("the invitation");
    assert!(!details.account_exists);
    assert_eq!(details.role, OrgRole::Organizer);
    let error = olu
        .run(accept(&token, "Olu", "short"))
        .await
        .expect_err("a short password is refused");
    assert!(error.field_message("password").is_some());
    assert_eq!(error.kept("display_name"), Some("Olu"));
    olu.run(accept(&token, "Olu", PASSWORD))
        .await
        .expect("accepted with a new account");

    let me = olu.current_user().await.expect("signed in by accepting");
    assert!(me.email_verified, "the link proved the address");
    let workspace = acme_workspace(&olu).await;
    assert_eq!(workspace.my_role, OrgRole::Organizer);
    assert!(
        workspace.invitations.is_empty(),
        "organizers do not see invitations"
    );
    let again = app.browser().run(accept(&token, "", "")).await;
    assert!(matches!(again, Err(AppError::Conflict(_))));
}

#[tokio::test]
async fn an_invitation_for_an_existing_account_is_accepted_after_logging_in() {
    let app = TestApp::spawn().await;
    let acme = create_organization(app.db(), "acme").await;
    let owner = given_user(&app, "owner@example.org", PlatformRole::None).await;
    given_member(&app, acme, owner, OrgRole::Owner).await;
    given_user(&app, "bea@example.org", PlatformRole::None).await;
    session_for(&app, owner)
        .await
        .run(invite("acme", "bea@example.org", "owner"))
        .await
        .expect("invited");
    let token = link_token(
        &app.last_mail_to("bea@example.org").expect("mail"),
        "/invitations",
    );
    let anonymous = app.browser().run(accept(&token, "", "")).await;
    assert_eq!(anonymous, Err(AppError::Unauthenticated));
    let bea = logged_in(&app, "bea@example.org").await;
    bea.run(accept(&token, "", "")).await.expect("accepted");
    let workspace = acme_workspace(&bea).await;
    assert_eq!(workspace.my_role, OrgRole::Owner);
}

#[tokio::test]
async fn an_organization_always_keeps_an_owner() {
    let app = TestApp::spawn().await;
    let acme = create_organization(app.db(), "acme").await;
    let ann = given_user(&app, "ann@example.org", PlatformRole::None).await;
    let bob = given_user(&app, "bob@example.org", PlatformRole::None).await;
    given_member(&app, acme, ann, OrgRole::Owner).await;
    given_member(&app, acme, bob, OrgRole::Organizer).await;
    let ann_browser = session_for(&app, ann).await;
    let last_owner = |function: &str, answer: Result<(), AppError>| {
        assert!(
            matches!(answer, Err(AppError::Conflict(m)) if m.contains("at least one owner")),
            "{function}"
        );
    };
    let demoted = ann_browser.run(change_role(ann, "organizer")).await;
    last_owner("change_member_role", demoted);
    last_owner("remove_member", ann_browser.run(remove(ann)).await);
    // With a second owner, the first may step down.
    ann_browser
        .run(change_role(bob, "owner"))
        .await
        .expect("bob promoted");
    ann_browser
        .run(change_role(ann, "organizer"))
        .await
        .expect("ann steps down");
    assert_eq!(
        ann_browser.run(remove(bob)).await,
        Err(AppError::Forbidden),
        "organizers do not manage members"
    );
}

#[tokio::test]
async fn two_owners_demoting_each_other_at_once_leave_one_owner() {
    let app = TestApp::spawn().await;
    let acme = create_organization(app.db(), "acme").await;
    let ann = given_user(&app, "ann@example.org", PlatformRole::None).await;
    let bob = given_user(&app, "bob@example.org", PlatformRole::None).await;
    given_member(&app, acme, ann, OrgRole::Owner).await;
    given_member(&app, acme, bob, OrgRole::Owner).await;
    let (ann_browser, bob_browser) = (session_for(&app, ann).await, session_for(&app, bob).await);
    let (a, b) = tokio::join!(
        ann_browser.run(change_role(bob, "organizer")),
        bob_browser.run(change_role(ann, "organizer")),
    );
    let answers = [a, b];
    assert!(
        answers.iter().any(Result::is_ok)
            && answers
                .iter()
                .any(|a| matches!(a, Err(AppError::Forbidden | AppError::Conflict(_)))),
        "{answers:?}"
    );
    let owners: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM memberships WHERE role = 'owner'")
        .fetch_one(app.db().pool())
        .await
        .expect("counted");
    assert_eq!(owners, 1);
}

#[tokio::test]
async fn another_tenants_workspace_looks_exactly_like_a_missing_one() {
    let app = TestApp::spawn().await;
    let acme = create_organization(app.db(), "acme").await;
    create_organization(app.db(), "globex").await;
    let ann = given_user(&app, "ann@example.org", PlatformRole::None).await;
    given_member(&app, acme, ann, OrgRole::Owner).await;
    let admin = given_user(&app, "admin@example.org", PlatformRole::Admin).await;
    for (browser, member) in [
        (session_for(&app, ann).await, true),
        (session_for(&app, admin).await, false),
    ] {
        let workspace = |slug: &str| GetWorkspace { slug: slug.into() };
        let theirs = browser.answer(workspace("globex")).await;
        let missing = browser.answer(workspace("no-such-org")).await;
        assert_eq!(theirs.status(), missing.status());
        assert_eq!(
            theirs.text().await.expect("body"),
            missing.text().await.expect("body")
        );
        let invited = browser
            .run(invite("globex", "x@example.org", "owner"))
            .await;
        assert_eq!(invited, Err(AppError::NotFound("organization".into())));
        for path in [
            "/manage/globex",
            "/manage/globex/new-event",
            "/manage/no-such-org/new-event",
        ] {
            let page = browser.get(path).await;
            assert_eq!(page.status(), 404, "{path}");
            let html = page.text().await.expect("the page");
            assert!(!html.contains("Create the draft"), "no form on {path}");
        }
        // A member's own workspace has the form; an admin is no member of it.
        let own = browser.get("/manage/acme/new-event").await;
        assert_eq!(own.status(), if member { 200 } else { 404 });
        let html = own.text().await.expect("the page");
        assert_eq!(html.contains("Create the draft"), member);
    }
    assert_eq!(app.mail_count(), 0);
}
