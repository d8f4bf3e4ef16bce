//! The schema: migrations on an empty database, and the connection settings SQLite needs.

use services::db::Backend;

use crate::fixtures::create_organization;
use crate::helpers::{TestApp, backend};

#[tokio::test]
async fn migrations_create_the_schema_on_an_empty_database() {
    let app = TestApp::spawn().await;
    let applied: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = TRUE")
            .fetch_one(app.db().pool())
            .await
            .expect("the migrations table exists");
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations/sqlite"))
        .expect("migrations folder")
        .count();
    assert_eq!(applied as usize, files);
    let events: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM events")
        .fetch_one(app.db().pool())
        .await
        .expect("the events table exists");
    assert_eq!(events, 0);
}

#[tokio::test]
async fn migrating_an_up_to_date_database_changes_nothing() {
    let app = TestApp::spawn().await;
    create_organization(app.db(), "kept-org").await;
    app.db().migrate().await.expect("a second run succeeds");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organizations")
        .fetch_one(app.db().pool())
        .await
        .expect("count");
    assert_eq!(count, 1);
}

#[tokio::test]
async fn both_backends_have_the_same_migrations() {
    let names = |dir: &str| {
        let mut names: Vec<String> = std::fs::read_dir(format!(
            "{}/../migrations/{dir}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("migrations folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
        names.sort();
        names
    };
    assert_eq!(names("sqlite"), names("postgres"));
}

#[tokio::test]
async fn foreign_keys_are_enforced() {
    let app = TestApp::spawn().await;
    let result = sqlx::query(
        "INSERT INTO events (organization_id, slug, title, starts_at, ends_at, time_zone, created_at, updated_at) \
         VALUES (999, 'orphan', 'Orphan', 0, 0, 'UTC', 0, 0)",
    )
    .execute(app.db().pool())
    .await;
    assert!(
        result.is_err(),
        "an event of a missing organization was stored"
    );
}

#[tokio::test]
async fn an_event_cannot_end_before_it_starts() {
    let app = TestApp::spawn().await;
    let org = create_organization(app.db(), "time-org").await;
    let result = sqlx::query(
        "INSERT INTO events (organization_id, slug, title, starts_at, ends_at, time_zone, created_at, updated_at) \
         VALUES ($1, 'backwards', 'Backwards', 100, 50, 'UTC', 0, 0)",
    )
    .bind(org)
    .execute(app.db().pool())
    .await;
    assert!(result.is_err());
}

/// Every pooled connection, not just the first, carries the settings: they are applied
/// when a connection opens, not by a migration.
#[tokio::test]
async fn every_sqlite_connection_uses_wal_full_sync_foreign_keys_and_a_busy_timeout() {
    if backend() != Backend::Sqlite {
        // The PostgreSQL counterpart: every connection has the lock timeout set.
        let app = TestApp::spawn_with(&[("database_busy_timeout_ms", "1234")]).await;
        let timeout: String = sqlx::query_scalar("SHOW lock_timeout")
            .fetch_one(app.db().pool())
            .await
            .expect("lock_timeout");
        assert_eq!(timeout, "1234ms");
        return;
    }
    let app = TestApp::spawn_with(&[("database_busy_timeout_ms", "4321")]).await;
    let mut held = Vec::new();
    for _ in 0..4 {
        let mut conn = app.db().pool().acquire().await.expect("a connection");
        let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
            .fetch_one(&mut *conn)
            .await
            .expect("pragma");
        assert_eq!(
            (journal.as_str(), synchronous, foreign_keys, busy),
            ("wal", 2, 1, 4321)
        );
        held.push(conn);
    }
}
