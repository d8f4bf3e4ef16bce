//! Refused files say why, and another organization can neither see nor start nor discard
//! acme's imports.

use app::api::manage_events::{DiscardImport, GetImport, StartImport};
use domain::error::AppError;
use domain::{OrgRole, PlatformRole};
use reqwest::multipart::{Form, Part};

use super::{SPEAKERS, WORKER_BY_HAND, csv, speaker_names, upload};
use crate::agenda::organizer;
use crate::fixtures::{create_organization, given_member, given_user, session_for};
use crate::helpers::TestApp;
use crate::uploads::send;

#[tokio::test]
async fn refused_files_say_why_and_other_organizations_see_nothing() {
    let app = TestApp::spawn_with(WORKER_BY_HAND).await;
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
    // Through their own organization the import is not there; through acme, the
    // organization itself is not (to them).
    for (org, what) in [("globex", "import"), ("acme", "organization")] {
        let (org, gone) = (org.to_owned(), AppError::NotFound(what.into()));
        let read = rival
            .run(GetImport {
                org: org.clone(),
                id,
            })
            .await;
        let started = rival
            .run(StartImport {
                org: org.clone(),
                id,
            })
            .await;
        let discarded = rival
            .run(DiscardImport {
                org: org.clone(),
                id,
            })
            .await;
        assert_eq!(
            read.map(|_| ()),
            Err(gone.clone()),
            "get_import through {org}"
        );
        assert_eq!(started, Err(gone.clone()), "start_import through {org}");
        assert_eq!(discarded, Err(gone), "discard_import through {org}");
    }
    let (status, _) = send(&app, &rival, SPEAKERS, csv("name\nMallory\n")).await;
    assert_eq!(status, 404);
    let discard = DiscardImport {
        org: "acme".into(),
        id,
    };
    browser.run(discard).await.expect("discarded");
    assert_eq!(speaker_names(&browser).await, Vec::<String>::new());
}
