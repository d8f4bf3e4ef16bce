//! The relay campaign mail goes to, read from `CONVENE_SMTP_URL`, and opening a session with
//! it: the socket with `TCP_NODELAY`, STARTTLS, whether it pipelines, and authentication.

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::Ehlo;
use lettre::transport::smtp::extension::ClientId;

use crate::mail::Refusal;

use super::session::Session;
use super::{CONNECT_TIMEOUT, lost};

/// How a connection is secured.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Security {
    /// No TLS (a relay on the same machine or network).
    Plain,
    /// STARTTLS after the greeting; `required` refuses servers that do not offer it.
    StartTls { required: bool },
}

/// Where campaign mail goes, read from `CONVENE_SMTP_URL` by the same rules as lettre's.
#[derive(Clone)]
pub struct Relay {
    host: String,
    port: u16,
    security: Security,
    credentials: Option<Credentials>,
    hello: ClientId,
}

impl std::fmt::Debug for Relay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the credentials.
        write!(f, "Relay({}:{}, {:?})", self.host, self.port, self.security)
    }
}

impl Relay {
    /// The relay of `smtp://[user:password@]host[:port][/ehlo-name][?tls=required|opportunistic]`;
    /// `None` for `smtps://` (implicit TLS, sent through lettre's transport) or a URL lettre
    /// would not read either (the configuration refuses those at start-up).
    pub fn parse(raw: &str) -> Option<Self> {
        let url = url::Url::parse(raw).ok()?;
        if url.scheme() != "smtp" {
            return None;
        }
        let tls = url
            .query_pairs()
            .find(|(k, _)| k == "tls")
            .map(|(_, v)| v.into_owned());
        let (security, default_port) = match tls.as_deref() {
            None => (Security::Plain, 25),
            Some("required") => (Security::StartTls { required: true }, 587),
            Some("opportunistic") => (Security::StartTls { required: false }, 587),
            Some(_) => return None,
        };
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|s| s.into_owned())
                .ok()
        };
        let credentials = match url.password() {
            Some(password) => Some(Credentials::new(decode(url.username())?, decode(password)?)),
            None => None,
        };
        let hello = match url.path().trim_matches('/') {
            "" => ClientId::default(),
            name => ClientId::Domain(name.to_owned()),
        };
        Some(Self {
            host: url.host_str()?.to_owned(),
            port: url.port().unwrap_or(default_port),
            security,
            credentials,
            hello,
        })
    }

    /// A new session, ready for a first message.
    pub async fn connect(&self) -> Result<Session, Refusal> {
        let socket = tokio::time::timeout(
            CONNECT_TIMEOUT,
            tokio::net::TcpStream::connect((self.host.as_str(), self.port)),
        )
        .await
        .map_err(|_| lost())?
        .map_err(|_| lost())?;
        socket.set_nodelay(true).map_err(|_| lost())?;
        let mut smtp = tokio::time::timeout(
            CONNECT_TIMEOUT,
            AsyncSmtpConnection::connect_with_transport(Box::new(socket), &self.hello),
        )
        .await
        .map_err(|_| lost())??;
        if let Security::StartTls { required } = self.security {
            if smtp.can_starttls() {
                let parameters = TlsParameters::new(self.host.clone())?;
                smtp.starttls(parameters, &self.hello).await?;
            } else if required {
                return Err(Refusal {
                    permanent: false,
                    code: "no STARTTLS".into(),
                });
            }
        }
        // lettre keeps only the extensions it uses, and PIPELINING is not one of them: ask
        // again (EHLO may be repeated; it changes nothing else).
        let pipelining = smtp
            .command(Ehlo::new(self.hello.clone()))
            .await
            .is_ok_and(|answer| {
                answer.message().any(|line| {
                    line.split_whitespace()
                        .next()
                        .is_some_and(|word| word.eq_ignore_ascii_case("PIPELINING"))
                })
            });
        if let Some(credentials) = &self.credentials {
            smtp.auth(&[Mechanism::Plain, Mechanism::Login], credentials)
                .await?;
        }
        tracing::debug!(pipelining, "campaign SMTP session opened");
        Ok(Session {
            smtp,
            pipelining,
            broken: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relay_urls_read_like_lettres() {
        let plain = Relay::parse("smtp://127.0.0.1:2525").expect("a relay");
        assert_eq!(
            (plain.port, plain.security.clone()),
            (2525, Security::Plain)
        );
        let submission =
            Relay::parse("smtp://ann:p%40ss@mail.example.org/convene.example?tls=required")
                .expect("a relay");
        assert_eq!(submission.port, 587);
        assert_eq!(submission.security, Security::StartTls { required: true });
        assert_eq!(submission.hello, ClientId::Domain("convene.example".into()));
        assert!(submission.credentials.is_some());
        assert!(!format!("{submission:?}").contains("p@ss"));
        assert!(Relay::parse("smtps://mail.example.org").is_none());
        assert!(Relay::parse("smtp://mail.example.org?tls=sometimes").is_none());
    }
}
