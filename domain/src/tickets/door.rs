//! Check-in at the door: the ticket list a device keeps, and what a scan answers. The
//! server and the offline check-in app judge a scan with the same [`judge`].

use serde::{Deserialize, Serialize};

use super::TicketState;
use super::pass::Pass;
use crate::EventId;

/// Which way through the door.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Checking in.
    In,
    /// Checking out, to come back later.
    Out,
}

/// The entry in force of a ticket that is inside.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// When (Unix seconds), as the scanning device saw it.
    #[serde(rename = "a")]
    pub at: i64,
    /// The device's name.
    #[serde(rename = "b")]
    pub by: String,
}

/// One ticket as the door list has it; one-letter field names keep the list of 10,000
/// tickets small.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorTicket {
    /// The ticket's code.
    #[serde(rename = "c")]
    pub code: String,
    /// The attendee's name.
    #[serde(rename = "n")]
    pub name: String,
    /// Its type: an index into [`DoorList::ticket_types`].
    #[serde(rename = "t")]
    pub ticket_type: usize,
    /// Whether it lets its holder in.
    #[serde(rename = "s")]
    pub state: TicketState,
    /// Inside now, since when and through which device.
    #[serde(rename = "i", default, skip_serializing_if = "Option::is_none")]
    pub inside: Option<Entry>,
    /// The organizer's note for the door on its order, empty for none.
    #[serde(rename = "o", default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// What a check-in device downloads: every ticket of the event, only what the door needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorList {
    /// The event.
    pub event: EventId,
    /// The event's pass key (base32), to check QR codes without the network.
    pub key: String,
    /// The names of the event's ticket types.
    pub ticket_types: Vec<String>,
    /// The tickets.
    pub tickets: Vec<DoorTicket>,
}

/// What a scanned or typed text is, before the ticket is looked up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    /// A ticket code from a pass with a right signature.
    Code(String),
    /// Typed text shaped like a ticket code (16 of A–Z and 2–7, ignoring case, spaces and
    /// dashes). A name of sixteen letters ("Margaret Hamilton") reads the same, so a lookup
    /// that finds no such code searches names.
    Typed(String),
    /// A pass of another event.
    WrongEvent(EventId),
    /// A pass whose signature is wrong.
    Forged,
    /// Not a code at all: a name to search, perhaps.
    Text,
}

/// Reads `text` at the door of `event`, whose pass key is `key`.
pub fn read(text: &str, event: EventId, key: &[u8]) -> Reading {
    if let Some(pass) = Pass::read(text) {
        return if pass.event != event {
            Reading::WrongEvent(pass.event)
        } else if pass.signed_with(key) {
            Reading::Code(pass.code.to_owned())
        } else {
            Reading::Forged
        };
    }
    let typed: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    let is_code = typed.len() == 16
        && typed
            .bytes()
            .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b));
    if is_code {
        Reading::Typed(typed)
    } else {
        Reading::Text
    }
}

/// What the door says of a scan: large, coloured and worded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum ScanAnswer {
    /// Let in, with the organizer's note for the door (empty for none).
    Admitted {
        name: String,
        ticket_type: String,
        #[serde(default)]
        note: String,
    },
    /// Checked out, to come back later.
    Left { name: String, ticket_type: String },
    /// Already inside: the first entry stands.
    AlreadyInside {
        name: String,
        ticket_type: String,
        entry: Entry,
        #[serde(default)]
        note: String,
    },
    /// Checked out while not inside: nothing changes.
    NotInside { name: String, ticket_type: String },
    /// Its order is not paid yet.
    Unpaid { name: String, ticket_type: String },
    /// Cancelled, or its order expired.
    Cancelled { name: String, ticket_type: String },
    /// A ticket of another event.
    WrongEvent,
    /// A QR code with a wrong signature.
    Forged,
    /// No ticket of this event has this code.
    Unknown,
}

/// How a result is shown: green, amber or red.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Let them pass.
    Go,
    /// Look again: nothing changed, but it may be fine.
    Check,
    /// Do not let them in.
    Stop,
}

impl ScanAnswer {
    /// The headline door staff read from a distance.
    pub fn headline(&self) -> &'static str {
        match self {
            Self::Admitted { .. } => "Valid: let in",
            Self::Left { .. } => "Checked out",
            Self::AlreadyInside { .. } => "Already checked in",
            Self::NotInside { .. } => "Not checked in",
            Self::Unpaid { .. } => "Not paid",
            Self::Cancelled { .. } => "Cancelled",
            Self::WrongEvent => "Another event's ticket",
            Self::Forged => "Forged or altered code",
            Self::Unknown => "No such ticket",
        }
    }

    /// Its colour.
    pub fn tone(&self) -> Tone {
        match self {
            Self::Admitted { .. } | Self::Left { .. } => Tone::Go,
            Self::NotInside { .. } => Tone::Check,
            _ => Tone::Stop,
        }
    }

    /// Whose ticket it is, when it is one of this event's.
    pub fn holder(&self) -> Option<(&str, &str)> {
        match self {
            Self::Admitted {
                name, ticket_type, ..
            }
            | Self::Left { name, ticket_type }
            | Self::AlreadyInside {
                name, ticket_type, ..
            }
            | Self::NotInside { name, ticket_type }
            | Self::Unpaid { name, ticket_type }
            | Self::Cancelled { name, ticket_type } => Some((name, ticket_type)),
            Self::WrongEvent | Self::Forged | Self::Unknown => None,
        }
    }

    /// The organizer's note for the door, on the answers that let someone in or say they
    /// are in already (the moments door staff act on it).
    pub fn note(&self) -> Option<&str> {
        match self {
            Self::Admitted { note, .. } | Self::AlreadyInside { note, .. } => {
                Some(note.as_str()).filter(|n| !n.is_empty())
            }
            _ => None,
        }
    }
}

/// Judges a scan of `ticket` (of type `type_name`) going `direction`.
pub fn judge(ticket: &DoorTicket, type_name: &str, direction: Direction) -> ScanAnswer {
    let (name, ticket_type, note) = (
        ticket.name.clone(),
        type_name.to_owned(),
        ticket.note.clone(),
    );
    match (ticket.state, direction, &ticket.inside) {
        (TicketState::Void, ..) => ScanAnswer::Cancelled { name, ticket_type },
        (TicketState::Unpaid, ..) => ScanAnswer::Unpaid { name, ticket_type },
        (TicketState::Valid, Direction::In, None) => ScanAnswer::Admitted {
            name,
            ticket_type,
            note,
        },
        (TicketState::Valid, Direction::In, Some(entry)) => ScanAnswer::AlreadyInside {
            name,
            ticket_type,
            entry: entry.clone(),
            note,
        },
        (TicketState::Valid, Direction::Out, Some(_)) => ScanAnswer::Left { name, ticket_type },
        (TicketState::Valid, Direction::Out, None) => ScanAnswer::NotInside { name, ticket_type },
    }
}

/// A change a device made at the door, queued until the server has it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum DoorAction {
    /// A scan that let someone in or out.
    Scan {
        /// The device's id for the scan: sending it twice records it once.
        scan_id: String,
        /// The ticket's code.
        code: String,
        /// Which way.
        direction: Direction,
        /// When, on the device's clock (Unix seconds).
        at: i64,
    },
    /// Takes back the scan `scan_id` of the same device.
    Undo { scan_id: String },
}

/// What the server made of one [`DoorAction::Scan`]: the answer it would have given. A scan
/// a device admitted that the server answers [`ScanAnswer::AlreadyInside`] was a double
/// entry (the same ticket let in by another device while offline).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synced {
    /// The scan.
    pub scan_id: String,
    /// The server's answer.
    pub answer: ScanAnswer,
}

/// Counters of the door, for the app and the console.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorCounts {
    /// Tickets that let their holder in.
    pub valid: i64,
    /// Of them, inside now.
    pub inside: i64,
    /// Double entries reported.
    pub double_entries: i64,
}

#[cfg(test)]
mod tests {
    use super::super::pass;
    use super::*;

    fn ticket(state: TicketState, inside: bool) -> DoorTicket {
        DoorTicket {
            code: "ABCDEFGHIJKLMNOP".into(),
            name: "Ada".into(),
            ticket_type: 0,
            state,
            inside: inside.then(|| Entry {
                at: 10,
                by: "Door 1".into(),
            }),
            note: "Speaker: badge at the desk".into(),
        }
    }

    #[test]
    fn a_scan_reads_passes_typed_codes_and_names() {
        let key = pass::event_key(b"k", EventId(3));
        let good = pass::payload(&key, EventId(3), "ABCDEFGHIJKLMNOP");
        assert_eq!(
            read(&good, EventId(3), &key),
            Reading::Code("ABCDEFGHIJKLMNOP".into())
        );
        let other_key = pass::event_key(b"k", EventId(4));
        let other = pass::payload(&other_key, EventId(4), "ABCDEFGHIJKLMNOP");
        assert_eq!(
            read(&other, EventId(3), &key),
            Reading::WrongEvent(EventId(4))
        );
        let moved = other.replace("-4", "-3");
        assert_eq!(read(&moved, EventId(3), &key), Reading::Forged);
        assert_eq!(
            read(" abcd efgh ijkl mnop ", EventId(3), &key),
            Reading::Typed("ABCDEFGHIJKLMNOP".into())
        );
        assert_eq!(read("Ada Lovelace", EventId(3), &key), Reading::Text);
        assert_eq!(read("ABCDEFGHIJKLMNO1", EventId(3), &key), Reading::Text);
    }

    #[test]
    fn only_a_valid_ticket_outside_goes_in_and_only_one_inside_goes_out() {
        use Direction::*;
        use TicketState::*;
        let answer = |state, inside, direction| judge(&ticket(state, inside), "Day", direction);
        assert_eq!(answer(Valid, false, In).headline(), "Valid: let in");
        assert_eq!(answer(Valid, true, In).headline(), "Already checked in");
        assert_eq!(answer(Valid, true, Out).headline(), "Checked out");
        assert_eq!(answer(Valid, false, Out).tone(), Tone::Check);
        assert_eq!(answer(Unpaid, false, In).tone(), Tone::Stop);
        assert_eq!(answer(Void, true, In).headline(), "Cancelled");
        assert_eq!(
            answer(Valid, true, In),
            ScanAnswer::AlreadyInside {
                name: "Ada".into(),
                ticket_type: "Day".into(),
                entry: Entry {
                    at: 10,
                    by: "Door 1".into()
                },
                note: "Speaker: badge at the desk".into(),
            }
        );
        // Door staff read the note when they let someone in or find them in already.
        assert_eq!(
            answer(Valid, false, In).note(),
            Some("Speaker: badge at the desk")
        );
        assert_eq!(answer(Valid, true, Out).note(), None);
        assert_eq!(answer(Unpaid, false, In).note(), None);
    }

    #[test]
    fn a_list_without_notes_reads_as_before_and_a_note_travels_in_one_letter() {
        let mut bare = ticket(TicketState::Valid, false);
        bare.note.clear();
        let json = serde_json::to_string(&bare).expect("json");
        assert!(!json.contains("\"o\""), "{json}");
        let noted = serde_json::to_string(&ticket(TicketState::Valid, false)).expect("json");
        assert!(
            noted.contains("\"o\":\"Speaker: badge at the desk\""),
            "{noted}"
        );
        let back: DoorTicket = serde_json::from_str(&json).expect("read back");
        assert_eq!(back, bare);
    }
}
