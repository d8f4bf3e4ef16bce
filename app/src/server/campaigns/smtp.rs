//! The campaign sender's SMTP connections. lettre speaks the protocol; the sockets are opened
//! here so that they carry `TCP_NODELAY`. lettre writes a message and its final dot in two
//! writes, and with Nagle's algorithm the dot waits for the server's delayed acknowledgement:
//! about 40 ms per message, which held a campaign to 178 messages a second over 8
//! connections (docs/PERFORMANCE.md). Connections are kept from one message to the next, up to
//! `campaign_connections`, without the NOOP lettre's pool sends before each reuse; one that
//! fails is dropped and the next message opens another.
//!
//! Plain SMTP and STARTTLS (`?tls=required|opportunistic`) go this way. Implicit TLS
//! (`smtps://`) is left to lettre's own pooled transport ([`Mailer::deliver`]), which opens its
//! sockets itself.

use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use tokio::sync::Mutex;

use crate::server::mail::{Mailer, Refusal};

/// Longest wait for a connection, and for the server's answer to one message.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
const SEND_TIMEOUT: Duration = Duration::from_secs(60);

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

    async fn connect(&self) -> Result<AsyncSmtpConnection, Refusal> {
        let unreachable = |_| Refusal {
            permanent: false,
            code: "no connection".into(),
        };
        let socket = tokio::time::timeout(
            CONNECT_TIMEOUT,
            tokio::net::TcpStream::connect((self.host.as_str(), self.port)),
        )
        .await
        .map_err(|_| unreachable(()))?
        .map_err(|_| unreachable(()))?;
        socket.set_nodelay(true).map_err(|_| unreachable(()))?;
        let mut connection = tokio::time::timeout(
            CONNECT_TIMEOUT,
            AsyncSmtpConnection::connect_with_transport(Box::new(socket), &self.hello),
        )
        .await
        .map_err(|_| unreachable(()))?
        .map_err(refusal)?;
        if let Security::StartTls { required } = self.security {
            if connection.can_starttls() {
                let parameters = TlsParameters::new(self.host.clone()).map_err(refusal)?;
                connection
                    .starttls(parameters, &self.hello)
                    .await
                    .map_err(refusal)?;
            } else if required {
                return Err(Refusal {
                    permanent: false,
                    code: "no STARTTLS".into(),
                });
            }
        }
        if let Some(credentials) = &self.credentials {
            connection
                .auth(&[Mechanism::Plain, Mechanism::Login], credentials)
                .await
                .map_err(refusal)?;
        }
        Ok(connection)
    }
}

/// Why lettre failed, without the server's text (which may quote the address).
fn refusal(error: lettre::transport::smtp::Error) -> Refusal {
    Refusal {
        permanent: error.is_permanent(),
        code: error
            .status()
            .map(|c| c.to_string())
            .unwrap_or_else(|| "no answer".into()),
    }
}

/// What a campaign turn sends through.
pub enum Transport {
    /// Connections of our own to the relay.
    Direct {
        /// The relay.
        relay: Relay,
        /// Connections between two messages.
        idle: Mutex<Vec<AsyncSmtpConnection>>,
    },
    /// lettre's transport: implicit TLS, or the development mail folder.
    Mailer(Mailer),
}

impl Transport {
    /// The transport for `smtp_url` (none: the mailer's folder).
    pub fn new(smtp_url: Option<&str>, mailer: &Mailer) -> Self {
        match smtp_url.and_then(Relay::parse) {
            Some(relay) => Self::Direct {
                relay,
                idle: Mutex::new(Vec::new()),
            },
            None => Self::Mailer(mailer.clone()),
        }
    }

    /// Hands one message to the relay.
    pub async fn send(&self, envelope: &Envelope, message: &[u8]) -> Result<(), Refusal> {
        let (relay, idle) = match self {
            Self::Mailer(mailer) => return mailer.deliver_raw(envelope, message).await,
            Self::Direct { relay, idle } => (relay, idle),
        };
        let reused = idle.lock().await.pop();
        let mut connection = match reused {
            Some(connection) => connection,
            None => relay.connect().await?,
        };
        let sent =
            match tokio::time::timeout(SEND_TIMEOUT, connection.send(envelope, message)).await {
                Ok(result) => result.map(drop).map_err(refusal),
                Err(_) => {
                    connection.abort().await;
                    return Err(Refusal {
                        permanent: false,
                        code: "timed out".into(),
                    });
                }
            };
        if connection.has_broken() {
            connection.abort().await;
        } else {
            idle.lock().await.push(connection);
        }
        sent
    }

    /// Says goodbye on the connections kept.
    pub async fn close(&self) {
        if let Self::Direct { idle, .. } = self {
            for mut connection in idle.lock().await.drain(..) {
                let _ = connection.quit().await;
            }
        }
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
