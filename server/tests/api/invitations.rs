//! Invitations are offers to one address: only that address's verified account accepts
//! them, owners see and revoke them, and they die with the membership or address they name.

use domain::error::AppError;
use domain::{OrgRole, OrganizationId, PlatformRole, UserId, Workspace};
use services::db;

use crate::fixtures::{create_organization, given_member, given_user, session_for};
use crate::helpers::{Browser, TestApp, app_error, link_token};

struct Acme {
    app: TestApp,
    acme: OrganizationId,
    owner: Browser,
}

async fn acme() -> Acme {
    let app = TestApp::spawn().await;
    let acme = create_organization(app.db(), "acme").await;
    let owner = given_user(&app, "owner@example.org", PlatformRole::None).await;
    given_member(&app, acme, owner, OrgRole::Owner).await;
    let owner = session_for(&app, owner).await;
    Acme { app, acme, owner }
}

/// Invites `email` as `role` through `by` and returns the link's token.
async fn invite(w: &Acme, by: &Browser, email: &str, role: &str) -> String {
    by.ok(
        "invite_member",
        &[("slug", "acme"), ("email", email), ("role", role)],
    )
    .await;
    link_token(
        &w.app.last_mail_to(email).expect("an invitation mail"),
        "/invitations",
    )
}

async fn role_in_acme(w: &Acme, user: UserId) -> Option<String> {
    sqlx::query_scalar("SELECT role FROM memberships WHERE organization_id = $1 AND user_id = $2")
        .bind(w.acme)
        .bind(user)
        .fetch_optional(w.app.db().pool())
        .await
        .expect("read")
}

async fn workspace(w: &Acme) -> Workspace {
    w.owner
        .ok("get_workspace", &[("slug", "acme")])
        .await
        .json()
        .await
        .expect("json")
}

async fn pending(w: &Acme) -> usize {
    workspace(w).await.invitations.len()
}

#[tokio::test]
async fn only_the_invited_verified_address_accepts() {
    let w = acme().await;
    let token = invite(&w, &w.owner, "bea@example.org", "owner").await;

    // Someone else who got hold of the link is refused, and joins nothing.
    let mallory = given_user(&w.app, "mallory@example.org", PlatformRole::None).await;
    let refused = session_for(&w.app, mallory)
        .await
        .call("accept_invitation", &[("token", &token)])
        .await;
    let message = app_error(refused, 409).await.to_string();
    assert!(message.contains("b••••@example.org"), "{message}");
    assert_eq!(role_in_acme(&w, mallory).await, None);

    // An account for the address that nobody confirmed (it may have been registered by
    // someone else) must confirm it first.
    let bea = given_user(&w.app, "bea@example.org", PlatformRole::None).await;
    sqlx::query("UPDATE users SET email_verified_at = NULL WHERE id = $1")
        .bind(bea)
        .execute(w.app.db().pool())
        .await
        .expect("unverified");
    let bea_browser = session_for(&w.app, bea).await;
    let unconfirmed = bea_browser
        .call("accept_invitation", &[("token", &token)])
        .await;
    assert!(
        app_error(unconfirmed, 409)
            .await
            .to_string()
            .contains("Confirm your address first")
    );
    assert_eq!(role_in_acme(&w, bea).await, None);
    sqlx::query("UPDATE users SET email_verified_at = $2 WHERE id = $1")
        .bind(bea)
        .bind(db::now())
        .execute(w.app.db().pool())
        .await
        .expect("verified");
    bea_browser
        .ok("accept_invitation", &[("token", &token)])
        .await;
    assert_eq!(role_in_acme(&w, bea).await.as_deref(), Some("owner"));
}

#[tokio::test]
async fn owners_see_and_revoke_pending_invitations() {
    let w = acme().await;
    let token = invite(&w, &w.owner, "cy@example.org", "organizer").await;
    let id = workspace(&w).await.invitations[0].id.to_string();
    let page = w
        .owner
        .get("/manage/acme")
        .await
        .text()
        .await
        .expect("page");
    assert!(
        page.contains("aria-label=\"Revoke the invitation for cy@example.org\""),
        "the revoke button is named after the address"
    );

    // An organizer of acme may not; an owner of another organization finds nothing.
    let organizer = given_user(&w.app, "org@example.org", PlatformRole::None).await;
    given_member(&w.app, w.acme, organizer, OrgRole::Organizer).await;
    let form = [("slug", "acme"), ("id", id.as_str())];
    let by_organizer = session_for(&w.app, organizer)
        .await
        .call("revoke_invitation", &form)
        .await;
    assert_eq!(app_error(by_organizer, 403).await, AppError::Forbidden);
    let globex = create_organization(w.app.db(), "globex").await;
    let other = given_user(&w.app, "other@example.org", PlatformRole::None).await;
    given_member(&w.app, globex, other, OrgRole::Owner).await;
    let other = session_for(&w.app, other).await;
    let across = other
        .call(
            "revoke_invitation",
            &[("slug", "globex"), ("id", id.as_str())],
        )
        .await;
    assert_eq!(
        app_error(across, 404).await,
        AppError::NotFound("invitation".into())
    );
    assert_eq!(pending(&w).await, 1);

    w.owner.ok("revoke_invitation", &form).await;
    assert_eq!(pending(&w).await, 0);
    let dead = w
        .app
        .browser()
        .call("get_invitation", &[("token", &token)])
        .await;
    assert_eq!(dead.status(), 409);
    let revoked: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'invitation.revoked'")
            .fetch_one(w.app.db().pool())
            .await
            .expect("read");
    assert_eq!(revoked, 1);
}

#[tokio::test]
async fn removing_a_member_voids_the_links_they_sent_and_the_ones_sent_to_them() {
    let w = acme().await;
    let second = given_user(&w.app, "second@example.org", PlatformRole::None).await;
    given_member(&w.app, w.acme, second, OrgRole::Owner).await;
    let second_browser = session_for(&w.app, second).await;
    let theirs = invite(&w, &second_browser, "friend@example.org", "owner").await;
    let to_them = invite(&w, &w.owner, "second@example.org", "owner").await;
    let unrelated = invite(&w, &w.owner, "dee@example.org", "organizer").await;
    w.owner
        .ok(
            "remove_member",
            &[("slug", "acme"), ("user_id", &second.to_string())],
        )
        .await;
    let anyone = w.app.browser();
    for token in [&theirs, &to_them] {
        let dead = anyone.call("get_invitation", &[("token", token)]).await;
        assert_eq!(dead.status(), 409);
    }
    anyone.ok("get_invitation", &[("token", &unrelated)]).await;
    assert_eq!(role_in_acme(&w, second).await, None);
}

#[tokio::test]
async fn changing_ones_address_voids_the_invitations_sent_to_the_old_one() {
    let w = acme().await;
    let ann = given_user(&w.app, "ann@example.org", PlatformRole::None).await;
    let token = invite(&w, &w.owner, "ann@example.org", "organizer").await;
    let ann_browser = session_for(&w.app, ann).await;
    ann_browser
        .ok(
            "request_email_change",
            &[
                ("new_email", "ann@elsewhere.org"),
                ("current_password", crate::fixtures::PASSWORD),
            ],
        )
        .await;
    let confirm = link_token(
        &w.app
            .last_mail_to("ann@elsewhere.org")
            .expect("a confirmation"),
        "/confirm-email",
    );
    ann_browser
        .ok("confirm_email_change", &[("token", &confirm)])
        .await;
    let notice = w.app.last_mail_to("ann@example.org").expect("a notice");
    assert!(
        notice.contains("Your Convene email address was changed"),
        "{notice}"
    );
    assert!(notice.contains("@elsewhere.org") && !notice.contains("ann@elsewhere.org"));
    let dead = ann_browser
        .call("get_invitation", &[("token", &token)])
        .await;
    assert_eq!(dead.status(), 409);
}

#[tokio::test]
async fn an_organization_sends_a_bounded_number_of_invitations() {
    let w = acme().await;
    for i in 0..50 {
        w.owner
            .ok(
                "invite_member",
                &[
                    ("slug", "acme"),
                    ("email", &format!("guest{i}@example.org")),
                    ("role", "organizer"),
                ],
            )
            .await;
    }
    let more = w
        .owner
        .call(
            "invite_member",
            &[
                ("slug", "acme"),
                ("email", "one-more@example.org"),
                ("role", "organizer"),
            ],
        )
        .await;
    assert!(matches!(app_error(more, 429).await, AppError::Throttled(_)));
    assert!(w.app.last_mail_to("one-more@example.org").is_none());
}
