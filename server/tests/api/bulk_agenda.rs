//! A whole agenda written in one transaction (the large seed, an import, a duplicated
//! event): the event's version and search document follow it, and on PostgreSQL the event's
//! row is updated once per statement rather than once per session and speaker.

use app::api::events::DiscoverEvents;
use domain::OrganizationId;
use services::db::{self, Backend, Db};

use crate::fixtures::event;
use crate::helpers::TestApp;

const SESSIONS: i64 = 200;

async fn version(db: &Db, event: i64) -> i64 {
    sqlx::query_scalar("SELECT content_version FROM events WHERE id = $1")
        .bind(event)
        .fetch_one(db.pool())
        .await
        .expect("the event")
}

async fn found_by(app: &TestApp, words: &str) -> Vec<String> {
    let call = DiscoverEvents {
        q: words.to_owned(),
        when: String::new(),
        attendance: String::new(),
        after: String::new(),
    };
    let page = app.browser().run(call).await.expect("a search");
    page.events
        .into_iter()
        .map(|e| e.slug.to_string())
        .collect()
}

/// The published event `big-conf` of `acme`: the organization's id and the event's.
async fn big_conf(app: &TestApp) -> (OrganizationId, i64) {
    let org = app
        .given_events("acme", [event("big-conf", "Big Conf").in_days(3)])
        .await;
    let event = sqlx::query_scalar("SELECT id FROM events WHERE slug = 'big-conf'")
        .fetch_one(app.db().pool())
        .await
        .expect("the event");
    (org, event)
}

/// Rows this connection inserted, updated and deleted in `table`. PostgreSQL's
/// `pg_stat_xact_user_tables` also holds what earlier transactions of the connection did and
/// has not yet been published, so a test reads it before and after its own writes.
async fn writes_to(tx: &mut sqlx::AnyConnection, table: &str) -> (i64, i64, i64) {
    sqlx::query_as(
        "SELECT n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables WHERE relname = $1",
    )
    .bind(table)
    .fetch_optional(tx)
    .await
    .expect("the transaction's statistics")
    .unwrap_or_default()
}

fn minus(after: (i64, i64, i64), before: (i64, i64, i64)) -> (i64, i64, i64) {
    (after.0 - before.0, after.1 - before.1, after.2 - before.2)
}

#[tokio::test]
async fn an_agenda_written_in_one_transaction_moves_the_version_and_the_search_once_per_statement()
{
    let app = TestApp::spawn().await;
    let (org, event) = big_conf(&app).await;
    services::search::refresh(app.db())
        .await
        .expect("documents built");
    let version_before = version(app.db(), event).await;
    let now = db::now();

    let mut tx = app.db().pool().begin().await.expect("a transaction");
    let postgres = app.db().backend() == Backend::Postgres;
    let before = match postgres {
        true => (
            writes_to(&mut tx, "events").await,
            writes_to(&mut tx, "event_search_dirty").await,
        ),
        false => Default::default(),
    };
    // Three statements: 200 speakers, 200 sessions, 400 links between them.
    sqlx::query(
        "INSERT INTO speakers (organization_id, name, headline, company, bio, links, \
         search_text, created_at, updated_at) \
         WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < $3) \
         SELECT $1, 'Quixote ' || k, '', '', '', '', '', $2, $2 FROM n",
    )
    .bind(org)
    .bind(now)
    .bind(SESSIONS)
    .execute(&mut *tx)
    .await
    .expect("speakers");
    sqlx::query(
        "INSERT INTO agenda_items (event_id, title, starts_at, ends_at, created_at, updated_at) \
         WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < $3) \
         SELECT $1, 'Zanzibar session ' || k, $2 + k * 3600, $2 + k * 3600 + 1800, $2, $2 FROM n",
    )
    .bind(event)
    .bind(now)
    .bind(SESSIONS)
    .execute(&mut *tx)
    .await
    .expect("sessions");
    // Each session gets the speaker of its rank and the next one.
    sqlx::query(
        "INSERT INTO agenda_item_speakers (agenda_item_id, speaker_id, position) \
         SELECT i.id, s.id, CASE WHEN s.rank = i.rank THEN 0 ELSE 1 END \
         FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS rank FROM agenda_items \
               WHERE event_id = $1) i \
         JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS rank FROM speakers \
               WHERE organization_id = $2) s \
           ON s.rank = i.rank OR s.rank = i.rank % $3 + 1",
    )
    .bind(event)
    .bind(org)
    .bind(SESSIONS)
    .execute(&mut *tx)
    .await
    .expect("links");
    let links: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM agenda_item_speakers")
        .fetch_one(&mut *tx)
        .await
        .expect("a count");
    assert_eq!(links, 2 * SESSIONS);
    if postgres {
        // This transaction's updates of the event's row: one per statement that wrote
        // sessions or links, where row triggers made them one per row (600); and its search
        // mark: set by the sessions, moved once by the links.
        let events = minus(writes_to(&mut tx, "events").await, before.0);
        assert_eq!(events, (0, 2, 0));
        let marks = minus(writes_to(&mut tx, "event_search_dirty").await, before.1);
        assert_eq!(marks, (1, 1, 0));
    }
    tx.commit().await.expect("committed");

    assert!(version(app.db(), event).await > version_before);
    // Only a marked document is rebuilt: finding the new words shows the mark was left.
    services::search::refresh(app.db())
        .await
        .expect("documents rebuilt");
    assert_eq!(found_by(&app, "zanzibar").await, vec!["big-conf"]);
    assert_eq!(found_by(&app, "quixote").await, vec!["big-conf"]);
}

/// The search marks of a statement that changes only what search does not read (a session's
/// time) stay put; a renamed speaker marks every event they speak at, once.
#[tokio::test]
async fn only_searched_text_marks_the_search_documents() {
    // The test rebuilds the documents itself; the background rebuild would clear the marks
    // it counts.
    let app = TestApp::spawn_with(&[("search_check_secs", "3600")]).await;
    let (org, event) = big_conf(&app).await;
    let now = db::now();
    let speaker: i64 = sqlx::query_scalar(
        "INSERT INTO speakers (organization_id, name, headline, company, bio, links, \
         search_text, created_at, updated_at) \
         VALUES ($1, 'Ada Lovelace', '', '', '', '', '', $2, $2) RETURNING id",
    )
    .bind(org)
    .bind(now)
    .fetch_one(app.db().pool())
    .await
    .expect("a speaker");
    for k in 0..3_i64 {
        let item: i64 = sqlx::query_scalar(
            "INSERT INTO agenda_items (event_id, title, starts_at, ends_at, created_at, \
             updated_at) VALUES ($1, 'Engines', $2, $3, $4, $4) RETURNING id",
        )
        .bind(event)
        .bind(now + k * 3_600)
        .bind(now + k * 3_600 + 1_800)
        .bind(now)
        .fetch_one(app.db().pool())
        .await
        .expect("a session");
        sqlx::query(
            "INSERT INTO agenda_item_speakers (agenda_item_id, speaker_id) VALUES ($1, $2)",
        )
        .bind(item)
        .bind(speaker)
        .execute(app.db().pool())
        .await
        .expect("a link");
    }
    services::search::refresh(app.db())
        .await
        .expect("documents built");
    let dirty = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM event_search_dirty")
            .fetch_one(app.db().pool())
            .await
            .expect("a count")
    };
    assert_eq!(dirty().await, 0);

    let before = version(app.db(), event).await;
    sqlx::query("UPDATE agenda_items SET starts_at = starts_at + 60, ends_at = ends_at + 60")
        .execute(app.db().pool())
        .await
        .expect("moved");
    assert!(
        version(app.db(), event).await > before,
        "the pages show times"
    );
    assert_eq!(dirty().await, 0, "search does not read times");

    sqlx::query("UPDATE speakers SET name = 'Ada King' WHERE id = $1")
        .bind(speaker)
        .execute(app.db().pool())
        .await
        .expect("renamed");
    assert_eq!(dirty().await, 1);
    services::search::refresh(app.db())
        .await
        .expect("documents rebuilt");
    assert_eq!(found_by(&app, "king").await, vec!["big-conf"]);
}
