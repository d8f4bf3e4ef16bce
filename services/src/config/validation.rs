//! Turning the settings as written into a [`Config`]: each value checked, so a mistake stops
//! start-up with one line naming the setting instead of failing later.

use std::net::SocketAddr;
use std::time::Duration;

use crate::client_address::TrustedProxies;

use super::{Config, ConfigError, LogFormat, RawConfig, SmtpUrl};

impl Config {
    pub(super) fn validate(raw: RawConfig) -> Result<Self, ConfigError> {
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
        positive("ticket_check_secs", raw.ticket_check_secs)?;
        positive("ticket_mail_retry_secs", raw.ticket_mail_retry_secs)?;
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
            ticket_check: Duration::from_secs(raw.ticket_check_secs),
            ticket_mail_retry: Duration::from_secs(raw.ticket_mail_retry_secs),
        })
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
