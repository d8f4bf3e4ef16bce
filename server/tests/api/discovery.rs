//! `/events`: full-text search over events, their sessions and their speakers (FTS5 on
//! SQLite, tsvector on PostgreSQL), filters, keyset pages, hostile input, and the page
//! without JavaScript.

use app::api::events::DiscoverEvents;
use domain::discovery::DiscoveryPage;
use services::db::{self, Db};

use crate::fixtures::event;
use crate::helpers::TestApp;

async fn discover(app: &TestApp, form: &[(&str, &str)]) -> DiscoveryPage {
    indexed(app).await;
    let field = |name: &str| {
        form.iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| (*value).to_owned())
            .unwrap_or_default()
    };
    let call = DiscoverEvents {
        q: field("q"),
        when: field("when"),
        attendance: field("attendance"),
        after: field("after"),
    };
    app.browser()
        .run(call)
        .await
        .unwrap_or_else(|error| panic!("{form:?}: {error:?}"))
}

async fn slugs(app: &TestApp, form: &[(&str, &str)]) -> Vec<String> {
    discover(app, form)
        .await
        .events
        .into_iter()
        .map(|e| e.slug.to_string())
        .collect()
}

/// Rebuilds the search documents now, as the background task does every second.
async fn indexed(app: &TestApp) {
    services::search::refresh(app.db())
        .await
        .expect("documents rebuilt");
}

async fn event_id(db: &Db, slug: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM events WHERE slug = $1")
        .bind(slug)
        .fetch_one(db.pool())
        .await
        .expect("the event")
}

/// A session titled `title` at the event `slug`; its id.
async fn session(db: &Db, slug: &str, title: &str) -> i64 {
    let now = db::now();
    sqlx::query_scalar(
        "INSERT INTO agenda_items (event_id, title, starts_at, ends_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $3, $3) RETURNING id",
    )
    .bind(event_id(db, slug).await)
    .bind(title)
    .bind(now + 86_400)
    .bind(now + 90_000)
    .fetch_one(db.pool())
    .await
    .expect("a session")
}

#[tokio::test]
async fn words_find_events_by_their_own_text_their_sessions_and_their_speakers() {
    let app = TestApp::spawn().await;
    let org = app
        .given_events(
            "acme",
            [
                event("rust-summit", "Rust Summit").in_days(1),
                event("data-forum", "Data Forum")
                    .in_days(5)
                    .online_only("https://meet.example.org/forum"),
                event("rust-draft", "Secret Rust Draft").draft(),
                event("rust-unlisted", "Unlisted Rust").unlisted(),
                event("old-rust", "Old Rust Meetup").in_days(-30),
                event("zurich", "Café Zürich").in_days(3),
            ],
        )
        .await;
    let talk = session(app.db(), "data-forum", "Async Rust in production").await;
    let now = db::now();
    let grace: i64 = sqlx::query_scalar(
        "INSERT INTO speakers (organization_id, name, headline, created_at, updated_at) \
         VALUES ($1, 'Grace Hopper', 'Rear admiral', $2, $2) RETURNING id",
    )
    .bind(org.0)
    .bind(now)
    .fetch_one(app.db().pool())
    .await
    .expect("a speaker");
    sqlx::query("INSERT INTO agenda_item_speakers (agenda_item_id, speaker_id) VALUES ($1, $2)")
        .bind(talk)
        .bind(grace)
        .execute(app.db().pool())
        .await
        .expect("linked");

    assert_eq!(
        slugs(&app, &[("q", "rust")]).await,
        ["rust-summit", "data-forum"],
        "by title and by a session; never drafts, unlisted or past events"
    );
    assert_eq!(
        slugs(&app, &[("q", "HOPPER")]).await,
        ["data-forum"],
        "by a speaker"
    );
    assert_eq!(
        slugs(&app, &[("q", "admir")]).await,
        ["data-forum"],
        "words are prefixes"
    );
    assert_eq!(
        slugs(&app, &[("q", "summit rust")]).await,
        ["rust-summit"],
        "every word"
    );
    assert_eq!(slugs(&app, &[("q", "café")]).await, ["zurich"]);
    assert_eq!(
        slugs(&app, &[("q", "rust"), ("when", "past")]).await,
        ["old-rust"]
    );
    assert_eq!(
        slugs(&app, &[("q", "rust"), ("attendance", "online")]).await,
        ["data-forum"]
    );
    assert_eq!(
        slugs(&app, &[("q", "rust"), ("attendance", "in-person")]).await,
        ["rust-summit"]
    );
    assert_eq!(
        slugs(&app, &[]).await,
        ["rust-summit", "zurich", "data-forum"],
        "no words: every upcoming public event, soonest first"
    );
    // Full-text query syntax typed into the box is only words.
    for hostile in [
        r#"NEAR("rust""#,
        "rust*",
        "\"rust\" OR",
        "-rust",
        "rust:* & !x",
        "*",
    ] {
        let call = DiscoverEvents {
            q: hostile.into(),
            when: String::new(),
            attendance: String::new(),
            after: String::new(),
        };
        let answer = app.browser().run(call).await;
        assert!(answer.is_ok(), "{hostile}: {answer:?}");
    }
    assert_eq!(
        slugs(&app, &[("q", "\"rust\"* AND")]).await,
        Vec::<String>::new()
    );
    assert_eq!(
        slugs(&app, &[("q", "-rust")]).await,
        ["rust-summit", "data-forum"]
    );

    // The index follows changes made afterwards.
    sqlx::query("UPDATE agenda_items SET title = 'Closing words' WHERE id = $1")
        .bind(talk)
        .execute(app.db().pool())
        .await
        .expect("renamed");
    assert_eq!(slugs(&app, &[("q", "async")]).await, Vec::<String>::new());
    assert_eq!(slugs(&app, &[("q", "closing")]).await, ["data-forum"]);
    sqlx::query("UPDATE speakers SET name = 'Ada Lovelace' WHERE id = $1")
        .bind(grace)
        .execute(app.db().pool())
        .await
        .expect("renamed");
    assert_eq!(slugs(&app, &[("q", "hopper")]).await, Vec::<String>::new());
    assert_eq!(slugs(&app, &[("q", "lovelace")]).await, ["data-forum"]);
}

#[tokio::test]
async fn pages_follow_each_other_without_duplicates_or_gaps() {
    let app = TestApp::spawn().await;
    // Thirty events, two starting at each moment: the id breaks the ties.
    let specs: Vec<_> = (0..30)
        .map(|n| event(&format!("meetup-{n}"), &format!("Meetup {n}")).in_days(1 + n / 2))
        .collect();
    app.given_events("acme", specs).await;
    let first = discover(&app, &[("q", "meetup")]).await;
    assert_eq!(first.events.len(), 24);
    let cursor = first.next.expect("a second page").to_string();
    let second = discover(&app, &[("q", "meetup"), ("after", &cursor)]).await;
    assert_eq!(second.events.len(), 6);
    assert_eq!(second.next, None);
    let mut seen: Vec<String> = first
        .events
        .iter()
        .chain(&second.events)
        .map(|e| e.slug.to_string())
        .collect();
    let in_order = seen.clone();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 30, "every event once");
    let expected: Vec<String> = (0..30).map(|n| format!("meetup-{n}")).collect();
    assert_eq!(in_order, expected, "soonest first, then by id");
}

#[tokio::test]
async fn the_page_searches_and_pages_without_javascript() {
    let app = TestApp::spawn().await;
    let specs: Vec<_> = (0..26)
        .map(|n| event(&format!("meetup-{n}"), &format!("Meetup {n}")).in_days(1 + n))
        .chain([event("rust-summit", "Rust Summit").in_days(40)])
        .collect();
    app.given_events("acme", specs).await;
    indexed(&app).await;

    let page = app.get("/events?q=rust+summit").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(html.contains("Rust Summit") && !html.contains("Meetup 1<"));
    assert!(
        html.contains("value=\"rust summit\""),
        "the box keeps what was typed"
    );
    assert!(
        html.contains("__RESOLVED_RESOURCES=[];"),
        "a server-rendered document: no data sent twice for hydration"
    );

    let html = app.get("/events").await.text().await.expect("html");
    let next = html
        .split("rel=\"next\"")
        .next()
        .and_then(|before| before.rsplit("href=\"").next())
        .and_then(|rest| rest.split('"').next())
        .expect("a link to the next page")
        .replace("&amp;", "&");
    assert!(next.starts_with("/events?after="), "{next}");
    let html = app.get(&next).await.text().await.expect("html");
    assert!(html.contains("Rust Summit") && html.contains("First page"));

    let html = app
        .get("/events?after=garbage&when=whenever&attendance=%3Cscript%3E")
        .await
        .text()
        .await
        .expect("html");
    assert!(
        html.contains("Meetup 0"),
        "unknown values mean the defaults"
    );
}
