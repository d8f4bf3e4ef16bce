//! The Content-Security-Policy: the scripts the server wrote into a page run, named by their
//! hash; nothing else does. A cached page carries the policy of its own bytes, and nothing
//! that is not a page may run anything.

use app::api::accounts::GetCurrentUser;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use domain::PlatformRole;
use sha2::{Digest, Sha256};

use crate::agenda::{organizer, publish, summit};
use crate::fixtures::{given_user, logged_in};
use crate::helpers::TestApp;

/// The policy of `response`, and its page.
async fn policed(response: reqwest::Response) -> (String, String) {
    let policy = response
        .headers()
        .get("content-security-policy")
        .expect("a policy")
        .to_str()
        .expect("ascii")
        .to_owned();
    (policy, response.text().await.expect("a page"))
}

/// Each inline script's start tag and text.
pub(crate) fn inline_scripts(page: &str) -> Vec<(&str, &str)> {
    page.split("<script")
        .skip(1)
        .filter_map(|rest| {
            let (tag, rest) = rest.split_once('>')?;
            let (text, _) = rest.split_once("</script>")?;
            Some((tag, text))
        })
        .collect()
}

fn hash_source(script: &str) -> String {
    format!(
        "'sha256-{}'",
        STANDARD.encode(Sha256::digest(script.as_bytes()))
    )
}

/// The `script-src` sources of `policy`.
fn script_sources(policy: &str) -> Vec<&str> {
    let directive = policy
        .split(';')
        .map(str::trim)
        .find(|directive| directive.starts_with("script-src "))
        .expect("a script-src directive");
    directive.split_whitespace().skip(1).collect()
}

/// The page's policy trusts exactly the scripts the server marked, and is strict.
fn assert_trusts_its_own_scripts(policy: &str, page: &str) {
    let sources = script_sources(policy);
    let hashes: Vec<&str> = sources
        .iter()
        .copied()
        .filter(|s| s.starts_with("'sha256-"))
        .collect();
    let marked: Vec<String> = inline_scripts(page)
        .into_iter()
        .filter(|(tag, _)| tag.contains(" nonce=\""))
        .map(|(_, text)| hash_source(text))
        .collect();
    assert!(!marked.is_empty(), "Leptos' loader at least: {page}");
    assert_eq!(hashes, marked, "one hash per script the server wrote");
    assert_eq!(
        sources
            .iter()
            .filter(|s| !s.starts_with("'sha256-"))
            .collect::<Vec<_>>(),
        [&"'self'", &"'wasm-unsafe-eval'"],
        "no 'unsafe-inline', no host beyond this one"
    );
    for directive in [
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(policy.contains(directive), "{directive}: {policy}");
    }
}

fn nonces(page: &str) -> Vec<&str> {
    page.split(" nonce=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(nonce, _)| nonce))
        .collect()
}

#[tokio::test]
async fn a_page_trusts_the_scripts_it_was_rendered_with_and_no_other() {
    let app = TestApp::spawn().await;
    let (policy, page) = policed(app.get("/login").await).await;
    assert_trusts_its_own_scripts(&policy, &page);
    let nonce = nonces(&page)[0].to_owned();
    assert!(
        !policy.contains(&nonce),
        "the nonce is never a source: {policy}"
    );
    assert!(
        !page.contains(&format!("crossorigin=\"{nonce}\"")),
        "nor an attribute value"
    );

    // Each rendering draws its own nonce, so a script stored in a page cannot carry it.
    let (_, again) = policed(app.get("/login").await).await;
    assert_ne!(nonces(&again)[0], nonce);
}

#[tokio::test]
async fn the_workspace_and_console_are_policed_too() {
    let app = TestApp::spawn().await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let ann = logged_in(&app, "ann@example.org").await;
    let (policy, page) = policed(ann.get("/account").await).await;
    assert_trusts_its_own_scripts(&policy, &page);
    let (policy, page) = policed(app.get("/no-such-page").await).await;
    assert_trusts_its_own_scripts(&policy, &page);
}

#[tokio::test]
async fn a_cached_page_keeps_the_policy_of_its_own_bytes() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    summit(&browser).await;
    publish(&browser).await;
    let first = app.get("/e/rust-summit/schedule").await;
    assert_eq!(first.headers()["x-cache"], "miss");
    let (policy, page) = policed(first).await;
    assert_trusts_its_own_scripts(&policy, &page);
    let second = app.get("/e/rust-summit/schedule").await;
    assert_eq!(second.headers()["x-cache"], "hit");
    let (cached_policy, cached_page) = policed(second).await;
    assert_eq!((cached_policy, cached_page), (policy, page));
}

#[tokio::test]
async fn what_is_not_a_page_may_run_nothing() {
    let app = TestApp::spawn().await;
    for response in [
        app.get("/healthz").await,
        app.browser().answer(GetCurrentUser {}).await,
    ] {
        let (policy, _) = policed(response).await;
        assert!(policy.starts_with("default-src 'none'"), "{policy}");
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    }
}
