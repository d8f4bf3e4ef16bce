//! The public event list and event page, through their server functions and as pages.

use app::api::events::{GetEvent, ListUpcomingEvents};
use domain::error::AppError;
use domain::{EventSummary, SearchQuery};

use crate::fixtures::event;
use crate::helpers::TestApp;

async fn upcoming(app: &TestApp, query: &str) -> Vec<EventSummary> {
    let call = ListUpcomingEvents {
        query: SearchQuery::new(query),
    };
    app.browser().run(call).await.expect("a list of events")
}

fn get_event(slug: &str) -> GetEvent {
    GetEvent { slug: slug.into() }
}

fn slugs(events: &[EventSummary]) -> Vec<&str> {
    events.iter().map(|e| e.slug.as_str()).collect()
}

#[tokio::test]
async fn the_list_holds_upcoming_public_published_events_soonest_first() {
    let app = TestApp::spawn().await;
    app.given_events(
        "acme",
        [
            event("later", "Later").in_days(10),
            event("sooner", "Sooner").in_days(2),
            event("past", "Past").in_days(-5),
            event("draft", "Draft").draft(),
            event("archived", "Archived").archived(),
            event("unlisted", "Unlisted").unlisted(),
        ],
    )
    .await;

    let events = upcoming(&app, "").await;
    assert_eq!(slugs(&events), ["sooner", "later"]);
    assert_eq!(events[0].organization, "Org acme");
    assert!(events[0].schedule.label.contains("CET") || events[0].schedule.label.contains("CEST"));
}

#[tokio::test]
async fn searching_needs_every_word_and_ignores_case() {
    let app = TestApp::spawn().await;
    app.given_events(
        "acme",
        [
            event("rust-berlin", "Rust Summit"),
            event("rust-paris", "Rust Days").at("Paris"),
            event("go-berlin", "Go Conference"),
        ],
    )
    .await;

    assert_eq!(
        slugs(&upcoming(&app, "RUST").await),
        ["rust-berlin", "rust-paris"]
    );
    assert_eq!(slugs(&upcoming(&app, "rust berlin").await), ["rust-berlin"]);
    assert!(upcoming(&app, "kotlin").await.is_empty());
}

#[tokio::test]
async fn searching_folds_non_ascii_case_and_finds_online_events_on_every_database() {
    let app = TestApp::spawn().await;
    app.given_events(
        "acme",
        [
            event("uberconf", "Überconf"),
            event("local", "Local Meetup").online("https://meet.example.org/local"),
        ],
    )
    .await;
    assert_eq!(slugs(&upcoming(&app, "ÜBERCONF").await), ["uberconf"]);
    assert_eq!(slugs(&upcoming(&app, "online").await), ["local"]);
}

#[tokio::test]
async fn like_wildcards_in_a_search_match_only_themselves() {
    let app = TestApp::spawn().await;
    app.given_events(
        "acme",
        [event("full", "100% Rust"), event("other", "Rust 100")],
    )
    .await;
    assert_eq!(slugs(&upcoming(&app, "100%").await), ["full"]);
    assert!(upcoming(&app, "_").await.is_empty());
}

#[tokio::test]
async fn a_published_event_is_returned_with_its_details() {
    let app = TestApp::spawn().await;
    app.given_events("acme", [event("by-link", "By Link").unlisted()])
        .await;
    let details = app
        .browser()
        .run(get_event("by-link"))
        .await
        .expect("event details");
    assert_eq!(details.summary.title, "By Link");
    assert_eq!(details.organization_slug.as_str(), "acme");
    assert_eq!(details.venue.as_deref(), Some("Berlin"));
}

#[tokio::test]
async fn drafts_archived_unknown_and_malformed_slugs_are_not_found() {
    let app = TestApp::spawn().await;
    app.given_events(
        "acme",
        [
            event("secret", "Secret").draft(),
            event("old", "Old").archived(),
        ],
    )
    .await;
    for slug in [
        "secret",
        "old",
        "nothing-here",
        "../../etc/passwd",
        "",
        "UPPER",
    ] {
        let answer = app.browser().run(get_event(slug)).await;
        assert_eq!(answer, Err(AppError::NotFound("event".into())), "{slug}");
    }
}

#[tokio::test]
async fn the_event_page_is_rendered_on_the_server() {
    let app = TestApp::spawn().await;
    app.given_events("acme", [event("rustconf", "RustConf <Live>")])
        .await;
    let response = app.get("/e/rustconf").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("html");
    assert!(
        html.contains("<title>RustConf &lt;Live&gt; · Convene</title>"),
        "{html}"
    );
    assert!(html.contains("RustConf &lt;Live&gt;</h1>"));
    assert!(html.contains("<p>Second paragraph.</p>"));
    assert!(
        html.contains(&format!(
            r#"<link href="{}/e/rustconf" rel="canonical">"#,
            app.address
        )),
        "{html}"
    );
}

#[tokio::test]
async fn markup_in_an_event_title_is_escaped_everywhere_on_the_page() {
    let app = TestApp::spawn().await;
    let title = "Evil</title><script>alert(1)</script>";
    app.given_events("acme", [event("evil", title)]).await;
    for path in ["/e/evil", "/"] {
        let html = app.get(path).await.text().await.expect("html");
        assert!(!html.contains("<script>alert(1)"), "{path}: {html}");
        assert!(
            html.contains("Evil&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn an_unknown_event_page_answers_404_with_the_not_found_page() {
    let app = TestApp::spawn().await;
    app.given_events("acme", [event("draft", "Draft").draft()])
        .await;
    for path in ["/e/nope", "/e/draft", "/e/Not%20A%20Slug"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert!(
            response
                .text()
                .await
                .expect("html")
                .contains("Page not found"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_home_page_lists_events_and_searches_without_javascript() {
    let app = TestApp::spawn().await;
    app.given_events(
        "acme",
        [
            event("rust-summit", "Rust Summit"),
            event("go-days", "Go Days"),
        ],
    )
    .await;

    let html = app.get("/").await.text().await.expect("html");
    assert!(html.contains("Rust Summit") && html.contains("Go Days"));

    let response = app.get("/?q=summit").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("html");
    assert!(html.contains("Rust Summit"));
    assert!(!html.contains("Go Days"));
    assert!(
        html.contains(r#"value="summit""#),
        "the box keeps what was typed"
    );

    let html = app.get("/?q=kotlin").await.text().await.expect("html");
    assert!(html.contains("No upcoming events match “kotlin”."));
}

#[tokio::test]
async fn an_unknown_path_answers_404_with_a_real_page() {
    let app = TestApp::spawn().await;
    let response = app.get("/no/such/page").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.expect("html");
    assert!(html.contains("Page not found"));
    assert!(
        html.contains(app::STYLESHEET_HREF),
        "the 404 page has the site's look"
    );
}

#[tokio::test]
async fn the_stylesheet_is_served_with_a_long_cache_lifetime() {
    let app = TestApp::spawn().await;
    let response = app.get(app::STYLESHEET_HREF).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let css = response.text().await.expect("css");
    assert!(
        css.contains(".bg-accent"),
        "utilities used in the components are generated"
    );
    assert!(css.contains("--color-accent"), "the base layer is included");
    // A wider breakpoint must come after a narrower one, or it never wins.
    let last_sm = css.rfind(".sm\\:grid-cols-2").expect("sm rule");
    let lg = css.find(".lg\\:grid-cols-3").expect("lg rule");
    assert!(
        lg > last_sm,
        "lg:grid-cols-3 is overridden by a later sm:grid-cols-2"
    );
}

#[tokio::test]
async fn responses_are_compressed_when_the_client_accepts_it() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .get(format!("{}{}", app.address, app::STYLESHEET_HREF))
        .header("accept-encoding", "br")
        .send()
        .await
        .expect("response");
    assert_eq!(response.headers()["content-encoding"], "br");
}

#[tokio::test]
async fn pages_carry_the_security_headers() {
    let app = TestApp::spawn().await;
    for path in ["/", "/no/such/page", "/healthz"] {
        let response = app.get(path).await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(
            headers["referrer-policy"], "strict-origin-when-cross-origin",
            "{path}"
        );
        assert!(headers.contains_key("x-request-id"), "{path}");
    }
}
