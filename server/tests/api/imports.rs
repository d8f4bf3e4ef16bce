//! CSV imports: every row checked before anything is created, a background job that creates
//! the valid rows (resuming after a crash, never twice, with two instances racing), the outcome
//! of each row, refused files, and other organizations kept out.

use std::time::Duration;

use app::domain::import::{ImportPage, ImportStatus, RowStatus};
use app::domain::speaker::SpeakerDirectory;
use app::domain::{OrgRole, PlatformRole};
use reqwest::multipart::{Form, Part};

use crate::agenda::{add_session, attach_speaker, editor, organizer, summit};
use crate::fixtures::{create_organization, given_member, given_user, session_for};
use crate::helpers::{Browser, TestApp};
use crate::uploads::send;

const SPEAKERS: &str = "/manage/acme/speakers/import";

fn csv(text: &str) -> Form {
    Form::new().part(
        "file",
        Part::bytes(text.as_bytes().to_vec())
            .file_name("people.csv")
            .mime_str("text/csv")
            .expect("a type"),
    )
}

/// Uploads `text`; the import's id from the redirect to its page.
async fn upload(app: &TestApp, browser: &Browser, path: &str, text: &str) -> i64 {
    let (status, location) = send(app, browser, path, csv(text)).await;
    assert_eq!(status, 303);
    location
        .strip_prefix("/manage/acme/imports/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("not an import page: {location}"))
}

async fn import(browser: &Browser, id: i64) -> ImportPage {
    browser
        .ok("get_import", &[("org", "acme"), ("id", &id.to_string())])
        .await
        .json()
        .await
        .expect("an import")
}

/// Waits (up to 20 s) for the background job to finish the import.
async fn finished(browser: &Browser, id: i64) -> ImportPage {
    for _ in 0..200 {
        let page = import(browser, id).await;
        if page.status == ImportStatus::Done {
            return page;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the import did not finish");
}

async fn speaker_names(browser: &Browser) -> Vec<String> {
    let directory: SpeakerDirectory = browser
        .ok("get_speaker_directory", &[("org", "acme")])
        .await
        .json()
        .await
        .expect("a directory");
    let mut names: Vec<String> = directory.speakers.into_iter().map(|s| s.name).collect();
    names.sort();
    names
}

#[tokio::test]
async fn a_speakers_file_is_checked_row_by_row_then_imported_in_the_background() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    browser
        .ok("save_speaker", &[("org", "acme"), ("name", "Grace Hopper")])
        .await;
    let file = "Name,Headline,Company,Links\n\
                Ada Lovelace,Analyst,Engines Ltd,https://ada.example.org\n\
                ,No name,,\n\
                grace hopper,Admiral,Navy,\n\
                Linus,Kernel,,javascript:alert(1)\n\
                \"Johnson, Katherine\",Mathematician,NASA,\n\
                ada lovelace,Duplicate,,\n";
    let id = upload(&app, &browser, SPEAKERS, file).await;

    let preview = import(&browser, id).await;
    assert_eq!(preview.status, ImportStatus::Preview);
    assert_eq!((preview.valid, preview.invalid), (2, 4));
    let problems: Vec<(i64, &str)> = preview
        .rows
        .iter()
        .filter(|r| r.status == RowStatus::Invalid)
        .map(|r| (r.line, r.message.as_str()))
        .collect();
    assert_eq!(problems.len(), 4);
    assert_eq!(problems[0].0, 3);
    assert!(problems[0].1.starts_with("name: "), "{}", problems[0].1);
    assert_eq!(
        problems[1],
        (4, "a speaker named “grace hopper” exists already")
    );
    assert_eq!(problems[2].0, 5);
    assert!(problems[2].1.starts_with("links: "), "{}", problems[2].1);
    assert_eq!(problems[3], (7, "the same name as line 2"));
    assert_eq!(
        speaker_names(&browser).await,
        ["Grace Hopper"],
        "nothing yet"
    );
    let html = browser
        .get(&format!("/manage/acme/imports/{id}"))
        .await
        .text()
        .await
        .expect("html");
    assert!(html.contains("Import 2 rows") && html.contains("Not imported"));

    browser
        .ok("start_import", &[("org", "acme"), ("id", &id.to_string())])
        .await;
    let done = finished(&browser, id).await;
    assert_eq!((done.processed, done.imported), (2, 2));
    assert_eq!(
        speaker_names(&browser).await,
        ["Ada Lovelace", "Grace Hopper", "Johnson, Katherine"]
    );
    assert!(
        done.rows
            .iter()
            .any(|r| r.line == 2 && r.status == RowStatus::Imported)
    );
    let again = browser
        .call("start_import", &[("org", "acme"), ("id", &id.to_string())])
        .await;
    assert_eq!(again.status(), 409, "an import runs once");
}

#[tokio::test]
async fn sessions_come_back_through_export_and_import_and_bad_rows_say_why() {
    let app = TestApp::spawn().await;
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
    browser
        .ok(
            "duplicate_event",
            &[("org", "acme"), ("event", "rust-summit")],
        )
        .await;
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

    browser
        .ok("start_import", &[("org", "acme"), ("id", &id.to_string())])
        .await;
    finished(&browser, id).await;
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

#[tokio::test]
async fn a_crash_half_way_resumes_and_two_instances_never_create_a_row_twice() {
    let app = TestApp::spawn().await;
    let other = app.another_instance().await;
    let browser = organizer(&app).await;
    let mut file = String::from("name,headline\n");
    for n in 0..120 {
        file.push_str(&format!("Speaker {n:03},Engineer\n"));
    }
    let id = upload(&app, &browser, SPEAKERS, &file).await;
    // A worker that died after its first 50 rows: they were created with their outcome, the
    // claim is old, the rest still waits.
    let pool = app.db().pool();
    let now = app::server::db::now();
    let org: i64 = sqlx::query_scalar("SELECT id FROM organizations WHERE slug = 'acme'")
        .fetch_one(pool)
        .await
        .expect("acme");
    for n in 0..50 {
        sqlx::query(
            "INSERT INTO speakers (organization_id, name, headline, created_at, updated_at) \
             VALUES ($1, $2, 'Engineer', $3, $3)",
        )
        .bind(org)
        .bind(format!("Speaker {n:03}"))
        .bind(now)
        .execute(pool)
        .await
        .expect("created");
    }
    sqlx::query("UPDATE import_rows SET status = 'imported' WHERE import_id = $1 AND line <= 51")
        .bind(id)
        .execute(pool)
        .await
        .expect("marked");
    sqlx::query(
        "UPDATE imports SET status = 'running', processed = 50, imported = 50, \
         claimed_at = $1 WHERE id = $2",
    )
    .bind(now - 3_600)
    .bind(id)
    .execute(pool)
    .await
    .expect("claimed long ago");

    // Both instances' workers look for work every second.
    let done = finished(&browser, id).await;
    assert_eq!((done.processed, done.imported), (120, 120));
    let names = speaker_names(&browser).await;
    assert_eq!(names.len(), 120, "every row once");
    let mut unique = names.clone();
    unique.dedup();
    assert_eq!(unique, names, "no row twice");
    drop(other);
}

#[tokio::test]
async fn refused_files_say_why_and_other_organizations_see_nothing() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    for (file, code) in [
        ("", "empty"),
        ("headline,company\nx,y\n", "missing-columns"),
        ("name,headline\n", "no-rows"),
    ] {
        let (status, location) = send(&app, &browser, SPEAKERS, csv(file)).await;
        assert_eq!(status, 303);
        assert_eq!(
            location,
            format!("/manage/acme/speakers?import_error={code}#import")
        );
    }
    let binary = Form::new().part(
        "file",
        Part::bytes(vec![0xff, 0xfe, 0, 1, 2]).file_name("x.csv"),
    );
    let (_, location) = send(&app, &browser, SPEAKERS, binary).await;
    assert!(
        location.ends_with("?import_error=not-csv#import"),
        "{location}"
    );
    let page = browser
        .get("/manage/acme/speakers?import_error=not-csv")
        .await
        .text()
        .await
        .expect("html");
    assert!(page.contains("This file is not a CSV file"));

    let id = upload(&app, &browser, SPEAKERS, "name\nAda Lovelace\n").await;
    let globex = create_organization(app.db(), "globex").await;
    let rival = given_user(&app, "rival@example.org", PlatformRole::None).await;
    given_member(&app, globex, rival, OrgRole::Organizer).await;
    let rival = session_for(&app, rival).await;
    let id = id.to_string();
    for name in ["get_import", "start_import", "discard_import"] {
        let response = rival.call(name, &[("org", "globex"), ("id", &id)]).await;
        assert_eq!(
            response.status(),
            404,
            "{name} through their own organization"
        );
        let response = rival.call(name, &[("org", "acme"), ("id", &id)]).await;
        assert_eq!(response.status(), 404, "{name} through acme");
    }
    let (status, _) = send(&app, &rival, SPEAKERS, csv("name\nMallory\n")).await;
    assert_eq!(status, 404);
    browser
        .ok("discard_import", &[("org", "acme"), ("id", &id)])
        .await;
    assert_eq!(speaker_names(&browser).await, Vec::<String>::new());
}

#[tokio::test]
async fn a_contacts_file_is_mapped_checked_and_imported_with_its_tags() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    browser
        .ok(
            "add_contact",
            &[("org", "acme"), ("email", "known@example.org")],
        )
        .await;
    let file = "Full Name,E-mail,Groups,City\n\
                Ada Lovelace,ada@example.org,vip;speakers,London\n\
                Grace,not-an-address,,New York\n\
                Ada again,ADA@example.org,,London\n\
                Known,known@example.org,,Paris\n\
                ,linus@example.org,,\n";
    let id = upload(&app, &browser, "/manage/acme/contacts/import", file).await;
    let page = import(&browser, id).await;
    assert_eq!(page.columns, ["Full Name", "E-mail", "Groups", "City"]);
    let guessed = (
        page.mapping.email.as_str(),
        page.mapping.name.as_str(),
        page.mapping.tags.as_str(),
    );
    assert_eq!(guessed, ("E-mail", "Full Name", "Groups"));
    assert_eq!((page.valid, page.invalid), (2, 3));
    let why = |line: i64| {
        page.rows
            .iter()
            .find(|r| r.line == line)
            .map(|r| r.message.clone())
            .unwrap_or_default()
    };
    assert!(why(3).starts_with("E-mail: "), "{}", why(3));
    assert_eq!(why(4), "the same address as line 2");
    assert_eq!(why(5), "already a contact; left as it is");

    // Another choice of columns is checked again; a column the file lacks is refused.
    let remap = |email: &'static str, tags: &'static str, tag_all: &'static str| {
        let id = id.to_string();
        let browser = &browser;
        async move {
            browser
                .call(
                    "map_import",
                    &[
                        ("org", "acme"),
                        ("id", &id),
                        ("email", email),
                        ("name", "Full Name"),
                        ("tags", tags),
                        ("tag_all", tag_all),
                    ],
                )
                .await
        }
    };
    let refused = crate::helpers::app_error(remap("Phone", "", "").await, 400).await;
    assert!(refused.field_message("email").is_some(), "{refused:?}");
    let refused = crate::helpers::app_error(remap("E-mail", "", "a<b").await, 400).await;
    assert!(refused.field_message("tag_all").is_some(), "{refused:?}");
    assert_eq!(remap("E-mail", "", "Spring 2026").await.status(), 200);
    assert_eq!(import(&browser, id).await.valid, 2);

    browser
        .ok("start_import", &[("org", "acme"), ("id", &id.to_string())])
        .await;
    let done = finished(&browser, id).await;
    assert_eq!(done.imported, 2);
    assert_eq!(
        browser
            .call(
                "map_import",
                &[
                    ("org", "acme"),
                    ("id", &id.to_string()),
                    ("email", "E-mail")
                ]
            )
            .await
            .status(),
        409,
        "an imported file's columns no longer change"
    );
    let listing: app::domain::contact::ContactListing = browser
        .ok("get_contacts", &[("org", "acme")])
        .await
        .json()
        .await
        .expect("contacts");
    let ada = listing
        .contacts
        .iter()
        .find(|c| c.email == "ada@example.org")
        .expect("ada imported");
    assert_eq!(ada.name, "Ada Lovelace");
    assert_eq!(ada.tags, ["spring 2026"], "the file's groups were left out");
    let linus = listing
        .contacts
        .iter()
        .find(|c| c.email == "linus@example.org")
        .expect("linus imported");
    assert_eq!(linus.name, "");
    let source: String = sqlx::query_scalar(
        "SELECT h.source FROM contact_consent h JOIN contacts c ON c.id = h.contact_id \
         WHERE c.email_key = 'linus@example.org'",
    )
    .fetch_one(app.db().pool())
    .await
    .expect("a consent record");
    assert_eq!(source, "import of “people.csv”");
}
