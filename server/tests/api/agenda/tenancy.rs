//! Tenant isolation: another organization sees none of acme's events and speakers, and cannot
//! attach its own speakers to acme's sessions.

use app::api::manage_events::{
    GetEventEditor, GetSpeakerDirectory, GetSpeakerProfile, SaveSpeaker, SetSessionSpeaker,
};
use domain::error::AppError;
use domain::{OrgRole, PlatformRole};

use super::{add_session, editor, organizer, summit};
use crate::fixtures::{create_organization, given_member, given_user, session_for};
use crate::helpers::TestApp;

fn summit_editor(org: &str) -> GetEventEditor {
    GetEventEditor {
        org: org.into(),
        event: "rust-summit".into(),
    }
}

#[tokio::test]
async fn another_organization_sees_none_of_it_and_cannot_borrow_its_speakers() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let summit = summit(&browser).await;
    let globex = create_organization(app.db(), "globex").await;
    let other = given_user(&app, "other@example.org", PlatformRole::None).await;
    given_member(&app, globex, other, OrgRole::Owner).await;
    let other = session_for(&app, other).await;
    assert_eq!(
        other.run(summit_editor("acme")).await,
        Err(AppError::NotFound("organization".into()))
    );
    // Its own organization, someone else's event: not found either.
    assert_eq!(
        other.run(summit_editor("globex")).await,
        Err(AppError::NotFound("event".into()))
    );
    let borrowed = other
        .run(GetSpeakerProfile {
            org: "globex".into(),
            id: summit.speakers[0].id,
        })
        .await;
    assert_eq!(borrowed, Err(AppError::NotFound("speaker".into())));

    // A globex speaker cannot be attached to an acme session.
    let speaker = SaveSpeaker {
        org: "globex".into(),
        id: String::new(),
        name: "Mallory".into(),
        headline: String::new(),
        company: String::new(),
        bio: String::new(),
        links: String::new(),
    };
    other.run(speaker).await.expect("a speaker saved");
    let mallory = other
        .run(GetSpeakerDirectory {
            org: "globex".into(),
            q: String::new(),
        })
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
    let item = editor(&browser, "rust-summit").await.items[0].id;
    let attach = browser
        .run(SetSessionSpeaker {
            org: "acme".into(),
            event: "rust-summit".into(),
            id: item,
            speaker: mallory.speakers[0].id.to_string(),
            new_speaker: String::new(),
            attach: true,
        })
        .await
        .expect_err("another organization's speaker is refused");
    assert!(attach.field_message("speaker").is_some());
}
