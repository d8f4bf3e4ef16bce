//! Placing sessions on the agenda: warnings about clashing rooms and speakers, sessions refused
//! outside the event or in a room it lacks, and a dragged session that keeps its length.

use app::api::manage_events::{MoveSession, SaveSession};

use super::{add_session, attach_speaker, editor, organizer, summit};
use crate::helpers::TestApp;

/// A session of the Rust Summit, in no room and no track.
fn session(title: &str, kind: &str, starts_local: &str, ends_local: &str) -> SaveSession {
    SaveSession {
        org: "acme".into(),
        event: "rust-summit".into(),
        id: String::new(),
        title: title.into(),
        abstract_text: String::new(),
        kind: kind.into(),
        starts_local: starts_local.into(),
        ends_local: ends_local.into(),
        room: String::new(),
        track: String::new(),
    }
}

#[tokio::test]
async fn the_agenda_warns_about_clashes_and_refuses_sessions_outside_the_event() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let summit = summit(&browser).await;
    let hall_a = summit.rooms[0].id.to_string();
    add_session(
        &browser,
        "Async",
        "2031-03-03T10:00",
        "2031-03-03T11:00",
        &hall_a,
    )
    .await;
    add_session(
        &browser,
        "Traits",
        "2031-03-03T10:30",
        "2031-03-03T11:30",
        &hall_a,
    )
    .await;
    let warnings = editor(&browser, "rust-summit").await.warnings;
    assert_eq!(
        warnings,
        vec!["Hall A holds “Async” and “Traits” at the same time.".to_owned()]
    );

    let outside = session("Too early", "talk", "2031-03-02T10:00", "2031-03-02T11:00");
    let error = browser
        .run(outside)
        .await
        .expect_err("a session before the event is refused");
    assert!(
        error
            .field_message("starts_local")
            .is_some_and(|m| m.starts_with("start during the event")),
        "{error:?}"
    );
    assert_eq!(error.kept("title"), Some("Too early"));

    let bad_room = SaveSession {
        room: "999999".into(),
        ..session("Nowhere", "party", "2031-03-03T12:00", "2031-03-03T13:00")
    };
    let error = browser
        .run(bad_room)
        .await
        .expect_err("an unknown room and kind are refused");
    assert!(error.field_message("room").is_some());
    assert!(error.field_message("kind").is_some());
}

#[tokio::test]
async fn a_speaker_in_two_rooms_at_once_is_flagged() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let summit = summit(&browser).await;
    let (a, b) = (
        summit.rooms[0].id.to_string(),
        summit.rooms[1].id.to_string(),
    );
    add_session(
        &browser,
        "Async",
        "2031-03-03T10:00",
        "2031-03-03T11:00",
        &a,
    )
    .await;
    add_session(
        &browser,
        "Traits",
        "2031-03-03T10:30",
        "2031-03-03T11:30",
        &b,
    )
    .await;
    let items = editor(&browser, "rust-summit").await.items;
    let ada = summit.speakers[0].id.to_string();
    for item in &items {
        attach_speaker(&browser, &item.id.to_string(), &ada).await;
    }
    let after = editor(&browser, "rust-summit").await;
    assert_eq!(
        after.warnings,
        vec!["Ada Lovelace is in “Async” and “Traits” at the same time.".to_owned()]
    );
    assert_eq!(after.items[0].speakers[0].name, "Ada Lovelace");
}

#[tokio::test]
async fn a_dragged_session_moves_keeping_its_length_and_the_forms_checks() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let summit = summit(&browser).await;
    let (hall_a, hall_b) = (
        summit.rooms[0].id.to_string(),
        summit.rooms[1].id.to_string(),
    );
    add_session(
        &browser,
        "Async",
        "2031-03-03T10:00",
        "2031-03-03T11:30",
        &hall_a,
    )
    .await;
    let id = editor(&browser, "rust-summit").await.items[0].id;
    let page = browser
        .get("/manage/acme/events/rust-summit")
        .await
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("draggable=\"true\"") && page.contains("data-component=\"AgendaBoard"),
        "the grid is an island the sessions can be dragged on"
    );

    let moved = |room: &str, start: &str| {
        browser.run(MoveSession {
            org: "acme".into(),
            event: "rust-summit".into(),
            id,
            room: room.into(),
            starts_local: start.into(),
        })
    };
    assert_eq!(moved(&hall_b, "2031-03-03T14:00").await, Ok(()));
    let item = editor(&browser, "rust-summit").await.items[0].clone();
    assert_eq!(
        (item.starts_local.as_str(), item.ends_local.as_str()),
        ("2031-03-03T14:00", "2031-03-03T15:30"),
        "the length is kept"
    );
    assert_eq!(item.room.map(|r| r.name).as_deref(), Some("Hall B"));

    let error = moved(&hall_a, "2031-03-09T10:00")
        .await
        .expect_err("a start after the event is refused");
    assert!(error.field_message("starts_local").is_some(), "{error:?}");
    let other_room = moved("999999", "2031-03-03T10:00")
        .await
        .expect_err("another event's room is refused");
    assert_eq!(
        other_room.field_message("room"),
        Some("choose one of this event's rooms")
    );
    assert_eq!(
        editor(&browser, "rust-summit").await.items[0].starts_local,
        "2031-03-03T14:00"
    );
}
