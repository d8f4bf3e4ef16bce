//! A speakers file is checked row by row, each problem said with its line, and then imported
//! in the background, once.

use app::api::manage_events::SaveSpeaker;
use domain::error::AppError;
use domain::import::{ImportStatus, RowStatus};

use super::{SPEAKERS, WORKER_BY_HAND, finished, import, speaker_names, start, upload};
use crate::agenda::organizer;
use crate::helpers::TestApp;

#[tokio::test]
async fn a_speakers_file_is_checked_row_by_row_then_imported_in_the_background() {
    let app = TestApp::spawn_with(WORKER_BY_HAND).await;
    let browser = organizer(&app).await;
    let grace = SaveSpeaker {
        org: "acme".into(),
        id: String::new(),
        name: "Grace Hopper".into(),
        headline: String::new(),
        company: String::new(),
        bio: String::new(),
        links: String::new(),
    };
    browser.run(grace).await.expect("saved");
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

    start(&browser, id).await.expect("started");
    let done = finished(&app, &browser, id).await;
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
    let again = start(&browser, id).await.expect_err("refused");
    assert!(
        matches!(again, AppError::Conflict(_)),
        "an import runs once: {again:?}"
    );
}
