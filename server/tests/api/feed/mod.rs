//! The attendee feed: who may read, post, like, comment and moderate; the timeline's pages;
//! exact like counts under concurrency; mutes, hidden content, the rate limit; and live
//! updates over server-sent events, also across two instances on PostgreSQL. What the tests
//! share lives here: an event with its organizer, attendees and a visitor, and the calls that
//! post to its feed and read it.

mod access;
mod likes;
mod live;
mod moderation;
mod posting;
mod timeline;

use app::api::feed::{
    CommentOnPost, DeletePost, EditPost, LikePost, ModerateContent, MuteInFeed, ReportContent,
};
use app::api::feed_pages::GetFeedTimeline;
use domain::feed::{FeedPost, FeedView, Readable, TimelinePage};
use domain::{CommentId, EventId, OrgRole, PlatformRole, PostId, UserId};
use services::db;

use crate::fixtures::{event, given_member, given_user, session_for};
use crate::helpers::{Browser, TestApp};

/// An event `conf` of `acme` with its organizer, two attendees who joined, and a visitor
/// who is signed in but did not join.
pub(crate) struct World {
    pub app: TestApp,
    pub event: EventId,
    pub organizer: Browser,
    pub alice: Browser,
    pub alice_id: UserId,
    pub bob: Browser,
    pub visitor: Browser,
}

pub(crate) async fn world_with(overrides: &[(&str, &str)]) -> World {
    let app = TestApp::spawn_with(overrides).await;
    let acme = app
        .given_events("acme", [event("conf", "Conf").in_days(10)])
        .await;
    let event: EventId = sqlx::query_scalar("SELECT id FROM events WHERE slug = 'conf'")
        .fetch_one(app.db().pool())
        .await
        .expect("the event");
    let organizer_id = given_user(&app, "organizer@example.org", PlatformRole::None).await;
    given_member(&app, acme, organizer_id, OrgRole::Organizer).await;
    let alice_id = given_user(&app, "alice@example.org", PlatformRole::None).await;
    let bob_id = given_user(&app, "bob@example.org", PlatformRole::None).await;
    let visitor_id = given_user(&app, "visitor@example.org", PlatformRole::None).await;
    for user in [alice_id, bob_id] {
        join(&app, event, user).await;
    }
    World {
        organizer: session_for(&app, organizer_id).await,
        alice: session_for(&app, alice_id).await,
        bob: session_for(&app, bob_id).await,
        visitor: session_for(&app, visitor_id).await,
        alice_id,
        event,
        app,
    }
}

async fn world() -> World {
    world_with(&[]).await
}

async fn join(app: &TestApp, event: EventId, user: UserId) {
    services::db::registrations::set(app.db().pool(), event, user, "joined", db::now())
        .await
        .expect("joined");
}

/// Posts through the compose form (multipart, as the browser sends it); the redirect.
pub(crate) async fn compose(
    browser: &Browser,
    body: &str,
    image: Option<Vec<u8>>,
    announcement: bool,
) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new().text("body", body.to_owned());
    if announcement {
        form = form.text("announcement", "1");
    }
    form = match image {
        Some(bytes) => form.part(
            "image",
            reqwest::multipart::Part::bytes(bytes).file_name("photo.png"),
        ),
        // What a browser sends for a file input left empty.
        None => form.part(
            "image",
            reqwest::multipart::Part::bytes(Vec::new()).file_name(""),
        ),
    };
    browser
        .client
        .post(format!("{}/e/conf/feed/posts", browser.address()))
        .multipart(form)
        .send()
        .await
        .expect("posted")
}

/// Posts `body` and returns the new post's id.
pub(crate) async fn post(browser: &Browser, body: &str) -> i64 {
    let response = compose(browser, body, None, false).await;
    assert_eq!(response.status(), 303, "{:?}", response.text().await);
    let location = location(&response);
    location
        .rsplit_once("#post-")
        .and_then(|(_, id)| id.parse().ok())
        .unwrap_or_else(|| panic!("no post id in {location}"))
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Likes (or unlikes) post `post` of `conf`, as the page does with JavaScript.
pub(crate) fn like(post: i64, liked: bool) -> LikePost {
    LikePost {
        slug: "conf".into(),
        post: PostId(post),
        liked,
        back: None,
    }
}

/// Comments `body` on post `post`, with JavaScript.
pub(crate) fn comment(post: i64, body: &str) -> CommentOnPost {
    CommentOnPost {
        slug: "conf".into(),
        post: PostId(post),
        body: body.into(),
        back: None,
    }
}

/// Changes post `post`'s text to `body`, with JavaScript.
fn edit(post: i64, body: &str) -> EditPost {
    EditPost {
        slug: "conf".into(),
        post: PostId(post),
        body: body.into(),
        back: None,
    }
}

/// Deletes post `post`.
fn delete(post: i64) -> DeletePost {
    DeletePost {
        slug: "conf".into(),
        post: PostId(post),
    }
}

/// Reports post `post` for `reason`.
fn report(post: i64, reason: &str) -> ReportContent {
    ReportContent {
        slug: "conf".into(),
        post: PostId(post),
        comment: None,
        reason: reason.into(),
    }
}

/// A moderator's `decision` (hide, show, delete, dismiss) on post `post` or its `comment`.
fn moderate(post: i64, comment: Option<i64>, decision: &str) -> ModerateContent {
    ModerateContent {
        slug: "conf".into(),
        post: PostId(post),
        comment: comment.map(CommentId),
        decision: decision.into(),
        back: None,
    }
}

/// Mutes (or lets speak again) `user` in the feed.
fn mute(user: UserId, muted: bool) -> MuteInFeed {
    MuteInFeed {
        slug: "conf".into(),
        user,
        muted,
        back: None,
    }
}

/// The feed page at `/e/conf/feed{path}` as `browser` receives it.
pub(crate) async fn page(browser: &Browser, path: &str) -> reqwest::Response {
    browser.get(&format!("/e/conf/feed{path}")).await
}

/// The HTML of the feed page at `/e/conf/feed{path}`.
async fn html(browser: &Browser, path: &str) -> String {
    let response = page(browser, path).await;
    assert_eq!(response.status(), 200);
    response.text().await.expect("a page")
}

/// The first page of the timeline (of `kind` only, if given) as `browser` may read it.
async fn timeline(browser: &Browser, kind: Option<&str>) -> Readable<TimelinePage> {
    let call = GetFeedTimeline {
        slug: "conf".into(),
        before: None,
        kind: kind.map(str::to_owned),
    };
    let view: FeedView<TimelinePage> = browser.run(call).await.expect("the timeline");
    view.content
}

/// The timeline's posts (pinned first) as `browser` may read them, by text.
async fn texts(browser: &Browser, kind: Option<&str>) -> Vec<String> {
    match timeline(browser, kind).await {
        Readable::Shown(page) => page.pinned.iter().chain(&page.posts).map(text).collect(),
        closed => panic!("the feed is closed: {closed:?}"),
    }
}

fn text(post: &FeedPost) -> String {
    post.body.clone()
}

async fn like_count(app: &TestApp, post: i64) -> (i64, i64) {
    let stored: i64 = sqlx::query_scalar("SELECT like_count FROM posts WHERE id = $1")
        .bind(post)
        .fetch_one(app.db().pool())
        .await
        .expect("a post");
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM post_likes WHERE post_id = $1")
        .bind(post)
        .fetch_one(app.db().pool())
        .await
        .expect("likes");
    (stored, rows)
}

async fn insert_post(w: &World, body: &str) -> i64 {
    let id = services::db::feed::insert_post(
        w.app.db(),
        services::db::feed::NewPost {
            event: w.event,
            author: w.alice_id,
            kind: "post",
            body,
            image: None,
            now: db::now(),
        },
    )
    .await
    .expect("a post");
    id.0
}
