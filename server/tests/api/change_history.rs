//! Every change to an event is written with its line of history, in one transaction: when
//! the history cannot be written, the change is not saved either, so the error the organizer
//! sees is true and trying again does not make the change twice.

use app::api::manage_events::{
    AddRoom, ChangeEventStatus, DeleteSession, SaveEvent, SaveSession, SetSessionSpeaker,
};
use domain::error::AppError;
use leptos::server_fn::ServerFn;
use services::db::Backend;

use crate::agenda::{add_session, editor, organizer, summit, summit_event};
use crate::helpers::{Browser, TestApp, backend};

/// Makes every write of an event's history fail from now on, as a full disk would.
async fn break_history(app: &TestApp) {
    let statements: &[&str] = match backend() {
        Backend::Sqlite => &[
            "CREATE TRIGGER refuse_history BEFORE INSERT ON event_changes \
             BEGIN SELECT RAISE(ABORT, 'history refused'); END",
        ],
        Backend::Postgres => &[
            "CREATE FUNCTION refuse_history() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'history refused'; END $$",
            "CREATE TRIGGER refuse_history BEFORE INSERT ON event_changes \
             FOR EACH ROW EXECUTE FUNCTION refuse_history()",
        ],
    };
    for statement in statements {
        sqlx::query(statement)
            .execute(app.db().pool())
            .await
            .expect("history refused");
    }
}

/// `call` fails whole, with the short sentence of an internal error.
async fn refused<F>(browser: &Browser, call: F)
where
    F: ServerFn + serde::Serialize,
    F::Output: serde::de::DeserializeOwned,
{
    let answer = browser.run(call).await.map(|_| ());
    assert_eq!(answer, Err(AppError::Internal), "{}", F::PATH);
}

#[tokio::test]
async fn a_change_whose_history_cannot_be_written_is_not_saved() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let before = summit(&browser).await;
    add_session(
        &browser,
        "Keynote",
        "2031-03-03T09:00",
        "2031-03-03T10:00",
        "",
    )
    .await;
    let with_keynote = editor(&browser, "rust-summit").await;
    let keynote = with_keynote.items[0].id;
    let speaker = before.speakers[0].id.to_string();
    break_history(&app).await;

    let renamed = SaveEvent {
        title: "Renamed Summit".into(),
        event: "rust-summit".into(),
        ..summit_event()
    };
    refused(&browser, renamed).await;
    let (org, event) = (|| "acme".to_owned(), || "rust-summit".to_owned());
    let room = AddRoom {
        org: org(),
        event: event(),
        room: "Hall C".into(),
    };
    refused(&browser, room).await;
    let session = SaveSession {
        org: org(),
        event: event(),
        id: String::new(),
        title: "Lost talk".into(),
        abstract_text: String::new(),
        kind: "talk".into(),
        starts_local: "2031-03-03T11:00".into(),
        ends_local: "2031-03-03T12:00".into(),
        room: String::new(),
        track: String::new(),
    };
    refused(&browser, session).await;
    let deletion = DeleteSession {
        org: org(),
        event: event(),
        id: keynote,
    };
    refused(&browser, deletion).await;
    let attach = SetSessionSpeaker {
        org: org(),
        event: event(),
        id: keynote,
        speaker,
        new_speaker: String::new(),
        attach: true,
    };
    refused(&browser, attach).await;
    let publish = ChangeEventStatus {
        org: org(),
        event: event(),
        change: "publish".into(),
        publish_at: String::new(),
    };
    refused(&browser, publish).await;

    let after = editor(&browser, "rust-summit").await;
    assert_eq!(after.event.form.title, "Rust Summit");
    assert_eq!(after.event.status, with_keynote.event.status);
    assert_eq!(after.rooms.len(), with_keynote.rooms.len());
    assert_eq!(after.items.len(), 1, "nothing added, nothing deleted");
    assert!(after.items[0].speakers.is_empty(), "no speaker attached");
    assert_eq!(after.history.len(), with_keynote.history.len());
}
