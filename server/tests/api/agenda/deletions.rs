//! Deleting a room or a speaker still in use: the editor asks first, says what is affected,
//! and keeps the sessions.

use domain::speaker::SpeakerDirectory;

use super::{add_session, attach_speaker, editor, organizer, summit};
use crate::helpers::{TestApp, app_error};

#[tokio::test]
async fn deleting_a_room_in_use_asks_first_and_says_what_is_affected() {
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
    let form = [
        ("org", "acme"),
        ("event", "rust-summit"),
        ("id", hall_a.as_str()),
    ];
    let asked = app_error(browser.call("delete_room", &form).await, 400).await;
    assert_eq!(
        asked.field_message("confirm"),
        Some("1 session is in “Hall A”. Delete it anyway? It will have no room.")
    );
    assert_eq!(asked.kept("confirm_target"), Some(hall_a.as_str()));
    assert_eq!(
        editor(&browser, "rust-summit").await.rooms.len(),
        2,
        "nothing deleted yet"
    );

    browser
        .ok(
            "delete_room",
            &[
                ("org", "acme"),
                ("event", "rust-summit"),
                ("id", &hall_a),
                ("confirm", "yes"),
            ],
        )
        .await;
    let after = editor(&browser, "rust-summit").await;
    assert_eq!(after.rooms.len(), 1);
    assert_eq!(after.items.len(), 1, "the session stays");
    assert!(after.items[0].room.is_none(), "without its room");
}

#[tokio::test]
async fn deleting_a_speaker_who_gives_sessions_asks_first() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let summit = summit(&browser).await;
    add_session(
        &browser,
        "Async",
        "2031-03-03T10:00",
        "2031-03-03T11:00",
        "",
    )
    .await;
    let item = editor(&browser, "rust-summit").await.items[0]
        .id
        .to_string();
    let ada = summit.speakers[0].id.to_string();
    attach_speaker(&browser, &item, &ada).await;
    let asked = app_error(
        browser
            .call("delete_speaker", &[("org", "acme"), ("id", &ada)])
            .await,
        400,
    )
    .await;
    assert!(
        asked
            .field_message("confirm")
            .is_some_and(|m| m.contains("speaks in 1 session"))
    );
    browser
        .ok(
            "delete_speaker",
            &[("org", "acme"), ("id", &ada), ("confirm", "yes")],
        )
        .await;
    let directory: SpeakerDirectory = browser
        .ok("get_speaker_directory", &[("org", "acme")])
        .await
        .json()
        .await
        .expect("a directory");
    assert_eq!(directory.speakers.len(), 1);
    assert!(
        editor(&browser, "rust-summit").await.items[0]
            .speakers
            .is_empty()
    );
}
