//! The database a test runs on: a SQLite file in a temporary directory, or a PostgreSQL
//! database of its own, on the backend `CONVENE_TEST_DATABASE` names.

use std::path::PathBuf;

use services::db::{self, Backend};
use tempfile::TempDir;

use super::TestApp;

/// The database engine this test run targets.
pub fn backend() -> Backend {
    match std::env::var("CONVENE_TEST_DATABASE").as_deref() {
        Ok("postgres") => Backend::Postgres,
        Ok("sqlite") | Err(_) => Backend::Sqlite,
        Ok(other) => panic!("CONVENE_TEST_DATABASE must be sqlite or postgres, not {other}"),
    }
}

/// A database that exists for one test: a SQLite file in a temporary directory, or a
/// PostgreSQL database created for the test and dropped afterwards.
pub struct TestDatabase {
    /// Holds the SQLite file and the data directory; removed on drop.
    pub dir: TempDir,
    /// The URL the application connects to.
    pub url: String,
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    /// Creates an empty database on the backend under test.
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        match backend() {
            Backend::Sqlite => {
                let url = format!("sqlite://{}", dir.path().join("convene.db").display());
                Self {
                    dir,
                    url,
                    postgres: None,
                }
            }
            Backend::Postgres => {
                let admin = std::env::var("CONVENE_TEST_POSTGRES_URL")
                    .expect("CONVENE_TEST_DATABASE=postgres needs CONVENE_TEST_POSTGRES_URL");
                let name = format!("convene_test_{}", uuid_like());
                admin_execute(&admin, &format!("CREATE DATABASE {name}")).await;
                let url = replace_database(&admin, &name);
                Self {
                    dir,
                    url,
                    postgres: Some((admin, name)),
                }
            }
        }
    }

    /// The SQLite file (SQLite runs only).
    pub fn sqlite_path(&self) -> PathBuf {
        db::sqlite_file(&self.url)
    }

    /// Removes the database from under a running application.
    pub async fn destroy(&self) {
        match &self.postgres {
            None => std::fs::remove_file(self.sqlite_path()).expect("the database file exists"),
            Some((admin, name)) => {
                admin_execute(
                    admin,
                    &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                )
                .await
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.postgres.take() {
            // Drop runs outside any runtime guarantee, so use a thread with its own.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(runtime) = runtime {
                    runtime.block_on(admin_execute(
                        &admin,
                        &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                    ));
                }
            })
            .join();
        }
    }
}

async fn admin_execute(admin_url: &str, sql: &str) {
    use sqlx::Connection as _;
    let mut conn = sqlx::PgConnection::connect(admin_url)
        .await
        .expect("PostgreSQL is reachable");
    sqlx::query(sql)
        .execute(&mut conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let cut = base
        .rfind('/')
        .filter(|&i| i > "postgres://".len())
        .unwrap_or(base.len());
    let mut out = format!("{}/{name}", &base[..cut]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{}_{}_{}",
        std::process::id(),
        nanos,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

#[tokio::test]
async fn the_suite_runs_on_the_requested_backend() {
    let app = TestApp::spawn().await;
    assert_eq!(app.db().backend(), backend());
    let version: String = sqlx::query_scalar("SELECT sqlite_version()")
        .fetch_one(app.db().pool())
        .await
        .or(sqlx::query_scalar("SELECT version()")
            .fetch_one(app.db().pool())
            .await)
        .expect("the database reports its version");
    match backend() {
        Backend::Postgres => assert!(version.starts_with("PostgreSQL"), "{version}"),
        Backend::Sqlite => assert!(version.starts_with('3'), "{version}"),
    }
}
