//! Outgoing mail: through an SMTP server when `CONVENE_SMTP_URL` is set, otherwise into
//! `data/mail/` as `.eml` files a newcomer can open, so nothing needs setting up to try
//! sign-up on a laptop.

use std::path::PathBuf;

use anyhow::Context as _;
use lettre::message::Mailbox;
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport as _, Message, Tokio1Executor,
};

use super::Config;

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

/// Sends the messages Convene writes.
#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.transport {
            Transport::Smtp(_) => f.write_str("Mailer(smtp)"),
            Transport::Files(_, dir) => write!(f, "Mailer(files in {})", dir.display()),
        }
    }
}

/// A message could not be sent; the cause was logged where it happened.
#[derive(Debug, thiserror::Error)]
#[error("the message could not be sent")]
pub struct NotSent;

/// Why the SMTP server did not take a campaign message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// A 5xx reply: retrying will not help.
    pub permanent: bool,
    /// The reply code, or what failed (no address is ever in it).
    pub code: String,
}

impl From<lettre::transport::smtp::Error> for Refusal {
    fn from(error: lettre::transport::smtp::Error) -> Self {
        Self {
            permanent: error.is_permanent(),
            // The reply's text may quote the address: only its code is kept.
            code: error
                .status()
                .map(|c| c.to_string())
                .unwrap_or_else(|| "no answer".into()),
        }
    }
}

/// A message to one person.
pub struct Letter {
    /// The recipient's address.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub body: String,
}

impl Mailer {
    /// The transport the configuration asks for. The mail directory is created here, so a
    /// path that cannot be written stops start-up rather than the first sign-up.
    pub fn new(config: &Config) -> anyhow::Result<Self> {
        let transport = match &config.smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(&url.0)
                    .context("CONVENE_SMTP_URL cannot be used")?
                    .build(),
            ),
            None => {
                let dir = config.data_dir.join("mail");
                std::fs::create_dir_all(&dir).with_context(|| {
                    format!("cannot create the mail directory {}", dir.display())
                })?;
                Transport::Files(AsyncFileTransport::new(&dir), dir)
            }
        };
        Ok(Self {
            transport,
            from: config.mail_from.clone(),
        })
    }

    /// The sender of a campaign: the organization's chosen name, the platform's address.
    pub fn campaign_sender(&self, name: &str) -> Mailbox {
        Mailbox::new(Some(name.to_owned()), self.from.email.clone())
    }

    /// Hands a campaign message to the transport. Nothing is logged here: the sender records
    /// each outcome, and a campaign may refuse thousands of messages.
    pub async fn deliver(&self, message: Message) -> Result<(), Refusal> {
        self.deliver_raw(message.envelope(), &message.formatted())
            .await
    }

    /// [`Mailer::deliver`] for a message already formatted.
    pub async fn deliver_raw(
        &self,
        envelope: &lettre::address::Envelope,
        message: &[u8],
    ) -> Result<(), Refusal> {
        match &self.transport {
            Transport::Smtp(smtp) => smtp
                .send_raw(envelope, message)
                .await
                .map(drop)
                .map_err(Refusal::from),
            Transport::Files(files, _) => files.send_raw(envelope, message).await.map(drop).map_err(|e| {
                tracing::error!(error = %e, "cannot write a mail message to the mail directory");
                Refusal {
                    permanent: false,
                    code: "mail directory".into(),
                }
            }),
        }
    }

    /// Sends `letter`. Failures are logged here, without the address, and reported as
    /// `Err` so the caller can tell the person.
    pub async fn send(&self, letter: Letter) -> Result<(), NotSent> {
        let to: Mailbox = letter.to.parse().map_err(|_| {
            tracing::warn!("not sending mail to an address lettre cannot parse");
            NotSent
        })?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(letter.subject)
            .body(letter.body)
            .map_err(|e| {
                tracing::error!(error = %e, "cannot build a mail message");
                NotSent
            })?;
        let sent = match &self.transport {
            Transport::Smtp(smtp) => smtp.send(message).await.map(drop).map_err(|e| {
                // The server's reply may quote the address, so only its code is logged.
                let code = e.status().map(|c| c.to_string()).unwrap_or_default();
                let kind = if e.is_permanent() {
                    "permanent"
                } else if e.is_transient() {
                    "transient"
                } else {
                    "connection"
                };
                tracing::error!(kind, code, "the SMTP server did not accept a message");
                NotSent
            }),
            Transport::Files(files, _) => files.send(message).await.map(drop).map_err(|e| {
                tracing::error!(error = %e, "cannot write a mail message to the mail directory");
                NotSent
            }),
        };
        if sent.is_ok() {
            tracing::info!("mail sent");
        }
        sent
    }
}
