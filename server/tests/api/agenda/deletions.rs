//! Deleting a room or a speaker still in use: the editor asks first, says what is affected,
//! and keeps the sessions.

use app::api::manage_events::{DeleteRoom, DeleteSpeaker, GetSpeakerDirectory};

use super::{add_session, attach_speaker, editor, organizer, summit};
use crate::helpers::TestApp;

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
    let delete = |confirm: &str| DeleteRoom {
        org: "acme".into(),
        event: "rust-summit".into(),
        id: summit.rooms[0].id.0,
        confirm: confirm.into(),
    };
    let asked = browser
        .run(delete(""))
        .await
        .expect_err("a room in use is not deleted at once");
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

    browser.run(delete("yes")).await.expect("the room deleted");
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
    let ada = summit.speakers[0].id;
    attach_speaker(&browser, &item, &ada.to_string()).await;
    let delete = |confirm: &str| DeleteSpeaker {
        org: "acme".into(),
        id: ada,
        confirm: confirm.into(),
    };
    let asked = browser
        .run(delete(""))
        .await
        .expect_err("a speaker with sessions is not deleted at once");
    assert!(
        asked
            .field_message("confirm")
            .is_some_and(|m| m.contains("speaks in 1 session"))
    );
    browser
        .run(delete("yes"))
        .await
        .expect("the speaker deleted");
    let directory = browser
        .run(GetSpeakerDirectory {
            org: "acme".into(),
            q: String::new(),
        })
        .await
        .expect("a directory");
    assert_eq!(directory.speakers.len(), 1);
    assert!(
        editor(&browser, "rust-summit").await.items[0]
            .speakers
            .is_empty()
    );
}
