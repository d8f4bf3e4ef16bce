//! The organizer workspace: invitations, roles, the last owner, and tenant isolation.

use domain::error::AppError;
use domain::{InvitationDetails, OrgRole, PlatformRole, Workspace};

use crate::fixtures::{
    PASSWORD, create_organization, given_member, given_user, logged_in, session_for,
};
use crate::helpers::{TestApp, app_error, link_token};

#[tokio::test]
async fn an_owner_invites_an_organizer_who_accepts_with_a_new_account() {
    let app = TestApp::spawn().await;
    let acme = create_organization(app.db(), "acme").await;
    let owner = given_user(&app, "owner@example.org", PlatformRole::None).await;
    given_member(&app, acme, owner, OrgRole::Owner).await;
    let owner = session_for(&app, owner).await;
    owner
        .ok(
            "invite_member",
            &[
                ("slug", "acme"),
                ("email", "Olu@Example.org"),
                ("role", "organizer"),
            ],
        )
        .await;
    let workspace: Workspace = owner
        .ok("get_workspace", &[("slug", "acme")])
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(workspace.invitations.len(), 1);
    assert_eq!(workspace.invitations[0].expires, "in 7 days");

    let mail = app
        .last_mail_to("olu@example.org")
        .expect("an invitation mail");
    assert!(mail.contains("invited you to join Org acme"), "{mail}");
    let token = link_token(&mail, "/invitations");
    let olu = app.browser();
    let details: InvitationDetails = olu
        .ok("get_invitation", &[("token", &token)])
        .await
        .json()
        .await
        .expect("json");
    assert!(!details.account_exists);
    assert_eq!(details.role, OrgRole::Organizer);
    let weak = olu
        .call(
            "accept_invitation",
            &[
                ("token", &token),
                ("display_name", "Olu"),
                ("password", "short"),
            ],
        )
        .await;
    let error = app_error(weak, 400).await;
    assert!(error.field_message("password").is_some());
    assert_eq!(error.kept("display_name"), Some("Olu"));
    olu.ok(
        "accept_invitation",
        &[
            ("token", &token),
            ("display_name", "Olu"),
            ("password", PASSWORD),
        ],
    )
    .await;

    let me = olu.current_user().await.expect("signed in by accepting");
    assert!(me.email_verified, "the link proved the address");
    let workspace: Workspace = olu
        .ok("get_workspace", &[("slug", "acme")])
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(workspace.my_role, OrgRole::Organizer);
    assert!(
        workspace.invitations.is_empty(),
        "organizers do not see invitations"
    );
    let again = app
        .browser()
        .call("accept_invitation", &[("token", &token)])
        .await;
    assert!(matches!(app_error(again, 409).await, AppError::Conflict(_)));
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
        .ok(
            "invite_member",
            &[
                ("slug", "acme"),
                ("email", "bea@example.org"),
                ("role", "owner"),
            ],
        )
        .await;
    let token = link_token(
        &app.last_mail_to("bea@example.org").expect("mail"),
        "/invitations",
    );
    let anonymous = app
        .browser()
        .call("accept_invitation", &[("token", &token)])
        .await;
    assert_eq!(app_error(anonymous, 401).await, AppError::Unauthenticated);
    let bea = logged_in(&app, "bea@example.org").await;
    bea.ok("accept_invitation", &[("token", &token)]).await;
    let workspace: Workspace = bea
        .ok("get_workspace", &[("slug", "acme")])
        .await
        .json()
        .await
        .expect("json");
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
    let ann_id = ann.to_string();
    for (function, args) in [
        (
            "change_member_role",
            vec![
                ("slug", "acme"),
                ("user_id", ann_id.as_str()),
                ("role", "organizer"),
            ],
        ),
        (
            "remove_member",
            vec![("slug", "acme"), ("user_id", ann_id.as_str())],
        ),
    ] {
        let response = ann_browser.call(function, &args).await;
        assert!(
            matches!(app_error(response, 409).await, AppError::Conflict(m) if m.contains("at least one owner")),
            "{function}"
        );
    }
    // With a second owner, the first may step down.
    let bob_id = bob.to_string();
    ann_browser
        .ok(
            "change_member_role",
            &[("slug", "acme"), ("user_id", &bob_id), ("role", "owner")],
        )
        .await;
    ann_browser
        .ok(
            "change_member_role",
            &[
                ("slug", "acme"),
                ("user_id", &ann_id),
                ("role", "organizer"),
            ],
        )
        .await;
    let organizer = ann_browser
        .call("remove_member", &[("slug", "acme"), ("user_id", &bob_id)])
        .await;
    assert_eq!(
        app_error(organizer, 403).await,
        AppError::Forbidden,
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
    let (ann_id, bob_id) = (ann.to_string(), bob.to_string());
    let ann_demotes_bob = [
        ("slug", "acme"),
        ("user_id", bob_id.as_str()),
        ("role", "organizer"),
    ];
    let bob_demotes_ann = [
        ("slug", "acme"),
        ("user_id", ann_id.as_str()),
        ("role", "organizer"),
    ];
    let (a, b) = tokio::join!(
        ann_browser.call("change_member_role", &ann_demotes_bob),
        bob_browser.call("change_member_role", &bob_demotes_ann),
    );
    let statuses = [a.status().as_u16(), b.status().as_u16()];
    assert!(
        statuses.contains(&200) && statuses.iter().any(|s| [403, 409].contains(s)),
        "{statuses:?}"
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
        let theirs = browser.call("get_workspace", &[("slug", "globex")]).await;
        let missing = browser
            .call("get_workspace", &[("slug", "no-such-org")])
            .await;
        assert_eq!(theirs.status(), missing.status());
        assert_eq!(
            theirs.text().await.expect("body"),
            missing.text().await.expect("body")
        );
        let invite = browser
            .call(
                "invite_member",
                &[
                    ("slug", "globex"),
                    ("email", "x@example.org"),
                    ("role", "owner"),
                ],
            )
            .await;
        assert_eq!(
            app_error(invite, 404).await,
            AppError::NotFound("organization".into())
        );
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
