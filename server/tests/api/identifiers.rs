//! No identifier is ever given twice, on either database: a like, report or link meant for a
//! deleted post must never land on a new one. Also in a database upgraded with data in it.

use std::path::Path;

use app::api::feed::DeletePost;
use domain::PostId;
use services::Config;
use services::db::{self, Backend, Db};

use crate::feed::{post, world_with};
use crate::fixtures::create_organization;
use crate::helpers::{TestDatabase, backend};

#[tokio::test]
async fn a_deleted_posts_id_is_never_given_to_the_next_one() {
    let w = world_with(&[("feed_posts_per_minute", "100")]).await;
    let first = post(&w.alice, "First").await;
    w.alice
        .run(DeletePost {
            slug: "conf".into(),
            post: PostId(first),
        })
        .await
        .expect("deleted");
    let second = post(&w.alice, "Second").await;
    assert!(second > first, "{second} after {first}");
}

/// Inserts a post by `author` in `event`; its id.
async fn insert_post(db: &Db, event: i64, author: i64, body: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO posts (event_id, author_id, kind, body, created_at) \
         VALUES ($1, $2, 'post', $3, $4) RETURNING id",
    )
    .bind(event)
    .bind(author)
    .bind(body)
    .bind(db::now())
    .fetch_one(db.pool())
    .await
    .expect("a post")
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(db.pool())
        .await
        .expect("counted")
}

#[tokio::test]
async fn upgrading_a_database_with_data_keeps_it_and_stops_reusing_ids() {
    let database = TestDatabase::new().await;
    let folder = match backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    // The schema as the migrations alone leave it, as in a database made before ids were
    // made unique for good; `Db::migrate` then does the rest.
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../migrations")
        .join(folder);
    let data_dir = database.dir.path().to_string_lossy().into_owned();
    let config = Config::from_pairs([
        ("database_url", database.url.as_str()),
        ("data_dir", data_dir.as_str()),
    ])
    .expect("valid");
    let db = Db::connect(&config).await.expect("connected");
    sqlx::migrate::Migrator::new(source)
        .await
        .expect("the migrations")
        .run(db.pool())
        .await
        .expect("applied");

    let org = create_organization(&db, "acme").await;
    let event: i64 = sqlx::query_scalar(
        "INSERT INTO events (organization_id, slug, title, starts_at, ends_at, time_zone, \
         created_at, updated_at) VALUES ($1, 'conf', 'Conf', 0, 1, 'UTC', 0, 0) RETURNING id",
    )
    .bind(org)
    .fetch_one(db.pool())
    .await
    .expect("an event");
    let author: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, display_name, name_key, password_hash, created_at, \
         updated_at) VALUES ('a@example.org', 'A', 'a', '', 0, 0) RETURNING id",
    )
    .fetch_one(db.pool())
    .await
    .expect("a user");
    let kept = insert_post(&db, event, author, "kept").await;
    sqlx::query(
        "INSERT INTO comments (post_id, author_id, body, created_at) VALUES ($1, $2, 'hi', 0)",
    )
    .bind(kept)
    .bind(author)
    .execute(db.pool())
    .await
    .expect("a comment");

    db.migrate().await.expect("upgraded");

    assert_eq!(count(&db, "SELECT COUNT(*) FROM posts").await, 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM comments").await, 1);
    // Relations hold after the rebuild: deleting the post takes its comment with it.
    let newest = insert_post(&db, event, author, "newest").await;
    assert!(newest > kept);
    sqlx::query("DELETE FROM posts WHERE id = $1")
        .bind(newest)
        .execute(db.pool())
        .await
        .expect("deleted");
    let next = insert_post(&db, event, author, "next").await;
    assert!(next > newest, "{next} after the deleted {newest}");
    sqlx::query("DELETE FROM posts WHERE id = $1")
        .bind(kept)
        .execute(db.pool())
        .await
        .expect("deleted");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM comments").await, 0);
    let orphan = sqlx::query(
        "INSERT INTO comments (post_id, author_id, body, created_at) VALUES (999999, $1, 'x', 0)",
    )
    .bind(author)
    .execute(db.pool())
    .await;
    assert!(orphan.is_err(), "foreign keys are still enforced");

    if backend() == Backend::Sqlite {
        // Every table whose `id` SQLite generates now says AUTOINCREMENT.
        let tables: Vec<(String, String)> =
            sqlx::query_as("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
                .fetch_all(db.pool())
                .await
                .expect("the schema");
        let reusing: Vec<&str> = tables
            .iter()
            .filter(|(_, sql)| {
                sql.lines().any(|line| {
                    let line = line.trim();
                    line.starts_with("id ")
                        && line.contains("INTEGER PRIMARY KEY")
                        && !line.contains("AUTOINCREMENT")
                })
            })
            .map(|(name, _)| name.as_str())
            .filter(|name| !name.starts_with("event_search"))
            .collect();
        assert_eq!(reusing, Vec::<&str>::new());
    }
    db.close().await;
}
