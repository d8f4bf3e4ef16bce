//! Registration with tickets: the organizer's ticket types, what an event offers, placing an
//! order without ever overselling, the waitlists of sold-out types, and the signed codes
//! tickets carry.

pub mod answer_sheet;
pub mod claims;
pub mod codes;
pub mod console;
pub mod dashboard;
pub mod held;
pub mod letters;
pub mod mails;
pub mod offer;
pub mod ordering;
pub mod orders;
pub mod qr;
pub mod questions;
pub mod resend;
pub mod roster;
pub mod settle;
pub mod transfer;
pub mod types;
pub mod waitlist;
pub mod worker;

pub use codes::TicketSigner;
