//! What every response tells the browser about keeping, framing and powers.

use app::api::accounts::GetCurrentUser;
use domain::PlatformRole;

use crate::fixtures::{given_user, log_in, logged_in};
use crate::helpers::TestApp;

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[tokio::test]
async fn personal_pages_are_never_stored_and_public_ones_are_revalidated() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let ann = logged_in(&app, "ann@example.org").await;
    for path in ["/account", "/manage", "/admin"] {
        let page = ann.get(path).await;
        assert_eq!(
            header(&page, "cache-control").as_deref(),
            Some("private, no-store"),
            "{path}"
        );
    }
    let answer = ann.answer(GetCurrentUser {}).await;
    assert_eq!(
        header(&answer, "cache-control").as_deref(),
        Some("private, no-store")
    );
    let signed_in_home = ann.get("/").await;
    assert_eq!(
        header(&signed_in_home, "cache-control").as_deref(),
        Some("private, no-cache")
    );
    let anonymous = app.get("/").await;
    assert_eq!(
        header(&anonymous, "cache-control").as_deref(),
        Some("no-cache")
    );
    let policy = header(&anonymous, "permissions-policy").expect("a permissions policy");
    assert!(
        policy.contains("camera=()") && policy.contains("geolocation=()"),
        "{policy}"
    );
    assert_eq!(
        header(&anonymous, "x-frame-options").as_deref(),
        Some("DENY")
    );
    // Over plain HTTP there is nothing to pin.
    assert_eq!(header(&anonymous, "strict-transport-security"), None);
}

#[tokio::test]
async fn a_throttled_answer_says_when_to_retry() {
    let app = TestApp::spawn_with(&[("login_ip_failures", "1")]).await;
    let browser = app.browser();
    let form = || log_in("x@example.org", "wrong password!");
    assert_eq!(browser.answer(form()).await.status(), 400);
    let throttled = browser.answer(form()).await;
    assert_eq!(throttled.status(), 429);
    let retry: u64 = header(&throttled, "retry-after")
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After in seconds");
    // The failure weighs on the 15-minute window it fell in, and on the next one as it slides.
    assert!((60..=30 * 60).contains(&retry), "{retry}");
    let error: domain::error::AppError = throttled.json().await.expect("an AppError");
    assert_eq!(error, domain::error::AppError::Throttled(retry / 60));
}
