//! An event from draft to archive: validation with messages next to the fields that keep what
//! was typed, slugs, the history of changes, publishing (also at a scheduled time), and the
//! Markdown preview.

use app::api::events::GetEvent;
use app::api::manage_events::{
    ChangeEventStatus, GetEventEditor, ListEvents, PreviewMarkdown, SaveEvent,
};
use domain::EventStatus;
use domain::error::AppError;

use super::{editor, organizer, publish, summit, summit_event};
use crate::helpers::TestApp;

/// Scheduling the Rust Summit's publication at `at` (local time).
fn schedule_at(at: &str) -> ChangeEventStatus {
    ChangeEventStatus {
        org: "acme".into(),
        event: "rust-summit".into(),
        change: "schedule".into(),
        publish_at: at.into(),
    }
}

#[tokio::test]
async fn an_organizer_creates_a_draft_that_stays_private_until_published() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    browser.run(summit_event()).await.expect("created");

    let list = browser
        .run(ListEvents { org: "acme".into() })
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
    let details = app
        .browser()
        .run(GetEvent {
            slug: "rust-summit".into(),
        })
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

    let archive = ChangeEventStatus {
        change: "archive".into(),
        ..schedule_at("")
    };
    browser.run(archive).await.expect("archived");
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
    let form = SaveEvent {
        title: long_title.clone(),
        starts_local: "2031-03-04T09:00".into(),
        ends_local: "2031-03-03T09:00".into(),
        online_url: "javascript:alert(1)".into(),
        capacity: "-3".into(),
        ..summit_event()
    };
    let error = browser.run(form).await.expect_err("refused");
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

    let mars = SaveEvent {
        time_zone: "Mars/Olympus".into(),
        ..summit_event()
    };
    let zone = browser.run(mars).await.expect_err("refused");
    assert!(
        zone.field_message("time_zone")
            .is_some_and(|m| m.contains("Mars/Olympus"))
    );

    browser.run(summit_event()).await.expect("created");
    let taken = browser.run(summit_event()).await.expect_err("refused");
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
    browser.run(summit_event()).await.expect("created");
    let form = SaveEvent {
        event: "rust-summit".into(),
        title: "Rust Summit 2031".into(),
        slug: "rs-2031".into(),
        ..summit_event()
    };
    browser.run(form).await.expect("saved");
    let edited = editor(&browser, "rs-2031").await;
    assert_eq!(edited.event.form.title, "Rust Summit 2031");
    assert_eq!(edited.history[0].summary, "changed the title, the address");
    let gone = GetEventEditor {
        org: "acme".into(),
        event: "rust-summit".into(),
    };
    assert_eq!(
        browser.run(gone).await.expect_err("moved"),
        AppError::NotFound("event".into())
    );
}

#[tokio::test]
async fn a_scheduled_draft_publishes_itself_when_its_time_comes() {
    // The publisher is run by the test, not by the clock.
    let app = TestApp::spawn_with(&[("publish_check_secs", "3600")]).await;
    let browser = organizer(&app).await;
    browser.run(summit_event()).await.expect("created");
    let past = browser
        .run(schedule_at("2020-01-01T10:00"))
        .await
        .expect_err("refused");
    assert_eq!(
        past.field_message("publish_at"),
        Some("choose a time in the future")
    );
    // The time is stored with the event; making it due is what the clock would do.
    browser
        .run(schedule_at("2031-01-01T10:00"))
        .await
        .expect("scheduled");
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
    let text = |text: &str| PreviewMarkdown { text: text.into() };
    let preview = browser
        .run(text(
            "# Hello\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2))",
        ))
        .await
        .expect("html");
    assert!(preview.contains("<h1>Hello</h1>"), "{preview}");
    assert!(
        !preview.contains("<script") && !preview.contains("href=\"javascript"),
        "{preview}"
    );
    let anonymous = app.browser().run(text("# Hi")).await;
    assert_eq!(anonymous, Err(AppError::Unauthenticated));
    let long = "x".repeat(20_001);
    let refused = browser.run(text(&long)).await.expect_err("too long");
    assert!(matches!(refused, AppError::Invalid { .. }), "{refused:?}");

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
