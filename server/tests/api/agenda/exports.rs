//! Exports of the agenda: the public iCalendar file with stable UIDs and UTC times, and the
//! organizers' CSV files of sessions and speakers, with formulas defused and closed to others.

use app::api::manage_events::SaveSpeaker;
use domain::{OrgRole, PlatformRole};

use super::{add_session, attach_speaker, editor, organizer, publish, summit};
use crate::fixtures::{create_organization, given_member, given_user, session_for};
use crate::helpers::TestApp;

#[tokio::test]
async fn the_calendar_export_has_stable_uids_and_utc_times() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    summit(&browser).await;
    add_session(
        &browser,
        "Async, and more; really",
        "2031-03-03T10:00",
        "2031-03-03T11:00",
        "",
    )
    .await;
    assert_eq!(app.get("/e/rust-summit/calendar.ics").await.status(), 404);
    publish(&browser).await;
    let response = app.get("/e/rust-summit/calendar.ics").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/calendar")
    );
    let ics = response.text().await.expect("text");
    let item = editor(&browser, "rust-summit").await.items[0].id;
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    let uids = crate::helpers::assert_valid_calendar(&ics);
    assert!(
        uids.iter()
            .any(|u| u.starts_with(&format!("session-{item}@"))),
        "{uids:?}"
    );
    assert!(
        ics.contains("DTSTART:20310303T090000Z"),
        "10:00 CET is 09:00 UTC: {ics}"
    );
    assert!(ics.contains(&format!("UID:session-{item}@")));
    assert!(
        ics.contains("SUMMARY:Async\\, and more\\; really"),
        "text is escaped: {ics}"
    );
    let again = app
        .get("/e/rust-summit/calendar.ics")
        .await
        .text()
        .await
        .expect("text");
    let uid = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("UID:"))
            .map(str::to_owned)
    };
    assert_eq!(uid(&ics), uid(&again), "UIDs are stable");
    let one = app
        .get(&format!("/e/rust-summit/sessions/{item}/calendar.ics"))
        .await;
    assert_eq!(one.status(), 200);
    crate::helpers::assert_valid_calendar(&one.text().await.expect("text"));
}

#[tokio::test]
async fn organizers_export_speakers_and_sessions_as_csv_and_nobody_else_can() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let summit = summit(&browser).await;
    let speaker = SaveSpeaker {
        org: "acme".into(),
        id: String::new(),
        name: "=HYPERLINK(\"http://evil\")".into(),
        headline: String::new(),
        company: String::new(),
        bio: String::new(),
        links: String::new(),
    };
    browser.run(speaker).await.expect("a speaker saved");
    add_session(
        &browser,
        "Async, \"quoted\"",
        "2031-03-03T10:00",
        "2031-03-03T11:00",
        &summit.rooms[0].id.to_string(),
    )
    .await;
    let item = editor(&browser, "rust-summit").await.items[0]
        .id
        .to_string();
    attach_speaker(&browser, &item, &summit.speakers[0].id.to_string()).await;

    let sessions = browser
        .get("/manage/acme/events/rust-summit/sessions.csv")
        .await;
    assert_eq!(sessions.status(), 200);
    assert!(
        sessions.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .contains("attachment")
    );
    let text = sessions.text().await.expect("csv");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("title,kind,starts,ends,room,track,speakers,abstract")
    );
    assert_eq!(
        lines.next(),
        Some(
            "\"Async, \"\"quoted\"\"\",talk,2031-03-03 10:00,2031-03-03 11:00,Hall A,,Ada Lovelace,"
        )
    );

    let speakers = browser
        .get("/manage/acme/speakers.csv")
        .await
        .text()
        .await
        .expect("csv");
    assert!(
        speakers.contains("'=HYPERLINK"),
        "formulas are defused: {speakers}"
    );
    assert!(speakers.contains("Grace Hopper,Engineer"));

    assert_eq!(app.get("/manage/acme/speakers.csv").await.status(), 401);
    let globex = create_organization(app.db(), "globex").await;
    let other = given_user(&app, "other@example.org", PlatformRole::None).await;
    given_member(&app, globex, other, OrgRole::Owner).await;
    let other = session_for(&app, other).await;
    assert_eq!(other.get("/manage/acme/speakers.csv").await.status(), 404);
    assert_eq!(
        other
            .get("/manage/acme/events/rust-summit/sessions.csv")
            .await
            .status(),
        404
    );
}
