//! What runs in a page: Leptos' islands loader and nothing else the server wrote. No page
//! carries a hand-written script or an inline event handler; the interactive parts are
//! islands, and the theme is the server's to paint (from its cookie), not a script's.

use app::api::manage_events::SaveEvent;
use domain::PlatformRole;

use crate::agenda::{add_session, organizer, publish, summit, summit_event};
use crate::content_policy::inline_scripts;
use crate::fixtures::given_user;
use crate::helpers::TestApp;

/// The scripts Leptos itself writes besides the loader: the tables of streamed resources and
/// the resources it serialized into them. In islands mode the tables are normally empty, but
/// Leptos 0.8 keeps "is this an island?" in one flag per request, and a `Suspense` re-checks
/// its children from an effect on another worker thread; when that re-check draws an island
/// (the header's `AccountLinks`) while the page creates a resource, the resource is
/// serialized. Seen once in CI on `/manage/acme`: harmless (the page's own data, read by
/// nothing), and Leptos' script, not ours, so it is allowed by its shape.
fn written_by_leptos(text: &str) -> bool {
    text.starts_with("__RESOLVED_RESOURCES") || text.starts_with("__INCOMPLETE_CHUNKS=[")
}

/// What is wrong with the scripts of `page`: anything but Leptos' own and schema.org data,
/// and any `on…=` attribute.
fn foreign_code(page: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut loaders = 0;
    for (tag, text) in inline_scripts(page) {
        if tag.contains("type=\"application/ld+json\"") || written_by_leptos(text) {
            continue;
        }
        let loader = tag.contains("type=\"module\"") && text.contains("hydrateIslands");
        if loader {
            loaders += 1;
        } else {
            found.push(format!("script <script{tag}>{text}"));
        }
    }
    if loaders != 1 {
        found.push(format!("{loaders} loaders"));
    }
    // An attribute named on… inside a tag: `<button onclick=…`.
    for tag in page.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        let handler = tag.split_whitespace().skip(1).find(|attribute| {
            attribute.len() > 2
                && attribute.starts_with("on")
                && attribute.contains('=')
                && attribute
                    .split('=')
                    .next()
                    .is_some_and(|name| name.bytes().all(|b| b.is_ascii_lowercase()))
        });
        if let Some(handler) = handler {
            found.push(format!("inline handler {handler}"));
        }
    }
    found
}

#[tokio::test]
async fn every_page_type_runs_only_the_islands_loader() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let editor = summit(&browser).await;
    let room = editor.rooms[0].id.to_string();
    add_session(
        &browser,
        "Opening",
        "2031-03-03T09:00",
        "2031-03-03T09:45",
        &room,
    )
    .await;
    publish(&browser).await;
    let schedule = app
        .get("/e/rust-summit/schedule")
        .await
        .text()
        .await
        .expect("a page");
    let session = schedule
        .split("href=\"/e/rust-summit/sessions/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a session on the schedule");
    given_user(&app, "root@example.org", PlatformRole::Admin).await;
    let admin = crate::fixtures::logged_in(&app, "root@example.org").await;

    let mut problems = Vec::new();
    let public = [
        "/".to_owned(),
        "/events".to_owned(),
        "/login".to_owned(),
        "/signup".to_owned(),
        "/e/rust-summit".to_owned(),
        "/e/rust-summit/schedule".to_owned(),
        format!("/e/rust-summit/sessions/{session}"),
        "/e/rust-summit/speakers".to_owned(),
        "/e/rust-summit/feed".to_owned(),
        "/no-such-page".to_owned(),
    ];
    for path in &public {
        let page = app.get(path).await.text().await.expect("a page");
        problems.extend(
            foreign_code(&page)
                .into_iter()
                .map(|p| format!("{path}: {p}")),
        );
    }
    let workspace = [
        "/account",
        "/e/rust-summit/schedule",
        "/manage/acme",
        "/manage/acme/events/rust-summit",
        "/manage/acme/speakers",
        "/manage/acme/contacts",
        "/manage/acme/campaigns",
        "/manage/acme/segments/new",
        "/manage/acme/templates/new",
    ];
    for path in workspace {
        let response = browser.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let page = response.text().await.expect("a page");
        problems.extend(
            foreign_code(&page)
                .into_iter()
                .map(|p| format!("{path}: {p}")),
        );
    }
    let page = admin.get("/admin").await.text().await.expect("a page");
    problems.extend(
        foreign_code(&page)
            .into_iter()
            .map(|p| format!("/admin: {p}")),
    );
    assert_eq!(problems, Vec::<String>::new());
}

#[tokio::test]
async fn text_typed_into_a_text_area_stays_text() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    summit(&browser).await;
    let typed = "Before</textarea><b id=\"injected\">after";
    let save = SaveEvent {
        event: "rust-summit".into(),
        description: typed.into(),
        ..summit_event()
    };
    browser.run(save).await.expect("the event saved");
    let page = browser
        .get("/manage/acme/events/rust-summit")
        .await
        .text()
        .await
        .expect("a page");
    assert!(
        !page.contains("<b id=\"injected\">"),
        "the text area was closed by its text"
    );
    assert!(
        page.contains("Before&lt;/textarea&gt;&lt;b id=&quot;injected&quot;&gt;after</textarea>")
    );
}

#[test]
fn the_checks_catch_a_script_and_a_handler() {
    let loader = "<script type=\"module\" nonce=\"n\">hydrateIslands()</script>";
    assert!(foreign_code(loader).is_empty());
    assert_eq!(foreign_code("<p>no loader</p>"), ["0 loaders"]);
    let extra = format!("{loader}<script nonce=\"n\">alert(1)</script>");
    assert_eq!(foreign_code(&extra).len(), 1);
    let handler = format!("{loader}<button type=\"button\" onclick=\"go()\">Go</button>");
    assert_eq!(foreign_code(&handler), ["inline handler onclick=\"go()\""]);
}

#[tokio::test]
async fn the_theme_picked_is_painted_by_the_server_and_cached_apart() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    summit(&browser).await;
    publish(&browser).await;
    let dark = app
        .client
        .get(format!("{}/e/rust-summit", app.address))
        .header("cookie", "convene_theme=dark")
        .send()
        .await
        .expect("a page");
    assert_eq!(dark.headers()["x-cache"], "miss");
    assert!(
        dark.text()
            .await
            .expect("a page")
            .contains("<html lang=\"en\" data-theme=\"dark\"")
    );
    // Someone who never picked a theme gets the system's, not the last visitor's.
    let plain = app.get("/e/rust-summit").await;
    assert_eq!(plain.headers()["x-cache"], "miss");
    let plain = plain.text().await.expect("a page");
    assert!(plain.contains("<html lang=\"en\">"), "{}", &plain[..200]);
    // An unknown value is no theme at all, and never reaches the page.
    let odd = app
        .client
        .get(format!("{}/login", app.address))
        .header("cookie", "convene_theme=\"><b>")
        .send()
        .await
        .expect("a page");
    assert!(
        odd.text()
            .await
            .expect("a page")
            .contains("<html lang=\"en\">")
    );
}
