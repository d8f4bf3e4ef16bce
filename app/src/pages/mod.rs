//! One module per route.

pub mod account;
pub mod admin;
pub mod auth;
pub mod event;
pub mod home;
pub mod manage;
pub mod not_found;
