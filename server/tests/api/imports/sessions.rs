//! Sessions come back through the CSV export and an import into a copy of the event, and bad
//! rows say why.

use app::api::manage_events::DuplicateEvent;

use super::{WORKER_BY_HAND, finished, import, start, upload};
use crate::agenda::{add_session, attach_speaker, editor, organizer, summit};
use crate::helpers::TestApp;

#[tokio::test]
async fn sessions_come_back_through_export_and_import_and_bad_rows_say_why() {
    let app = TestApp::spawn_with(WORKER_BY_HAND).await;
    let browser = organizer(&app).await;
    let summit = summit(&browser).await;
    let hall_a = summit.rooms[0].id.to_string();
    add_session(
        &browser,
        "Async Rust",
        "2031-03-03T10:00",
        "2031-03-03T11:00",
        &hall_a,
    )
    .await;
    add_session(
        &browser,
        "Closing",
        "2031-03-04T17:00",
        "2031-03-04T18:00",
        "",
    )
    .await;
    let item = editor(&browser, "rust-summit").await.items[0]
        .id
        .to_string();
    let ada = summit.speakers[0].id.to_string();
    attach_speaker(&browser, &item, &ada).await;
    let exported = browser
        .get("/manage/acme/events/rust-summit/sessions.csv")
        .await
        .text()
        .await
        .expect("csv");
    let copy = DuplicateEvent {
        org: "acme".into(),
        event: "rust-summit".into(),
    };
    browser.run(copy).await.expect("copied");
    let file = format!(
        "{exported}Lost talk,talk,2031-03-03 12:00,2031-03-03 13:00,Atrium,,Nobody Known,\n\
         Too late,talk,2031-03-09 12:00,2031-03-09 13:00,,,,\n"
    );
    let id = upload(
        &app,
        &browser,
        "/manage/acme/events/rust-summit-copy/sessions/import",
        &file,
    )
    .await;
    let preview = import(&browser, id).await;
    assert_eq!((preview.valid, preview.invalid), (2, 2));
    let lost = preview
        .rows
        .iter()
        .find(|r| r.label == "Lost talk")
        .expect("listed");
    assert!(
        lost.message.contains("this event has no room “Atrium”"),
        "{}",
        lost.message
    );
    assert!(
        lost.message.contains("no speaker named “Nobody Known”"),
        "{}",
        lost.message
    );
    let late = preview
        .rows
        .iter()
        .find(|r| r.label == "Too late")
        .expect("listed");
    assert!(
        late.message.starts_with("starts: start during the event"),
        "{}",
        late.message
    );

    start(&browser, id).await.expect("started");
    finished(&app, &browser, id).await;
    let copy = editor(&browser, "rust-summit-copy").await;
    let sessions: Vec<(&str, &str, Option<&str>, Vec<&str>)> = copy
        .items
        .iter()
        .map(|i| {
            (
                i.title.as_str(),
                i.starts_local.as_str(),
                i.room.as_ref().map(|r| r.name.as_str()),
                i.speakers.iter().map(|s| s.name.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        sessions,
        [
            (
                "Async Rust",
                "2031-03-03T10:00",
                Some("Hall A"),
                vec!["Ada Lovelace"]
            ),
            ("Closing", "2031-03-04T17:00", None, vec![]),
        ]
    );
    assert_eq!(
        copy.history[0].summary,
        "imported sessions from “people.csv”"
    );
}
