//! Configuration: defaults, then an optional `convene.toml`, then `CONVENE_*` environment
//! variables, each layer overriding the one before. Every value is checked at start-up so a
//! mistake stops the process with one line naming the setting, not a failure later.

mod validation;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

use super::client_address::TrustedProxies;

/// The settings as written by a person: strings and numbers, not yet checked.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    database_url: Option<String>,
    addr: String,
    base_url: Option<String>,
    data_dir: PathBuf,
    site_root: PathBuf,
    log_format: String,
    request_timeout_secs: u64,
    shutdown_timeout_secs: u64,
    body_limit_bytes: usize,
    database_max_connections: u32,
    database_busy_timeout_ms: u64,
    smtp_url: Option<String>,
    mail_from: String,
    session_idle_hours: u64,
    session_max_days: u64,
    login_lockout_failures: u32,
    login_lockout_minutes: u64,
    login_ip_failures: u32,
    trusted_proxies: String,
    publish_check_secs: u64,
    page_cache_mb: u64,
    import_check_secs: u64,
    search_check_secs: u64,
    feed_posts_per_minute: u32,
    feed_stream_recheck_secs: u64,
    campaign_connections: u32,
    campaign_check_secs: u64,
    campaign_lease_secs: u64,
    campaign_retry_secs: u64,
    ticket_check_secs: u64,
    ticket_mail_retry_secs: u64,
}

impl Default for RawConfig {
    fn default() -> Self {
        Self {
            database_url: None,
            addr: "127.0.0.1:3000".into(),
            base_url: None,
            data_dir: "data".into(),
            site_root: "target/site".into(),
            log_format: "text".into(),
            request_timeout_secs: 30,
            shutdown_timeout_secs: 30,
            body_limit_bytes: 2 * 1024 * 1024,
            database_max_connections: 10,
            database_busy_timeout_ms: 5_000,
            smtp_url: None,
            mail_from: "Convene <no-reply@convene.invalid>".into(),
            session_idle_hours: 14 * 24,
            session_max_days: 30,
            login_lockout_failures: 5,
            login_lockout_minutes: 15,
            login_ip_failures: 100,
            trusted_proxies: String::new(),
            publish_check_secs: 15,
            page_cache_mb: 64,
            import_check_secs: 1,
            search_check_secs: 1,
            feed_posts_per_minute: 5,
            feed_stream_recheck_secs: 50,
            campaign_connections: 4,
            campaign_check_secs: 1,
            campaign_lease_secs: 30,
            campaign_retry_secs: 60,
            ticket_check_secs: 2,
            ticket_mail_retry_secs: 60,
        }
    }
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines, for a terminal.
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

/// Validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// Where the HTTP server listens; port 0 picks a free port (tests).
    pub addr: SocketAddr,
    /// The public URL the site is reached at, without a trailing slash.
    pub base_url: String,
    /// Where the SQLite file, uploads and development mail live.
    pub data_dir: PathBuf,
    /// Where cargo-leptos put the compiled browser bundle and public files.
    pub site_root: PathBuf,
    /// Log output format.
    pub log_format: LogFormat,
    /// Longest time a request may take before it is answered with 503.
    pub request_timeout: Duration,
    /// Longest time a graceful shutdown waits for requests in flight.
    pub shutdown_timeout: Duration,
    /// Largest request body accepted.
    pub body_limit_bytes: usize,
    /// Size of the database connection pool.
    pub database_max_connections: u32,
    /// How long SQLite waits for a lock before answering "busy".
    pub database_busy_timeout: Duration,
    /// Where mail goes: an SMTP server, or files in `data_dir/mail` when unset.
    pub smtp_url: Option<SmtpUrl>,
    /// The sender of every message.
    pub mail_from: lettre::message::Mailbox,
    /// A session unused for this long ends.
    pub session_idle: Duration,
    /// A session ends this long after sign-in, however active.
    pub session_max_age: Duration,
    /// Consecutive failed logins after which an account refuses logins for a while.
    pub login_lockout_failures: u32,
    /// How long that lasts.
    pub login_lockout: Duration,
    /// Failed logins one client address may make in 15 minutes (successes are not counted).
    pub login_ip_failures: u32,
    /// Reverse proxies whose `Forwarded` / `X-Forwarded-For` headers name the client.
    pub trusted_proxies: TrustedProxies,
    /// How often drafts scheduled to publish themselves are looked for.
    pub publish_check: Duration,
    /// Memory for rendered public event pages served to anonymous visitors; 0 turns the
    /// cache off.
    pub page_cache_bytes: u64,
    /// How often confirmed CSV imports are looked for.
    pub import_check: Duration,
    /// How often out-of-date search documents are rebuilt.
    pub search_check: Duration,
    /// Posts and comments one person may write in a minute, across all feeds.
    pub feed_posts_per_minute: u32,
    /// How often an open live feed stream checks that its reader may still read.
    pub feed_stream_recheck: Duration,
    /// SMTP connections a campaign sends over at once (and the pool's size).
    pub campaign_connections: u32,
    /// How often campaigns due to send are looked for.
    pub campaign_check: Duration,
    /// How long a campaign whose sending instance stopped answering waits before another
    /// instance takes it over (the sender renews its claim well within it).
    pub campaign_lease: Duration,
    /// The first wait after a transient SMTP failure; each further attempt waits twice as
    /// long.
    pub campaign_retry: Duration,
    /// How often mails about orders that are due (new, or to try again), and pending orders
    /// past their deadline, are looked for.
    pub ticket_check: Duration,
    /// The first wait after a mail about an order could not be sent; it doubles with each
    /// attempt.
    pub ticket_mail_retry: Duration,
}

/// The SMTP server's URL, which may hold a password: printed without it.
#[derive(Clone)]
pub struct SmtpUrl(pub String);

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&super::db::redact(&self.0))
    }
}

/// A setting that is missing or wrong; the message names it and says what is expected.
#[derive(Debug, thiserror::Error)]
#[error("invalid configuration: {setting}: {problem}")]
pub struct ConfigError {
    /// The environment variable (and `convene.toml` key) at fault.
    pub setting: String,
    /// What is wrong with it.
    pub problem: String,
}

impl ConfigError {
    fn new(key: &str, problem: impl Into<String>) -> Self {
        Self {
            setting: env_name(key),
            problem: problem.into(),
        }
    }
}

fn env_name(key: &str) -> String {
    format!("CONVENE_{}", key.to_uppercase())
}

impl Config {
    /// Loads `convene.toml` (or the file named by `CONVENE_CONFIG`) if present, then the
    /// environment.
    pub fn load() -> Result<Self, ConfigError> {
        let file = std::env::var("CONVENE_CONFIG").unwrap_or_else(|_| "convene.toml".into());
        if std::env::var_os("CONVENE_CONFIG").is_some() && !std::path::Path::new(&file).exists() {
            return Err(ConfigError::new(
                "config",
                format!("the file {file} does not exist"),
            ));
        }
        let figment = Figment::from(Serialized::defaults(RawConfig::default()))
            .merge(Toml::file(&file))
            // CONVENE_CONFIG names the file; CONVENE_TEST_* configure the test suite.
            .merge(Env::prefixed("CONVENE_").filter(|key| {
                let key = key.as_str().to_ascii_lowercase();
                key != "config" && !key.starts_with("test_")
            }));
        Self::from_figment(figment)
    }

    /// Builds a configuration from defaults plus overrides written as they would be in the
    /// environment (tests, tools): `("request_timeout_secs", "5")`.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(RawConfig::default()));
        for (key, value) in pairs {
            // Parsed the way figment parses environment variables ("5" is a number).
            let value: figment::value::Value = value.parse().unwrap_or_else(|e| match e {});
            figment = figment.merge((key, value));
        }
        Self::from_figment(figment)
    }

    fn from_figment(figment: Figment) -> Result<Self, ConfigError> {
        let raw: RawConfig = figment.extract().map_err(|e| {
            let key = e.path.join(".");
            let problem = e.kind.to_string();
            if key.is_empty() {
                ConfigError::new("config", problem)
            } else {
                ConfigError::new(&key, problem)
            }
        })?;
        Self::validate(raw)
    }

    /// Whether cookies must be marked `Secure`.
    pub fn is_https(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}
