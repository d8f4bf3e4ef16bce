//! Invitations are offers to one address: only that address's verified account accepts
//! them, owners see and revoke them, and they die with the membership or address they name.

use app::api::accounts::{ConfirmEmailChange, RequestEmailChange};
use app::api::organizations::{
    AcceptInvitation, GetInvitation, GetWorkspace, InviteMember, RemoveMember, RevokeInvitation,
};
use domain::error::AppError;
use domain::{OrgRole, OrganizationId, PlatformRole, UserId, Workspace};
use services::db;

use crate::fixtures::{create_organization, given_member, given_user, session_for};
use crate::helpers::{Browser, TestApp, link_token};

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
    by.run(invitation(email, role)).await.expect("invited");
    link_token(
        &w.app.last_mail_to(email).expect("an invitation mail"),
        "/invitations",
    )
}

/// An invitation to acme for `email` as `role`.
fn invitation(email: &str, role: &str) -> InviteMember {
    InviteMember {
        slug: "acme".into(),
        email: email.into(),
        role: role.into(),
    }
}

/// Accepting the invitation `token` with an account already signed in.
fn accept(token: &str) -> AcceptInvitation {
    AcceptInvitation {
        token: token.into(),
        display_name: String::new(),
        password: String::new(),
    }
}

/// Whether the invitation `token` is no longer valid, as the invitation page asks.
async fn is_dead(browser: &Browser, token: &str) -> bool {
    let call = GetInvitation {
        token: token.into(),
    };
    matches!(browser.run(call).await, Err(AppError::Conflict(_)))
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
    let call = GetWorkspace {
        slug: "acme".into(),
    };
    w.owner.run(call).await.expect("the workspace")
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
    let refused = session_for(&w.app, mallory).await.run(accept(&token)).await;
    assert!(matches!(refused, Err(AppError::Conflict(_))), "{refused:?}");
    let message = refused.expect_err("refused").to_string();
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
    let unconfirmed = bea_browser.run(accept(&token)).await;
    assert!(
        matches!(&unconfirmed, Err(AppError::Conflict(message)) if message.contains("Confirm your address first")),
        "{unconfirmed:?}"
    );
    assert_eq!(role_in_acme(&w, bea).await, None);
    sqlx::query("UPDATE users SET email_verified_at = $2 WHERE id = $1")
        .bind(bea)
        .bind(db::now())
        .execute(w.app.db().pool())
        .await
        .expect("verified");
    bea_browser.run(accept(&token)).await.expect("accepted");
    assert_eq!(role_in_acme(&w, bea).await.as_deref(), Some("owner"));
}

#[tokio::test]
async fn owners_see_and_revoke_pending_invitations() {
    let w = acme().await;
    let token = invite(&w, &w.owner, "cy@example.org", "organizer").await;
    let id = workspace(&w).await.invitations[0].id;
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
    let revoke = |slug: &str| RevokeInvitation {
        slug: slug.into(),
        id,
    };
    let by_organizer = session_for(&w.app, organizer)
        .await
        .run(revoke("acme"))
        .await;
    assert_eq!(by_organizer, Err(AppError::Forbidden));
    let globex = create_organization(w.app.db(), "globex").await;
    let other = given_user(&w.app, "other@example.org", PlatformRole::None).await;
    given_member(&w.app, globex, other, OrgRole::Owner).await;
    let other = session_for(&w.app, other).await;
    let across = other.run(revoke("globex")).await;
    assert_eq!(across, Err(AppError::NotFound("invitation".into())));
    assert_eq!(pending(&w).await, 1);

    w.owner.run(revoke("acme")).await.expect("revoked");
    assert_eq!(pending(&w).await, 0);
    assert!(is_dead(&w.app.browser(), &token).await);
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
    let remove = RemoveMember {
        slug: "acme".into(),
        user_id: second,
    };
    w.owner.run(remove).await.expect("removed");
    let anyone = w.app.browser();
    for token in [&theirs, &to_them] {
        assert!(is_dead(&anyone, token).await);
    }
    anyone
        .run(GetInvitation { token: unrelated })
        .await
        .expect("still valid");
    assert_eq!(role_in_acme(&w, second).await, None);
}

#[tokio::test]
async fn changing_ones_address_voids_the_invitations_sent_to_the_old_one() {
    let w = acme().await;
    let ann = given_user(&w.app, "ann@example.org", PlatformRole::None).await;
    let token = invite(&w, &w.owner, "ann@example.org", "organizer").await;
    let ann_browser = session_for(&w.app, ann).await;
    let change = RequestEmailChange {
        new_email: "ann@elsewhere.org".into(),
        current_password: crate::fixtures::PASSWORD.into(),
    };
    ann_browser.run(change).await.expect("a link mailed");
    let confirm = link_token(
        &w.app
            .last_mail_to("ann@elsewhere.org")
            .expect("a confirmation"),
        "/confirm-email",
    );
    ann_browser
        .run(ConfirmEmailChange { token: confirm })
        .await
        .expect("the new address confirmed");
    let notice = w.app.last_mail_to("ann@example.org").expect("a notice");
    assert!(
        notice.contains("Your Convene email address was changed"),
        "{notice}"
    );
    assert!(notice.contains("@elsewhere.org") && !notice.contains("ann@elsewhere.org"));
    assert!(is_dead(&ann_browser, &token).await);
}

#[tokio::test]
async fn an_organization_sends_a_bounded_number_of_invitations() {
    let w = acme().await;
    for i in 0..50 {
        let guest = invitation(&format!("guest{i}@example.org"), "organizer");
        w.owner.run(guest).await.expect("invited");
    }
    let more = w
        .owner
        .run(invitation("one-more@example.org", "organizer"))
        .await;
    assert!(matches!(more, Err(AppError::Throttled(_))));
    assert!(w.app.last_mail_to("one-more@example.org").is_none());
}
