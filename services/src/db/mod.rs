//! The database: one pool, SQLite or PostgreSQL chosen at run time from the URL.
//!
//! Queries are written once in the SQL both engines understand (`$1` parameters, integers for
//! instants, `RETURNING`) and run through sqlx's `Any` driver. Where the dialects really
//! differ, the two versions sit side by side in the aggregate's module behind [`Backend`];
//! the schema lives in `migrations/sqlite` and `migrations/postgres`.

pub mod account_tokens;
pub mod accounts_search;
pub mod agenda;
pub mod audit;
pub mod campaigns;
pub mod contacts;
pub mod discovery;
pub mod door;
pub mod events;
pub mod feed;
pub mod feed_reports;
pub mod imports;
pub mod managed_events;
pub mod media;
pub mod memberships;
pub mod organizations;
pub mod post_likes;
pub mod questions;
pub mod rate_counters;
pub mod registrations;
pub mod segments;
pub mod sessions;
pub mod sign_up_requests;
pub mod speakers;
pub mod sqlite_ids;
pub mod ticket_mails;
pub mod tickets;
pub mod users;
pub mod waitlist;

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context as _;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor as _};

use super::Config;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("../migrations/postgres");

/// Which database engine a pool talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// A cheap-to-clone handle to the connection pool.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// The SQLite file, so readiness can notice it was deleted under us.
    sqlite_path: Option<PathBuf>,
}

impl Db {
    /// Opens a pool for `config.database_url`. A SQLite file (and its directory) is created
    /// when missing; every SQLite connection gets WAL, foreign keys, `synchronous=FULL` and a
    /// busy timeout as it is opened, every PostgreSQL connection a lock timeout.
    pub async fn connect(config: &Config) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let (backend, sqlite_path, url) = if config.database_url.starts_with("sqlite:") {
            let path = create_sqlite_file(&config.database_url)?;
            // Opened read-write, never "create": if the file disappears while we run, a new
            // connection fails instead of starting an empty database without the schema.
            let url = match config.database_url.contains("mode=") {
                true => config.database_url.clone(),
                false => format!("sqlite://{}?mode=rw", path.display()),
            };
            (Backend::Sqlite, Some(path), url)
        } else {
            (Backend::Postgres, None, config.database_url.clone())
        };
        let options =
            AnyConnectOptions::from_str(&url).context("the database URL cannot be parsed")?;
        let busy_ms = config.database_busy_timeout.as_millis();
        let watched_file = sqlite_path.clone();
        let pool = AnyPoolOptions::new()
            .max_connections(config.database_max_connections)
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    // Per-connection settings; in a migration they would be silently ignored.
                    let settings = match backend {
                        Backend::Sqlite => sqlite_pragmas(busy_ms),
                        // Waiting on a lock is bounded like SQLite's busy timeout, so a
                        // stuck lock answers "busy" instead of hanging the request.
                        Backend::Postgres => format!("SET lock_timeout = {busy_ms}"),
                    };
                    conn.execute(&*settings).await?;
                    // Switching to WAL needs a lock even when the file already is in WAL
                    // mode, so a connection opened while another one writes would wait and
                    // fail: switch only a file that is not in WAL mode yet (a new one).
                    if backend == Backend::Sqlite {
                        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
                            .fetch_one(&mut *conn)
                            .await?;
                        if !mode.eq_ignore_ascii_case("wal") {
                            conn.execute("PRAGMA journal_mode = WAL").await?;
                        }
                    }
                    Ok(())
                })
            })
            // A pooled SQLite connection outlives the deletion of its file and would go on
            // reading and writing data nobody can see: drop it (and fail) instead.
            .before_acquire(move |_, _| {
                let file_exists = watched_file.as_ref().is_none_or(|path| path.exists());
                Box::pin(async move { Ok(file_exists) })
            })
            .connect_with(options)
            .await
            .with_context(|| {
                format!(
                    "cannot open the database ({})",
                    redact(&config.database_url)
                )
            })?;
        Ok(Self {
            pool,
            backend,
            sqlite_path,
        })
    }

    /// Applies the migrations that have not run yet.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&self.pool)
            .await
            .context("cannot apply the database migrations")?;
        if self.backend == Backend::Sqlite {
            let rebuilt = sqlite_ids::never_reuse_ids(&self.pool).await?;
            if !rebuilt.is_empty() {
                tracing::info!(
                    tables = rebuilt.len(),
                    "tables rebuilt so that ids are never reused"
                );
            }
        }
        Ok(())
    }

    /// Starts a transaction; a failure is logged once and answered as an [`AppError`].
    pub async fn begin(
        &self,
    ) -> Result<sqlx::Transaction<'static, sqlx::Any>, domain::error::AppError> {
        self.pool
            .begin()
            .await
            .map_err(domain::error::AppError::db("cannot start a transaction"))
    }

    /// The connection pool.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// The engine behind the pool.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Refreshes the planner's statistics, after a bulk load: without them a freshly seeded
    /// PostgreSQL plans a busy feed as if it held one post.
    pub async fn analyze(&self) -> Result<(), sqlx::Error> {
        self.pool.execute("ANALYZE").await?;
        Ok(())
    }

    /// A round trip to the database, for readiness checks. On SQLite it also fails when the
    /// file was removed, since the open connections would otherwise keep writing to a file
    /// nobody can see.
    pub async fn ping(&self) -> anyhow::Result<()> {
        if let Some(path) = &self.sqlite_path {
            anyhow::ensure!(
                path.exists(),
                "the database file {} is missing",
                path.display()
            );
        }
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .context("the database did not answer")?;
        Ok(())
    }

    /// Waits for checked-out connections to come back, then closes them all.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn sqlite_pragmas(busy_timeout_ms: u128) -> String {
    // The busy timeout first, so the statements after it wait for a lock instead of failing.
    format!(
        "PRAGMA busy_timeout = {busy_timeout_ms}; PRAGMA synchronous = FULL; \
         PRAGMA foreign_keys = ON;"
    )
}

/// Creates the directory and the (empty) database file of a `sqlite:` URL when missing.
fn create_sqlite_file(url: &str) -> anyhow::Result<PathBuf> {
    let path = sqlite_file(url);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| {
            format!("cannot create the database directory {}", parent.display())
        })?;
    }
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .with_context(|| format!("cannot create the database file {}", path.display()))?;
    Ok(path)
}

/// The file behind a `sqlite:` URL (`sqlite://data/x.db`, `sqlite:data/x.db`,
/// `sqlite:///abs/x.db`), without its query string.
pub fn sqlite_file(url: &str) -> PathBuf {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    PathBuf::from(rest.split('?').next().unwrap_or(rest))
}

/// The URL without its password or query string (which may hold one), for messages.
pub fn redact(url: &str) -> String {
    let url = url.split('?').next().unwrap_or(url);
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// The `VALUES` list of a multi-row insert: `rows` tuples of `columns` values, numbered from
/// `$first`. `fixed(column)` (1-based) may give a literal or a shared parameter such as `$1`
/// for a column instead; an empty string means "a parameter of this row". Written out with
/// `$n` because sqlx's `QueryBuilder` writes `?` for `Any`, which PostgreSQL rejects.
pub fn placeholders(
    rows: usize,
    columns: usize,
    first: usize,
    fixed: impl Fn(usize) -> String,
) -> String {
    let mut next = first;
    let mut out = String::with_capacity(rows * columns * 5);
    for row in 0..rows {
        out.push_str(if row == 0 { "(" } else { ", (" });
        for column in 1..=columns {
            if column > 1 {
                out.push_str(", ");
            }
            match fixed(column) {
                literal if !literal.is_empty() => out.push_str(&literal),
                _ => {
                    out.push('$');
                    out.push_str(&next.to_string());
                    next += 1;
                }
            }
        }
        out.push(')');
    }
    out
}

/// The current time as Unix seconds, the unit every `*_at` column uses.
pub fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_number_row_values_and_keep_fixed_columns() {
        let values = placeholders(
            2,
            3,
            2,
            |c| if c == 1 { "$1".into() } else { String::new() },
        );
        assert_eq!(values, "($1, $2, $3), ($1, $4, $5)");
    }

    #[test]
    fn sqlite_urls_of_every_shape_name_their_file() {
        assert_eq!(
            sqlite_file("sqlite://data/convene.db"),
            PathBuf::from("data/convene.db")
        );
        assert_eq!(
            sqlite_file("sqlite:data/convene.db?mode=rwc"),
            PathBuf::from("data/convene.db")
        );
        assert_eq!(
            sqlite_file("sqlite:///srv/c.db"),
            PathBuf::from("/srv/c.db")
        );
    }

    #[test]
    fn passwords_are_hidden_from_messages() {
        assert_eq!(
            redact("postgres://app:s3cret@db/convene"),
            "postgres://app:***@db/convene"
        );
        assert_eq!(
            redact("postgres://app@db/convene"),
            "postgres://app@db/convene"
        );
        assert_eq!(
            redact("sqlite://data/convene.db"),
            "sqlite://data/convene.db"
        );
    }
}
