//! The organizer's view of an event's orders.

use serde::{Deserialize, Serialize};

use super::{OrderStatus, PaymentMethod};

/// One order in the organizer's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    /// Its reference.
    pub code: String,
    /// Who ordered.
    pub buyer_name: String,
    /// Their address.
    pub buyer_email: String,
    /// Where it stands.
    pub status: OrderStatus,
    /// How it is paid.
    pub payment: PaymentMethod,
    /// "50.00 EUR" or "Free".
    pub total_label: String,
    /// How many tickets it holds.
    pub tickets: i64,
    /// When it was placed, in the event's zone.
    pub placed: String,
    /// What door staff are told when its tickets are scanned; empty for none.
    pub door_note: String,
    /// What the organizer owes back since it was cancelled paid ("25.00 EUR"), while owed.
    pub refund_due: Option<String>,
    /// The refund made, once recorded: "25.00 EUR on 8 Dec 2026, 10:00 CET".
    pub refunded: Option<String>,
}

/// A note for door staff on an order ("wheelchair user", "speaker: badge at the desk"),
/// shown with the answer when its tickets are scanned: one line, or nothing to clear it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DoorNote(String);

impl DoorNote {
    /// The longest note, in characters: it must fit the door's answer on a phone.
    pub const MAX_LEN: usize = 140;

    /// Trims and checks `raw`; blank clears the note. The message to show next to the field
    /// if refused.
    pub fn parse(raw: &str) -> Result<Self, String> {
        crate::text::optional(raw, Self::MAX_LEN, false).map(|note| Self(note.unwrap_or_default()))
    }

    /// The note, empty for none.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DoorNote {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<DoorNote> for String {
    fn from(value: DoorNote) -> Self {
        value.0
    }
}

/// A page of an event's orders, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderListing {
    /// The event's title.
    pub event_title: String,
    /// The orders of this page.
    pub orders: Vec<OrderLine>,
    /// The `before` of the next page, when there is one.
    pub next: Option<i64>,
}

impl OrderStatus {
    /// The status in words, for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Waiting for payment",
            Self::Paid => "Paid",
            Self::Cancelled => "Cancelled",
            Self::Expired => "Expired",
        }
    }
}

impl PaymentMethod {
    /// The way to pay in words, for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Free => "Free",
            Self::BankTransfer => "Bank transfer",
            Self::AtDoor => "At the entrance",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DoorNote;

    #[test]
    fn a_door_note_is_one_trimmed_line_and_blank_clears_it() {
        assert_eq!(
            DoorNote::parse("  Wheelchair user ").map(|n| n.as_str().to_owned()),
            Ok("Wheelchair user".to_owned())
        );
        assert_eq!(
            DoorNote::parse("   ").map(|n| n.as_str().is_empty()),
            Ok(true)
        );
        assert!(DoorNote::parse("two\nlines").is_err());
        let long = "x".repeat(DoorNote::MAX_LEN + 1);
        assert_eq!(
            DoorNote::parse(&long),
            Err(format!(
                "keep it to {} characters or fewer",
                DoorNote::MAX_LEN
            ))
        );
        assert!(DoorNote::parse(&"é".repeat(DoorNote::MAX_LEN)).is_ok());
    }
}
