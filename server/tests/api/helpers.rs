//! Starting the application for a test, and typed helpers to fill and query it.

use std::path::PathBuf;
use std::sync::Arc;

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
    /// The database, kept alive for the test (shared with any other instance on it).
    pub database: Arc<TestDatabase>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl TestApp {
    /// Starts the application over a fresh, migrated database.
    pub async fn spawn() -> Self {
        Self::spawn_with(&[]).await
    }

    /// Starts the application with configuration overrides (keys as in `convene.toml`).
    pub async fn spawn_with(overrides: &[(&str, &str)]) -> Self {
        Self::start(Arc::new(TestDatabase::new().await), overrides).await
    }

    /// A second instance of the application on this one's database, as several stateless
    /// instances run in production.
    pub async fn another_instance(&self) -> Self {
        Self::start(self.database.clone(), &[]).await
    }

    async fn start(database: Arc<TestDatabase>, overrides: &[(&str, &str)]) -> Self {
        // TEST_LOG=1 shows the application's logs (RUST_LOG filters them).
        if std::env::var_os("TEST_LOG").is_some() {
            server::telemetry::init(app::server::config::LogFormat::Text);
        }
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
        // The application runs on a multi-threaded runtime of its own, as in production,
        // not on the test's single-threaded one: a test awaiting a response then never
        // competes with the server for its only thread.
        let (ready_tx, ready_rx) = oneshot::channel();
        let (tx, rx) = oneshot::channel::<()>();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("a runtime for the application");
            runtime.block_on(async move {
                let app = Application::build(config)
                    .await
                    .expect("the application builds");
                let _ = ready_tx.send((app.local_addr(), app.state().clone()));
                let _ = app
                    .run_until(async move {
                        let _ = rx.await;
                    })
                    .await;
            });
        });
        let (local_addr, state) = ready_rx.await.expect("the application started");
        let address = format!("http://{local_addr}");
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(same_origin(&address))
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

impl TestApp {
    /// A new browser: its own cookie jar, redirects not followed.
    pub fn browser(&self) -> Browser {
        Browser {
            address: self.address.clone(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .default_headers(same_origin(&self.address))
                .cookie_store(true)
                .user_agent(
                    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
                )
                .build()
                .expect("a client"),
        }
    }

    /// A browser that already carries the session cookie `secret`.
    pub fn browser_with_session(&self, secret: &str) -> Browser {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        let url: reqwest::Url = self.address.parse().expect("the app's URL");
        jar.add_cookie_str(&format!("convene_session={secret}; Path=/"), &url);
        Browser {
            address: self.address.clone(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .default_headers(same_origin(&self.address))
                .cookie_provider(jar)
                .build()
                .expect("a client"),
        }
    }

    /// The newest message in the development mail folder addressed to `to`, decoded.
    pub fn last_mail_to(&self, to: &str) -> Option<String> {
        let dir = self.database.dir.path().join("mail");
        let mut messages: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(&dir)
            .ok()?
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let modified = entry.metadata().ok()?.modified().ok()?;
                let text = std::fs::read_to_string(entry.path()).ok()?;
                Some((modified, decode_quoted_printable(&text)))
            })
            .filter(|(_, text)| text.contains(&format!("To: {to}")))
            .collect();
        messages.sort_by_key(|(modified, _)| *modified);
        messages.pop().map(|(_, text)| text)
    }

    /// How many messages are in the development mail folder.
    pub fn mail_count(&self) -> usize {
        std::fs::read_dir(self.database.dir.path().join("mail"))
            .map(|dir| dir.count())
            .unwrap_or(0)
    }
}

/// What a browser sends with every request from one of the application's own pages: its
/// origin. State-changing requests without it are refused (see `server::csrf`).
pub fn same_origin(address: &str) -> reqwest::header::HeaderMap {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::ORIGIN,
        address.parse().expect("an origin is a valid header"),
    );
    headers
}

/// Parses `ics` with a real iCalendar parser and checks what RFC 5545 requires of the
/// calendar itself: exactly one `VERSION:2.0` and one `PRODID`. Returns its events' UIDs.
pub fn assert_valid_calendar(ics: &str) -> Vec<String> {
    let unfolded = icalendar::parser::unfold(ics);
    let calendar = icalendar::parser::read_calendar(&unfolded)
        .unwrap_or_else(|e| panic!("not a valid calendar ({e}): {ics}"));
    let count = |name: &str| {
        calendar
            .properties
            .iter()
            .filter(|p| p.name.as_str() == name)
            .count()
    };
    assert_eq!(count("PRODID"), 1, "one PRODID: {ics}");
    assert_eq!(count("VERSION"), 1, "one VERSION: {ics}");
    calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .filter_map(|c| c.find_prop("UID").map(|p| p.val.to_string()))
        .collect()
}

/// Undoes the soft line breaks and `=XX` escapes of a quoted-printable body.
fn decode_quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "").replace("=\n", "");
    let mut out = String::with_capacity(joined.len());
    let mut rest = joined.as_str();
    while let Some(i) = rest.find('=') {
        out.push_str(&rest[..i]);
        let code = rest
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match code {
            Some(byte) => {
                out.push(byte as char);
                rest = &rest[i + 3..];
            }
            None => {
                out.push('=');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The token of the first link to `path` in a message.
pub fn link_token(message: &str, path: &str) -> String {
    let start = message
        .find(&format!("{path}?token="))
        .unwrap_or_else(|| panic!("no {path} link in {message}"))
        + path.len()
        + "?token=".len();
    message[start..start + 64].to_owned()
}

/// A browser: a client with its own cookies, like one person's device.
pub struct Browser {
    address: String,
    /// The client, for requests the helpers do not cover.
    pub client: reqwest::Client,
}

impl Browser {
    /// The application's address, `http://127.0.0.1:port`.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request sent")
    }

    /// Calls a server function as the hydrated page does.
    pub async fn call(&self, name: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{name}", self.address))
            .form(form)
            .send()
            .await
            .expect("request sent")
    }

    /// Calls a server function and asserts it succeeded.
    pub async fn ok(&self, name: &str, form: &[(&str, &str)]) -> reqwest::Response {
        let response = self.call(name, form).await;
        assert!(
            response.status().is_success(),
            "{name} answered {}",
            response.status()
        );
        response
    }

    /// Who the server thinks this browser is.
    pub async fn current_user(&self) -> Option<app::domain::CurrentUser> {
        self.ok("get_current_user", &[])
            .await
            .json()
            .await
            .expect("a user or null")
    }

    /// Posts a form the way a browser without JavaScript does, from the page `referer`.
    pub async fn post_form(
        &self,
        name: &str,
        referer: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{name}", self.address))
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", format!("{}{referer}", self.address))
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
