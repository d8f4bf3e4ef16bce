//! Accounts in the console: deactivating signs out everywhere, an admin keeps their own role,
//! searching, filtering and paging without gaps or repeats, and sending links by mail.

use std::collections::BTreeSet;

use domain::error::AppError;
use domain::{AccountDetails, AccountPage, PlatformRole};

use super::admin_browser;
use crate::fixtures::{given_user, logged_in};
use crate::helpers::{TestApp, app_error};

#[tokio::test]
async fn deactivating_an_account_signs_it_out_everywhere_at_once() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin_browser(&app).await;
    let ann = given_user(&app, "ann@example.org", PlatformRole::None).await;
    let laptop = logged_in(&app, "ann@example.org").await;
    let phone = logged_in(&app, "ann@example.org").await;
    let id = ann.to_string();
    admin
        .ok(
            "admin_set_account_active",
            &[("id", &id), ("active", "false")],
        )
        .await;
    assert!(laptop.current_user().await.is_none());
    assert!(phone.current_user().await.is_none());
    let login = app
        .browser()
        .call(
            "log_in",
            &[
                ("email", "ann@example.org"),
                ("password", crate::fixtures::PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        app_error(login, 400).await.field_message("password"),
        Some("email or password is wrong")
    );
    admin
        .ok(
            "admin_set_account_active",
            &[("id", &id), ("active", "true")],
        )
        .await;
    logged_in(&app, "ann@example.org").await;
    let details: AccountDetails = admin
        .ok("admin_get_account", &[("id", &id)])
        .await
        .json()
        .await
        .expect("json");
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
    for (function, args) in [
        (
            "admin_set_platform_admin",
            [("id", me.as_str()), ("admin", "false")],
        ),
        (
            "admin_set_account_active",
            [("id", me.as_str()), ("active", "false")],
        ),
    ] {
        let response = admin.call(function, &args).await;
        assert!(
            matches!(app_error(response, 409).await, AppError::Conflict(_)),
            "{function}"
        );
    }
    let bob = given_user(&app, "bob@example.org", PlatformRole::None)
        .await
        .to_string();
    admin
        .ok(
            "admin_set_platform_admin",
            &[("id", &bob), ("admin", "true")],
        )
        .await;
    let details: AccountDetails = admin
        .ok("admin_get_account", &[("id", &bob)])
        .await
        .json()
        .await
        .expect("json");
    assert!(details.account.is_admin);
    admin
        .ok(
            "admin_set_platform_admin",
            &[("id", &bob), ("admin", "false")],
        )
        .await;
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
    for sort in ["newest", "email", "name"] {
        let mut seen = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let mut form = vec![("sort", sort.to_owned())];
            if let Some(cursor) = &after {
                form.push(("after", cursor.clone()));
            }
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let page: AccountPage = admin
                .ok("admin_list_accounts", &form)
                .await
                .json()
                .await
                .expect("json");
            assert!(page.accounts.len() <= 50);
            seen.extend(page.accounts.into_iter().map(|a| a.email));
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        assert_eq!(seen.len(), 121, "{sort}: every account once");
        assert_eq!(
            seen.iter().collect::<BTreeSet<_>>().len(),
            121,
            "{sort}: no repeats"
        );
        if sort == "email" {
            let mut sorted = seen.clone();
            sorted.sort();
            assert_eq!(seen, sorted);
        }
    }
    let search = |form: Vec<(&'static str, &'static str)>| {
        let admin = &admin;
        async move {
            let page: AccountPage = admin
                .ok("admin_list_accounts", &form)
                .await
                .json()
                .await
                .expect("json");
            page.accounts
                .into_iter()
                .map(|a| a.email)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        search(vec![("q", "USER11"), ("sort", "email")]).await.len(),
        10,
        "prefix of the address, any case"
    );
    assert_eq!(
        search(vec![("q", "user119")]).await,
        ["user119@example.org"]
    );
    assert_eq!(search(vec![("role", "admin")]).await.len(), 4);
    assert_eq!(search(vec![("status", "deactivated")]).await.len(), 10);
    assert!(search(vec![("q", "nobody")]).await.is_empty());
    let admin_prefix = search(vec![("q", "adm")]).await;
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
    let ann = given_user(&app, "ann@example.org", PlatformRole::None)
        .await
        .to_string();
    admin.ok("admin_send_password_reset", &[("id", &ann)]).await;
    assert!(
        app.last_mail_to("ann@example.org")
            .expect("mail")
            .contains("/reset-password?token=")
    );
    let verified = admin
        .call("admin_resend_verification", &[("id", &ann)])
        .await;
    assert!(matches!(
        app_error(verified, 409).await,
        AppError::Conflict(_)
    ));
    sqlx::query("UPDATE users SET email_verified_at = NULL")
        .execute(app.db().pool())
        .await
        .expect("unverified");
    admin.ok("admin_resend_verification", &[("id", &ann)]).await;
    assert!(
        app.last_mail_to("ann@example.org")
            .expect("mail")
            .contains("/verify-email?token=")
    );
}
