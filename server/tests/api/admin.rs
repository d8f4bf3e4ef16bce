//! The platform admin console.

use std::collections::BTreeSet;

use app::domain::{AccountDetails, AccountPage, AuditEntry, OrganizationId, PlatformRole};
use app::error::AppError;

use crate::fixtures::{given_user, logged_in, session_for};
use crate::helpers::{Browser, TestApp, app_error};

async fn admin_browser(app: &TestApp) -> (Browser, String) {
    let admin = given_user(app, "admin@example.org", PlatformRole::Admin).await;
    (session_for(app, admin).await, admin.to_string())
}

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

#[tokio::test]
async fn the_audit_log_records_logins_with_their_origin() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin_browser(&app).await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let browser = app.browser();
    browser
        .call(
            "log_in",
            &[
                ("email", "ann@example.org"),
                ("password", "wrong password!"),
            ],
        )
        .await;
    browser
        .call(
            "log_in",
            &[
                ("email", "ghost@example.org"),
                ("password", "wrong password!"),
            ],
        )
        .await;
    let entries: Vec<AuditEntry> = admin
        .ok("admin_audit_log", &[])
        .await
        .json()
        .await
        .expect("json");
    let failures: Vec<(&str, Option<&str>, &str)> = entries
        .iter()
        .filter(|e| e.action == "login.failed")
        .map(|e| (e.detail.as_str(), e.subject.as_deref(), e.ip.as_str()))
        .collect();
    assert_eq!(
        failures,
        [
            ("unknown address", None, "127.0.0.1"),
            ("wrong password", Some("ann"), "127.0.0.1")
        ]
    );
    assert!(
        entries.iter().all(|e| !e.detail.contains("ghost@")),
        "addresses are not written into details"
    );
}

#[tokio::test]
async fn console_pages_render_for_admins_only() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin_browser(&app).await;
    let ann = given_user(&app, "ann@example.org", PlatformRole::None).await;
    let attendee = session_for(&app, ann).await;
    for path in [
        "/admin",
        "/admin/organizations",
        "/admin/audit",
        &format!("/admin/accounts/{ann}"),
    ] {
        let page = admin.get(path).await;
        assert_eq!(page.status(), 200, "{path}");
        assert_eq!(attendee.get(path).await.status(), 403, "{path}");
        assert_eq!(app.browser().get(path).await.status(), 401, "{path}");
    }
    given_user(&app, "bob@example.org", PlatformRole::None).await;
    let html = admin.get("/admin?q=ann").await.text().await.expect("html");
    assert!(html.contains("ann@example.org"));
    assert!(
        !html.contains("bob@example.org"),
        "the search filtered the list"
    );
}

#[tokio::test]
async fn a_refused_console_form_comes_back_with_its_errors_and_values() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin_browser(&app).await;
    let response = admin
        .post_form(
            "admin_create_organization",
            "/admin/organizations",
            &[
                ("name", "Acme <Events>"),
                ("slug", "Not A Slug"),
                ("owner_email", "ann@"),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let page = admin.client.get(&location).send().await.expect("sent");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(
        html.contains("use only lowercase letters, digits and hyphens"),
        "the slug error is shown"
    );
    assert!(
        html.contains("enter an address like name@example.org"),
        "the owner error is shown"
    );
    assert!(html.contains(r#"value="Not A Slug""#), "the slug is kept");
    assert!(
        html.contains(r#"value="Acme &lt;Events&gt;""#),
        "the name is kept, escaped"
    );
}

#[tokio::test]
async fn the_workspace_and_console_are_plain_html_without_the_browser_bundle() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin_browser(&app).await;
    let console = admin.get("/admin").await.text().await.expect("html");
    assert!(
        !console.contains("/pkg/"),
        "no script or wasm of the app on console pages"
    );
    assert!(console.contains(r#"method="post""#) || console.contains(r#"method="get""#));
    let home = app.get("/").await.text().await.expect("html");
    assert!(home.contains("/pkg/"), "public pages hydrate");
}

#[tokio::test]
async fn the_console_counts_members_in_words() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin_browser(&app).await;
    let acme = crate::fixtures::create_organization(app.db(), "acme").await;
    let ann = given_user(&app, "ann@example.org", PlatformRole::None).await;
    crate::fixtures::given_member(&app, acme, ann, app::domain::OrgRole::Owner).await;
    let list = admin
        .get("/admin/organizations")
        .await
        .text()
        .await
        .expect("html");
    assert!(list.contains("acme · 1 member<"), "one member, singular");
    let page = admin
        .get(&format!("/admin/organizations/{acme}"))
        .await
        .text()
        .await
        .expect("html");
    assert!(page.contains("/acme · 1 member<"), "and on its page");
}
