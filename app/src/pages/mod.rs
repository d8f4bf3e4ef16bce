//! One module per route.

pub mod account;
pub mod auth;
pub mod event;
pub mod home;
pub mod not_found;
