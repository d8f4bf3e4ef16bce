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

mod relay;
mod session;

pub use relay::Relay;
pub use session::Session;

use std::time::Duration;

use crate::mail::{Mailer, Refusal};

/// Longest wait for a connection, and for the server's answer to one message.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
const SEND_TIMEOUT: Duration = Duration::from_secs(60);

/// The connection failed or went quiet; the message may be tried again.
fn lost() -> Refusal {
    Refusal {
        permanent: false,
        code: "no answer".into(),
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
