//! What every service works with: the database, the configuration, the mailer and the
//! shared in-process parts. The web layers hand it to the services: the server's handlers
//! as part of their router's state, the server functions from the Leptos context.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use super::campaigns::links::LinkSigner;
use super::feed::live::FeedHub;
use super::mail::Mailer;
use super::tickets::TicketSigner;
use super::{Config, Db};

/// Cloned into each request; everything inside is reference-counted.
#[derive(Clone, Debug)]
pub struct Services {
    /// The database pool.
    pub db: Db,
    /// The validated configuration.
    pub config: Arc<Config>,
    /// Sends mail.
    pub mailer: Mailer,
    /// Password verifications since start-up: a login must cost exactly one.
    pub password_verifications: Arc<AtomicU64>,
    /// The readers of live feeds connected to this instance.
    pub feed_hub: Arc<FeedHub>,
    /// Signs and checks the tracking and unsubscribe links of campaign messages.
    pub mail_links: Arc<LinkSigner>,
    /// Signs and checks ticket codes and the links to orders.
    pub ticket_codes: Arc<TicketSigner>,
    /// Wakes the sender of mails about orders when one is queued.
    pub ticket_mail_due: Arc<tokio::sync::Notify>,
}
