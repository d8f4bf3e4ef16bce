//! Placing sessions on the agenda: warnings about clashing rooms and speakers, sessions refused
//! outside the event or in a room it lacks, and a dragged session that keeps its length.

use super::{add_session, attach_speaker, editor, organizer, summit};
use crate::helpers::{TestApp, app_error};

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

    let outside = browser
        .call(
            "save_session",
            &[
                ("org", "acme"),
                ("event", "rust-summit"),
                ("title", "Too early"),
                ("kind", "talk"),
                ("starts_local", "2031-03-02T10:00"),
                ("ends_local", "2031-03-02T11:00"),
            ],
        )
        .await;
    let error = app_error(outside, 400).await;
    assert!(
        error
            .field_message("starts_local")
            .is_some_and(|m| m.starts_with("start during the event")),
        "{error:?}"
    );
    assert_eq!(error.kept("title"), Some("Too early"));

    let bad_room = browser
        .call(
            "save_session",
            &[
                ("org", "acme"),
                ("event", "rust-summit"),
                ("title", "Nowhere"),
                ("kind", "party"),
                ("starts_local", "2031-03-03T12:00"),
                ("ends_local", "2031-03-03T13:00"),
                ("room", "999999"),
            ],
        )
        .await;
    let error = app_error(bad_room, 400).await;
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
    let id = editor(&browser, "rust-summit").await.items[0]
        .id
        .to_string();
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
        let form = [
            ("org", "acme".to_owned()),
            ("event", "rust-summit".to_owned()),
            ("id", id.clone()),
            ("room", room.to_owned()),
            ("starts_local", start.to_owned()),
        ];
        let browser = &browser;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            browser.call("move_session", &form).await
        }
    };
    assert_eq!(moved(&hall_b, "2031-03-03T14:00").await.status(), 200);
    let item = editor(&browser, "rust-summit").await.items[0].clone();
    assert_eq!(
        (item.starts_local.as_str(), item.ends_local.as_str()),
        ("2031-03-03T14:00", "2031-03-03T15:30"),
        "the length is kept"
    );
    assert_eq!(item.room.map(|r| r.name).as_deref(), Some("Hall B"));

    let refused = moved(&hall_a, "2031-03-09T10:00").await;
    let error = app_error(refused, 400).await;
    assert!(error.field_message("starts_local").is_some(), "{error:?}");
    let other_room = moved("999999", "2031-03-03T10:00").await;
    assert_eq!(
        app_error(other_room, 400).await.field_message("room"),
        Some("choose one of this event's rooms")
    );
    assert_eq!(
        editor(&browser, "rust-summit").await.items[0].starts_local,
        "2031-03-03T14:00"
    );
}
