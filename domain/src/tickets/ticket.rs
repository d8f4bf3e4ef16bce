//! A ticket's page: what its holder shows at the door, printable, with its QR code.

use serde::{Deserialize, Serialize};

/// A QR code drawn as one SVG path: `path` fills the dark modules of a square `size`
/// modules wide, quiet zone included (a `viewBox` of `0 0 size size`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrDrawing {
    /// Modules per side, with the quiet zone.
    pub size: u32,
    /// SVG path data: one `M x y h1 v1 h-1 z` square per run of dark modules.
    pub path: String,
}

/// Whether a ticket lets its holder in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketState {
    /// Valid: its order is paid (or free).
    Valid,
    /// Its order waits for a payment (at the door, or a transfer not yet received).
    Unpaid,
    /// Cancelled, or its order expired.
    Void,
}

/// The ticket's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketView {
    /// The ticket's code, as printed under the QR code.
    pub code: String,
    /// The attendee's name.
    pub attendee: String,
    /// The ticket type's name.
    pub ticket_type: String,
    /// The event's title.
    pub event_title: String,
    /// The event's URL name.
    pub event_slug: String,
    /// When, in the event's zone.
    pub event_dates: String,
    /// The venue, if any.
    pub venue: Option<String>,
    /// The order's reference.
    pub order_code: String,
    /// Whether it lets its holder in.
    pub state: TicketState,
    /// The QR code door staff scan.
    pub qr: QrDrawing,
    /// Whether whoever holds it may still pass it on to another attendee.
    pub transferable: bool,
    /// The questions asked of it with its answers; none when nothing is asked.
    pub answers: Option<super::answer_sheet::AnswerSheet>,
}
