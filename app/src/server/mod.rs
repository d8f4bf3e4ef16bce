//! Server-only code: configuration, application state, the database and demo data. Compiled
//! only with the `ssr` feature, so none of it (nor its dependencies) reaches the browser.

pub mod accounts;
pub mod admin;
pub mod agenda;
pub mod assets;
pub mod calendar;
pub mod campaigns;
pub mod client_address;
pub mod config;
pub mod db;
pub mod feed;
pub mod heavy_work;
pub mod invitations;
pub mod mail;
pub mod markdown;
pub mod media;
pub mod organizer;
pub mod policy;
pub mod program;
pub mod public_events;
pub mod search;
pub mod seed;
pub mod seed_agenda;
pub mod seed_campaigns;
pub mod seed_feed;
pub mod state;
pub mod throttle;
pub mod time;
pub mod workspace;

pub use config::{Config, ConfigError};
pub use db::Db;
pub use state::AppState;

use crate::error::AppError;

/// The application state provided to every server function and page render.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        AppError::internal(
            "application state missing from context",
            anyhow::anyhow!("no AppState"),
        )
    })
}
