//! Registrations: joining a full event waitlists, a cancellation promotes the first in line,
//! and concurrent joins never exceed the capacity.

use domain::PlatformRole;
use domain::error::AppError;
use domain::registration::{Attendance, RegistrationStatus};

use super::{EVENT, join, organizer, publish, with};
use crate::fixtures::{given_user, session_for};
use crate::helpers::{TestApp, app_error};

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
