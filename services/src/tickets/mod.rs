//! Registration with tickets: the organizer's ticket types, what an event offers, placing an
//! order without ever overselling, and the signed codes tickets carry.

pub mod codes;
pub mod offer;
pub mod ordering;
pub mod orders;
pub mod types;

pub use codes::TicketSigner;
