//! A contacts file: its columns mapped (guessed, then chosen again), its rows checked, and its
//! contacts imported with their tags and a consent record naming the file.

use app::api::campaigns::{AddContact, GetContacts, MapImport};
use domain::error::AppError;

use super::{WORKER_BY_HAND, finished, import, start, upload};
use crate::agenda::organizer;
use crate::helpers::TestApp;

#[tokio::test]
async fn a_contacts_file_is_mapped_checked_and_imported_with_its_tags() {
    let app = TestApp::spawn_with(WORKER_BY_HAND).await;
    let browser = organizer(&app).await;
    let known = AddContact {
        org: "acme".into(),
        email: "known@example.org".into(),
        name: String::new(),
        tags: String::new(),
    };
    browser.run(known).await.expect("added");
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
    let remap = |email: &str, tags: &str, tag_all: &str| MapImport {
        org: "acme".into(),
        id,
        email: email.into(),
        name: "Full Name".into(),
        tags: tags.into(),
        tag_all: tag_all.into(),
    };
    let refused = browser
        .run(remap("Phone", "", ""))
        .await
        .expect_err("refused");
    assert!(refused.field_message("email").is_some(), "{refused:?}");
    let refused = browser
        .run(remap("E-mail", "", "a<b"))
        .await
        .expect_err("refused");
    assert!(refused.field_message("tag_all").is_some(), "{refused:?}");
    browser
        .run(remap("E-mail", "", "Spring 2026"))
        .await
        .expect("mapped");
    assert_eq!(import(&browser, id).await.valid, 2);

    start(&browser, id).await.expect("started");
    let done = finished(&app, &browser, id).await;
    assert_eq!(done.imported, 2);
    let late = browser
        .run(remap("E-mail", "", ""))
        .await
        .expect_err("refused");
    assert!(
        matches!(late, AppError::Conflict(_)),
        "an imported file's columns no longer change: {late:?}"
    );
    let contacts = GetContacts {
        org: "acme".into(),
        q: String::new(),
        tag: String::new(),
    };
    let listing = browser.run(contacts).await.expect("contacts");
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
