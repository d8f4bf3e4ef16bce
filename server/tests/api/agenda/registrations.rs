//! Registrations: joining a full event waitlists, a cancellation promotes the first in line,
//! and concurrent joins never exceed the capacity.

use app::api::manage_events::SaveEvent;
use app::api::program::{GetAttendance, JoinEvent, LeaveEvent};
use domain::PlatformRole;
use domain::error::AppError;
use domain::registration::RegistrationStatus;

use super::{join, organizer, publish, summit_event};
use crate::fixtures::{given_user, session_for};
use crate::helpers::TestApp;

/// The Rust Summit for at most `capacity` people.
fn summit_for(capacity: &str) -> SaveEvent {
    SaveEvent {
        capacity: capacity.into(),
        ..summit_event()
    }
}

fn attendance() -> GetAttendance {
    GetAttendance {
        slug: "rust-summit".into(),
    }
}

#[tokio::test]
async fn joining_a_full_event_waitlists_and_a_cancellation_promotes_the_first_in_line() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    browser.run(summit_for("1")).await.expect("the draft saved");
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

    let leave = LeaveEvent {
        slug: "rust-summit".into(),
    };
    people[0].run(leave).await.expect("left");
    let bob = people[1].run(attendance()).await.expect("attendance");
    assert_eq!(
        bob.status,
        Some(RegistrationStatus::Joined),
        "promoted from the waitlist"
    );
    let cy = people[2].run(attendance()).await.expect("attendance");
    assert_eq!(cy.waitlist_position, Some(1));

    let anonymous = app
        .browser()
        .run(JoinEvent {
            slug: "rust-summit".into(),
        })
        .await;
    assert_eq!(anonymous, Err(AppError::Unauthenticated));
}

#[tokio::test]
async fn concurrent_joins_never_exceed_the_capacity() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    browser.run(summit_for("3")).await.expect("the draft saved");
    publish(&browser).await;
    let mut people = Vec::new();
    for n in 0..10 {
        let user = given_user(&app, &format!("p{n}@example.org"), PlatformRole::None).await;
        people.push(session_for(&app, user).await);
    }
    let calls = people.iter().map(|b| {
        b.run(JoinEvent {
            slug: "rust-summit".into(),
        })
    });
    for answer in futures_util::future::join_all(calls).await {
        assert!(answer.is_ok(), "{answer:?}");
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
