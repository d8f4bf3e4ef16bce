//! Starting the application for a test, and typed helpers to fill and query it.

use std::path::PathBuf;

use app::server::db::{self, Backend, Db};
use app::server::{AppState, Config};
use server::startup::Application;
use tempfile::TempDir;
use tokio::sync::oneshot;

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

/// A running application and a client pointed at it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    /// A client that does not follow redirects.
    pub client: reqwest::Client,
    /// The application's state (database pool, configuration).
    pub state: AppState,
    /// The database, kept alive for the test.
    pub database: TestDatabase,
    shutdown: Option<oneshot::Sender<()>>,
}

impl TestApp {
    /// Starts the application over a fresh, migrated database.
    pub async fn spawn() -> Self {
        Self::spawn_with(&[]).await
    }

    /// Starts the application with configuration overrides (keys as in `convene.toml`).
    pub async fn spawn_with(overrides: &[(&str, &str)]) -> Self {
        // TEST_LOG=1 shows the application's logs (RUST_LOG filters them).
        if std::env::var_os("TEST_LOG").is_some() {
            server::telemetry::init(app::server::config::LogFormat::Text);
        }
        let database = TestDatabase::new().await;
        let data_dir = database.dir.path().to_string_lossy().into_owned();
        let site_root = database
            .dir
            .path()
            .join("site")
            .to_string_lossy()
            .into_owned();
        let mut pairs = vec![
            ("database_url", database.url.as_str()),
            ("addr", "127.0.0.1:0"),
            ("data_dir", data_dir.as_str()),
            ("site_root", site_root.as_str()),
            ("database_max_connections", "4"),
        ];
        pairs.extend_from_slice(overrides);
        let config = Config::from_pairs(pairs).expect("test configuration is valid");
        let app = Application::build(config)
            .await
            .expect("the application builds");
        let address = format!("http://{}", app.local_addr());
        let state = app.state().clone();
        let (tx, rx) = oneshot::channel();
        tokio::spawn(app.run_until(async move {
            let _ = rx.await;
        }));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a client");
        Self {
            address,
            client,
            state,
            database,
            shutdown: Some(tx),
        }
    }

    /// The database pool.
    pub fn db(&self) -> &Db {
        &self.state.db
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request sent")
    }

    /// Calls a server function the way the browser does: a form-encoded POST to `/api/NAME`.
    pub async fn call(&self, name: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{name}", self.address))
            .form(form)
            .send()
            .await
            .expect("request sent")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Asserts that a server function answered `status` with an [`AppError`] body, and returns it.
pub async fn app_error(response: reqwest::Response, status: u16) -> app::error::AppError {
    assert_eq!(response.status(), status);
    response.json().await.expect("an AppError body")
}

/// The `convene` binary built for these tests, with none of the test run's own `CONVENE_*`
/// variables, so each test states the configuration it means.
pub fn convene_command() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_convene"));
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("CONVENE_")) {
        command.env_remove(key);
    }
    command
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
