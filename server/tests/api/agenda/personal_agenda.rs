//! The personal agenda: stars that need an account, and the account page's joined events and
//! stars with the private calendar link that follows them.

use app::api::program::{GetMyProgram, GetSchedule, GetSession, StarSession};
use domain::error::AppError;
use domain::registration::MyProgram;
use domain::{AgendaItemId, PlatformRole};

use super::{add_session, editor, join, organizer, publish, summit};
use crate::fixtures::{given_user, session_for};
use crate::helpers::{Browser, TestApp};

fn star(id: AgendaItemId, starred: bool) -> StarSession {
    StarSession {
        slug: "rust-summit".into(),
        id,
        starred,
        back: None,
    }
}

fn schedule() -> GetSchedule {
    GetSchedule {
        slug: "rust-summit".into(),
    }
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
    let item = editor(&browser, "rust-summit").await.items[0].id;
    let anonymous = app.browser().run(star(item, true)).await;
    assert_eq!(anonymous, Err(AppError::Unauthenticated));
    let user = given_user(&app, "fan@example.org", PlatformRole::None).await;
    let fan = session_for(&app, user).await;
    fan.run(star(item, true)).await.expect("starred");
    fan.run(star(item, true)).await.expect("starred again");
    let page = fan
        .run(GetSession {
            slug: "rust-summit".into(),
            id: item,
        })
        .await
        .expect("a session");
    assert!(page.starred);
    let schedule_page = fan.run(schedule()).await.expect("a schedule");
    assert_eq!(
        schedule_page.starred.len(),
        1,
        "starring twice keeps one star"
    );
    fan.run(star(item, false)).await.expect("unstarred");
    let schedule_page = fan.run(schedule()).await.expect("a schedule");
    assert!(schedule_page.starred.is_empty());
}

/// What the account page shows `browser` of its events, stars and calendar link.
async fn program_of(browser: &Browser) -> MyProgram {
    browser.run(GetMyProgram {}).await.expect("a program")
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
    let item = editor(&browser, "rust-summit").await.items[0].id;
    let user = given_user(&app, "fan@example.org", PlatformRole::None).await;
    let fan = session_for(&app, user).await;
    join(&fan).await;
    fan.run(star(item, true)).await.expect("starred");
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
