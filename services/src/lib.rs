//! Convene's server logic: configuration, the database, accounts, policy, the organizer's
//! services, the feed, campaigns, imports, background jobs and demo data, all working on
//! [`Services`]. No Leptos here: the server functions and pages (crate `app`) and the HTTP
//! handlers (crate `server`) call these functions and hand them who is asking ([`Actor`],
//! [`Client`]) and, where cookies are read or set, the HTTP [`Exchange`]. Only the server
//! links this crate; the browser bundle cannot reach it.
//!
//! [`Actor`]: accounts::session::Actor
//! [`Client`]: accounts::session::Client
//! [`Exchange`]: accounts::exchange::Exchange

pub mod accounts;
pub mod admin;
pub mod agenda;
pub mod calendar;
pub mod campaigns;
pub mod client_address;
pub mod config;
pub mod db;
pub mod door;
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
pub mod seed_progress;
pub mod seed_tickets;
pub mod state;
pub mod throttle;
pub mod tickets;
pub mod time;
pub mod workspace;

pub use config::{Config, ConfigError};
pub use db::Db;
pub use state::Services;
