//! Server functions, by area. Each body reads its context ([`crate::context`]), calls one
//! plain function of the `services` crate and returns its result; the logic lives (and is
//! tested) there.

pub mod accounts;
pub mod admin;
pub mod campaigns;
pub mod door;
pub mod events;
pub mod feed;
pub mod feed_pages;
pub mod manage_events;
pub mod organizations;
pub mod program;
pub mod questions;
pub mod tickets;
pub mod waitlist;
