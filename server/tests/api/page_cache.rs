//! The shared cache of public event pages: anonymous visitors get the same answer until
//! anything the page shows changes (through any code path, on any instance); signed-in
//! visitors never read from it or write to it; browsers revalidate with `ETag`.

use app::api::manage_events::{ChangeEventStatus, SaveSpeaker};
use app::api::program::StarSession;
use domain::PlatformRole;
use reqwest::header::{CONTENT_ENCODING, ETAG, IF_NONE_MATCH};

use crate::agenda::{add_session, attach_speaker, editor, join, organizer, publish, summit};
use crate::fixtures::{given_user, session_for};
use crate::helpers::TestApp;

const SCHEDULE: &str = "/e/rust-summit/schedule";

/// `GET path` as an anonymous visitor: whether the cache answered, and the page.
async fn visit(app: &TestApp, path: &str) -> (String, String) {
    answered(app.get(path).await, path).await
}

/// A page `path` answered 200: whether the cache answered (`hit`, `miss`, `none`), and the page.
pub(crate) async fn answered(response: reqwest::Response, path: &str) -> (String, String) {
    assert_eq!(response.status(), 200, "{path}");
    let cache = response
        .headers()
        .get("x-cache")
        .map_or("none", |v| v.to_str().expect("ascii"))
        .to_owned();
    (cache, response.text().await.expect("a page"))
}

/// A published Rust Summit with one session in Hall A given by Grace Hopper.
pub(crate) async fn published_summit(app: &TestApp) -> crate::helpers::Browser {
    let browser = organizer(app).await;
    let summit = summit(&browser).await;
    let hall_a = summit.rooms[0].id.to_string();
    add_session(
        &browser,
        "Opening",
        "2031-03-03T10:00",
        "2031-03-03T11:00",
        &hall_a,
    )
    .await;
    let item = editor(&browser, "rust-summit").await.items[0]
        .id
        .to_string();
    let grace = summit.speakers[1].id.to_string();
    attach_speaker(&browser, &item, &grace).await;
    publish(&browser).await;
    browser
}

#[tokio::test]
async fn anonymous_visitors_share_a_page_until_anything_on_it_changes() {
    let app = TestApp::spawn().await;
    let organizer = published_summit(&app).await;

    let (first, page) = visit(&app, SCHEDULE).await;
    let (second, again) = visit(&app, SCHEDULE).await;
    assert_eq!((first.as_str(), second.as_str()), ("miss", "hit"));
    assert_eq!(page, again, "the kept page is the rendered one");
    assert!(page.contains("Grace Hopper"));

    // A new session.
    add_session(
        &organizer,
        "Closing keynote",
        "2031-03-04T17:00",
        "2031-03-04T18:00",
        "",
    )
    .await;
    let (cache, page) = visit(&app, SCHEDULE).await;
    assert_eq!(cache, "miss");
    assert!(page.contains("Closing keynote"));

    // A speaker's profile, which belongs to the organization, not the event.
    let grace = editor(&organizer, "rust-summit").await.speakers[1]
        .id
        .to_string();
    let renamed = SaveSpeaker {
        org: "acme".into(),
        id: grace,
        name: "Grace B. Hopper".into(),
        headline: "Rear admiral".into(),
        company: String::new(),
        bio: String::new(),
        links: String::new(),
    };
    organizer.run(renamed).await.expect("the speaker saved");
    let (_, page) = visit(&app, SCHEDULE).await;
    assert!(page.contains("Grace B. Hopper"), "a renamed speaker shows");
    let (_, speakers) = visit(&app, "/e/rust-summit/speakers").await;
    assert!(speakers.contains("Rear admiral"));

    // An attendee joins: the event page's count of places changes.
    visit(&app, "/e/rust-summit").await;
    let (cache, _) = visit(&app, "/e/rust-summit").await;
    assert_eq!(cache, "hit");
    let attendee = given_user(&app, "attendee@example.org", PlatformRole::None).await;
    join(&session_for(&app, attendee).await).await;
    let (cache, _) = visit(&app, "/e/rust-summit").await;
    assert_eq!(cache, "miss", "a registration changes the event's version");

    // Moved back to draft: gone for everyone at once, nothing kept is served.
    let unpublish = ChangeEventStatus {
        org: "acme".into(),
        event: "rust-summit".into(),
        change: "unpublish".into(),
        publish_at: String::new(),
    };
    organizer.run(unpublish).await.expect("back to draft");
    for path in [SCHEDULE, "/e/rust-summit", "/e/rust-summit/calendar.ics"] {
        assert_eq!(app.get(path).await.status(), 404, "{path}");
    }
}

#[tokio::test]
async fn signed_in_visitors_neither_read_nor_fill_the_shared_pages() {
    let app = TestApp::spawn().await;
    let organizer = published_summit(&app).await;
    let first = editor(&organizer, "rust-summit").await.items[0].clone();
    let attendee = given_user(&app, "attendee@example.org", PlatformRole::None).await;
    let attendee = session_for(&app, attendee).await;
    let star = StarSession {
        slug: "rust-summit".into(),
        id: first.id,
        starred: true,
        back: None,
    };
    attendee.run(star).await.expect("starred");

    // The anonymous page is kept first, then the attendee asks for the same address.
    visit(&app, SCHEDULE).await;
    let (cache, anonymous) = visit(&app, SCHEDULE).await;
    assert_eq!(cache, "hit");
    let response = attendee.get(SCHEDULE).await;
    assert!(response.headers().get("x-cache").is_none());
    let personal = response.text().await.expect("a page");
    // Each star is named after its session.
    let remove = format!("Remove “{}” from my agenda", first.title);
    assert!(personal.contains(&remove), "the attendee sees their star");
    assert!(
        !anonymous.contains(&remove)
            && anonymous.contains(&format!("Sign in to add “{}” to your agenda", first.title)),
        "and nobody else ever does"
    );
    let (cache, _) = visit(&app, SCHEDULE).await;
    assert_eq!(
        cache, "hit",
        "the personal page did not replace the shared one"
    );
}

#[tokio::test]
async fn browsers_revalidate_with_the_etag_and_each_encoding_is_kept_apart() {
    let app = TestApp::spawn().await;
    let organizer = published_summit(&app).await;

    let first = app.get(SCHEDULE).await;
    let etag = first.headers().get(ETAG).expect("an ETag").clone();
    let unchanged = app
        .client
        .get(format!("{}{SCHEDULE}", app.address))
        .header(IF_NONE_MATCH, etag.clone())
        .send()
        .await
        .expect("sent");
    assert_eq!(unchanged.status(), 304);
    assert!(unchanged.bytes().await.expect("a body").is_empty());

    let brotli = |app: &TestApp| {
        app.client
            .get(format!("{}{SCHEDULE}", app.address))
            .header("accept-encoding", "gzip, br")
            .send()
    };
    let compressed = brotli(&app).await.expect("sent");
    assert_eq!(compressed.headers()[CONTENT_ENCODING], "br");
    assert_eq!(compressed.headers()["x-cache"], "miss", "kept per encoding");
    assert_ne!(compressed.headers()[ETAG], etag);
    let compressed = brotli(&app).await.expect("sent");
    assert_eq!(compressed.headers()["x-cache"], "hit");
    assert_eq!(compressed.headers()[CONTENT_ENCODING], "br");

    add_session(
        &organizer,
        "Lunch",
        "2031-03-03T12:00",
        "2031-03-03T13:00",
        "",
    )
    .await;
    let changed = app
        .client
        .get(format!("{}{SCHEDULE}", app.address))
        .header(IF_NONE_MATCH, etag.clone())
        .send()
        .await
        .expect("sent");
    assert_eq!(changed.status(), 200, "a changed page is sent again");
    assert_ne!(changed.headers()[ETAG], etag);
}

#[tokio::test]
async fn an_instance_never_serves_a_page_older_than_a_change_made_through_another() {
    let app = TestApp::spawn().await;
    let organizer = published_summit(&app).await;
    let other = app.another_instance().await;

    visit(&other, SCHEDULE).await;
    let (cache, _) = visit(&other, SCHEDULE).await;
    assert_eq!(cache, "hit");
    // The change goes through the first instance.
    add_session(
        &organizer,
        "Hallway track",
        "2031-03-03T15:00",
        "2031-03-03T16:00",
        "",
    )
    .await;
    let (cache, page) = visit(&other, SCHEDULE).await;
    assert_eq!(cache, "miss");
    assert!(page.contains("Hallway track"));
}

/// Every table a public page reads from bumps the event's version, whatever writes to it.
#[tokio::test]
async fn every_write_to_what_public_pages_show_bumps_the_event_version() {
    let app = TestApp::spawn().await;
    let organizer = published_summit(&app).await;
    let pool = app.db().pool();
    let version = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT content_version FROM events WHERE slug = 'rust-summit'",
        )
        .fetch_one(pool)
        .await
        .expect("the event")
    };
    let editor = editor(&organizer, "rust-summit").await;
    let room = editor.rooms[0].id.to_string();
    let track = editor.tracks[0].id.to_string();
    let item = editor.items[0].id.to_string();
    let speaker = editor.speakers[1].id.to_string();
    let statements = [
        "UPDATE events SET title = 'Rust Summit 2031' WHERE slug = 'rust-summit'".to_owned(),
        "UPDATE organizations SET name = 'ACME Events' WHERE slug = 'acme'".to_owned(),
        format!("UPDATE rooms SET name = 'Main hall' WHERE id = {room}"),
        format!("UPDATE tracks SET name = 'Systems programming' WHERE id = {track}"),
        format!("UPDATE agenda_items SET title = 'Welcome' WHERE id = {item}"),
        format!("UPDATE speakers SET name = 'G. Hopper' WHERE id = {speaker}"),
        format!("DELETE FROM agenda_item_speakers WHERE agenda_item_id = {item}"),
        format!("UPDATE agenda_items SET track_id = NULL WHERE id = {item}"),
        format!("DELETE FROM tracks WHERE id = {track}"),
        format!("DELETE FROM agenda_items WHERE id = {item}"),
    ];
    for statement in statements {
        let before = version().await;
        sqlx::query(&statement)
            .execute(pool)
            .await
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
        assert!(version().await > before, "{statement}");
    }
    let before = version().await;
    let attendee = given_user(&app, "attendee@example.org", PlatformRole::None).await;
    join(&session_for(&app, attendee).await).await;
    assert!(version().await > before, "a registration");
}

#[tokio::test]
async fn a_missing_page_is_rendered_once_however_many_ask_at_the_same_moment() {
    let app = TestApp::spawn().await;
    published_summit(&app).await;
    let answers = futures_util::future::join_all((0..20).map(|_| app.get(SCHEDULE))).await;
    let mut misses = 0;
    for response in answers {
        assert_eq!(response.status(), 200);
        if response.headers()["x-cache"] == "miss" {
            misses += 1;
        }
    }
    // Two when a minute began between the first and the last request.
    assert!(
        (1..=2).contains(&misses),
        "{misses} renders for 20 requests"
    );

    // An unknown session of a published event is as shareable as a known one.
    for expected in ["miss", "hit"] {
        let response = app.get("/e/rust-summit/sessions/999999").await;
        assert_eq!(response.status(), 404);
        assert_eq!(response.headers()["x-cache"], expected);
    }
}
