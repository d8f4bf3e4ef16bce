//! A person whose session ended without them signing out (an administrator deactivated the
//! account, another device ended it, it expired) is told why on the next page that asks
//! them to log in, once.

use domain::PlatformRole;

use crate::fixtures::{given_user, logged_in};
use crate::helpers::TestApp;

const WHY: &str = "You were signed out: your session on this device ended.";

#[tokio::test]
async fn the_page_after_a_session_ended_elsewhere_says_why_once() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let ann = logged_in(&app, "ann@example.org").await;
    assert!(ann.get("/account").await.status().is_success());
    // Ended from elsewhere, as an administrator's "sign out everywhere" does.
    sqlx::query("DELETE FROM sessions")
        .execute(app.db().pool())
        .await
        .expect("sessions ended");

    // Her next click, without JavaScript, is refused and comes back to the account page.
    let refused = ann.post_form("log_out_elsewhere", "/account", &[]).await;
    assert_eq!(refused.status(), 302);
    let location = refused.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(!location.contains("__err"), "{location}");
    let page = ann.client.get(&location).send().await.expect("sent");
    assert_eq!(page.status(), 401);
    let page = page.text().await.expect("html");
    assert!(page.contains(WHY), "the page says why");
    assert!(page.contains("Please log in to see this page."));

    let again = ann.get("/account").await.text().await.expect("html");
    assert!(!again.contains(WHY), "said once");
    assert!(again.contains("Please log in to see this page."));
}

#[tokio::test]
async fn a_visitor_who_never_signed_in_is_only_asked_to_log_in() {
    let app = TestApp::spawn().await;
    let page = app.get("/account").await.text().await.expect("html");
    assert!(page.contains("Please log in to see this page."));
    assert!(!page.contains(WHY));
}
