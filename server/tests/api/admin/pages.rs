//! The console's pages: for admins only, plain HTML without the browser bundle, a refused
//! form that comes back with its errors and values, and members counted in words.

use domain::PlatformRole;

use super::admin_browser;
use crate::fixtures::{given_user, session_for};
use crate::helpers::TestApp;

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
async fn the_console_and_public_pages_are_server_html_with_the_same_islands_bundle() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin_browser(&app).await;
    let console = admin.get("/admin").await.text().await.expect("html");
    let home = app.get("/").await.text().await.expect("html");
    for page in [&console, &home] {
        // One bundle, loaded the islands way; the page itself is not hydrated, so none of
        // its data is sent a second time.
        assert!(page.contains("/pkg/") && page.contains("hydrateIslands"));
        assert!(
            page.contains("data-component=\"ThemeToggle"),
            "the theme button on every page"
        );
        assert!(page.contains("__RESOLVED_RESOURCES=[];"));
    }
    assert!(console.contains(r#"method="post""#) || console.contains(r#"method="get""#));
}

#[tokio::test]
async fn the_console_counts_members_in_words() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin_browser(&app).await;
    let acme = crate::fixtures::create_organization(app.db(), "acme").await;
    let ann = given_user(&app, "ann@example.org", PlatformRole::None).await;
    crate::fixtures::given_member(&app, acme, ann, domain::OrgRole::Owner).await;
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
