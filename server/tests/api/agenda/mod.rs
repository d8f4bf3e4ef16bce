//! The organizer's event editor, agenda and speakers, and the public program built from them.
//! What the tests share lives here: acme's organizer, the Rust Summit with its rooms, track
//! and speakers, and the calls that fill its agenda and join it.

mod deletions;
mod events;
mod exports;
mod personal_agenda;
mod public_program;
mod registrations;
mod sessions;
mod tenancy;

use app::api::manage_events::{
    AddRoom, AddTrack, ChangeEventStatus, GetEventEditor, SaveEvent, SaveSession, SaveSpeaker,
    SetSessionSpeaker,
};
use app::api::program::JoinEvent;
use domain::organizer::EventEditor;
use domain::registration::Attendance;
use domain::{AgendaItemId, OrgRole, PlatformRole};

use crate::fixtures::{create_organization, given_member, given_user, session_for};
use crate::helpers::{Browser, TestApp};

/// An organizer of a fresh organization `acme`, signed in.
pub(crate) async fn organizer(app: &TestApp) -> Browser {
    let acme = create_organization(app.db(), "acme").await;
    let user = given_user(app, "organizer@example.org", PlatformRole::None).await;
    given_member(app, acme, user, OrgRole::Organizer).await;
    session_for(app, user).await
}

/// Creates the Rust Summit draft.
pub(crate) fn summit_event() -> SaveEvent {
    SaveEvent {
        org: "acme".into(),
        event: String::new(),
        title: "Rust Summit".into(),
        slug: String::new(),
        summary: "Two days of Rust.".into(),
        description: "# Welcome\n\nTalks *and* workshops.<script>alert(1)</script>".into(),
        starts_local: "2031-03-03T09:00".into(),
        ends_local: "2031-03-04T18:00".into(),
        time_zone: "Europe/Berlin".into(),
        venue: "Kulturbrauerei, Berlin".into(),
        online_url: String::new(),
        visibility: "public".into(),
        capacity: String::new(),
    }
}

pub(crate) async fn editor(browser: &Browser, event: &str) -> EventEditor {
    let call = GetEventEditor {
        org: "acme".into(),
        event: event.into(),
    };
    browser.run(call).await.expect("an editor")
}

/// Creates the Rust Summit draft with two rooms, a track and two speakers.
pub(crate) async fn summit(browser: &Browser) -> EventEditor {
    browser.run(summit_event()).await.expect("the draft saved");
    for room in ["Hall A", "Hall B"] {
        let call = AddRoom {
            org: "acme".into(),
            event: "rust-summit".into(),
            room: room.into(),
        };
        browser.run(call).await.expect("a room added");
    }
    let track = AddTrack {
        org: "acme".into(),
        event: "rust-summit".into(),
        track: "Systems".into(),
    };
    browser.run(track).await.expect("a track added");
    for name in ["Ada Lovelace", "Grace Hopper"] {
        let speaker = SaveSpeaker {
            org: "acme".into(),
            id: String::new(),
            name: name.into(),
            headline: "Engineer".into(),
            company: String::new(),
            bio: String::new(),
            links: String::new(),
        };
        browser.run(speaker).await.expect("a speaker saved");
    }
    editor(browser, "rust-summit").await
}

/// Attaches the organization's speaker `speaker` to the Rust Summit's session `item`.
pub(crate) async fn attach_speaker(browser: &Browser, item: &str, speaker: &str) {
    let call = SetSessionSpeaker {
        org: "acme".into(),
        event: "rust-summit".into(),
        id: AgendaItemId(item.parse().expect("an agenda item's id")),
        speaker: speaker.into(),
        new_speaker: String::new(),
        attach: true,
    };
    browser.run(call).await.expect("the speaker attached");
}

pub(crate) async fn publish(browser: &Browser) {
    let call = ChangeEventStatus {
        org: "acme".into(),
        event: "rust-summit".into(),
        change: "publish".into(),
        publish_at: String::new(),
    };
    browser.run(call).await.expect("published");
}

pub(crate) async fn add_session(
    browser: &Browser,
    title: &str,
    start: &str,
    end: &str,
    room: &str,
) {
    let call = SaveSession {
        org: "acme".into(),
        event: "rust-summit".into(),
        id: String::new(),
        title: title.into(),
        abstract_text: String::new(),
        kind: "talk".into(),
        starts_local: start.into(),
        ends_local: end.into(),
        room: room.into(),
        track: String::new(),
    };
    browser.run(call).await.expect("a session saved");
}

pub(crate) async fn join(browser: &Browser) -> Attendance {
    let call = JoinEvent {
        slug: "rust-summit".into(),
    };
    browser.run(call).await.expect("attendance")
}
