//! An event from draft to archive: validation with messages next to the fields that keep what
//! was typed, slugs, the history of changes, publishing (also at a scheduled time), and the
//! Markdown preview.

use domain::error::AppError;
use domain::organizer::EventListItem;
use domain::{EventDetails, EventStatus};

use super::{EVENT, editor, organizer, publish, summit, with};
use crate::helpers::{TestApp, app_error};

#[tokio::test]
async fn an_organizer_creates_a_draft_that_stays_private_until_published() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let created = browser.call("save_event", EVENT).await;
    assert!(created.status().is_success(), "{}", created.status());

    let list: Vec<EventListItem> = browser
        .ok("list_events", &[("org", "acme")])
        .await
        .json()
        .await
        .expect("a list");
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0].slug, "rust-summit",
        "the slug is made from the title"
    );
    assert_eq!(list[0].status, EventStatus::Draft);
    assert_eq!(
        app.get("/e/rust-summit").await.status(),
        404,
        "drafts are not public"
    );

    publish(&browser).await;
    let page = app.get("/e/rust-summit").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(html.contains("<h1>Welcome</h1>"), "Markdown is rendered");
    assert!(!html.contains("<script>alert(1)"), "and sanitized");
    assert!(html.contains("application/ld+json"));
    assert!(html.contains("\"@type\":\"Event\""));
    let details: EventDetails = app
        .call("get_event", &[("slug", "rust-summit")])
        .await
        .json()
        .await
        .expect("details");
    assert_eq!(
        details.summary.schedule.starts_at,
        "2031-03-03T09:00:00+01:00"
    );

    let history = editor(&browser, "rust-summit").await.history;
    assert_eq!(history[0].summary, "published the event");
    assert_eq!(history[1].summary, "created the event");
    assert_eq!(history[0].who, "organizer");

    browser
        .ok(
            "change_event_status",
            &[
                ("org", "acme"),
                ("event", "rust-summit"),
                ("change", "archive"),
            ],
        )
        .await;
    assert_eq!(
        app.get("/e/rust-summit").await.status(),
        404,
        "archived events are not public"
    );
}

#[tokio::test]
async fn bad_event_fields_get_messages_next_to_them_and_keep_what_was_typed() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let long_title = "x".repeat(121);
    let form = with(
        EVENT,
        &[
            ("title", &long_title),
            ("starts_local", "2031-03-04T09:00"),
            ("ends_local", "2031-03-03T09:00"),
            ("online_url", "javascript:alert(1)"),
            ("capacity", "-3"),
        ],
    );
    let error = app_error(browser.call("save_event", &form).await, 400).await;
    for field in ["title", "ends_local", "online_url", "capacity"] {
        assert!(
            error.field_message(field).is_some(),
            "no message for {field}: {error:?}"
        );
    }
    assert_eq!(
        error.field_message("ends_local"),
        Some("end after the start")
    );
    assert_eq!(error.kept("venue"), Some("Kulturbrauerei, Berlin"));
    assert_eq!(error.kept("title"), Some(long_title.as_str()));

    let zone = app_error(
        browser
            .call("save_event", &with(EVENT, &[("time_zone", "Mars/Olympus")]))
            .await,
        400,
    )
    .await;
    assert!(
        zone.field_message("time_zone")
            .is_some_and(|m| m.contains("Mars/Olympus"))
    );

    browser.ok("save_event", EVENT).await;
    let taken = app_error(browser.call("save_event", EVENT).await, 400).await;
    assert_eq!(
        taken.field_message("slug"),
        Some("another event already uses this address; choose another")
    );
    assert_eq!(taken.kept("title"), Some("Rust Summit"));
}

#[tokio::test]
async fn editing_records_what_changed_and_a_new_slug_moves_the_event() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    browser.ok("save_event", EVENT).await;
    let form = with(
        EVENT,
        &[
            ("event", "rust-summit"),
            ("title", "Rust Summit 2031"),
            ("slug", "rs-2031"),
        ],
    );
    browser.ok("save_event", &form).await;
    let edited = editor(&browser, "rs-2031").await;
    assert_eq!(edited.event.form.title, "Rust Summit 2031");
    assert_eq!(edited.history[0].summary, "changed the title, the address");
    let gone = browser
        .call(
            "get_event_editor",
            &[("org", "acme"), ("event", "rust-summit")],
        )
        .await;
    assert_eq!(
        app_error(gone, 404).await,
        AppError::NotFound("event".into())
    );
}

#[tokio::test]
async fn a_scheduled_draft_publishes_itself_when_its_time_comes() {
    // The publisher is run by the test, not by the clock.
    let app = TestApp::spawn_with(&[("publish_check_secs", "3600")]).await;
    let browser = organizer(&app).await;
    browser.ok("save_event", EVENT).await;
    let past = app_error(
        browser
            .call(
                "change_event_status",
                &[
                    ("org", "acme"),
                    ("event", "rust-summit"),
                    ("change", "schedule"),
                    ("publish_at", "2020-01-01T10:00"),
                ],
            )
            .await,
        400,
    )
    .await;
    assert_eq!(
        past.field_message("publish_at"),
        Some("choose a time in the future")
    );
    // The time is stored with the event; making it due is what the clock would do.
    browser
        .ok(
            "change_event_status",
            &[
                ("org", "acme"),
                ("event", "rust-summit"),
                ("change", "schedule"),
                ("publish_at", "2031-01-01T10:00"),
            ],
        )
        .await;
    assert_eq!(app.get("/e/rust-summit").await.status(), 404);
    sqlx::query("UPDATE events SET publish_at = 1 WHERE slug = 'rust-summit'")
        .execute(app.db().pool())
        .await
        .expect("made due");
    let event: i64 = sqlx::query_scalar("SELECT id FROM events WHERE slug = 'rust-summit'")
        .fetch_one(app.db().pool())
        .await
        .expect("the event");
    let published = services::organizer::publisher::publish_due(&app.state).await;
    assert_eq!(published, [domain::EventId(event)]);
    assert_eq!(app.get("/e/rust-summit").await.status(), 200);
    assert!(
        services::organizer::publisher::publish_due(&app.state)
            .await
            .is_empty(),
        "published once"
    );
    let history = editor(&browser, "rust-summit").await.history;
    assert_eq!(history[0].summary, "published the event as scheduled");
}

#[tokio::test]
async fn the_editor_previews_markdown_as_the_page_will_show_it() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let preview: String = browser
        .ok(
            "preview_markdown",
            &[(
                "text",
                "# Hello\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2))",
            )],
        )
        .await
        .json()
        .await
        .expect("html");
    assert!(preview.contains("<h1>Hello</h1>"), "{preview}");
    assert!(
        !preview.contains("<script") && !preview.contains("href=\"javascript"),
        "{preview}"
    );
    let anonymous = app.call("preview_markdown", &[("text", "# Hi")]).await;
    assert_eq!(anonymous.status(), 401);
    let long = "x".repeat(20_001);
    let refused = browser.call("preview_markdown", &[("text", &long)]).await;
    assert_eq!(refused.status(), 400);

    // Without JavaScript the preview shows the saved description, rendered the same way.
    summit(&browser).await;
    let page = browser
        .get("/manage/acme/events/rust-summit")
        .await
        .text()
        .await
        .expect("html");
    let preview = page
        .split("id=\"event-description-preview\"")
        .nth(1)
        .expect("a preview");
    assert!(preview.contains("<h1>Welcome</h1>"));
    assert!(
        page.contains("data-component=\"DescriptionEditor"),
        "and an island follows the typing with it"
    );
}
