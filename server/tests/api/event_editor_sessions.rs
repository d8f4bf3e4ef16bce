//! The event editor's sessions: adding speakers (one of the organization's profiles, or a
//! new one made from a typed name; never a speaker nobody chose), and clashing sessions
//! drawn side by side on the agenda grid.

use app::api::manage_events::SetSessionSpeaker;
use domain::AgendaItemId;

use crate::agenda::{add_session, editor, organizer, summit};
use crate::helpers::{Browser, TestApp};

async fn with_keynote(app: &TestApp) -> (Browser, String) {
    let browser = organizer(app).await;
    summit(&browser).await;
    add_session(
        &browser,
        "Keynote",
        "2031-03-03T09:00",
        "2031-03-03T10:00",
        "",
    )
    .await;
    let id = editor(&browser, "rust-summit").await.items[0]
        .id
        .to_string();
    (browser, id)
}

/// [`add`] as a typed call.
fn attach(id: &str, speaker: &str, new_speaker: &str) -> SetSessionSpeaker {
    SetSessionSpeaker {
        org: "acme".into(),
        event: "rust-summit".into(),
        id: AgendaItemId(id.parse().expect("an agenda item's id")),
        speaker: speaker.into(),
        new_speaker: new_speaker.into(),
        attach: true,
    }
}

fn add<'a>(id: &'a str, speaker: &'a str, new_speaker: &'a str) -> [(&'static str, &'a str); 6] {
    [
        ("org", "acme"),
        ("event", "rust-summit"),
        ("id", id),
        ("speaker", speaker),
        ("new_speaker", new_speaker),
        ("attach", "true"),
    ]
}

#[tokio::test]
async fn the_speaker_select_starts_on_choose_and_nothing_chosen_adds_nobody() {
    let app = TestApp::spawn().await;
    let (browser, id) = with_keynote(&app).await;
    let page = browser
        .get("/manage/acme/events/rust-summit")
        .await
        .text()
        .await
        .expect("html");
    let select = page
        .split(&format!(r#"id="session-{id}-speaker""#))
        .nth(1)
        .expect("the session's speaker select");
    let first_option = select.split("<option").nth(1).expect("an option");
    assert!(
        first_option.starts_with(r#" value="" selected"#),
        "{first_option}"
    );
    assert!(
        page.contains("Speaker to add to “Keynote”"),
        "named after its session"
    );

    let refused = browser.run(attach(&id, "", " ")).await;
    let error = refused.expect_err("nobody chosen is refused");
    assert_eq!(
        error.field_message("speaker"),
        Some("choose a speaker, or type the name of a new one")
    );
    assert_eq!(error.kept("id"), Some(id.as_str()));
    assert!(
        editor(&browser, "rust-summit").await.items[0]
            .speakers
            .is_empty()
    );
}

#[tokio::test]
async fn a_new_speaker_typed_in_the_editor_gets_a_profile_and_the_session() {
    let app = TestApp::spawn().await;
    let (browser, id) = with_keynote(&app).await;
    browser
        .run(attach(&id, "", "  Linus Torvalds "))
        .await
        .expect("a new speaker added");
    let after = editor(&browser, "rust-summit").await;
    let names: Vec<&str> = after.items[0]
        .speakers
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["Linus Torvalds"]);
    assert!(
        after.speakers.iter().any(|s| s.name == "Linus Torvalds"),
        "the profile belongs to the organization"
    );
    assert_eq!(
        after.history[0].summary,
        "added Linus Torvalds to “Keynote”"
    );

    // A name too long for a profile is refused next to the field, and nothing is made.
    let long = "x".repeat(300);
    let error = browser
        .run(attach(&id, "", &long))
        .await
        .expect_err("a name too long is refused");
    assert!(error.field_message("new_speaker").is_some(), "{error:?}");
    assert_eq!(error.kept("new_speaker"), Some(long.as_str()));
    assert_eq!(
        editor(&browser, "rust-summit").await.speakers.len(),
        after.speakers.len()
    );
}

#[tokio::test]
async fn without_javascript_the_refusal_shows_under_its_own_session_only() {
    let app = TestApp::spawn().await;
    let (browser, id) = with_keynote(&app).await;
    add_session(
        &browser,
        "Closing",
        "2031-03-04T16:00",
        "2031-03-04T17:00",
        "",
    )
    .await;
    let response = browser
        .post_form(
            "set_session_speaker",
            "/manage/acme/events/rust-summit",
            &add(&id, "", ""),
        )
        .await;
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let page = browser
        .client
        .get(&location)
        .send()
        .await
        .expect("sent")
        .text()
        .await
        .expect("html");
    assert_eq!(
        page.matches("choose a speaker, or type the name of a new one")
            .count(),
        1,
        "shown once, under the keynote"
    );
    let items = editor(&browser, "rust-summit").await.items;
    let closing = items
        .iter()
        .find(|i| i.title == "Closing")
        .expect("closing")
        .id;
    let at = |needle: &str| page.find(needle).expect(needle);
    let (keynote, closing) = (
        at(&format!(r#"<li id="session-{id}""#)),
        at(&format!(r#"<li id="session-{closing}""#)),
    );
    let message = at("choose a speaker, or type the name of a new one");
    assert!(keynote < message && message < closing, "under the keynote");
}

#[tokio::test]
async fn clashing_sessions_are_drawn_side_by_side_on_the_grid() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let hall = summit(&browser).await.rooms[0].id.to_string();
    for (title, start, end) in [
        ("Keynote", "2031-03-03T09:00", "2031-03-03T10:00"),
        ("Overlap", "2031-03-03T09:30", "2031-03-03T10:30"),
        ("Alone", "2031-03-03T11:00", "2031-03-03T12:00"),
    ] {
        add_session(&browser, title, start, end, &hall).await;
    }
    let page = browser
        .get("/manage/acme/events/rust-summit")
        .await
        .text()
        .await
        .expect("html");
    let block = |title: &str| {
        let at = page
            .find(&format!(r#"<span class="font-semibold">{title}</span>"#))
            .expect(title);
        let start = page[..at].rfind("<a ").expect("its block");
        page[start..at].to_owned()
    };
    let (keynote, overlap, alone) = (block("Keynote"), block("Overlap"), block("Alone"));
    assert!(
        keynote.contains("width: calc(100% / 2); margin-left: calc(100% * 0 / 2)"),
        "{keynote}"
    );
    assert!(
        overlap.contains("width: calc(100% / 2); margin-left: calc(100% * 1 / 2)"),
        "{overlap}"
    );
    assert!(
        alone.contains("width: calc(100% / 1); margin-left: calc(100% * 0 / 1)"),
        "{alone}"
    );
    assert!(keynote.contains("border-danger") && !alone.contains("border-danger"));
}
