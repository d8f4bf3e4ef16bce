//! The state shared by every request handler and server function.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use super::campaigns::links::LinkSigner;
use super::feed::live::FeedHub;
use super::mail::Mailer;
use super::{Config, Db};

/// Cloned into each request; everything inside is reference-counted.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    /// Where the compiled bundle lives and what it is called.
    pub leptos_options: LeptosOptions,
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
}
