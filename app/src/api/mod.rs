//! Server functions, by area. Each body reads its context, calls one plain `server::`
//! function and returns its result; the logic lives (and is tested) there.

pub mod accounts;
pub mod admin;
pub mod campaigns;
pub mod events;
pub mod feed;
pub mod manage_events;
pub mod organizations;
pub mod program;
