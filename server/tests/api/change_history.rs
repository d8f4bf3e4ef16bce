//! Every change to an event is written with its line of history, in one transaction: when
//! the history cannot be written, the change is not saved either, so the error the organizer
//! sees is true and trying again does not make the change twice.

use domain::error::AppError;
use services::db::Backend;

use crate::agenda::{EVENT, add_session, editor, organizer, summit};
use crate::helpers::{Browser, TestApp, app_error, backend};

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

async fn refused(browser: &Browser, function: &str, form: &[(&str, &str)]) {
    let response = browser.call(function, form).await;
    assert_eq!(
        app_error(response, 500).await,
        AppError::Internal,
        "{function}"
    );
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
    let keynote = with_keynote.items[0].id.to_string();
    let speaker = before.speakers[0].id.to_string();
    break_history(&app).await;

    let mut renamed: Vec<(&str, &str)> = EVENT
        .iter()
        .filter(|(k, _)| *k != "title")
        .copied()
        .collect();
    renamed.extend([("title", "Renamed Summit"), ("event", "rust-summit")]);
    refused(&browser, "save_event", &renamed).await;
    let at = [("org", "acme"), ("event", "rust-summit")];
    let with = |extra: &[(&'static str, &str)]| {
        let mut form: Vec<(&str, String)> = at.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        form.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
        form
    };
    let cases = [
        ("add_room", with(&[("room", "Hall C")])),
        (
            "save_session",
            with(&[
                ("title", "Lost talk"),
                ("kind", "talk"),
                ("starts_local", "2031-03-03T11:00"),
                ("ends_local", "2031-03-03T12:00"),
            ]),
        ),
        ("delete_session", with(&[("id", &keynote)])),
        (
            "set_session_speaker",
            with(&[("id", &keynote), ("speaker", &speaker), ("attach", "true")]),
        ),
        ("change_event_status", with(&[("change", "publish")])),
    ];
    for (function, form) in &cases {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        refused(&browser, function, &form).await;
    }

    let after = editor(&browser, "rust-summit").await;
    assert_eq!(after.event.form.title, "Rust Summit");
    assert_eq!(after.event.status, with_keynote.event.status);
    assert_eq!(after.rooms.len(), with_keynote.rooms.len());
    assert_eq!(after.items.len(), 1, "nothing added, nothing deleted");
    assert!(after.items[0].speakers.is_empty(), "no speaker attached");
    assert_eq!(after.history.len(), with_keynote.history.len());
}
