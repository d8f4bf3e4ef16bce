//! Accounts in the console: deactivating signs out everywhere, an admin keeps their own role,
//! searching, filtering and paging without gaps or repeats, and sending links by mail.

use std::collections::BTreeSet;

use app::api::admin::{
    AdminGetAccount, AdminListAccounts, AdminResendVerification, AdminSendPasswordReset,
    AdminSetAccountActive, AdminSetPlatformAdmin,
};
use domain::error::AppError;
use domain::{AccountSort, PlatformRole, RoleFilter, StatusFilter};

use super::admin_browser;
use crate::fixtures::{PASSWORD, given_user, log_in, logged_in};
use crate::helpers::TestApp;

/// The first page of accounts, newest first, of every role and status.
fn all_accounts() -> AdminListAccounts {
    AdminListAccounts {
        q: String::new(),
        role: RoleFilter::Any,
        status: StatusFilter::Any,
        sort: AccountSort::Newest,
        after: None,
    }
}

#[tokio::test]
async fn deactivating_an_account_signs_it_out_everywhere_at_once() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin_browser(&app).await;
    let ann = given_user(&app, "ann@example.org", PlatformRole::None).await;
    let laptop = logged_in(&app, "ann@example.org").await;
    let phone = logged_in(&app, "ann@example.org").await;
    let active = |active: bool| AdminSetAccountActive { id: ann, active };
    admin.run(active(false)).await.expect("deactivated");
    assert!(laptop.current_user().await.is_none());
    assert!(phone.current_user().await.is_none());
    let login = app
        .browser()
        .run(log_in("ann@example.org", PASSWORD))
        .await
        .expect_err("a deactivated account cannot log in");
    assert!(matches!(login, AppError::Invalid { .. }), "{login:?}");
    assert_eq!(
        login.field_message("password"),
        Some("email or password is wrong")
    );
    admin.run(active(true)).await.expect("reactivated");
    logged_in(&app, "ann@example.org").await;
    let details = admin
        .run(AdminGetAccount { id: ann })
        .await
        .expect("the account");
    let actions: Vec<&str> = details.events.iter().map(|e| e.action.as_str()).collect();
    assert!(
        actions.starts_with(&[
            "login.succeeded",
            "account.reactivated",
            "login.failed",
            "account.deactivated"
        ]),
        "{actions:?}"
    );
    assert_eq!(details.events[1].actor.as_deref(), Some("admin"));
    assert_eq!(details.events[1].ip, "127.0.0.1");
}

#[tokio::test]
async fn an_admin_keeps_their_own_role_and_the_platform_keeps_an_admin() {
    let app = TestApp::spawn().await;
    let (admin, me) = admin_browser(&app).await;
    let demoted = admin
        .run(AdminSetPlatformAdmin {
            id: me,
            admin: false,
        })
        .await;
    assert!(
        matches!(demoted, Err(AppError::Conflict(_))),
        "admin_set_platform_admin"
    );
    let deactivated = admin
        .run(AdminSetAccountActive {
            id: me,
            active: false,
        })
        .await;
    assert!(
        matches!(deactivated, Err(AppError::Conflict(_))),
        "admin_set_account_active"
    );
    let bob = given_user(&app, "bob@example.org", PlatformRole::None).await;
    let platform_admin = |admin: bool| AdminSetPlatformAdmin { id: bob, admin };
    admin.run(platform_admin(true)).await.expect("promoted");
    let details = admin
        .run(AdminGetAccount { id: bob })
        .await
        .expect("the account");
    assert!(details.account.is_admin);
    admin.run(platform_admin(false)).await.expect("demoted");
}

#[tokio::test]
async fn accounts_are_searched_filtered_and_paged_without_gaps_or_repeats() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin_browser(&app).await;
    for n in 0..120 {
        let role = if n % 40 == 0 {
            PlatformRole::Admin
        } else {
            PlatformRole::None
        };
        given_user(&app, &format!("user{n:03}@example.org"), role).await;
    }
    sqlx::query("UPDATE users SET status = 'deactivated' WHERE email LIKE 'user00%'")
        .execute(app.db().pool())
        .await
        .expect("deactivated");
    for sort in [AccountSort::Newest, AccountSort::Email, AccountSort::Name] {
        let mut seen = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let call = AdminListAccounts {
                sort,
                after: after.clone(),
                ..all_accounts()
            };
            let page = admin.run(call).await.expect("a page of accounts");
            assert!(page.accounts.len() <= 50);
            seen.extend(page.accounts.into_iter().map(|a| a.email));
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        assert_eq!(seen.len(), 121, "{sort:?}: every account once");
        assert_eq!(
            seen.iter().collect::<BTreeSet<_>>().len(),
            121,
            "{sort:?}: no repeats"
        );
        if sort == AccountSort::Email {
            let mut sorted = seen.clone();
            sorted.sort();
            assert_eq!(seen, sorted);
        }
    }
    let search = |call: AdminListAccounts| {
        let admin = &admin;
        async move {
            let page = admin.run(call).await.expect("a page of accounts");
            page.accounts
                .into_iter()
                .map(|a| a.email)
                .collect::<Vec<_>>()
        }
    };
    let text = |q: &str| AdminListAccounts {
        q: q.to_owned(),
        ..all_accounts()
    };
    assert_eq!(
        search(AdminListAccounts {
            sort: AccountSort::Email,
            ..text("USER11")
        })
        .await
        .len(),
        10,
        "prefix of the address, any case"
    );
    assert_eq!(search(text("user119")).await, ["user119@example.org"]);
    let admins = AdminListAccounts {
        role: RoleFilter::Admin,
        ..all_accounts()
    };
    assert_eq!(search(admins).await.len(), 4);
    let deactivated = AdminListAccounts {
        status: StatusFilter::Deactivated,
        ..all_accounts()
    };
    assert_eq!(search(deactivated).await.len(), 10);
    assert!(search(text("nobody")).await.is_empty());
    let admin_prefix = search(text("adm")).await;
    assert_eq!(
        admin_prefix,
        ["admin@example.org"],
        "names match too (the fixture name is the local part)"
    );
}

#[tokio::test]
async fn an_admin_can_send_reset_and_verification_links() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin_browser(&app).await;
    let ann = given_user(&app, "ann@example.org", PlatformRole::None).await;
    admin
        .run(AdminSendPasswordReset { id: ann })
        .await
        .expect("a reset link sent");
    assert!(
        app.last_mail_to("ann@example.org")
            .expect("mail")
            .contains("/reset-password?token=")
    );
    let verified = admin.run(AdminResendVerification { id: ann }).await;
    assert!(matches!(verified, Err(AppError::Conflict(_))));
    sqlx::query("UPDATE users SET email_verified_at = NULL")
        .execute(app.db().pool())
        .await
        .expect("unverified");
    admin
        .run(AdminResendVerification { id: ann })
        .await
        .expect("a verification link sent");
    assert!(
        app.last_mail_to("ann@example.org")
            .expect("mail")
            .contains("/verify-email?token=")
    );
}
