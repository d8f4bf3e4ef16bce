//! Tenant isolation: another organization sees none of acme's events and speakers, and cannot
//! attach its own speakers to acme's sessions.

use domain::error::AppError;
use domain::speaker::SpeakerDirectory;
use domain::{OrgRole, PlatformRole};

use super::{add_session, editor, organizer, summit};
use crate::fixtures::{create_organization, given_member, given_user, session_for};
use crate::helpers::{TestApp, app_error};

#[tokio::test]
async fn another_organization_sees_none_of_it_and_cannot_borrow_its_speakers() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let summit = summit(&browser).await;
    let globex = create_organization(app.db(), "globex").await;
    let other = given_user(&app, "other@example.org", PlatformRole::None).await;
    given_member(&app, globex, other, OrgRole::Owner).await;
    let other = session_for(&app, other).await;
    let peek = other
        .call(
            "get_event_editor",
            &[("org", "acme"), ("event", "rust-summit")],
        )
        .await;
    assert_eq!(
        app_error(peek, 404).await,
        AppError::NotFound("organization".into())
    );
    // Its own organization, someone else's event: not found either.
    let sideways = other
        .call(
            "get_event_editor",
            &[("org", "globex"), ("event", "rust-summit")],
        )
        .await;
    assert_eq!(
        app_error(sideways, 404).await,
        AppError::NotFound("event".into())
    );
    let ada = summit.speakers[0].id.to_string();
    let borrowed = other
        .call("get_speaker_profile", &[("org", "globex"), ("id", &ada)])
        .await;
    assert_eq!(
        app_error(borrowed, 404).await,
        AppError::NotFound("speaker".into())
    );

    // A globex speaker cannot be attached to an acme session.
    other
        .ok("save_speaker", &[("org", "globex"), ("name", "Mallory")])
        .await;
    let mallory: SpeakerDirectory = other
        .ok("get_speaker_directory", &[("org", "globex")])
        .await
        .json()
        .await
        .expect("a directory");
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
    let attach = browser
        .call(
            "set_session_speaker",
            &[
                ("org", "acme"),
                ("event", "rust-summit"),
                ("id", &item),
                ("speaker", &mallory.speakers[0].id.to_string()),
                ("attach", "true"),
            ],
        )
        .await;
    assert!(
        app_error(attach, 400)
            .await
            .field_message("speaker")
            .is_some()
    );
}
