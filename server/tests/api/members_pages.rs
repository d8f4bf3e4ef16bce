//! Signed-in visitors whose browser runs the islands share the cached event pages: the page is
//! drawn once for all of them without anyone's state, and each browser asks for its own
//! (who is signed in, their place, their stars) through server functions. Without the
//! islands, a signed-in visitor's page is drawn for them alone.

use app::api::accounts::GetCurrentUser;
use app::api::program::{GetAttendance, GetMyStars, StarSession};
use domain::PlatformRole;
use domain::error::AppError;
use domain::registration::RegistrationStatus;

use crate::agenda::{editor, join, organizer, summit};
use crate::fixtures::{given_user, session_secret_for};
use crate::helpers::{Browser, TestApp, set_cookies};
use crate::page_cache::{answered, published_summit};

const SCHEDULE: &str = "/e/rust-summit/schedule";

/// `GET path` as `browser`: whether the cache answered, and the page.
async fn visit(browser: &Browser, path: &str) -> (String, String) {
    answered(browser.get(path).await, path).await
}

#[tokio::test]
async fn members_share_a_page_drawn_for_nobody_and_each_asks_for_their_own_state() {
    let app = TestApp::spawn().await;
    let organizer = published_summit(&app).await;
    let opening = editor(&organizer, "rust-summit").await.items[0].clone();
    let ada = given_user(&app, "ada.lovelace@example.org", PlatformRole::None).await;
    let ada_secret = session_secret_for(&app, ada).await;
    let bob = given_user(&app, "bob.marley@example.org", PlatformRole::None).await;
    let ada = app.browser_running_islands(&ada_secret);
    let bob = app.browser_running_islands(&session_secret_for(&app, bob).await);
    join(&ada).await;
    let star = StarSession {
        slug: "rust-summit".into(),
        id: opening.id,
        starred: true,
        back: None,
    };
    ada.run(star).await.expect("starred");

    for path in [SCHEDULE, "/e/rust-summit", "/e/rust-summit/speakers"] {
        let (first, for_ada) = visit(&ada, path).await;
        let (second, for_bob) = visit(&bob, path).await;
        assert_eq!((first.as_str(), second.as_str()), ("miss", "hit"), "{path}");
        assert_eq!(for_ada, for_bob, "{path}: one page for both");
        assert!(!for_ada.contains("ada.lovelace"), "{path}: nobody's name");
        assert!(
            for_ada.contains("My account") && for_ada.contains("Log out"),
            "{path}"
        );
        assert!(
            for_ada.contains("action=\"/api/forget_islands\""),
            "{path}: the way out for a browser whose JavaScript was turned off"
        );
    }
    let (_, schedule) = visit(&ada, SCHEDULE).await;
    let remove = format!("Remove “{}” from my agenda", opening.title);
    assert!(!schedule.contains(&remove), "Ada's star is not drawn");
    assert!(schedule.contains("aria-busy=\"true\""), "the stars ask");
    let (_, event) = visit(&ada, "/e/rust-summit").await;
    assert!(event.contains("Checking your place…") && !event.contains("You're going."));
    // Nor in the islands' props, which the page carries as data.
    assert!(
        event.contains("&quot;signed_in&quot;:false")
            && !event.contains("&quot;signed_in&quot;:true")
    );
    assert!(!schedule.contains("&quot;starred&quot;:true"));

    // What each browser then asks for is its own.
    assert_eq!(
        ada.run(GetMyStars {
            slug: "rust-summit".into()
        })
        .await,
        Ok(vec![opening.id])
    );
    assert_eq!(
        bob.run(GetMyStars {
            slug: "rust-summit".into()
        })
        .await,
        Ok(vec![])
    );
    let place = ada
        .run(GetAttendance {
            slug: "rust-summit".into(),
        })
        .await
        .expect("a place");
    assert_eq!(place.status, Some(RegistrationStatus::Joined));
    let user = ada
        .run(GetCurrentUser {})
        .await
        .expect("asked")
        .expect("signed in");
    assert_eq!(user.display_name, "ada.lovelace");

    // The visitors' page is another one, and stays theirs.
    let (cache, visitors) = visit(&app.browser(), SCHEDULE).await;
    assert_eq!(cache, "miss");
    assert!(!visitors.contains("My account") && visitors.contains("Sign in to add"));

    // Without the islands' cookie, Ada's page is drawn for her and never kept.
    let personal = app.browser_with_session(&ada_secret);
    let (cache, page) = visit(&personal, SCHEDULE).await;
    assert_eq!(cache, "none");
    assert!(page.contains(&remove) && page.contains("ada.lovelace"));
    assert!(!page.contains("forget_islands"));
    let (_, page) = visit(&personal, "/e/rust-summit").await;
    assert!(page.contains("You're going."));
}

#[tokio::test]
async fn stars_are_asked_for_only_by_their_person_and_only_of_a_published_event() {
    let app = TestApp::spawn().await;
    let organizer = organizer(&app).await;
    summit(&organizer).await;
    let ada = given_user(&app, "ada.lovelace@example.org", PlatformRole::None).await;
    let ada = app.browser_running_islands(&session_secret_for(&app, ada).await);
    let ask = || GetMyStars {
        slug: "rust-summit".into(),
    };

    // A draft is nobody's business yet, not even its organizer's page visitors'.
    assert!(matches!(ada.run(ask()).await, Err(AppError::NotFound(_))));
    crate::agenda::publish(&organizer).await;
    assert_eq!(ada.run(ask()).await, Ok(vec![]));
    assert_eq!(
        app.browser().run(ask()).await,
        Err(AppError::Unauthenticated)
    );
    let unknown = GetMyStars {
        slug: "no-such-event".into(),
    };
    assert!(matches!(ada.run(unknown).await, Err(AppError::NotFound(_))));
}

#[tokio::test]
async fn a_browser_without_javascript_can_forget_the_islands_and_see_its_own_page() {
    let app = TestApp::spawn().await;
    published_summit(&app).await;
    let ada = given_user(&app, "ada.lovelace@example.org", PlatformRole::None).await;
    let ada = app.browser_running_islands(&session_secret_for(&app, ada).await);

    let response = ada
        .post_form("forget_islands", SCHEDULE, &[("back", SCHEDULE)])
        .await;
    assert_eq!(response.headers()["location"], SCHEDULE);
    let mut removals = set_cookies(&response, "convene_islands=").into_iter();
    let removal = removals.next().expect("the cookie is removed");
    assert!(removal.contains("Max-Age=0"), "{removal}");

    // Only to a page of this site.
    let away = ada
        .post_form("forget_islands", SCHEDULE, &[("back", "//evil.example/")])
        .await;
    assert_eq!(away.headers()["location"], "/account");
}
