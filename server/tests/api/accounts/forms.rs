//! Account forms and pages: cross-site posts refused and no server function answering GET, a
//! refused form that comes back with its errors and values without JavaScript, and the
//! account pages rendered for their audience.

use domain::PlatformRole;

use crate::fixtures::{PASSWORD, given_user, logged_in};
use crate::helpers::TestApp;

#[tokio::test]
async fn cross_site_posts_are_refused_and_server_functions_do_not_answer_get() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let browser = logged_in(&app, "ann@example.org").await;
    let url = format!("{}/api/log_out", app.address);
    let forged = browser
        .client
        .post(&url)
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .expect("sent");
    assert_eq!(forged.status(), 403);
    let forged = browser
        .client
        .post(&url)
        .header("origin", "https://evil.example")
        .send()
        .await
        .expect("sent");
    assert_eq!(forged.status(), 403);
    // A sibling subdomain is another site: its forms carry our cookies but not our origin.
    let forged = browser
        .client
        .post(&url)
        .header("sec-fetch-site", "same-site")
        .send()
        .await
        .expect("sent");
    assert_eq!(forged.status(), 403);
    // With no proof of origin at all (no fetch metadata, Origin or Referer): refused.
    let bare = reqwest::Client::new()
        .post(&url)
        .send()
        .await
        .expect("sent");
    assert_eq!(bare.status(), 403);
    let by_get = browser.get("/api/log_out").await;
    assert!(
        !by_get.status().is_success(),
        "GET answered {}",
        by_get.status()
    );
    assert!(browser.current_user().await.is_some(), "still signed in");
    let same_site = browser
        .client
        .post(&url)
        .header("sec-fetch-site", "same-origin")
        .header("origin", &app.address)
        .send()
        .await
        .expect("sent");
    assert!(same_site.status().is_success());
    assert!(browser.current_user().await.is_none());
}

#[tokio::test]
async fn without_javascript_a_refused_form_comes_back_with_its_errors_and_values() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let response = browser
        .post_form(
            "sign_up",
            "/signup",
            &[
                ("email", "ann@example"),
                ("display_name", "Ann <3"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(location.contains("/signup?"), "{location}");
    let page = browser
        .client
        .get(&location)
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("enter an address like name@example.org"),
        "the email error is shown"
    );
    assert!(
        page.contains("use at least 10 characters"),
        "the password error is shown"
    );
    assert!(
        page.contains(r#"value="ann@example""#),
        "the address is kept"
    );
    assert!(
        page.contains(r#"value="Ann &lt;3""#),
        "the name is kept, escaped"
    );

    // A successful login without JavaScript redirects to `next`, never off the site.
    given_user(&app, "bob@example.org", PlatformRole::None).await;
    let response = browser
        .post_form(
            "log_in",
            "/login",
            &[
                ("email", "bob@example.org"),
                ("password", PASSWORD),
                ("next", "//evil.example"),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()["location"], "/account");
}

#[tokio::test]
async fn account_pages_render_for_their_audience() {
    let app = TestApp::spawn().await;
    let anonymous = app.browser().get("/account").await;
    assert_eq!(anonymous.status(), 401);
    assert!(
        anonymous
            .text()
            .await
            .expect("html")
            .contains("Please log in")
    );
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let ann = logged_in(&app, "ann@example.org").await;
    let page = ann.get("/account").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(html.contains("ann@example.org"));
    assert!(html.contains("This device"));
    assert!(
        !html.contains("Log out everywhere else"),
        "no other session to end"
    );
    for path in [
        "/signup",
        "/login",
        "/logout",
        "/forgot-password",
        "/reset-password?token=x",
        "/verify-email?token=x",
    ] {
        assert_eq!(app.get(path).await.status(), 200, "{path}");
    }
}
