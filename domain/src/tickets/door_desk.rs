//! The check-in page: what it shows before and after a lookup at the door.

use serde::{Deserialize, Serialize};

use super::door::{DoorCounts, ScanAnswer};

/// The check-in page of an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorDesk {
    /// The event.
    pub event_id: crate::EventId,
    /// The event's zone, for the times the server writes.
    pub time_zone: String,
    /// The organization's name.
    pub organization_name: String,
    /// The event's title.
    pub event_title: String,
    /// When, in the event's zone.
    pub event_dates: String,
    /// The name a new device of this person gets ("Ada's phone" style).
    pub device: String,
    /// The door's counters.
    pub counts: DoorCounts,
    /// Whether the event has ticket types at all.
    pub sells_tickets: bool,
}

/// A ticket a lookup found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorFound {
    /// Its code.
    pub code: String,
    /// What checking it in would answer.
    pub answer: ScanAnswer,
    /// Whether it is inside now (then it can be checked out).
    pub inside: bool,
}

/// What a lookup at the door found: a refusal (a forged or unknown code), or tickets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorLookup {
    /// Why nothing was found, for a code.
    pub refusal: Option<ScanAnswer>,
    /// The tickets found: one for a code, those whose name matches for a name.
    pub found: Vec<DoorFound>,
}

/// A scan recorded from the page without JavaScript, shown after it with an undo button.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorRecorded {
    /// The scan, to undo it.
    pub scan_id: String,
    /// What it did.
    pub answer: ScanAnswer,
    /// Whether it was undone.
    pub undone: bool,
}

/// A person on an event's door staff, as organizers see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorStaffMember {
    /// Their account.
    pub user_id: crate::UserId,
    /// Their name.
    pub name: String,
    /// Their address.
    pub email: String,
}
