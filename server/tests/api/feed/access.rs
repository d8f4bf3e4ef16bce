//! Who takes part: only people who joined post and like, only acme's members announce and
//! moderate, and an attendees-only feed is closed to everyone else.

use app::api::feed::SetFeedAccess;
use domain::error::AppError;
use domain::{OrgRole, PlatformRole};

use domain::feed::{PostKind, Readable};

use super::{compose, html, like, moderate, post, texts, timeline, world};
use crate::fixtures::{create_organization, given_member, given_user, session_for};

#[tokio::test]
async fn only_people_who_joined_take_part_and_only_members_announce_and_moderate() {
    let w = world().await;
    let id = post(&w.alice, "First!").await;
    assert_eq!(
        compose(&w.visitor, "Me too", None, false).await.status(),
        403
    );
    assert_eq!(
        compose(&w.app.browser(), "Me too", None, false)
            .await
            .status(),
        401
    );
    assert_eq!(
        w.visitor.run(like(id, true)).await,
        Err(AppError::Forbidden)
    );
    // An attendee cannot announce, hide or pin.
    assert_eq!(
        compose(&w.alice, "Official!", None, true).await.status(),
        403
    );
    let hide = || moderate(id, None, "hide");
    assert_eq!(w.bob.run(hide()).await, Err(AppError::Forbidden));
    // Another organization's organizer is nobody here.
    let app = &w.app;
    let globex = create_organization(app.db(), "globex").await;
    let other = given_user(app, "other@example.org", PlatformRole::None).await;
    given_member(app, globex, other, OrgRole::Owner).await;
    let other = session_for(app, other).await;
    assert_eq!(other.run(hide()).await, Err(AppError::Forbidden));
    assert_eq!(compose(&other, "Hi", None, false).await.status(), 403);

    // The organizer announces: pinned above newer posts, in the organization's name.
    let announcement = compose(&w.organizer, "Doors open at 9", None, true).await;
    assert_eq!(announcement.status(), 303);
    post(&w.bob, "Newer than the announcement").await;
    let Readable::Shown(page) = timeline(&w.app.browser(), None).await else {
        panic!("a public feed");
    };
    let pinned = &page.pinned[0];
    assert_eq!(pinned.body, "Doors open at 9");
    assert_eq!(pinned.kind, PostKind::Announcement);
    assert_eq!(
        pinned.author, "Org acme",
        "announced in the organization's name"
    );
    assert_eq!(page.posts[0].body, "Newer than the announcement");
    // The page draws it in the pinned list, above the others.
    let html = html(&w.app.browser(), "").await;
    let drawn = &html[html.find("id=\"feed-pinned\"").expect("the pinned list")..];
    let others = drawn.find("id=\"feed-posts\"").expect("the other posts");
    assert!(
        drawn[..others].contains("Doors open at 9") && drawn[..others].contains(">Announcement<")
    );
    assert!(drawn[others..].contains("Newer than the announcement"));
    let only = texts(&w.app.browser(), Some("announcements")).await;
    assert_eq!(only, ["Doors open at 9"]);
    let posts = texts(&w.app.browser(), Some("posts")).await;
    assert!(
        !posts.iter().any(|p| p.contains("Doors open")) && posts.contains(&"First!".to_owned())
    );
}

#[tokio::test]
async fn an_attendees_only_feed_is_closed_to_everyone_else() {
    let w = world().await;
    post(&w.alice, "Members only chat").await;
    let attendees_only = SetFeedAccess {
        slug: "conf".into(),
        access: "attendees".into(),
    };
    w.organizer.run(attendees_only).await.expect("closed");
    let anonymous = w.app.browser();
    assert_eq!(timeline(&anonymous, None).await, Readable::SignInFirst);
    assert_eq!(timeline(&w.visitor, None).await, Readable::JoinFirst);
    for (outsider, action) in [(&anonymous, "Sign in"), (&w.visitor, "Join the event")] {
        let shown = html(outsider, "").await;
        assert!(!shown.contains("Members only chat"));
        assert!(shown.contains("for the people who joined") && shown.contains(action));
    }
    assert_eq!(w.app.get("/e/conf/feed/live").await.status(), 401);
    assert!(
        texts(&w.bob, None)
            .await
            .contains(&"Members only chat".to_owned())
    );
}
