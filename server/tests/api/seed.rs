//! Demo and large seed data: created once, never twice, and completed after an interruption.

use app::api::accounts::GetAccountOverview;
use app::api::campaigns::GetCampaign;
use domain::{CampaignId, OrgRole, PlatformRole};
use services::seed::{LargeShape, Scale, SeedProgress, SeedReport, SeedStep, large, seed};
use services::seed_feed::FeedShape;

use crate::fixtures::{create_organization, given_user, log_in};
use crate::helpers::{TestApp, convene_command};

async fn count(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(app.db().pool())
        .await
        .expect("count")
}

#[tokio::test]
async fn the_demo_goes_into_an_empty_database_only_once() {
    let app = TestApp::spawn().await;
    let first = seed(app.db(), Scale::Demo, &media_dir(&app), &|_| {})
        .await
        .expect("seeded");
    assert_eq!(
        (first.organizations, first.events, first.accounts),
        (1, 6, 3)
    );
    let second = seed(app.db(), Scale::Demo, &media_dir(&app), &|_| {})
        .await
        .expect("seeded");
    assert_eq!(second, SeedReport::default());
    assert_eq!(count(&app, "events").await, 6);
    let speakers = app
        .get("/e/rust-summit/speakers")
        .await
        .text()
        .await
        .expect("html");
    let photo = speakers
        .split("src=\"/media/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|name| format!("/media/{name}"))
        .expect("the demo speakers have photos");
    assert_eq!(app.get(&photo).await.status(), 200);

    // A lively feed: a pinned announcement first, and more than one page of posts.
    assert_eq!(first.posts, 31);
    let feed = app
        .get("/e/rust-summit/feed")
        .await
        .text()
        .await
        .expect("html");
    let announcement = feed
        .find("Welcome to Rust Summit!")
        .expect("the announcement");
    assert!(announcement < feed.find("data-kind=\"post\"").expect("posts"));
    assert!(feed.contains("Load more"), "more than one page");
    assert!(
        feed.contains(" like") && feed.contains("Same here!"),
        "likes and comments"
    );

    // An audience and a sent campaign with its statistics.
    assert_eq!(first.contacts, 36);
    let organizer = first
        .credentials
        .iter()
        .find(|c| c.role == "organizer")
        .expect("a demo organizer");
    let organizer = services::db::users::by_email(app.db(), &organizer.email)
        .await
        .expect("read")
        .expect("the organizer's account");
    let browser = crate::fixtures::session_for(&app, organizer.id).await;
    let campaigns = browser
        .get("/manage/convene-demo/campaigns")
        .await
        .text()
        .await
        .expect("html");
    assert!(
        campaigns.contains("Rust Summit early-bird") && campaigns.contains("Newsletter readers")
    );
    let id: i64 = sqlx::query_scalar("SELECT id FROM campaigns")
        .fetch_one(app.db().pool())
        .await
        .expect("the campaign");
    let details = browser
        .run(GetCampaign {
            org: "convene-demo".into(),
            id: CampaignId(id),
        })
        .await
        .expect("the campaign");
    let stats = details.stats;
    assert_eq!(
        (stats.sent, stats.opens, stats.clicks, stats.unsubscribes),
        (36, 24, 9, 2)
    );
    assert!(stats.timeline.len() > 5, "{:?}", stats.timeline);
    let page = browser
        .get(&format!("/manage/convene-demo/campaigns/{id}"))
        .await
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("<svg") && page.contains("Opens and clicks per hour"),
        "{page}"
    );

    let html = app.get("/").await.text().await.expect("html");
    assert!(html.contains("Rust Summit") && html.contains("Data Engineering Forum"));
    assert!(
        !html.contains("Speaker Dinner"),
        "unlisted events stay off the home page"
    );
    assert_eq!(app.get("/e/speaker-dinner").await.status(), 200);
    assert_eq!(
        app.get("/e/rust-summit-next-year").await.status(),
        404,
        "drafts stay private"
    );
    // The forum sells tickets: four types (one hidden, one sold out with a waitlist), orders in
    // every state, and seats
    // counted exactly as the tickets that hold them.
    let forum = app
        .get("/e/data-engineering-forum")
        .await
        .text()
        .await
        .expect("html");
    assert!(forum.contains("Get tickets"));
    let (types, hidden): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COUNT(access_code) FROM ticket_types y \
         JOIN events e ON e.id = y.event_id WHERE e.slug = 'data-engineering-forum'",
    )
    .fetch_one(app.db().pool())
    .await
    .expect("the types");
    assert_eq!((types, hidden), (4, 1));
    let waiting: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM waitlist_entries WHERE status = 'waiting'")
            .fetch_one(app.db().pool())
            .await
            .expect("the waitlist");
    assert_eq!(waiting, 2, "the sold-out workshop has a waitlist");
    let states: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT status FROM orders ORDER BY status")
            .fetch_all(app.db().pool())
            .await
            .expect("the states");
    assert_eq!(states, ["cancelled", "paid", "pending"]);
    let (sold, held): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT CAST(SUM(sold) AS BIGINT) FROM ticket_types), (SELECT COUNT(*) FROM tickets t \
         JOIN orders o ON o.id = t.order_id WHERE o.status IN ('paid', 'pending'))",
    )
    .fetch_one(app.db().pool())
    .await
    .expect("the counts");
    assert_eq!(sold, held);
    // Two attendees are inside already, each with the scan that let them in.
    let (inside, scans): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM tickets WHERE entered_at IS NOT NULL), \
         (SELECT COUNT(*) FROM check_ins WHERE outcome = 'entered')",
    )
    .fetch_one(app.db().pool())
    .await
    .expect("the check-ins");
    assert_eq!((inside, scans), (2, 2));
    // Every ticket answers the required diet question; every buyer gave the exhibitor consent.
    let (tickets, diets, consents): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM tickets), \
         (SELECT COUNT(*) FROM ticket_answers a JOIN registration_questions q \
          ON q.id = a.question_id WHERE q.label = 'Diet'), \
         (SELECT COUNT(*) FROM ticket_answers a JOIN registration_questions q \
          ON q.id = a.question_id WHERE q.kind = 'exhibitor_consent')",
    )
    .fetch_one(app.db().pool())
    .await
    .expect("the answers");
    assert_eq!(tickets, diets);
    assert_eq!(consents, 7, "one per order's buyer");
}

#[tokio::test]
async fn the_demo_never_goes_into_a_database_with_data() {
    let app = TestApp::spawn().await;
    create_organization(app.db(), "someone-else").await;
    assert_eq!(
        seed(app.db(), Scale::Demo, &media_dir(&app), &|_| {})
            .await
            .expect("ran"),
        SeedReport::default()
    );
    assert_eq!(count(&app, "events").await, 0);
}

/// An interrupted large seed (here: its first organization already there) is completed by
/// the next run, which adds exactly what is missing.
#[tokio::test]
async fn the_large_seed_completes_an_interrupted_run() {
    let app = TestApp::spawn().await;
    create_organization(app.db(), "load-org-0").await;
    // The brief's shape, scaled down so the test runs in seconds; `scripts/bench.sh` seeds
    // the full one and reports its time.
    let shape = LargeShape {
        organizations: 12,
        accounts: 2_000,
        feed: FeedShape {
            posts_per_event: 20,
            busy_event: "load-event-15",
            posts_of_busy_event: 60,
        },
        ..LargeShape::BRIEF
    };
    let heard = std::sync::Mutex::new(Vec::new());
    let report = large(app.db(), shape, &|news| {
        heard.lock().expect("not poisoned").push(news)
    })
    .await
    .expect("seeded");
    assert_eq!(
        report,
        SeedReport {
            organizations: 11,
            events: 110,
            accounts: 2_000,
            speakers: 11 * 757,
            sessions: 11 * (200 + 9 * 40),
            posts: 109 * 20 + 60,
            contacts: 0,
            credentials: Vec::new(),
        }
    );
    // It told of each organization it wrote (the one already there is not counted), then of
    // each later step.
    let mut expected: Vec<SeedProgress> = (1..=11)
        .map(|n| SeedProgress::Events {
            done: n * 10,
            of: 110,
        })
        .collect();
    expected.extend([
        SeedProgress::Step(SeedStep::Accounts),
        SeedProgress::Step(SeedStep::FeedPosts),
    ]);
    assert_eq!(*heard.lock().expect("not poisoned"), expected);
    assert_eq!(
        large(app.db(), shape, &|_| {}).await.expect("ran"),
        SeedReport::default()
    );
    assert_eq!(count(&app, "organizations").await, 12);
    assert_eq!(count(&app, "events").await, 110);
    assert_eq!(count(&app, "users").await, 2_000);
    assert_eq!(count(&app, "speakers").await, 11 * 757);
    assert_eq!(count(&app, "agenda_items").await, 11 * 560);
    // Every session has two speakers of its own organization.
    let (links, foreign): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN s.organization_id <> e.organization_id \
         THEN 1 ELSE 0 END), 0) FROM agenda_item_speakers x \
         JOIN agenda_items a ON a.id = x.agenda_item_id JOIN events e ON e.id = a.event_id \
         JOIN speakers s ON s.id = x.speaker_id",
    )
    .fetch_one(app.db().pool())
    .await
    .expect("counts");
    assert_eq!((links, foreign), (11 * 560 * 2, 0));
    // Every generated post's count is the number of its likes, by distinct accounts.
    let (likes, counted, wrong): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM post_likes), (SELECT CAST(SUM(like_count) AS BIGINT) FROM posts), \
         (SELECT COUNT(*) FROM posts p WHERE p.like_count <> \
          (SELECT COUNT(*) FROM post_likes l WHERE l.post_id = p.id))",
    )
    .fetch_one(app.db().pool())
    .await
    .expect("like counts");
    assert_eq!((likes, wrong), (counted, 0));
    assert!(
        likes > (109 * 20 + 60) * 7,
        "about eight likes a post: {likes}"
    );
}

#[tokio::test]
async fn the_demo_accounts_sign_in_with_the_printed_passwords_and_have_their_roles() {
    let app = TestApp::spawn().await;
    let report = seed(app.db(), Scale::Demo, &media_dir(&app), &|_| {})
        .await
        .expect("seeded");
    let roles: Vec<&str> = report.credentials.iter().map(|c| c.role).collect();
    assert_eq!(roles, ["admin", "organizer", "attendee"]);
    for login in &report.credentials {
        let browser = app.browser();
        browser
            .run(log_in(&login.email, &login.password))
            .await
            .expect("logged in");
        let overview = browser
            .run(GetAccountOverview {})
            .await
            .expect("the account overview");
        assert_eq!(
            overview.user.is_admin,
            login.role == "admin",
            "{}",
            login.role
        );
        assert!(overview.user.email_verified);
        let owns_demo = overview
            .memberships
            .iter()
            .any(|m| m.slug == "convene-demo" && m.role == OrgRole::Owner);
        assert_eq!(owns_demo, login.role == "organizer", "{}", login.role);
    }
}

#[tokio::test]
async fn create_admin_prints_a_password_that_signs_in_as_an_admin() {
    let app = TestApp::spawn().await;
    let run = |email: &str| {
        convene_command()
            .args(["create-admin", "--email", email, "--name", "Root"])
            .env("CONVENE_DATABASE_URL", &app.database.url)
            .env("CONVENE_DATA_DIR", app.database.dir.path())
            .output()
            .expect("convene ran")
    };
    let output = run("Root@Example.org");
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let password = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Password (shown once): "))
        .expect("the password is printed")
        .to_owned();
    let browser = app.browser();
    browser
        .run(log_in("root@example.org", &password))
        .await
        .expect("logged in");
    assert!(browser.current_user().await.expect("signed in").is_admin);

    let again = String::from_utf8_lossy(&run("root@example.org").stdout).into_owned();
    assert!(again.contains("already is a platform admin"), "{again}");
    given_user(&app, "bob@example.org", PlatformRole::None).await;
    let promoted = String::from_utf8_lossy(&run("bob@example.org").stdout).into_owned();
    assert!(promoted.contains("is now a platform admin"), "{promoted}");
    let bad = run("not-an-address");
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .contains("--email: enter an address like name@example.org")
    );
}

fn media_dir(app: &TestApp) -> std::path::PathBuf {
    app.database.dir.path().join("media")
}
