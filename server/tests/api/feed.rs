//! The attendee feed: who may read, post, like, comment and moderate; the timeline's pages;
//! exact like counts under concurrency; mutes, hidden content, the rate limit; and live
//! updates over server-sent events, also across two instances on PostgreSQL.

use std::collections::BTreeSet;
use std::time::Duration;

use app::domain::program::RenderedPage;
use app::domain::{EventId, OrgRole, PlatformRole, UserId};
use app::error::AppError;
use app::server::db::{self, Backend, users};
use futures_util::StreamExt;

use crate::fixtures::{create_organization, event, given_member, given_user, session_for};
use crate::helpers::{Browser, TestApp, app_error, backend};

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
    app::server::db::registrations::set(app.db().pool(), event, user, "joined", db::now())
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

/// The feed page's content as `browser` sees it, rendered by the server.
pub(crate) async fn page(
    browser: &Browser,
    page: &str,
    extra: &[(&str, &str)],
) -> reqwest::Response {
    let mut form = vec![("slug", "conf"), ("page", page)];
    form.extend_from_slice(extra);
    browser.call("render_program", &form).await
}

async fn html(browser: &Browser, page_name: &str, extra: &[(&str, &str)]) -> String {
    let response = page(browser, page_name, extra).await;
    assert_eq!(response.status(), 200);
    let rendered: RenderedPage = response.json().await.expect("a page");
    rendered.html
}

/// The ids of the posts in `html`, in order.
fn post_ids(html: &str) -> Vec<i64> {
    html.split("data-post=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse().ok())
        .collect()
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

#[tokio::test]
async fn attendees_post_like_and_comment_and_anyone_reads_it_without_javascript() {
    let w = world().await;
    let id = post(&w.alice, "Hello **world**, see https://example.org/talks").await;
    let liked: i64 = w
        .bob
        .ok(
            "like_post",
            &[
                ("slug", "conf"),
                ("post", &id.to_string()),
                ("liked", "true"),
            ],
        )
        .await
        .json()
        .await
        .expect("a count");
    assert_eq!(liked, 1);
    // Liking twice is one like.
    w.bob
        .ok(
            "like_post",
            &[
                ("slug", "conf"),
                ("post", &id.to_string()),
                ("liked", "true"),
            ],
        )
        .await;
    assert_eq!(like_count(&w.app, id).await, (1, 1));
    // A comment posted by a browser without JavaScript comes back to the post.
    let response = w
        .bob
        .post_form(
            "comment_on_post",
            "/e/conf/feed",
            &[
                ("slug", "conf"),
                ("post", &id.to_string()),
                ("body", "Great <script>x</script> talk"),
                ("back", "/e/conf/feed"),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), format!("/e/conf/feed#post-{id}"));

    let anonymous = w.app.browser();
    let document = anonymous.get("/e/conf/feed").await;
    assert_eq!(document.status(), 200);
    let text = document.text().await.expect("a page");
    assert!(text.contains("<strong>world</strong>"), "{text}");
    assert!(
        text.contains(r#"href="https://example.org/talks""#),
        "links are clickable"
    );
    assert!(text.contains("Great"), "the comment is shown");
    assert!(!text.contains("<script>x"), "comments are sanitized");
    assert!(text.contains("1 like"));
    assert!(
        text.contains("Sign in"),
        "anonymous readers are invited to sign in"
    );
    assert_eq!(like_count(&w.app, id).await, (1, 1));
}

#[tokio::test]
async fn only_people_who_joined_take_part_and_only_members_announce_and_moderate() {
    let w = world().await;
    let id = post(&w.alice, "First!").await.to_string();
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
    let refused = w
        .visitor
        .call(
            "like_post",
            &[("slug", "conf"), ("post", &id), ("liked", "true")],
        )
        .await;
    assert_eq!(app_error(refused, 403).await, AppError::Forbidden);
    // An attendee cannot announce, hide or pin.
    assert_eq!(
        compose(&w.alice, "Official!", None, true).await.status(),
        403
    );
    let hide = [
        ("slug", "conf"),
        ("post", id.as_str()),
        ("decision", "hide"),
    ];
    assert_eq!(
        app_error(w.bob.call("moderate_content", &hide).await, 403).await,
        AppError::Forbidden
    );
    // Another organization's organizer is nobody here.
    let app = &w.app;
    let globex = create_organization(app.db(), "globex").await;
    let other = given_user(app, "other@example.org", PlatformRole::None).await;
    given_member(app, globex, other, OrgRole::Owner).await;
    let other = session_for(app, other).await;
    assert_eq!(
        app_error(other.call("moderate_content", &hide).await, 403).await,
        AppError::Forbidden
    );
    assert_eq!(compose(&other, "Hi", None, false).await.status(), 403);

    // The organizer announces: pinned above newer posts, in the organization's name.
    let announcement = compose(&w.organizer, "Doors open at 9", None, true).await;
    assert_eq!(announcement.status(), 303);
    post(&w.bob, "Newer than the announcement").await;
    let html = html(&w.app.browser(), "feed", &[]).await;
    let pinned = html.find("Doors open at 9").expect("the announcement");
    assert!(pinned < html.find("Newer than the announcement").expect("the post"));
    assert!(html.contains("Announcement"));
    assert!(
        html[..pinned].contains("Org acme"),
        "announced in the organization's name"
    );
    let only = html_of_kind(&w, "announcements").await;
    assert!(
        only.contains("Doors open") && !only.contains("First!"),
        "{only}"
    );
    let posts = html_of_kind(&w, "posts").await;
    assert!(
        !posts.contains("Doors open") && posts.contains("First!"),
        "{posts}"
    );
}

async fn html_of_kind(w: &World, kind: &str) -> String {
    html(&w.app.browser(), "feed", &[("kind", kind)]).await
}

#[tokio::test]
async fn refused_posts_come_back_to_the_form_with_the_message_and_the_text() {
    let w = world().await;
    for (body, image, field, message) in [
        ("   ", None, "body", "write something to post"),
        (
            &*"é".repeat(2_001),
            None,
            "body",
            "keep it to 2000 characters or fewer",
        ),
        // A GIF header announcing an image far too large to decode.
        (
            "A picture",
            Some(b"GIF89a not really".to_vec()),
            "image",
            "too many pixels",
        ),
        (
            "A picture",
            Some(b"plain text".to_vec()),
            "image",
            "not a JPEG, PNG, WebP or GIF",
        ),
    ] {
        let response = compose(&w.alice, body, image, false).await;
        assert_eq!(response.status(), 303);
        let back = location(&response);
        assert!(
            back == "/e/conf/feed?__path=%2Fapi%2Fcreate_post#compose",
            "{back}"
        );
        let document = w.alice.get(&back).await.text().await.expect("the page");
        assert!(
            document.contains(message),
            "{field}: {message} not in the page"
        );
        if body.trim().len() > 3 {
            assert!(
                document.contains(&body[..20.min(body.len())]),
                "the text typed is kept"
            );
        }
    }
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM posts")
        .fetch_one(w.app.db().pool())
        .await
        .expect("a count");
    assert_eq!(count, 0);
}

#[tokio::test]
async fn a_post_can_carry_an_image() {
    let w = world().await;
    let mut png = Vec::new();
    image::RgbImage::from_pixel(640, 480, image::Rgb([200, 30, 30]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("a png");
    let response = compose(&w.alice, "Our booth", Some(png), false).await;
    assert_eq!(response.status(), 303, "{}", location(&response));
    let html = html(&w.app.browser(), "feed", &[]).await;
    let src = html
        .split("src=\"/media/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("an image in the post");
    assert_eq!(w.app.get(&format!("/media/{src}")).await.status(), 200);
}

#[tokio::test]
async fn timeline_pages_neither_repeat_nor_skip_posts_while_new_ones_arrive() {
    let w = world().await;
    let mut older = Vec::new();
    for n in 0..45 {
        older.push(insert_post(&w, &format!("Post {n}")).await);
    }
    let reader = w.app.browser();
    let mut seen = Vec::new();
    let mut before = String::new();
    let mut pages = 0;
    loop {
        let html = html(&reader, "feed", &[("before", &before)]).await;
        let ids = post_ids(&html);
        assert!(ids.len() <= 20, "pages are bounded");
        seen.extend(ids);
        pages += 1;
        // New posts keep arriving while the reader pages.
        for n in 0..3 {
            insert_post(&w, &format!("Newer {pages}.{n}")).await;
        }
        match html
            .split("data-more=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
        {
            Some(next) => before = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let unique: BTreeSet<i64> = seen.iter().copied().collect();
    assert_eq!(unique.len(), seen.len(), "no post twice");
    older.reverse();
    assert_eq!(seen, older, "every post once, newest first");
}

#[tokio::test]
async fn the_timeline_api_pages_with_a_bounded_size_and_filters_kinds() {
    use app::domain::feed::TimelinePage;
    let w = world().await;
    for n in 0..60 {
        insert_post(&w, &format!("Post {n}")).await;
    }
    compose(&w.organizer, "Announced", None, true).await;
    let reader = w.app.browser();
    let timeline = |form: Vec<(&'static str, String)>| {
        let reader = &reader;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let page: TimelinePage = reader
                .ok(
                    "get_timeline",
                    &[&[("slug", "conf")], form.as_slice()].concat(),
                )
                .await
                .json()
                .await
                .expect("a page");
            page
        }
    };
    let huge = timeline(vec![("limit", "1000".into())]).await;
    assert_eq!(huge.posts.len(), 50, "at most 50 a page");
    assert_eq!(huge.pinned.len(), 1);
    let small = timeline(vec![("limit", "5".into())]).await;
    assert_eq!(small.posts.len(), 5);
    let next = small.next.expect("more pages").0.0.to_string();
    let second = timeline(vec![("limit", "5".into()), ("before", next)]).await;
    assert!(
        second.pinned.is_empty(),
        "pinned posts head the first page only"
    );
    assert!(second.posts.iter().all(|p| p.id < small.posts[4].id));
    let announcements = timeline(vec![("kind", "announcements".into())]).await;
    assert!(announcements.posts.is_empty() && announcements.pinned.len() == 1);
    let posts = timeline(vec![("kind", "posts".into())]).await;
    assert!(posts.pinned.is_empty() && posts.posts.len() == 20);
}

async fn insert_post(w: &World, body: &str) -> i64 {
    let id = app::server::db::feed::insert_post(
        w.app.db(),
        app::server::db::feed::NewPost {
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

#[tokio::test]
async fn two_hundred_people_liking_and_unliking_at_once_leave_the_exact_count() {
    let w = world().await;
    let id = insert_post(&w, "Like me").await;
    // Accounts made straight in the database: 200 password hashes would take minutes.
    let hash = app::server::accounts::password::hash(
        &app::domain::NewPassword::parse("violet kettle drums").expect("a password"),
    )
    .await
    .expect("a hash");
    let mut browsers = Vec::new();
    for n in 0..200 {
        let email = format!("fan{n}@example.org");
        let user = users::insert(
            w.app.db().pool(),
            &users::NewUser {
                email: &email,
                display_name: "Fan",
                password_hash: &hash,
                platform_role: PlatformRole::None,
                email_verified_at: Some(db::now()),
            },
            db::now(),
        )
        .await
        .expect("a user");
        join(&w.app, w.event, user).await;
        browsers.push(session_for(&w.app, user).await);
    }
    let post = id.to_string();
    let tasks = browsers.into_iter().enumerate().map(|(n, browser)| {
        let post = post.clone();
        tokio::spawn(async move {
            // Everyone likes twice; every third person then unlikes twice.
            let mut steps = vec!["true", "true"];
            if n % 3 == 0 {
                steps.extend(["false", "false"]);
            }
            for liked in steps {
                let response = browser
                    .call(
                        "like_post",
                        &[("slug", "conf"), ("post", &post), ("liked", liked)],
                    )
                    .await;
                assert_eq!(response.status(), 200, "{:?}", response.text().await);
            }
        })
    });
    for task in futures_util::future::join_all(tasks).await {
        task.expect("a like task");
    }
    let unliked = (0..200).filter(|n| n % 3 == 0).count() as i64;
    assert_eq!(like_count(&w.app, id).await, (200 - unliked, 200 - unliked));
}

#[tokio::test]
async fn the_muted_read_but_do_not_post_and_hidden_posts_vanish_for_everyone_else() {
    let w = world().await;
    let id = post(&w.alice, "Buy cheap watches").await;
    let post_id = id.to_string();
    // Bob reports it; the organizer sees the report in the queue.
    w.bob
        .ok(
            "report_content",
            &[("slug", "conf"), ("post", &post_id), ("reason", "Spam")],
        )
        .await;
    let queue = html(&w.organizer, "feed-reports", &[]).await;
    assert!(
        queue.contains("Buy cheap watches") && queue.contains("Spam"),
        "{queue}"
    );
    assert_eq!(page(&w.bob, "feed-reports", &[]).await.status(), 403);

    w.organizer
        .ok(
            "moderate_content",
            &[("slug", "conf"), ("post", &post_id), ("decision", "hide")],
        )
        .await;
    for reader in [&w.bob, &w.app.browser(), &w.alice] {
        assert!(
            !html(reader, "feed", &[])
                .await
                .contains("Buy cheap watches")
        );
        // For a live update, a post one may not see is an empty fragment: gone.
        assert_eq!(html(reader, "feed-item", &[("id", &post_id)]).await, "");
    }
    let moderator_view = html(&w.organizer, "feed", &[]).await;
    assert!(
        moderator_view.contains("Buy cheap watches")
            && moderator_view.contains("Hidden from readers")
    );
    assert!(
        html(&w.organizer, "feed-reports", &[])
            .await
            .contains("No open reports")
    );
    // Hidden posts cannot be liked or commented on.
    let like = [
        ("slug", "conf"),
        ("post", post_id.as_str()),
        ("liked", "true"),
    ];
    assert_eq!(w.bob.call("like_post", &like).await.status(), 404);

    // Muted: reads, but cannot post, comment or like.
    let alice = w.alice_id.to_string();
    w.organizer
        .ok(
            "mute_in_feed",
            &[("slug", "conf"), ("user", &alice), ("muted", "true")],
        )
        .await;
    assert_eq!(
        compose(&w.alice, "Still here", None, false).await.status(),
        403
    );
    let other = post(&w.bob, "Hello").await.to_string();
    let comment = [("slug", "conf"), ("post", other.as_str()), ("body", "Hi")];
    assert_eq!(
        w.alice.call("comment_on_post", &comment).await.status(),
        403
    );
    let seen = html(&w.alice, "feed", &[]).await;
    assert!(
        seen.contains("muted you") && seen.contains("Hello"),
        "{seen}"
    );
    w.organizer
        .ok(
            "mute_in_feed",
            &[("slug", "conf"), ("user", &alice), ("muted", "false")],
        )
        .await;
    assert_eq!(
        w.alice.call("comment_on_post", &comment).await.status(),
        200
    );
}

#[tokio::test]
async fn posting_too_quickly_says_when_one_can_post_again() {
    let w = world_with(&[("feed_posts_per_minute", "2")]).await;
    post(&w.alice, "One").await;
    post(&w.alice, "Two").await;
    let response = compose(&w.alice, "Three is too many", None, false).await;
    let back = location(&response);
    assert!(
        back.contains("__path=") && !back.contains("__err="),
        "{back}"
    );
    let document = w.alice.get(&back).await.text().await.expect("the page");
    assert!(
        document.contains("You can post again in"),
        "the wait is said"
    );
    assert!(document.contains("Three is too many"), "the text is kept");
    // Comments count too; other people are not slowed down.
    let id = post(&w.bob, "Bob is fine").await.to_string();
    let comment = w
        .alice
        .call(
            "comment_on_post",
            &[("slug", "conf"), ("post", &id), ("body", "Also")],
        )
        .await;
    let error = app_error(comment, 400).await;
    assert!(
        error
            .field_message("body")
            .is_some_and(|m| m.contains("seconds")),
        "{error:?}"
    );
}

#[tokio::test]
async fn authors_edit_for_fifteen_minutes_and_delete_their_own_posts() {
    let w = world().await;
    let id = post(&w.alice, "Typo hree").await;
    let post_id = id.to_string();
    let edit = |body: &'static str| [("slug", "conf"), ("post", ""), ("body", body)];
    let mut form = edit("Typo here");
    form[1].1 = &post_id;
    w.alice.ok("edit_post", &form).await;
    assert!(html(&w.bob, "feed", &[]).await.contains("Typo here"));
    assert_eq!(
        w.bob.call("edit_post", &form).await.status(),
        403,
        "only the author edits"
    );
    sqlx::query("UPDATE posts SET created_at = created_at - 16 * 60 WHERE id = $1")
        .bind(id)
        .execute(w.app.db().pool())
        .await
        .expect("aged");
    let late = app_error(w.alice.call("edit_post", &form).await, 400).await;
    assert!(
        late.field_message("body")
            .is_some_and(|m| m.contains("15 minutes"))
    );
    let delete = [("slug", "conf"), ("post", post_id.as_str())];
    assert_eq!(w.bob.call("delete_post", &delete).await.status(), 403);
    w.alice.ok("delete_post", &delete).await;
    assert!(!html(&w.bob, "feed", &[]).await.contains("Typo"));
}

#[tokio::test]
async fn an_attendees_only_feed_is_closed_to_everyone_else() {
    let w = world().await;
    post(&w.alice, "Members only chat").await;
    w.organizer
        .ok(
            "set_feed_access",
            &[("slug", "conf"), ("access", "attendees")],
        )
        .await;
    for outsider in [&w.app.browser(), &w.visitor] {
        let shown = html(outsider, "feed", &[]).await;
        assert!(!shown.contains("Members only chat"));
        assert!(shown.contains("for the people who joined"));
    }
    assert_eq!(w.app.get("/e/conf/feed/live").await.status(), 401);
    assert!(
        html(&w.bob, "feed", &[])
            .await
            .contains("Members only chat")
    );
}

/// Reads server-sent events from `path` until `wanted` arrives (or a second passes).
async fn sse_until(
    app_address: &str,
    path: &str,
    wanted: &str,
    trigger: impl std::future::Future<Output = ()>,
) -> bool {
    let response = reqwest::Client::new()
        .get(format!("{app_address}{path}"))
        .send()
        .await
        .expect("connected");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/event-stream")
    );
    let mut stream = response.bytes_stream();
    let mut received = String::new();
    // The stream says hello first: after that, the reader is subscribed.
    while !received.contains("\n\n") {
        let chunk = tokio::time::timeout(Duration::from_secs(5), stream.next())
            .await
            .expect("a hello")
            .expect("a chunk")
            .expect("bytes");
        received.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(received.contains("data: reset"), "{received}");
    trigger.await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(1);
    while !received.contains(wanted) {
        match tokio::time::timeout_at(deadline, stream.next()).await {
            Ok(Some(Ok(chunk))) => received.push_str(&String::from_utf8_lossy(&chunk)),
            _ => return false,
        }
    }
    true
}

#[tokio::test]
async fn a_new_post_reaches_an_open_live_stream_within_a_second() {
    let w = world().await;
    let address = w.alice.address().to_owned();
    let arrived = sse_until(&address, "/e/conf/feed/live", "data: posted ", async {
        post(&w.alice, "Live!").await;
    })
    .await;
    assert!(arrived, "the post was streamed");
}

#[tokio::test]
async fn a_post_through_one_instance_reaches_a_reader_of_another_on_postgres() {
    if backend() != Backend::Postgres {
        // One process serves a SQLite database; fan-out between instances is PostgreSQL's.
        return;
    }
    let w = world().await;
    let b = w.app.another_instance().await;
    let reader_address = b.browser().address().to_owned();
    let arrived = sse_until(
        &reader_address,
        "/e/conf/feed/live",
        "data: posted ",
        async {
            post(&w.alice, "Across instances").await;
        },
    )
    .await;
    assert!(
        arrived,
        "the post made through instance A reached instance B's stream"
    );
    // A like's count travels in the statement that saves it.
    let id = post(&w.alice, "Like me across instances").await.to_string();
    let wanted = format!("data: likes {id} 1");
    let liked = sse_until(&reader_address, "/e/conf/feed/live", &wanted, async {
        w.bob
            .ok(
                "like_post",
                &[("slug", "conf"), ("post", &id), ("liked", "true")],
            )
            .await;
    })
    .await;
    assert!(liked, "the like's count reached instance B's stream");
}

#[tokio::test]
async fn a_vanished_reader_is_forgotten() {
    let w = world().await;
    let hub = w.app.state.feed_hub.clone();
    let response = reqwest::Client::new()
        .get(format!("{}/e/conf/feed/live", w.alice.address()))
        .send()
        .await
        .expect("connected");
    let mut stream = response.bytes_stream();
    stream.next().await.expect("a hello").expect("bytes");
    assert_eq!(hub.readers(), 1);
    drop(stream);
    // The server finds out when it next writes to the closed connection.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while hub.readers() > 0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the stream outlived its reader"
        );
        hub.deliver(w.event, &app::domain::feed::FeedChange::Reset);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn the_comment_count_follows_the_comments_readers_see() {
    let w = world().await;
    let id = post(&w.alice, "Comment on me").await;
    let post_id = id.to_string();
    let mut comments = Vec::new();
    for body in ["First", "Second"] {
        let comment: i64 = w
            .bob
            .ok(
                "comment_on_post",
                &[("slug", "conf"), ("post", &post_id), ("body", body)],
            )
            .await
            .json()
            .await
            .expect("a comment id");
        comments.push(comment.to_string());
    }
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT comment_count FROM posts WHERE id = $1")
            .bind(id)
            .fetch_one(w.app.db().pool())
            .await
            .expect("a count")
    };
    assert_eq!(count().await, 2);
    // Hiding takes one off; deleting the hidden one changes nothing more.
    decide(&w, &post_id, &comments[0], "hide").await;
    assert_eq!(count().await, 1);
    decide(&w, &post_id, &comments[0], "delete").await;
    assert_eq!(count().await, 1);
    // Deleting a visible one takes one off.
    decide(&w, &post_id, &comments[1], "delete").await;
    assert_eq!(count().await, 0);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM comments WHERE post_id = $1")
        .bind(id)
        .fetch_one(w.app.db().pool())
        .await
        .expect("comments");
    assert_eq!(left, 0);
}

/// The organizer's `decision` on a comment under `post`.
async fn decide(w: &World, post: &str, comment: &str, decision: &str) {
    let form = [
        ("slug", "conf"),
        ("post", post),
        ("comment", comment),
        ("decision", decision),
    ];
    w.organizer.ok("moderate_content", &form).await;
}
