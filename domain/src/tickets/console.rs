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
