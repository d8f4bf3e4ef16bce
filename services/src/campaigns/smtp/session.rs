//! One open SMTP session of the sender's: what is written for each message, pipelined when
//! the server allows it, and how each answer becomes that message's outcome.

use std::fmt::{self, Display};

use lettre::transport::smtp::client::AsyncSmtpConnection;
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{Extension, MailBodyParameter, MailParameter};

use crate::campaigns::mime::Outgoing;
use crate::mail::Refusal;

use super::{SEND_TIMEOUT, lost};

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
    pub(super) smtp: AsyncSmtpConnection,
    pub(super) pipelining: bool,
    pub(super) broken: bool,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_starting_with_a_dot_are_stuffed() {
        let mut wire = String::new();
        push_dot_stuffed(&mut wire, ".hidden\r\nplain\r\n..two\r\n.\r\nend");
        assert_eq!(wire, "..hidden\r\nplain\r\n...two\r\n..\r\nend\r\n");
    }
}
