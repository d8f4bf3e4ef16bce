//! CSV imports: every row checked before anything is created, a background job that creates
//! the valid rows (resuming after a crash, never twice, with two instances racing), the outcome
//! of each row, refused files, and other organizations kept out. What the tests share lives
//! here: uploading a file and following its import.

mod contacts;
mod crash_recovery;
mod refusals;
mod sessions;
mod speakers;

use app::api::manage_events::{GetImport, GetSpeakerDirectory, StartImport};
use domain::error::AppError;
use domain::import::{ImportPage, ImportStatus};
use reqwest::multipart::{Form, Part};

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
    let call = GetImport {
        org: "acme".into(),
        id,
    };
    browser.run(call).await.expect("an import")
}

/// Starts acme's import `id`, as its "Import" button does.
async fn start(browser: &Browser, id: i64) -> Result<(), AppError> {
    let call = StartImport {
        org: "acme".into(),
        id,
    };
    browser.run(call).await
}

/// The configuration of the imports' tests: the background worker is run by the test
/// ([`finished`]), not by the clock.
const WORKER_BY_HAND: &[(&str, &str)] = &[("import_check_secs", "3600")];

/// Runs the import worker until no import waits, then reads the import, which must be done.
async fn finished(app: &TestApp, browser: &Browser, id: i64) -> ImportPage {
    while services::organizer::imports::work_once(&app.state).await {}
    let page = import(browser, id).await;
    assert_eq!(page.status, ImportStatus::Done, "the worker finished it");
    page
}

async fn speaker_names(browser: &Browser) -> Vec<String> {
    let call = GetSpeakerDirectory {
        org: "acme".into(),
        q: String::new(),
    };
    let directory = browser.run(call).await.expect("a directory");
    let mut names: Vec<String> = directory.speakers.into_iter().map(|s| s.name).collect();
    names.sort();
    names
}
