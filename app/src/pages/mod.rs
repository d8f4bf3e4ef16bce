//! One module per route.

// The account page, workspace and console are rendered by the server only (`console_shell`).
#[cfg(feature = "ssr")]
pub mod account;
#[cfg(feature = "ssr")]
pub mod admin;
#[cfg(feature = "ssr")]
pub mod agenda_grid;
pub mod auth;
#[cfg(feature = "ssr")]
pub mod discover;
#[cfg(feature = "hydrate")]
pub mod feed_live;
#[cfg(feature = "ssr")]
pub mod feed_views;
pub mod home;
#[cfg(feature = "ssr")]
pub mod manage;
#[cfg(feature = "ssr")]
pub mod manage_agenda;
#[cfg(feature = "ssr")]
pub mod manage_campaigns;
#[cfg(feature = "ssr")]
pub mod manage_contacts;
#[cfg(feature = "ssr")]
pub mod manage_events;
#[cfg(feature = "ssr")]
pub mod manage_imports;
#[cfg(feature = "ssr")]
pub mod manage_mail_content;
#[cfg(feature = "ssr")]
pub mod manage_speakers;
pub mod not_found;
#[cfg(feature = "ssr")]
pub mod program_views;
pub mod schedule;
