//! Event covers and speaker photos: re-encoded under content-hash names and served for a
//! year; refused files come back to the form with the reason; only the organization's
//! organizers may upload, and only to their own events and speakers.

use std::io::Cursor;

use app::api::manage_events::GetSpeakerProfile;
use domain::{OrgRole, PlatformRole};
use reqwest::multipart::{Form, Part};

use crate::agenda::{editor, organizer, publish, summit};
use crate::fixtures::{create_organization, given_member, given_user, session_for};
use crate::helpers::{Browser, TestApp};

const COVER: &str = "/manage/acme/events/rust-summit/cover";

pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(width, height, image::Rgb([30, 90, 200]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("a png");
    out
}

/// A valid PNG whose header announces `width` × `height` pixels it does not hold: a
/// decompression bomb's first bytes.
fn announcing(width: u32, height: u32) -> Vec<u8> {
    let mut png = png(1, 1);
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32fast::hash(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

/// Posts `bytes` as the form's file, as a browser does; the redirect's target.
pub(crate) async fn upload(
    app: &TestApp,
    browser: &Browser,
    path: &str,
    bytes: Vec<u8>,
) -> (u16, String) {
    let form = Form::new().part(
        "image",
        Part::bytes(bytes)
            .file_name("picture.png")
            .mime_str("image/png")
            .expect("a type"),
    );
    send(app, browser, path, form).await
}

pub(crate) async fn send(
    app: &TestApp,
    browser: &Browser,
    path: &str,
    form: Form,
) -> (u16, String) {
    let response = browser
        .client
        .post(format!("{}{path}", app.address))
        .multipart(form)
        .send()
        .await
        .expect("sent");
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().expect("ascii").to_owned())
        .unwrap_or_default();
    (response.status().as_u16(), location)
}

#[tokio::test]
async fn a_cover_is_re_encoded_under_its_hash_shown_and_shared_and_removable() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    summit(&browser).await;
    publish(&browser).await;

    let (status, location) = upload(&app, &browser, COVER, png(2000, 1000)).await;
    assert_eq!(status, 303);
    assert_eq!(location, "/manage/acme/events/rust-summit?done=image#image");
    let cover = editor(&browser, "rust-summit")
        .await
        .event
        .cover
        .expect("a cover");
    assert!(
        cover.starts_with("/media/") && cover.ends_with("-800.jpg"),
        "{cover}"
    );

    let file = app.get(&cover).await;
    assert_eq!(file.status(), 200);
    assert_eq!(file.headers()["content-type"], "image/jpeg");
    assert_eq!(file.headers()["cache-control"], "public, max-age=3600");
    let bytes = file.bytes().await.expect("bytes");
    let decoded = image::load_from_memory(&bytes).expect("a jpeg");
    assert_eq!((decoded.width(), decoded.height()), (800, 400));

    let large = cover.replace("-800.jpg", "-1600.jpg");
    let page = app.get("/e/rust-summit").await.text().await.expect("html");
    assert!(
        page.contains(&format!("src=\"{large}\"")),
        "the page shows it"
    );
    assert!(
        page.contains(&format!("content=\"{}{large}\"", app.address)),
        "and sharing cards use it (absolute)"
    );
    assert!(page.contains("summary_large_image"));
    let history = editor(&browser, "rust-summit").await.history;
    assert_eq!(history[0].summary, "changed the cover image");

    let (status, _) = send(&app, &browser, COVER, Form::new().text("remove", "1")).await;
    assert_eq!(status, 303);
    assert_eq!(editor(&browser, "rust-summit").await.event.cover, None);
    let page = app.get("/e/rust-summit").await.text().await.expect("html");
    assert!(!page.contains("/media/"));
}

#[tokio::test]
async fn a_refused_file_comes_back_to_the_form_saying_why() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    summit(&browser).await;

    // Named .png, sent as image/png: the bytes decide.
    let (status, location) = upload(&app, &browser, COVER, b"<svg onload=alert(1)>".to_vec()).await;
    assert_eq!(status, 303);
    assert_eq!(
        location,
        "/manage/acme/events/rust-summit?image_error=not-an-image#image"
    );
    let page = browser.get(&location).await.text().await.expect("html");
    assert!(page.contains("This file is not a JPEG, PNG, WebP or GIF image."));
    assert!(page.contains("aria-invalid=\"true\""));

    let (_, location) = upload(&app, &browser, COVER, announcing(60_000, 60_000)).await;
    assert!(
        location.ends_with("?image_error=too-many-pixels#image"),
        "{location}"
    );

    let (status, location) = upload(&app, &browser, COVER, vec![0u8; 11 * 1024 * 1024]).await;
    assert_eq!(status, 303);
    assert!(
        location.ends_with("?image_error=too-large#image"),
        "{location}"
    );

    let (_, location) = send(&app, &browser, COVER, Form::new().text("other", "x")).await;
    assert!(location.ends_with("?image_error=empty#image"), "{location}");

    assert_eq!(editor(&browser, "rust-summit").await.event.cover, None);
    let media = app.database.dir.path().join("media");
    let written = std::fs::read_dir(&media).map_or(0, |d| d.count());
    assert_eq!(written, 0, "nothing refused was written");
}

#[tokio::test]
async fn a_speaker_photo_is_a_square_and_only_the_organizations_organizers_may_upload() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    let summit = summit(&browser).await;
    let grace = summit.speakers[1].id;
    let photo = format!("/manage/acme/speakers/{grace}/photo");

    let (status, location) = upload(&app, &browser, &photo, png(300, 500)).await;
    assert_eq!(
        (status, location.as_str()),
        (
            303,
            &*format!("/manage/acme/speakers/{grace}?done=image#image")
        )
    );
    let profile = browser
        .run(GetSpeakerProfile {
            org: "acme".into(),
            id: grace,
        })
        .await
        .expect("a profile");
    let file = app.get(&profile.photo.expect("a photo")).await;
    let decoded = image::load_from_memory(&file.bytes().await.expect("bytes")).expect("a jpeg");
    assert_eq!((decoded.width(), decoded.height()), (400, 400));

    // Nobody else: signed out, an attendee, another organization's organizer.
    let anonymous = app.browser();
    let (status, _) = upload(&app, &anonymous, COVER, png(10, 10)).await;
    assert_eq!(status, 401);
    let attendee = given_user(&app, "attendee@example.org", PlatformRole::None).await;
    let attendee = session_for(&app, attendee).await;
    let (status, _) = upload(&app, &attendee, &photo, png(10, 10)).await;
    assert_eq!(
        status, 404,
        "a stranger learns nothing about the organization"
    );
    let globex = create_organization(app.db(), "globex").await;
    let rival = given_user(&app, "rival@example.org", PlatformRole::None).await;
    given_member(&app, globex, rival, OrgRole::Organizer).await;
    let rival = session_for(&app, rival).await;
    let (status, _) = upload(&app, &rival, COVER, png(10, 10)).await;
    assert_eq!(status, 404);
    let borrowed = format!("/manage/globex/speakers/{grace}/photo");
    let (status, _) = upload(&app, &rival, &borrowed, png(10, 10)).await;
    assert_eq!(status, 404, "acme's speaker is not globex's");
    assert_eq!(editor(&browser, "rust-summit").await.event.cover, None);
}
