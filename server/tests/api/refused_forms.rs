//! A form refused without JavaScript comes back with its error and what was typed, which
//! travel in a short-lived cookie (`server::form_errors`), never in the page's address.

use domain::error::AppError;
use leptos::server_fn::error::ServerFnUrlError;

use crate::helpers::{Browser, TestApp, set_cookies};

fn form_error_cookies(response: &reqwest::Response) -> Vec<String> {
    set_cookies(response, "convene_form_error_")
}

async fn html(browser: &Browser, url: &str) -> String {
    let response = browser.client.get(url).send().await.expect("sent");
    assert_eq!(response.status(), 200, "{url}");
    response.text().await.expect("html")
}

#[tokio::test]
async fn a_failed_login_comes_back_without_the_address_in_the_url() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let response = browser
        .post_form(
            "log_in",
            "/login?next=%2Fmanage",
            &[
                ("email", "ann@example.org"),
                ("password", "wrong password!"),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(!location.contains("__err"), "{location}");
    assert!(location.contains("next=%2Fmanage"), "{location}");
    let cookies = form_error_cookies(&response);
    assert!(
        cookies[0].contains("HttpOnly") && cookies[0].contains("SameSite=Strict"),
        "{cookies:?}"
    );

    let page = html(&browser, &location).await;
    assert!(
        page.contains("email or password is wrong"),
        "the error is shown"
    );
    assert!(
        page.contains(r#"value="ann@example.org""#),
        "the address is kept"
    );
    // Shown once: a reload is a fresh form.
    let reloaded = html(&browser, &location).await;
    assert!(!reloaded.contains("email or password is wrong"));
    assert!(!reloaded.contains("ann@example.org"));
}

#[tokio::test]
async fn an_error_written_into_a_link_is_not_shown() {
    let app = TestApp::spawn().await;
    let crafted = AppError::invalid("password", "Locked: call +1 555 0100 to unlock")
        .keeping(&[("email", "victim@example.org")]);
    for (page, function) in [("/login", "/api/log_in"), ("/signup", "/api/sign_up")] {
        let url = ServerFnUrlError::new(function, crafted.clone())
            .to_url(&format!("{}{page}", app.address))
            .expect("a URL");
        let shown = html(&app.browser(), url.as_str()).await;
        assert!(!shown.contains("555 0100"), "{page} shows a crafted error");
        assert!(
            !shown.contains("victim@example.org"),
            "{page} shows crafted values"
        );
    }
}

#[tokio::test]
async fn an_error_is_only_read_by_the_page_its_form_returns_to() {
    let app = TestApp::spawn().await;
    let browser = app.browser();
    let refused = browser
        .post_form(
            "sign_up",
            "/signup",
            &[
                ("email", "ann@"),
                ("display_name", "Ann"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 302);
    // Another page on the way leaves the error where it is.
    let elsewhere = browser.get("/login").await;
    assert!(form_error_cookies(&elsewhere).is_empty());
    let location = refused.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let page = html(&browser, &location).await;
    assert!(page.contains("enter an address like name@example.org"));
    assert!(page.contains(r#"value="ann@""#));
}
