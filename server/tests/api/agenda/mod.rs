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

use domain::organizer::EventEditor;
use domain::registration::Attendance;
use domain::{OrgRole, PlatformRole};

use crate::fixtures::{create_organization, given_member, given_user, session_for};
use crate::helpers::{Browser, TestApp};

/// An organizer of a fresh organization `acme`, signed in.
pub(crate) async fn organizer(app: &TestApp) -> Browser {
    let acme = create_organization(app.db(), "acme").await;
    let user = given_user(app, "organizer@example.org", PlatformRole::None).await;
    given_member(app, acme, user, OrgRole::Organizer).await;
    session_for(app, user).await
}

pub(crate) const EVENT: &[(&str, &str)] = &[
    ("org", "acme"),
    ("title", "Rust Summit"),
    ("summary", "Two days of Rust."),
    (
        "description",
        "# Welcome\n\nTalks *and* workshops.<script>alert(1)</script>",
    ),
    ("starts_local", "2031-03-03T09:00"),
    ("ends_local", "2031-03-04T18:00"),
    ("time_zone", "Europe/Berlin"),
    ("venue", "Kulturbrauerei, Berlin"),
    ("visibility", "public"),
];

pub(crate) fn with<'a>(
    base: &[(&'a str, &'a str)],
    changes: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut form: Vec<(&str, &str)> = base
        .iter()
        .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
        .copied()
        .collect();
    form.extend_from_slice(changes);
    form
}

pub(crate) async fn editor(browser: &Browser, event: &str) -> EventEditor {
    browser
        .ok("get_event_editor", &[("org", "acme"), ("event", event)])
        .await
        .json()
        .await
        .expect("an editor")
}

/// Creates the Rust Summit draft with two rooms, a track and two speakers.
pub(crate) async fn summit(browser: &Browser) -> EventEditor {
    browser.ok("save_event", EVENT).await;
    for room in ["Hall A", "Hall B"] {
        browser
            .ok(
                "add_room",
                &[("org", "acme"), ("event", "rust-summit"), ("room", room)],
            )
            .await;
    }
    browser
        .ok(
            "add_track",
            &[
                ("org", "acme"),
                ("event", "rust-summit"),
                ("track", "Systems"),
            ],
        )
        .await;
    for name in ["Ada Lovelace", "Grace Hopper"] {
        browser
            .ok(
                "save_speaker",
                &[("org", "acme"), ("name", name), ("headline", "Engineer")],
            )
            .await;
    }
    editor(browser, "rust-summit").await
}

/// Attaches the organization's speaker `speaker` to the Rust Summit's session `item`.
pub(crate) async fn attach_speaker(browser: &Browser, item: &str, speaker: &str) {
    browser
        .ok(
            "set_session_speaker",
            &[
                ("org", "acme"),
                ("event", "rust-summit"),
                ("id", item),
                ("speaker", speaker),
                ("attach", "true"),
            ],
        )
        .await;
}

pub(crate) async fn publish(browser: &Browser) {
    browser
        .ok(
            "change_event_status",
            &[
                ("org", "acme"),
                ("event", "rust-summit"),
                ("change", "publish"),
            ],
        )
        .await;
}

pub(crate) async fn add_session(
    browser: &Browser,
    title: &str,
    start: &str,
    end: &str,
    room: &str,
) {
    browser
        .ok(
            "save_session",
            &[
                ("org", "acme"),
                ("event", "rust-summit"),
                ("title", title),
                ("kind", "talk"),
                ("starts_local", start),
                ("ends_local", end),
                ("room", room),
            ],
        )
        .await;
}

pub(crate) async fn join(browser: &Browser) -> Attendance {
    browser
        .ok("join_event", &[("slug", "rust-summit")])
        .await
        .json()
        .await
        .expect("attendance")
}
