//! One module per route.

pub mod event;
pub mod home;
pub mod not_found;
