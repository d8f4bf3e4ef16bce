//! One turn's sending: a reader fills a queue with due recipients a batch ahead, and one lane
//! per SMTP connection takes them from it, builds each copy and sends it. Lanes run in the
//! turn's own task (no thread hand-offs per message); outcomes go to the recorder
//! ([`super::sender`]).

use std::sync::atomic::{AtomicBool, Ordering};

use lettre::message::Mailbox;
use tokio::sync::mpsc;

use domain::ContactId;
use domain::error::AppError;

use super::links::LinkKind;
use super::message::{Compiled, Personal};
use super::mime::{self, Mime, Outgoing};
use super::sender::BATCH;
use super::smtp::{Relay, Session, Transport};
use crate::Services;
use crate::db;
use crate::db::campaigns::{self, CampaignRecord, Outcome, Recipient};
use crate::mail::Refusal;

/// Attempts before a transiently refused message counts as failed.
const MAX_ATTEMPTS: i64 = 5;

pub(super) type Limiter = governor::DefaultDirectRateLimiter;

pub(super) fn throttle(per_second: i64) -> Option<Limiter> {
    let rate = std::num::NonZeroU32::new(u32::try_from(per_second).ok()?)?;
    Some(governor::RateLimiter::direct(governor::Quota::per_second(
        rate,
    )))
}

/// One turn of sending a campaign.
pub(super) struct Job<'a> {
    pub state: &'a Services,
    pub campaign: &'a CampaignRecord,
    /// The message, rendered for the campaign.
    pub compiled: &'a Compiled,
    /// What every copy shares, encoded.
    pub mime: Mime,
    /// The campaign's rate, if it has one.
    pub limiter: Option<Limiter>,
    /// Raised to stop taking recipients (paused, cancelled, shutting down, lease lost).
    pub halt: &'a AtomicBool,
    /// Raised when a lane could not open a session with the relay.
    pub unreachable: AtomicBool,
    pub transport: Transport,
}

/// A recipient and their copy.
struct Prepared {
    recipient: Recipient,
    copy: Outgoing,
}

type Results = mpsc::Sender<(ContactId, Outcome)>;

impl Job<'_> {
    /// Reads recipients a batch ahead while `campaign_connections` lanes send them, each
    /// over its own connection.
    pub async fn send_all(&self, results: &Results) -> Result<(), AppError> {
        let (queue, taken) = flume::bounded(BATCH as usize);
        let lanes = (0..self.state.config.campaign_connections.max(1))
            .map(|_| self.lane(taken.clone(), results))
            .collect::<Vec<_>>();
        // Once every lane has stopped, the reader's next send fails and it stops too.
        drop(taken);
        let (read, sent) = futures::join!(
            self.read_recipients(queue),
            futures::future::join_all(lanes)
        );
        sent.into_iter().collect::<Result<(), AppError>>()?;
        read
    }

    async fn read_recipients(&self, queue: flume::Sender<Recipient>) -> Result<(), AppError> {
        let mut after = ContactId(0);
        while !self.halt.load(Ordering::Relaxed) {
            let batch = campaigns::due_recipients(
                &self.state.db,
                self.campaign.id,
                after,
                db::now(),
                BATCH,
            )
            .await
            .map_err(AppError::db("cannot read a campaign's recipients"))?;
            let Some(last) = batch.last() else { break };
            after = last.contact_id;
            for recipient in batch {
                if queue.send_async(recipient).await.is_err() {
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    /// Sends recipients from `queue` until it is empty or the turn halts.
    async fn lane(
        &self,
        queue: flume::Receiver<Recipient>,
        results: &Results,
    ) -> Result<(), AppError> {
        match &self.transport {
            Transport::Direct(relay) => self.relay_lane(relay, queue, results).await,
            Transport::Mailer(mailer) => {
                while let Some(next) = self.next(&queue, true, results).await? {
                    let sent = mailer
                        .deliver_raw(&next.copy.envelope(), next.copy.message.as_bytes())
                        .await;
                    self.report(results, &next.recipient, sent).await?;
                }
                Ok(())
            }
        }
    }

    /// A lane over one session with the relay, opened again when it breaks.
    async fn relay_lane(
        &self,
        relay: &Relay,
        queue: flume::Receiver<Recipient>,
        results: &Results,
    ) -> Result<(), AppError> {
        let mut session: Option<Session> = None;
        // A copy whose envelope the server accepted: its content goes with the next
        // envelope, or alone when no recipient is ready.
        let mut staged: Option<Prepared> = None;
        loop {
            let next = self.next(&queue, staged.is_none(), results).await?;
            if let Some(current) = staged.take() {
                let open = session.as_mut().expect("a staged copy's session is open");
                let (sent, next_staged) = open
                    .deliver(&current.copy, next.as_ref().map(|n| &n.copy))
                    .await;
                self.report(results, &current.recipient, sent).await?;
                if let (Some(next), Some(staging)) = (next, next_staged) {
                    match staging {
                        Ok(()) => staged = Some(next),
                        Err(refusal) => self.report(results, &next.recipient, Err(refusal)).await?,
                    }
                }
            } else {
                let Some(next) = next else { break };
                if session.as_ref().is_none_or(Session::is_broken) {
                    match relay.connect().await {
                        Ok(open) => session = Some(open),
                        Err(refusal) => {
                            // Not this recipient's doing: they stay pending with no attempt
                            // counted, and this lane stops (the relay may also be refusing
                            // more connections than it allows; the others go on).
                            tracing::warn!(code = %refusal.code, "cannot open a session with the SMTP relay");
                            self.unreachable.store(true, Ordering::Relaxed);
                            break;
                        }
                    }
                }
                let open = session.as_mut().expect("a session was just opened");
                match open.stage(&next.copy).await {
                    Ok(()) => staged = Some(next),
                    Err(refusal) => self.report(results, &next.recipient, Err(refusal)).await?,
                }
            }
            // A broken session has nothing staged: its copies were reported as not sent.
            if session.as_ref().is_some_and(Session::is_broken) {
                session = None;
            }
        }
        if let Some(open) = session {
            open.quit().await;
        }
        Ok(())
    }

    /// The next recipient to send to, with their copy; waits for one when `wait`, otherwise
    /// only takes one that is ready (a staged copy should not wait for the database or the
    /// throttle). Recipients who cannot be mailed are reported on the way.
    async fn next(
        &self,
        queue: &flume::Receiver<Recipient>,
        wait: bool,
        results: &Results,
    ) -> Result<Option<Prepared>, AppError> {
        loop {
            if self.halt.load(Ordering::Relaxed) {
                return Ok(None);
            }
            if let Some(limiter) = &self.limiter {
                if wait {
                    limiter.until_ready().await;
                } else if limiter.check().is_err() {
                    return Ok(None);
                }
            }
            let recipient = if wait {
                queue.recv_async().await.ok()
            } else {
                queue.try_recv().ok()
            };
            // Waiting for the throttle or the reader may take a while: a halt meanwhile
            // leaves this recipient pending for the next turn.
            let Some(recipient) = recipient.filter(|_| !self.halt.load(Ordering::Relaxed)) else {
                return Ok(None);
            };
            let outcome = if recipient.mailable == 0 {
                Outcome::Skipped
            } else {
                match self.copy(&recipient) {
                    Some(copy) => return Ok(Some(Prepared { recipient, copy })),
                    None => Outcome::Failed("invalid address".into()),
                }
            };
            tell(results, &recipient, outcome).await?;
        }
    }

    /// Records what became of one recipient's copy.
    async fn report(
        &self,
        results: &Results,
        recipient: &Recipient,
        sent: Result<(), Refusal>,
    ) -> Result<(), AppError> {
        let outcome = match sent {
            Ok(()) => Outcome::Sent,
            Err(refusal) if refusal.permanent || recipient.attempts + 1 >= MAX_ATTEMPTS => {
                Outcome::Failed(refusal.code)
            }
            Err(refusal) => {
                let wait = self.state.config.campaign_retry.as_secs() as i64
                    * (1 << recipient.attempts.clamp(0, 10));
                Outcome::Retry {
                    at: db::now() + wait,
                    code: refusal.code,
                }
            }
        };
        tell(results, recipient, outcome).await
    }

    /// `recipient`'s copy; `None` when their address cannot be used.
    fn copy(&self, recipient: &Recipient) -> Option<Outgoing> {
        let links = &self.state.mail_links;
        let (campaign, contact) = (self.campaign.id, recipient.contact_id);
        let unsubscribe = links.url(LinkKind::Unsubscribe, campaign, contact);
        let open = links.url(LinkKind::Open, campaign, contact);
        let link_url = |n: usize| links.url(LinkKind::Click(n as i64), campaign, contact);
        let (text, html) = self.compiled.personalize(&Personal {
            name: &recipient.name,
            unsubscribe_url: &unsubscribe,
            open_url: Some(&open),
            link_url: Some(&link_url),
        });
        let name = Some(recipient.name.trim().to_owned()).filter(|n| !n.is_empty());
        Some(self.mime.copy(mime::Personal {
            to: Mailbox::new(name, recipient.email.parse().ok()?),
            contact,
            unsubscribe: &unsubscribe,
            text,
            html,
        }))
    }
}

/// Hands one recipient's outcome to the recorder; it is gone only if the turn failed.
async fn tell(results: &Results, recipient: &Recipient, outcome: Outcome) -> Result<(), AppError> {
    results
        .send((recipient.contact_id, outcome))
        .await
        .map_err(|_| AppError::Unavailable)
}
