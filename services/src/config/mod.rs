//! Configuration: defaults, then an optional `convene.toml`, then `CONVENE_*` environment
//! variables, each layer overriding the one before. Every value is checked at start-up so a
//! mistake stops the process with one line naming the setting, not a failure later.

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

    fn validate(raw: RawConfig) -> Result<Self, ConfigError> {
        let addr: SocketAddr = raw.addr.parse().map_err(|_| {
            ConfigError::new(
                "addr",
                format!("'{}' is not an address like 127.0.0.1:3000", raw.addr),
            )
        })?;
        let database_url = match raw.database_url {
            Some(url) => url,
            None => format!("sqlite://{}/convene.db", raw.data_dir.display()),
        };
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(ConfigError::new(
                "database_url",
                "use sqlite://path/to/file.db or postgres://user@host/database",
            ));
        }
        let base_url = raw.base_url.unwrap_or_else(|| format!("http://{addr}"));
        let base_url = base_url.trim_end_matches('/').to_owned();
        let valid_base = (base_url.starts_with("http://") || base_url.starts_with("https://"))
            && base_url
                .parse::<axum::http::Uri>()
                .is_ok_and(|u| u.host().is_some());
        if !valid_base {
            return Err(ConfigError::new(
                "base_url",
                "use a URL such as https://events.example.org",
            ));
        }
        let log_format = match raw.log_format.as_str() {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => {
                return Err(ConfigError::new(
                    "log_format",
                    format!("'{other}' is not 'text' or 'json'"),
                ));
            }
        };
        positive("request_timeout_secs", raw.request_timeout_secs)?;
        positive(
            "database_max_connections",
            u64::from(raw.database_max_connections),
        )?;
        positive("body_limit_bytes", raw.body_limit_bytes as u64)?;
        positive("session_idle_hours", raw.session_idle_hours)?;
        positive("session_max_days", raw.session_max_days)?;
        positive(
            "login_lockout_failures",
            u64::from(raw.login_lockout_failures),
        )?;
        positive("login_ip_failures", u64::from(raw.login_ip_failures))?;
        positive("publish_check_secs", raw.publish_check_secs)?;
        positive("feed_stream_recheck_secs", raw.feed_stream_recheck_secs)?;
        positive("import_check_secs", raw.import_check_secs)?;
        positive("search_check_secs", raw.search_check_secs)?;
        positive(
            "feed_posts_per_minute",
            u64::from(raw.feed_posts_per_minute),
        )?;
        positive("campaign_connections", u64::from(raw.campaign_connections))?;
        positive("campaign_check_secs", raw.campaign_check_secs)?;
        if raw.campaign_lease_secs < 3 {
            return Err(ConfigError::new(
                "campaign_lease_secs",
                "use at least 3 seconds: the sender renews its claim every second",
            ));
        }
        positive("campaign_retry_secs", raw.campaign_retry_secs)?;
        let mail_from = raw.mail_from.parse().map_err(|_| {
            ConfigError::new(
                "mail_from",
                "use an address like Convene <events@example.org>",
            )
        })?;
        if let Some(url) = &raw.smtp_url
            && !(url.starts_with("smtp://") || url.starts_with("smtps://"))
        {
            return Err(ConfigError::new(
                "smtp_url",
                "use smtp://host:port (add ?tls=required for STARTTLS) or smtps://user:password@host",
            ));
        }
        let trusted_proxies = TrustedProxies::parse(&raw.trusted_proxies)
            .map_err(|problem| ConfigError::new("trusted_proxies", problem))?;
        Ok(Self {
            database_url,
            addr,
            base_url,
            data_dir: raw.data_dir,
            site_root: raw.site_root,
            log_format,
            request_timeout: Duration::from_secs(raw.request_timeout_secs),
            shutdown_timeout: Duration::from_secs(raw.shutdown_timeout_secs),
            body_limit_bytes: raw.body_limit_bytes,
            database_max_connections: raw.database_max_connections,
            database_busy_timeout: Duration::from_millis(raw.database_busy_timeout_ms),
            smtp_url: raw.smtp_url.map(SmtpUrl),
            mail_from,
            session_idle: Duration::from_secs(raw.session_idle_hours * 3600),
            session_max_age: Duration::from_secs(raw.session_max_days * 86_400),
            login_lockout_failures: raw.login_lockout_failures,
            login_lockout: Duration::from_secs(raw.login_lockout_minutes * 60),
            login_ip_failures: raw.login_ip_failures,
            trusted_proxies,
            publish_check: Duration::from_secs(raw.publish_check_secs),
            page_cache_bytes: raw.page_cache_mb.saturating_mul(1024 * 1024),
            import_check: Duration::from_secs(raw.import_check_secs),
            search_check: Duration::from_secs(raw.search_check_secs),
            feed_posts_per_minute: raw.feed_posts_per_minute,
            feed_stream_recheck: Duration::from_secs(raw.feed_stream_recheck_secs),
            campaign_connections: raw.campaign_connections,
            campaign_check: Duration::from_secs(raw.campaign_check_secs),
            campaign_lease: Duration::from_secs(raw.campaign_lease_secs),
            campaign_retry: Duration::from_secs(raw.campaign_retry_secs),
        })
    }

    /// Whether cookies must be marked `Secure`.
    pub fn is_https(&self) -> bool {
        self.base_url.starts_with("https://")
    }
}

fn positive(key: &str, value: u64) -> Result<(), ConfigError> {
    if value == 0 {
        Err(ConfigError::new(key, "must be greater than 0"))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(pairs: &[(&str, &str)]) -> String {
        match Config::from_pairs(pairs.iter().copied()) {
            Ok(_) => panic!("expected {pairs:?} to be refused"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn defaults_are_a_local_sqlite_site() {
        let config = Config::from_pairs([]).expect("defaults are valid");
        assert_eq!(config.database_url, "sqlite://data/convene.db");
        assert_eq!(config.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(config.base_url, "http://127.0.0.1:3000");
        assert!(!config.is_https());
    }

    #[test]
    fn the_database_follows_the_data_directory() {
        let config = Config::from_pairs([("data_dir", "/srv/convene")]).expect("valid");
        assert_eq!(config.database_url, "sqlite:///srv/convene/convene.db");
    }

    #[test]
    fn a_bad_address_names_the_setting() {
        assert_eq!(
            error_of(&[("addr", "localhost")]),
            "invalid configuration: CONVENE_ADDR: 'localhost' is not an address like 127.0.0.1:3000"
        );
    }

    #[test]
    fn an_unknown_database_scheme_is_refused() {
        assert!(
            error_of(&[("database_url", "mysql://x")])
                .starts_with("invalid configuration: CONVENE_DATABASE_URL:")
        );
    }

    #[test]
    fn a_non_numeric_timeout_names_the_setting() {
        assert!(
            error_of(&[("request_timeout_secs", "soon")])
                .starts_with("invalid configuration: CONVENE_REQUEST_TIMEOUT_SECS:")
        );
    }

    #[test]
    fn a_base_url_must_be_http_or_https() {
        assert!(error_of(&[("base_url", "events.example.org")]).contains("CONVENE_BASE_URL"));
        let config =
            Config::from_pairs([("base_url", "https://events.example.org/")]).expect("valid");
        assert_eq!(config.base_url, "https://events.example.org");
        assert!(config.is_https());
    }

    #[test]
    fn an_unknown_log_format_is_refused() {
        assert!(error_of(&[("log_format", "xml")]).contains("CONVENE_LOG_FORMAT"));
    }
}
