//! The campaign sender's SMTP sessions. lettre opens them, secures them, authenticates and
//! reads every answer; this module decides what is written when.
//!
//! - The sockets are opened here so that they carry `TCP_NODELAY`. With Nagle's algorithm a
//!   message's last write waited for the server's delayed acknowledgement: about 40 ms per
//!   message, which held a campaign to 178 messages a second over 8 connections
//!   (docs/PERFORMANCE.md).
//! - When the server offers PIPELINING (RFC 2920), a copy's MAIL, RCPT and DATA go in one
//!   write, and travel with the previous copy's content: one round trip per message instead
//!   of four. Answers are still read one by one, in order, so each copy gets its own outcome.
//!   Servers without it get one command at a time.
//!
//! Plain SMTP and STARTTLS (`?tls=required|opportunistic`) go this way. Implicit TLS
//! (`smtps://`) is left to lettre's own pooled transport ([`Mailer::deliver_raw`]), which
//! opens its sockets itself.

use std::fmt::{self, Display};
use std::time::Duration;

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Ehlo, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};

use super::mime::Outgoing;
use crate::mail::{Mailer, Refusal};

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

/// The connection failed or went quiet; the message may be tried again.
fn lost() -> Refusal {
    Refusal {
        permanent: false,
        code: "no answer".into(),
    }
}

/// Text written as it is (lettre's `command` takes anything it can display).
struct Raw<'a>(&'a str);

impl Display for Raw<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// One SMTP connection of the sender's, between messages or with one message's envelope
/// accepted (the server waiting for its content).
pub struct Session {
    smtp: AsyncSmtpConnection,
    pipelining: bool,
    broken: bool,
}

impl Session {
    /// Whether the connection failed; it is closed and a new one opened.
    pub fn is_broken(&self) -> bool {
        self.broken
    }

    /// Sends `copy`'s envelope (MAIL, RCPT, DATA); `Ok` once the server waits for its content.
    pub async fn stage(&mut self, copy: &Outgoing) -> Result<(), Refusal> {
        let mail = self.mail(copy)?;
        let first = if self.pipelining {
            grouped(&mail, copy)
        } else {
            mail.to_string()
        };
        let mail = self.write(&first).await;
        self.envelope_answers(mail, copy).await
    }

    /// Sends the content of `staged` (whose envelope was accepted) and, when the server
    /// pipelines, `next`'s envelope in the same write; otherwise `next` is staged after.
    /// The outcome of `staged`, and of staging `next`.
    pub async fn deliver(
        &mut self,
        staged: &Outgoing,
        next: Option<&Outgoing>,
    ) -> (Result<(), Refusal>, Option<Result<(), Refusal>>) {
        let mut wire = String::with_capacity(staged.message.len() + 512);
        push_dot_stuffed(&mut wire, &staged.message);
        wire.push_str(".\r\n");
        let grouped = match next {
            Some(next) if self.pipelining => match self.mail(next) {
                Ok(mail) => {
                    wire.push_str(&grouped(&mail, next));
                    Some(Ok(()))
                }
                Err(refusal) => Some(Err(refusal)),
            },
            _ => None,
        };
        let delivered = self.write(&wire).await;
        let staged_next = match (next, grouped) {
            (None, _) => None,
            (Some(next), Some(Ok(()))) => {
                let mail = self.answer().await;
                Some(self.envelope_answers(mail, next).await)
            }
            (Some(_), Some(Err(refusal))) => Some(Err(refusal)),
            (Some(_), None) if self.broken => Some(Err(lost())),
            (Some(next), None) => Some(self.stage(next).await),
        };
        (delivered, staged_next)
    }

    /// Says goodbye.
    pub async fn quit(mut self) {
        if !self.broken {
            let _ = tokio::time::timeout(SEND_TIMEOUT, self.smtp.quit()).await;
        }
    }

    /// The MAIL command for `copy`, with the parameters its addresses and content need.
    fn mail(&self, copy: &Outgoing) -> Result<Mail, Refusal> {
        let info = self.smtp.server_info();
        let refused = |code: &str| Refusal {
            permanent: true,
            code: code.into(),
        };
        let mut parameters = Vec::new();
        let ascii = |address: &lettre::Address| AsRef::<str>::as_ref(address).is_ascii();
        if !ascii(&copy.to) || !ascii(&copy.from) {
            if !info.supports_feature(Extension::SmtpUtfEight) {
                return Err(refused("no SMTPUTF8"));
            }
            parameters.push(MailParameter::SmtpUtfEight);
        }
        if !copy.message.is_ascii() {
            if !info.supports_feature(Extension::EightBitMime) {
                return Err(refused("no 8BITMIME"));
            }
            parameters.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        Ok(Mail::new(Some(copy.from.clone()), parameters))
    }

    /// The answers to an envelope after MAIL's (RCPT's and DATA's); ends the transaction
    /// when part of it was refused, so the next MAIL starts clean.
    async fn envelope_answers(
        &mut self,
        mail: Result<(), Refusal>,
        copy: &Outgoing,
    ) -> Result<(), Refusal> {
        let (rcpt, data) = if self.pipelining {
            (self.answer().await, self.answer().await)
        } else {
            let rcpt = match &mail {
                Ok(()) => {
                    let rcpt = Rcpt::new(copy.to.clone(), vec![]).to_string();
                    self.write(&rcpt).await
                }
                Err(refusal) => Err(refusal.clone()),
            };
            let data = match &rcpt {
                Ok(()) => self.write(&Data.to_string()).await,
                Err(refusal) => Err(refusal.clone()),
            };
            (rcpt, data)
        };
        if self.broken {
            return Err(lost());
        }
        let refused = mail.and(rcpt);
        match (refused, data) {
            (Ok(()), Ok(())) => Ok(()),
            (Err(refusal), Ok(())) => {
                // The server asked for the content of a message it has no recipient for (RFC
                // 2920 says it should not): an empty one ends it.
                let _ = self.write(".\r\n").await;
                Err(refusal)
            }
            (refused, Err(data)) => {
                let reset = self.write("RSET\r\n").await;
                if reset.is_err() {
                    self.broken = true;
                }
                Err(refused.err().unwrap_or(data))
            }
        }
    }

    /// Writes `text` and reads the answer to its first command.
    async fn write(&mut self, text: &str) -> Result<(), Refusal> {
        if self.broken {
            return Err(lost());
        }
        let answer = tokio::time::timeout(SEND_TIMEOUT, self.smtp.command(Raw(text))).await;
        self.answered(answer)
    }

    /// Reads the next answer.
    async fn answer(&mut self) -> Result<(), Refusal> {
        if self.broken {
            return Err(lost());
        }
        let answer = tokio::time::timeout(SEND_TIMEOUT, self.smtp.read_response()).await;
        self.answered(answer)
    }

    fn answered(
        &mut self,
        answer: Result<
            Result<lettre::transport::smtp::response::Response, lettre::transport::smtp::Error>,
            tokio::time::error::Elapsed,
        >,
    ) -> Result<(), Refusal> {
        match answer {
            Ok(Ok(_)) => Ok(()),
            // A refusal has a reply code; anything else means the connection is gone.
            Ok(Err(error)) if error.status().is_some() => Err(Refusal::from(error)),
            Ok(Err(_)) | Err(_) => {
                self.broken = true;
                Err(lost())
            }
        }
    }
}

/// MAIL, RCPT and DATA for `copy`, as one group of commands (RFC 2920).
fn grouped(mail: &Mail, copy: &Outgoing) -> String {
    format!("{mail}{}{Data}", Rcpt::new(copy.to.clone(), vec![]))
}

/// Appends `message` with SMTP's transparency (RFC 5321 4.5.2): a line that starts with a
/// dot gets another, so it cannot end the message early.
fn push_dot_stuffed(wire: &mut String, message: &str) {
    for line in message.split_inclusive('\n') {
        if line.starts_with('.') {
            wire.push('.');
        }
        wire.push_str(line);
    }
    if !message.ends_with('\n') {
        wire.push_str("\r\n");
    }
}

/// What a campaign turn sends through.
pub enum Transport {
    /// Sessions of our own with the relay.
    Direct(Relay),
    /// lettre's transport: implicit TLS, or the development mail folder.
    Mailer(Mailer),
}

impl Transport {
    /// The transport for `smtp_url` (none: the mailer's folder).
    pub fn new(smtp_url: Option<&str>, mailer: &Mailer) -> Self {
        match smtp_url.and_then(Relay::parse) {
            Some(relay) => Self::Direct(relay),
            None => Self::Mailer(mailer.clone()),
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

    #[test]
    fn lines_starting_with_a_dot_are_stuffed() {
        let mut wire = String::new();
        push_dot_stuffed(&mut wire, ".hidden\r\nplain\r\n..two\r\n.\r\nend");
        assert_eq!(wire, "..hidden\r\nplain\r\n...two\r\n..\r\nend\r\n");
    }
}
