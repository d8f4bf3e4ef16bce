//! Malformed and hostile requests get a clear answer, never a panic or a hang.

use app::api::events::GetEvent;
use domain::error::AppError;
use services::db::Backend;

use crate::fixtures::event;
use crate::helpers::{TestApp, app_error, backend};

#[tokio::test]
async fn malformed_urls_get_a_client_error_or_the_not_found_page() {
    let app = TestApp::spawn().await;
    for path in [
        "/e/%ZZ",
        "/%",
        "/e/%C0%AF",
        "/e/a%00b",
        "/e/..%2F..%2Fetc",
        "//e//x",
    ] {
        let response = app.get(path).await;
        let status = response.status().as_u16();
        assert!(status == 400 || status == 404, "{path}: {status}");
    }
    // The process is unharmed.
    assert_eq!(app.get("/healthz").await.status(), 200);
}

#[tokio::test]
async fn a_non_utf8_query_string_is_ignored_safely() {
    let app = TestApp::spawn().await;
    app.given_events("acme", [event("rust-summit", "Rust Summit")])
        .await;
    let response = app.get("/?q=%FF%FE%FD").await;
    assert_eq!(response.status(), 200);
    assert!(
        response
            .text()
            .await
            .expect("html")
            .contains("Find your next event")
    );
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_413() {
    let app = TestApp::spawn_with(&[("body_limit_bytes", "1024")]).await;
    let big = "x".repeat(64 * 1024);
    let response = app
        .call("list_upcoming_events", &[("query", big.as_str())])
        .await;
    assert_eq!(response.status(), 413);
    // A body under the limit still works.
    assert_eq!(
        app.call("list_upcoming_events", &[("query", "rust")])
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn a_server_function_with_missing_arguments_is_a_client_error() {
    let app = TestApp::spawn().await;
    let error = app_error(app.call("get_event", &[]).await, 400).await;
    assert!(matches!(error, AppError::Invalid { .. }), "{error:?}");
}

#[tokio::test]
async fn an_unknown_server_function_is_not_found() {
    let app = TestApp::spawn().await;
    let response = app.call("no_such_function", &[]).await;
    assert_eq!(response.status(), 404);
}

/// Readers are never blocked by a writer elsewhere (WAL on SQLite, MVCC on PostgreSQL).
#[tokio::test]
async fn pages_keep_working_while_another_connection_holds_a_write_lock() {
    let app = TestApp::spawn_with(&[("database_busy_timeout_ms", "300")]).await;
    app.given_events("acme", [event("rust-summit", "Rust Summit")])
        .await;
    let _lock = hold_write_lock(&app).await;
    assert_eq!(app.get("/e/rust-summit").await.status(), 200);
    assert_eq!(app.get("/").await.status(), 200);
}

/// A lock held past the busy timeout gets a clear "busy" answer instead of a hang or crash:
/// on PostgreSQL a table lock blocks the page itself, which answers 503; on SQLite readers
/// cannot be blocked, so a writer (the seed command) meets the lock and says so.
#[tokio::test]
async fn a_lock_held_past_the_busy_timeout_is_reported_clearly() {
    let app = TestApp::spawn_with(&[("database_busy_timeout_ms", "300")]).await;
    app.given_events("acme", [event("rust-summit", "Rust Summit")])
        .await;
    match backend() {
        Backend::Postgres => {
            let lock = hold_table_lock(&app).await;
            let response = app.get("/e/rust-summit").await;
            assert_eq!(response.status(), 503);
            let html = response.text().await.expect("html");
            assert!(
                html.contains("Convene is temporarily unavailable. Please try again in a moment."),
                "{html}"
            );
            let call = GetEvent {
                slug: "rust-summit".into(),
            };
            assert_eq!(app.browser().run(call).await, Err(AppError::Unavailable));
            lock.release().await;
        }
        Backend::Sqlite => {
            let lock = hold_write_lock(&app).await;
            let started = std::time::Instant::now();
            let output = crate::helpers::convene_command()
                .args(["seed", "--scale", "large"])
                .env("CONVENE_DATABASE_URL", &app.database.url)
                .env("CONVENE_DATABASE_BUSY_TIMEOUT_MS", "300")
                .output()
                .expect("the binary runs");
            assert_eq!(output.status.code(), Some(1));
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(stderr.contains("database is locked"), "{stderr}");
            assert!(started.elapsed() < std::time::Duration::from_secs(10));
            lock.release().await;
        }
    }
    // Once the lock is gone, the same page works again.
    assert_eq!(app.get("/e/rust-summit").await.status(), 200);
}

/// A second connection in an open write transaction, until released or dropped.
enum Lock {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

impl Lock {
    /// Rolls the transaction back and waits for the answer, so the lock is gone on return
    /// (dropping the connection would release it only whenever the server notices).
    async fn release(self) {
        match self {
            Self::Sqlite(mut conn) => sqlx::raw_sql("ROLLBACK").execute(&mut conn).await.map(drop),
            Self::Postgres(mut conn) => {
                sqlx::raw_sql("ROLLBACK").execute(&mut conn).await.map(drop)
            }
        }
        .expect("lock released");
    }
}

async fn hold_write_lock(app: &TestApp) -> Lock {
    use sqlx::Connection as _;
    match backend() {
        Backend::Sqlite => {
            let url = format!("sqlite://{}", app.database.sqlite_path().display());
            let mut conn = sqlx::SqliteConnection::connect(&url)
                .await
                .expect("second connection");
            sqlx::raw_sql("BEGIN IMMEDIATE; UPDATE events SET title = title;")
                .execute(&mut conn)
                .await
                .expect("write lock taken");
            Lock::Sqlite(conn)
        }
        Backend::Postgres => {
            let mut conn = sqlx::PgConnection::connect(&app.database.url)
                .await
                .expect("second connection");
            sqlx::raw_sql("BEGIN; UPDATE events SET title = title;")
                .execute(&mut conn)
                .await
                .expect("row locks taken");
            Lock::Postgres(conn)
        }
    }
}

async fn hold_table_lock(app: &TestApp) -> Lock {
    use sqlx::Connection as _;
    let mut conn = sqlx::PgConnection::connect(&app.database.url)
        .await
        .expect("second connection");
    sqlx::raw_sql("BEGIN; LOCK TABLE events IN ACCESS EXCLUSIVE MODE;")
        .execute(&mut conn)
        .await
        .expect("table lock taken");
    Lock::Postgres(conn)
}

/// A request that outlives the request timeout (here a client that never finishes its body)
/// is answered 503 instead of holding a worker forever.
#[tokio::test]
async fn a_request_over_the_time_limit_is_answered_503() {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let app = TestApp::spawn_with(&[("request_timeout_secs", "1")]).await;
    let addr = app.address.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    let head = format!(
        "POST /api/list_upcoming_events HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Sec-Fetch-Site: same-origin\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nquery="
    );
    stream.write_all(head.as_bytes()).await.expect("write");
    let started = std::time::Instant::now();
    let mut response = String::new();
    tokio::time::timeout(
        std::time::Duration::from_secs(10),
        stream.read_to_string(&mut response),
    )
    .await
    .expect("answered before the test's own limit")
    .expect("read");
    assert!(response.starts_with("HTTP/1.1 503"), "{response}");
    assert!(started.elapsed() >= std::time::Duration::from_millis(900));
}

#[tokio::test]
async fn a_server_function_body_that_is_not_utf8_is_a_client_error() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(format!("{}/api/list_upcoming_events", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b'q', b'u', b'e', b'r', b'y', b'=', 0xFF, 0xFE])
        .send()
        .await
        .expect("response");
    let error = app_error(response, 400).await;
    assert!(matches!(error, AppError::Invalid { .. }), "{error:?}");
}

/// A body without a Content-Length (chunked) is cut off at the limit as it streams in.
#[tokio::test]
async fn an_oversized_chunked_body_is_refused_with_413() {
    let app = TestApp::spawn_with(&[("body_limit_bytes", "1024")]).await;
    let chunks =
        futures_util::stream::iter((0..64).map(|_| Ok::<_, std::io::Error>(vec![b'x'; 1024])));
    let response = app
        .client
        .post(format!("{}/api/list_upcoming_events", app.address))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(reqwest::Body::wrap_stream(chunks))
        .send()
        .await
        .expect("response");
    assert_eq!(response.status(), 413);
}

/// When the database disappears (SQLite file deleted, PostgreSQL database dropped), pages
/// answer 503 with a short message instead of serving from a file nobody can see.
#[tokio::test]
async fn pages_answer_503_once_the_database_is_gone() {
    let app = TestApp::spawn().await;
    app.given_events("acme", [event("rust-summit", "Rust Summit")])
        .await;
    assert_eq!(app.get("/e/rust-summit").await.status(), 200);
    app.database.destroy().await;
    let response = app.get("/e/rust-summit").await;
    assert_eq!(response.status(), 503);
    let html = response.text().await.expect("html");
    assert!(
        html.contains("Convene is temporarily unavailable."),
        "{html}"
    );
    if backend() == Backend::Sqlite {
        assert!(
            !app.database.sqlite_path().exists(),
            "no empty database was created in its place"
        );
    }
}
