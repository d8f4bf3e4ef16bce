//! The `convene` binary's parts, as a library so the integration tests can start the real
//! application on a free port.

pub mod cli;
pub mod content_policy;
pub mod csrf;
pub mod exports;
pub mod feed;
pub mod form_errors;
pub mod health;
pub mod http;
pub mod mail_links;
pub mod page_cache;
pub mod public_files;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod uploads;
