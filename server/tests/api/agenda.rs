//! The organizer's event editor, agenda and speakers, and the public program built from them:
//! validation with field messages, slugs, status, warnings, confirmations, tenant isolation,
//! registrations with a waitlist, personal agendas, iCalendar, sitemap.

use app::domain::organizer::{EventEditor, EventListItem};
use app::domain::program::{SchedulePage, SessionPage};
use app::domain::registration::{Attendance, MyProgram, RegistrationStatus};
use app::domain::speaker::SpeakerDirectory;
use app::domain::{EventDetails, EventStatus, OrgRole, PlatformRole};
use app::error::AppError;

use crate::fixtures::{create_organization, given_member, given_user, session_for};
use crate::helpers::{Browser, TestApp, app_error};

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

fn with<'a>(
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

#[tokio::test]
async fn an_organizer_creates_a_draft_that_stays_private_until_published() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let created = browser.call("save_event", EVENT).await;
    assert!(created.status().is_success(), "{}", created.status());

    let list: Vec<EventListItem> = browser
        .ok("list_events", &[("org", "acme")])
        .await
        .json()
        .await
        .expect("a list");
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0].slug, "rust-summit",
        "the slug is made from the title"
    );
    assert_eq!(list[0].status, EventStatus::Draft);
    assert_eq!(
        app.get("/e/rust-summit").await.status(),
        404,
        "drafts are not public"
    );

    publish(&browser).await;
    let page = app.get("/e/rust-summit").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(html.contains("<h1>Welcome</h1>"), "Markdown is rendered");
    assert!(!html.contains("<script>alert(1)"), "and sanitized");
    assert!(html.contains("application/ld+json"));
    assert!(html.contains("\"@type\":\"Event\""));
    let details: EventDetails = app
        .call("get_event", &[("slug", "rust-summit")])
        .await
        .json()
        .await
        .expect("details");
    assert_eq!(
        details.summary.schedule.starts_at,
        "2031-03-03T09:00:00+01:00"
    );

    let history = editor(&browser, "rust-summit").await.history;
    assert_eq!(history[0].summary, "published the event");
    assert_eq!(history[1].summary, "created the event");
    assert_eq!(history[0].who, "organizer");

    browser
        .ok(
            "change_event_status",
            &[
                ("org", "acme"),
                ("event", "rust-summit"),
                ("change", "archive"),
            ],
        )
        .await;
    assert_eq!(
        app.get("/e/rust-summit").await.status(),
        404,
        "archived events are not public"
    );
}

#[tokio::test]
async fn bad_event_fields_get_messages_next_to_them_and_keep_what_was_typed() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let long_title = "x".repeat(121);
    let form = with(
        EVENT,
        &[
            ("title", &long_title),
            ("starts_local", "2031-03-04T09:00"),
            ("ends_local", "2031-03-03T09:00"),
            ("online_url", "javascript:alert(1)"),
            ("capacity", "-3"),
        ],
    );
    let error = app_error(browser.call("save_event", &form).await, 400).await;
    for field in ["title", "ends_local", "online_url", "capacity"] {
        assert!(
            error.field_message(field).is_some(),
            "no message for {field}: {error:?}"
        );
    }
    assert_eq!(
        error.field_message("ends_local"),
        Some("end after the start")
    );
    assert_eq!(error.kept("venue"), Some("Kulturbrauerei, Berlin"));
    assert_eq!(error.kept("title"), Some(long_title.as_str()));

    let zone = app_error(
        browser
            .call("save_event", &with(EVENT, &[("time_zone", "Mars/Olympus")]))
            .await,
        400,
    )
    .await;
    assert!(
        zone.field_message("time_zone")
            .is_some_and(|m| m.contains("Mars/Olympus"))
    );

    browser.ok("save_event", EVENT).await;
    let taken = app_error(browser.call("save_event", EVENT).await, 400).await;
    assert_eq!(
        taken.field_message("slug"),
        Some("another event already uses this address; choose another")
    );
    assert_eq!(taken.kept("title"), Some("Rust Summit"));
}

#[tokio::test]
async fn editing_records_what_changed_and_a_new_slug_moves_the_event() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    browser.ok("save_event", EVENT).await;
    let form = with(
        EVENT,
        &[
            ("event", "rust-summit"),
            ("title", "Rust Summit 2031"),
            ("slug", "rs-2031"),
        ],
    );
    browser.ok("save_event", &form).await;
    let edited = editor(&browser, "rs-2031").await;
    assert_eq!(edited.event.form.title, "Rust Summit 2031");
    assert_eq!(edited.history[0].summary, "changed the title, the address");
    let gone = browser
        .call(
            "get_event_editor",
            &[("org", "acme"), ("event", "rust-summit")],
        )
        .await;
    assert_eq!(
        app_error(gone, 404).await,
        AppError::NotFound("event".into())
    );
}

#[tokio::test]
async fn the_agenda_warns_about_clashes_and_refuses_sessions_outside_the_event() {
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
    add_session(
        &browser,
        "Traits",
        "2031-03-03T10:30",
        "2031-03-03T11:30",
        &hall_a,
    )
    .await;
    let warnings = editor(&browser, "rust-summit").await.warnings;
    assert_eq!(
        warnings,
        vec!["Hall A holds “Async” and “Traits” at the same time.".to_owned()]
    );

    let outside = browser
        .call(
            "save_session",
            &[
                ("org", "acme"),
                ("event", "rust-summit"),
                ("title", "Too early"),
                ("kind", "talk"),
                ("starts_local", "2031-03-02T10:00"),
                ("ends_local", "2031-03-02T11:00"),
            ],
        )
        .await;
    let error = app_error(outside, 400).await;
    assert!(
        error
            .field_message("starts_local")
            .is_some_and(|m| m.starts_with("start during the event")),
        "{error:?}"
    );
    assert_eq!(error.kept("title"), Some("Too early"));

    let bad_room = browser
        .call(
            "save_session",
            &[
                ("org", "acme"),
                ("event", "rust-summit"),
                ("title", "Nowhere"),
                ("kind", "party"),
                ("starts_local", "2031-03-03T12:00"),
                ("ends_local", "2031-03-03T13:00"),
                ("room", "999999"),
            ],
        )
        .await;
    let error = app_error(bad_room, 400).await;
    assert!(error.field_message("room").is_some());
    assert!(error.field_message("kind").is_some());
}

#[tokio::test]
async fn a_speaker_in_two_rooms_at_once_is_flagged() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let summit = summit(&browser).await;
    let (a, b) = (
        summit.rooms[0].id.to_string(),
        summit.rooms[1].id.to_string(),
    );
    add_session(
        &browser,
        "Async",
        "2031-03-03T10:00",
        "2031-03-03T11:00",
        &a,
    )
    .await;
    add_session(
        &browser,
        "Traits",
        "2031-03-03T10:30",
        "2031-03-03T11:30",
        &b,
    )
    .await;
    let items = editor(&browser, "rust-summit").await.items;
    let ada = summit.speakers[0].id.to_string();
    for item in &items {
        attach_speaker(&browser, &item.id.to_string(), &ada).await;
    }
    let after = editor(&browser, "rust-summit").await;
    assert_eq!(
        after.warnings,
        vec!["Ada Lovelace is in “Async” and “Traits” at the same time.".to_owned()]
    );
    assert_eq!(after.items[0].speakers[0].name, "Ada Lovelace");
}

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
    let form = [
        ("org", "acme"),
        ("event", "rust-summit"),
        ("id", hall_a.as_str()),
    ];
    let asked = app_error(browser.call("delete_room", &form).await, 400).await;
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

    browser
        .ok(
            "delete_room",
            &[
                ("org", "acme"),
                ("event", "rust-summit"),
                ("id", &hall_a),
                ("confirm", "yes"),
            ],
        )
        .await;
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
    let ada = summit.speakers[0].id.to_string();
    attach_speaker(&browser, &item, &ada).await;
    let asked = app_error(
        browser
            .call("delete_speaker", &[("org", "acme"), ("id", &ada)])
            .await,
        400,
    )
    .await;
    assert!(
        asked
            .field_message("confirm")
            .is_some_and(|m| m.contains("speaks in 1 session"))
    );
    browser
        .ok(
            "delete_speaker",
            &[("org", "acme"), ("id", &ada), ("confirm", "yes")],
        )
        .await;
    let directory: SpeakerDirectory = browser
        .ok("get_speaker_directory", &[("org", "acme")])
        .await
        .json()
        .await
        .expect("a directory");
    assert_eq!(directory.speakers.len(), 1);
    assert!(
        editor(&browser, "rust-summit").await.items[0]
            .speakers
            .is_empty()
    );
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

#[tokio::test]
async fn the_public_schedule_lists_published_sessions_with_their_speakers() {
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
    let grace = summit.speakers[1].id.to_string();
    attach_speaker(&browser, &item, &grace).await;
    assert_eq!(
        app.get("/e/rust-summit/schedule").await.status(),
        404,
        "a draft's schedule is private"
    );
    publish(&browser).await;

    let schedule: SchedulePage = app
        .call("get_schedule", &[("slug", "rust-summit")])
        .await
        .json()
        .await
        .expect("a schedule");
    assert_eq!(schedule.days.len(), 2);
    assert_eq!(schedule.days[0].label, "Monday 3 March");
    assert_eq!(schedule.days[0].items[0].time_label, "10:00 – 11:00");
    assert_eq!(schedule.days[0].items[0].speakers[0].name, "Grace Hopper");

    let html = app
        .get("/e/rust-summit/schedule?q=closing")
        .await
        .text()
        .await
        .expect("html");
    assert!(html.contains("Closing"));
    assert!(
        !html.contains(">Async<"),
        "the text filter works without JavaScript"
    );
    let room_filter = format!("/e/rust-summit/schedule?room={hall_a}");
    let html = app.get(&room_filter).await.text().await.expect("html");
    // (The hydration data carries every session; the rendered list only the kept ones.)
    assert!(html.contains(">Async<") && !html.contains(">Closing<"));

    let session = app.get(&format!("/e/rust-summit/sessions/{item}")).await;
    assert_eq!(session.status(), 200);
    assert!(session.text().await.expect("html").contains("Grace Hopper"));
    let speakers = app
        .get("/e/rust-summit/speakers")
        .await
        .text()
        .await
        .expect("html");
    assert!(
        speakers.contains("Grace Hopper") && !speakers.contains("Ada Lovelace"),
        "only speakers with sessions"
    );
    assert_eq!(
        app.get("/e/rust-summit/sessions/999999").await.status(),
        404
    );
}

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

pub(crate) async fn join(browser: &Browser) -> Attendance {
    browser
        .ok("join_event", &[("slug", "rust-summit")])
        .await
        .json()
        .await
        .expect("attendance")
}

#[tokio::test]
async fn joining_a_full_event_waitlists_and_a_cancellation_promotes_the_first_in_line() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    browser
        .ok("save_event", &with(EVENT, &[("capacity", "1")]))
        .await;
    publish(&browser).await;
    let mut people = Vec::new();
    for email in ["ann@example.org", "bob@example.org", "cy@example.org"] {
        let user = given_user(&app, email, PlatformRole::None).await;
        people.push(session_for(&app, user).await);
    }
    let ann = join(&people[0]).await;
    assert_eq!(ann.status, Some(RegistrationStatus::Joined));
    let bob = join(&people[1]).await;
    assert_eq!(bob.status, Some(RegistrationStatus::Waitlisted));
    assert_eq!(bob.waitlist_position, Some(1));
    let cy = join(&people[2]).await;
    assert_eq!(cy.waitlist_position, Some(2));
    let twice = join(&people[0]).await;
    assert_eq!(twice.joined, 1, "joining twice changes nothing");

    people[0]
        .ok("leave_event", &[("slug", "rust-summit")])
        .await;
    let bob: Attendance = people[1]
        .ok("get_attendance", &[("slug", "rust-summit")])
        .await
        .json()
        .await
        .expect("attendance");
    assert_eq!(
        bob.status,
        Some(RegistrationStatus::Joined),
        "promoted from the waitlist"
    );
    let cy: Attendance = people[2]
        .ok("get_attendance", &[("slug", "rust-summit")])
        .await
        .json()
        .await
        .expect("attendance");
    assert_eq!(cy.waitlist_position, Some(1));

    let anonymous = app
        .browser()
        .call("join_event", &[("slug", "rust-summit")])
        .await;
    assert_eq!(app_error(anonymous, 401).await, AppError::Unauthenticated);
}

#[tokio::test]
async fn concurrent_joins_never_exceed_the_capacity() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    browser
        .ok("save_event", &with(EVENT, &[("capacity", "3")]))
        .await;
    publish(&browser).await;
    let mut people = Vec::new();
    for n in 0..10 {
        let user = given_user(&app, &format!("p{n}@example.org"), PlatformRole::None).await;
        people.push(session_for(&app, user).await);
    }
    let calls = people
        .iter()
        .map(|b| b.call("join_event", &[("slug", "rust-summit")]));
    for response in futures_util::future::join_all(calls).await {
        assert!(response.status().is_success(), "{}", response.status());
    }
    let (joined, waiting): (i64, i64) = sqlx::query_as(
        "SELECT SUM(CASE WHEN status = 'joined' THEN 1 ELSE 0 END), \
         SUM(CASE WHEN status = 'waitlisted' THEN 1 ELSE 0 END) FROM registrations",
    )
    .fetch_one(app.db().pool())
    .await
    .expect("counts");
    assert_eq!((joined, waiting), (3, 7));
}

#[tokio::test]
async fn stars_build_a_personal_agenda_and_need_an_account() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    summit(&browser).await;
    add_session(
        &browser,
        "Async",
        "2031-03-03T10:00",
        "2031-03-03T11:00",
        "",
    )
    .await;
    publish(&browser).await;
    let item = editor(&browser, "rust-summit").await.items[0]
        .id
        .to_string();
    let star = [
        ("slug", "rust-summit"),
        ("id", item.as_str()),
        ("starred", "true"),
    ];
    let anonymous = app.browser().call("star_session", &star).await;
    assert_eq!(app_error(anonymous, 401).await, AppError::Unauthenticated);
    let user = given_user(&app, "fan@example.org", PlatformRole::None).await;
    let fan = session_for(&app, user).await;
    fan.ok("star_session", &star).await;
    fan.ok("star_session", &star).await;
    let page: SessionPage = fan
        .ok("get_session", &[("slug", "rust-summit"), ("id", &item)])
        .await
        .json()
        .await
        .expect("a session");
    assert!(page.starred);
    let schedule: SchedulePage = fan
        .ok("get_schedule", &[("slug", "rust-summit")])
        .await
        .json()
        .await
        .expect("a schedule");
    assert_eq!(schedule.starred.len(), 1, "starring twice keeps one star");
    fan.ok(
        "star_session",
        &[("slug", "rust-summit"), ("id", &item), ("starred", "false")],
    )
    .await;
    let schedule: SchedulePage = fan
        .ok("get_schedule", &[("slug", "rust-summit")])
        .await
        .json()
        .await
        .expect("a schedule");
    assert!(schedule.starred.is_empty());
}

#[tokio::test]
async fn the_sitemap_lists_published_listed_events_only_and_robots_points_to_it() {
    let app = TestApp::spawn().await;
    app.given_events(
        "acme",
        [
            crate::fixtures::event("listed", "Listed"),
            crate::fixtures::event("hidden", "Hidden").unlisted(),
            crate::fixtures::event("secret", "Secret").draft(),
            crate::fixtures::event("over", "Over").archived(),
        ],
    )
    .await;
    let sitemap = app.get("/sitemap.xml").await.text().await.expect("xml");
    assert!(sitemap.contains("/e/listed</loc>"));
    assert!(sitemap.contains("/e/listed/schedule</loc>"));
    for absent in ["hidden", "secret", "over"] {
        assert!(
            !sitemap.contains(&format!("/e/{absent}")),
            "{absent} is in the sitemap"
        );
    }
    assert_eq!(
        app.get("/e/hidden").await.status(),
        200,
        "unlisted is reachable by link"
    );
    let robots = app.get("/robots.txt").await.text().await.expect("text");
    assert!(robots.contains("Sitemap: ") && robots.contains("Disallow: /manage"));
}

#[tokio::test]
async fn a_scheduled_draft_publishes_itself_when_its_time_comes() {
    let app = TestApp::spawn_with(&[("publish_check_secs", "1")]).await;
    let browser = organizer(&app).await;
    browser.ok("save_event", EVENT).await;
    let past = app_error(
        browser
            .call(
                "change_event_status",
                &[
                    ("org", "acme"),
                    ("event", "rust-summit"),
                    ("change", "schedule"),
                    ("publish_at", "2020-01-01T10:00"),
                ],
            )
            .await,
        400,
    )
    .await;
    assert_eq!(
        past.field_message("publish_at"),
        Some("choose a time in the future")
    );
    // The time is stored with the event; making it due is what the clock would do.
    browser
        .ok(
            "change_event_status",
            &[
                ("org", "acme"),
                ("event", "rust-summit"),
                ("change", "schedule"),
                ("publish_at", "2031-01-01T10:00"),
            ],
        )
        .await;
    assert_eq!(app.get("/e/rust-summit").await.status(), 404);
    sqlx::query("UPDATE events SET publish_at = 1 WHERE slug = 'rust-summit'")
        .execute(app.db().pool())
        .await
        .expect("made due");
    let mut published = false;
    for _ in 0..50 {
        if app.get("/e/rust-summit").await.status() == 200 {
            published = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(published, "the background task published the event");
    let history = editor(&browser, "rust-summit").await.history;
    assert_eq!(history[0].summary, "published the event as scheduled");
}

/// What the account page shows `browser` of its events, stars and calendar link.
async fn program_of(browser: &Browser) -> MyProgram {
    browser
        .ok("get_my_program", &[])
        .await
        .json()
        .await
        .expect("a program")
}

#[tokio::test]
async fn the_account_shows_joined_events_and_stars_and_a_private_calendar_follows_them() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    summit(&browser).await;
    add_session(
        &browser,
        "Async",
        "2031-03-03T10:00",
        "2031-03-03T11:00",
        "",
    )
    .await;
    publish(&browser).await;
    let item = editor(&browser, "rust-summit").await.items[0]
        .id
        .to_string();
    let user = given_user(&app, "fan@example.org", PlatformRole::None).await;
    let fan = session_for(&app, user).await;
    join(&fan).await;
    fan.ok(
        "star_session",
        &[("slug", "rust-summit"), ("id", &item), ("starred", "true")],
    )
    .await;
    let program = program_of(&fan).await;
    assert_eq!(program.events[0].slug, "rust-summit");
    assert_eq!(program.agenda[0].title, "Async");
    assert_eq!(program.agenda[0].when, "3 Mar 2031, 10:00 CET");
    assert!(!program.has_feed);

    // The new link reaches the account page once, never through an address (history and
    // Referer headers keep those).
    let new_link = || async {
        let response = fan.post_form("create_agenda_feed", "/account", &[]).await;
        let location = response.headers()["location"]
            .to_str()
            .expect("ascii")
            .to_owned();
        assert_eq!(location, "/account?done=calendar#agenda");
        let shown = program_of(&fan).await;
        let link = shown.fresh_link.expect("the new link, shown once");
        let again = program_of(&fan).await;
        assert_eq!(again.fresh_link, None, "shown once only");
        link.rsplit('/')
            .next()
            .and_then(|file| file.strip_suffix(".ics"))
            .expect("a secret")
            .to_owned()
    };
    let first = new_link().await;
    let ics = app.get(&format!("/agenda/{first}.ics")).await;
    assert_eq!(ics.status(), 200);
    let ics = ics.text().await.expect("text");
    assert!(ics.contains(&format!("UID:session-{item}@")), "{ics}");
    crate::helpers::assert_valid_calendar(&ics);
    assert!(ics.contains("DTSTART:20310303T090000Z"));

    let second = new_link().await;
    assert_ne!(first, second);
    assert_eq!(
        app.get(&format!("/agenda/{first}.ics")).await.status(),
        404,
        "the old link stops working"
    );
    assert_eq!(
        app.get(&format!("/agenda/{second}.ics")).await.status(),
        200
    );
    assert_eq!(app.get("/agenda/not-a-secret.ics").await.status(), 404);
    let stored: (String,) = sqlx::query_as("SELECT token_hash FROM agenda_feeds")
        .fetch_one(app.db().pool())
        .await
        .expect("a feed");
    assert_ne!(stored.0, second, "only the digest is stored");

    // Without JavaScript: the form's redirect leads to the page that shows the link, once.
    fan.post_form("create_agenda_feed", "/account", &[]).await;
    let page = fan
        .get("/account?done=calendar")
        .await
        .text()
        .await
        .expect("page");
    assert!(
        page.contains("Your private calendar link"),
        "shown on the page"
    );
    let again = fan
        .get("/account?done=calendar")
        .await
        .text()
        .await
        .expect("page");
    assert!(
        !again.contains("Your private calendar link"),
        "and only once"
    );
}

#[tokio::test]
async fn organizers_export_speakers_and_sessions_as_csv_and_nobody_else_can() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let summit = summit(&browser).await;
    browser
        .ok(
            "save_speaker",
            &[("org", "acme"), ("name", "=HYPERLINK(\"http://evil\")")],
        )
        .await;
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

#[tokio::test]
async fn the_editor_previews_markdown_as_the_page_will_show_it() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let preview: String = browser
        .ok(
            "preview_markdown",
            &[(
                "text",
                "# Hello\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2))",
            )],
        )
        .await
        .json()
        .await
        .expect("html");
    assert!(preview.contains("<h1>Hello</h1>"), "{preview}");
    assert!(
        !preview.contains("<script") && !preview.contains("href=\"javascript"),
        "{preview}"
    );
    let anonymous = app.call("preview_markdown", &[("text", "# Hi")]).await;
    assert_eq!(anonymous.status(), 401);
    let long = "x".repeat(20_001);
    let refused = browser.call("preview_markdown", &[("text", &long)]).await;
    assert_eq!(refused.status(), 400);

    // Without JavaScript the preview shows the saved description, rendered the same way.
    summit(&browser).await;
    let page = browser
        .get("/manage/acme/events/rust-summit")
        .await
        .text()
        .await
        .expect("html");
    let preview = page
        .split("id=\"event-description-preview\"")
        .nth(1)
        .expect("a preview");
    assert!(preview.contains("<h1>Welcome</h1>"));
    assert!(
        page.contains("/api/preview_markdown"),
        "and it follows the typing with it"
    );
}

#[tokio::test]
async fn a_dragged_session_moves_keeping_its_length_and_the_forms_checks() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let summit = summit(&browser).await;
    let (hall_a, hall_b) = (
        summit.rooms[0].id.to_string(),
        summit.rooms[1].id.to_string(),
    );
    add_session(
        &browser,
        "Async",
        "2031-03-03T10:00",
        "2031-03-03T11:30",
        &hall_a,
    )
    .await;
    let id = editor(&browser, "rust-summit").await.items[0]
        .id
        .to_string();
    let page = browser
        .get("/manage/acme/events/rust-summit")
        .await
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("draggable=\"true\"")
            && page.contains("data-drop-start=\"2031-03-03T10:15\"")
    );

    let moved = |room: &str, start: &str| {
        let form = [
            ("org", "acme".to_owned()),
            ("event", "rust-summit".to_owned()),
            ("id", id.clone()),
            ("room", room.to_owned()),
            ("starts_local", start.to_owned()),
        ];
        let browser = &browser;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            browser.call("move_session", &form).await
        }
    };
    assert_eq!(moved(&hall_b, "2031-03-03T14:00").await.status(), 200);
    let item = editor(&browser, "rust-summit").await.items[0].clone();
    assert_eq!(
        (item.starts_local.as_str(), item.ends_local.as_str()),
        ("2031-03-03T14:00", "2031-03-03T15:30"),
        "the length is kept"
    );
    assert_eq!(item.room.map(|r| r.name).as_deref(), Some("Hall B"));

    let refused = moved(&hall_a, "2031-03-09T10:00").await;
    let error = app_error(refused, 400).await;
    assert!(error.field_message("starts_local").is_some(), "{error:?}");
    let other_room = moved("999999", "2031-03-03T10:00").await;
    assert_eq!(
        app_error(other_room, 400).await.field_message("room"),
        Some("choose one of this event's rooms")
    );
    assert_eq!(
        editor(&browser, "rust-summit").await.items[0].starts_local,
        "2031-03-03T14:00"
    );
}
