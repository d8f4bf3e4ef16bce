//! The public program: the schedule of a published event with its filters, the session and
//! speaker pages, and the sitemap and robots.txt, which list published, listed events only.

use app::api::program::GetSchedule;

use super::{add_session, attach_speaker, editor, organizer, publish, summit};
use crate::helpers::TestApp;

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

    let schedule = app
        .browser()
        .run(GetSchedule {
            slug: "rust-summit".into(),
        })
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
