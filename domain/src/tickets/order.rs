//! Orders: one or more tickets bought together, each for a named attendee.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::Validation;
use crate::{Email, TicketTypeId, text};

use super::types::MAX_PER_ORDER;

/// How an order is paid. Every way works without a card processor; a card provider is one
/// more variant behind the same interface in the services.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Nothing to pay.
    Free,
    /// A bank transfer quoting the order's code: pending until the organizer marks it paid.
    BankTransfer,
    /// Paid at the entrance: pending, the seat held, until then.
    AtDoor,
}

impl PaymentMethod {
    /// The value stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Free => "free",
            Self::BankTransfer => "bank_transfer",
            Self::AtDoor => "at_door",
        }
    }

    /// Reads a stored or submitted value.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "free" => Some(Self::Free),
            "bank_transfer" => Some(Self::BankTransfer),
            "at_door" => Some(Self::AtDoor),
            _ => None,
        }
    }
}

/// Where an order stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Waiting for its payment; its seats are held until the deadline.
    Pending,
    /// Paid, or free: its tickets are valid.
    Paid,
    /// Cancelled by the buyer or the organizer; its seats are free again.
    Cancelled,
    /// Not paid in time; its seats are free again.
    Expired,
}

impl OrderStatus {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Paid => "paid",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
        }
    }

    /// Reads a stored value.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "pending" => Some(Self::Pending),
            "paid" => Some(Self::Paid),
            "cancelled" => Some(Self::Cancelled),
            "expired" => Some(Self::Expired),
            _ => None,
        }
    }
}

/// One ticket of an order as typed: its type and who will use it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketRequest {
    /// The ticket type.
    pub ticket_type: TicketTypeId,
    /// The attendee's name, printed on the ticket.
    #[serde(default)]
    pub name: String,
    /// Where the attendee's ticket is sent.
    #[serde(default)]
    pub email: String,
    /// The answers to the event's questions, by their form keys (see [`super::answers`]).
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
}

/// The order form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderForm {
    /// Who orders (and receives the confirmation).
    #[serde(default)]
    pub buyer_name: String,
    /// Their address.
    #[serde(default)]
    pub buyer_email: String,
    /// Unlocks hidden ticket types.
    #[serde(default)]
    pub access_code: String,
    /// `bank_transfer` or `at_door` for an order with a price; ignored for a free one.
    #[serde(default)]
    pub payment: String,
    /// The tickets, one entry per seat.
    #[serde(default)]
    pub tickets: Vec<TicketRequest>,
}

/// A ticket of a checked order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedTicket {
    /// Its type.
    pub ticket_type: TicketTypeId,
    /// Attendee name.
    pub name: String,
    /// Attendee address.
    pub email: Email,
}

/// An order form whose fields are well formed (availability is the services' to check).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedOrder {
    /// Buyer name.
    pub buyer_name: String,
    /// Buyer address.
    pub buyer_email: Email,
    /// Upper-cased; none when blank.
    pub access_code: Option<String>,
    /// The chosen way to pay, if any was chosen.
    pub payment: Option<PaymentMethod>,
    /// At least one, at most [`MAX_PER_ORDER`].
    pub tickets: Vec<CheckedTicket>,
}

impl OrderForm {
    /// The field name of ticket `index`'s `part` (`name` or `email`), as messages use it.
    pub fn ticket_field(index: usize, part: &str) -> String {
        format!("tickets.{index}.{part}")
    }

    /// What was typed, for an error to keep.
    pub fn kept(&self) -> Vec<(String, String)> {
        let mut kept = vec![
            ("buyer_name".to_owned(), self.buyer_name.clone()),
            ("buyer_email".to_owned(), self.buyer_email.clone()),
            ("access_code".to_owned(), self.access_code.clone()),
            ("payment".to_owned(), self.payment.clone()),
        ];
        for (i, t) in self.tickets.iter().enumerate() {
            kept.push((Self::ticket_field(i, "name"), t.name.clone()));
            kept.push((Self::ticket_field(i, "email"), t.email.clone()));
            kept.extend(super::answers::kept(i, &t.answers));
        }
        kept
    }

    /// Checks the form's shape; messages go to `v`.
    pub fn check(&self, v: &mut Validation) -> Option<CheckedOrder> {
        let buyer_name = v.check("buyer_name", text::required(&self.buyer_name, 120, false));
        let buyer_email = v.check("buyer_email", Email::parse(&self.buyer_email));
        let access_code = v.check("access_code", super::types::access_code(&self.access_code));
        let payment = v.check(
            "payment",
            match self.payment.trim() {
                "" => Ok(None),
                raw => PaymentMethod::parse(raw)
                    .map(Some)
                    .ok_or_else(|| "choose how you will pay".to_owned()),
            },
        );
        let count = v.check(
            "tickets",
            match self.tickets.len() as i64 {
                0 => Err("choose at least one ticket".to_owned()),
                n if n > MAX_PER_ORDER => {
                    Err(format!("one order holds at most {MAX_PER_ORDER} tickets"))
                }
                n => Ok(n),
            },
        );
        let mut tickets = Vec::with_capacity(self.tickets.len());
        for (i, t) in self.tickets.iter().enumerate() {
            let name = v.check(
                &Self::ticket_field(i, "name"),
                text::required(&t.name, 120, false),
            );
            let email = v.check(&Self::ticket_field(i, "email"), Email::parse(&t.email));
            if let (Some(name), Some(email)) = (name, email) {
                tickets.push(CheckedTicket {
                    ticket_type: t.ticket_type,
                    name,
                    email,
                });
            }
        }
        count?;
        (tickets.len() == self.tickets.len()).then_some(())?;
        Some(CheckedOrder {
            buyer_name: buyer_name?,
            buyer_email: buyer_email?,
            access_code: access_code?,
            payment: payment?,
            tickets,
        })
    }
}

/// What the buyer sees once an order is placed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderPlaced {
    /// The order's reference.
    pub code: String,
    /// Paid (or free), or pending a payment.
    pub status: OrderStatus,
    /// How it is paid.
    pub payment: PaymentMethod,
    /// "50.00 EUR" or "Free".
    pub total_label: String,
    /// When a pending order expires, Unix seconds.
    pub expires_at: Option<i64>,
    /// The tickets' codes, in the order's order.
    pub tickets: Vec<String>,
    /// The path segment of the order's page, `/orders/{link}`.
    pub link: String,
}

/// One ticket on an order's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderTicket {
    /// The ticket's code: its page is `/tickets/{code}`.
    pub code: String,
    /// The attendee's name.
    pub attendee: String,
    /// The ticket type's name.
    pub ticket_type: String,
    /// "25.00 EUR" or "Free".
    pub price_label: String,
    /// Valid, or cancelled.
    pub valid: bool,
    /// The attendee's answers to the questions asked for it.
    pub answers: Vec<super::answers::AnsweredQuestion>,
}

/// An order's page, opened by its signed link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderView {
    /// The order's reference.
    pub code: String,
    /// The event's title.
    pub event_title: String,
    /// The event's URL name.
    pub event_slug: String,
    /// When the event is, in its zone.
    pub event_dates: String,
    /// Where it stands.
    pub status: OrderStatus,
    /// How it is paid.
    pub payment: PaymentMethod,
    /// "50.00 EUR" or "Free".
    pub total_label: String,
    /// A pending order's deadline, in the event's zone.
    pub pay_by: Option<String>,
    /// How to pay by bank transfer, as the organizer wrote it (blank: not written).
    pub payment_instructions: String,
    /// Who ordered.
    pub buyer_name: String,
    /// The tickets.
    pub tickets: Vec<OrderTicket>,
    /// Whether its buyer may cancel it here.
    pub cancellation: super::cancellation::BuyerCancellation,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket(name: &str, email: &str) -> TicketRequest {
        TicketRequest {
            ticket_type: TicketTypeId(1),
            name: name.into(),
            email: email.into(),
            answers: BTreeMap::new(),
        }
    }

    #[test]
    fn a_well_formed_order_is_checked() {
        let form = OrderForm {
            buyer_name: "Ada".into(),
            buyer_email: "Ada@Example.org".into(),
            payment: "bank_transfer".into(),
            tickets: vec![
                ticket("Ada", "ada@example.org"),
                ticket("Bob", "bob@example.org"),
            ],
            ..OrderForm::default()
        };
        let mut v = Validation::default();
        let order = form.check(&mut v).expect("valid");
        assert_eq!(order.payment, Some(PaymentMethod::BankTransfer));
        assert_eq!(order.buyer_email.as_str(), "ada@example.org");
        assert_eq!(order.tickets.len(), 2);
    }

    #[test]
    fn each_bad_ticket_field_is_named() {
        let form = OrderForm {
            buyer_name: "Ada".into(),
            buyer_email: "ada@example.org".into(),
            tickets: vec![
                ticket("Ada", "ada@example.org"),
                ticket("", "not-an-address"),
            ],
            ..OrderForm::default()
        };
        let mut v = Validation::default();
        assert!(form.check(&mut v).is_none());
        let error = v.into_error();
        assert!(error.field_message("tickets.1.name").is_some());
        assert!(error.field_message("tickets.1.email").is_some());
        assert!(error.field_message("tickets.0.name").is_none());
    }

    #[test]
    fn an_empty_or_oversized_order_is_refused() {
        let mut v = Validation::default();
        assert!(OrderForm::default().check(&mut v).is_none());
        assert!(v.into_error().field_message("tickets").is_some());
        let huge = OrderForm {
            buyer_name: "Ada".into(),
            buyer_email: "ada@example.org".into(),
            tickets: vec![ticket("A", "a@example.org"); 101],
            ..OrderForm::default()
        };
        let mut v = Validation::default();
        assert!(huge.check(&mut v).is_none());
    }

    #[test]
    fn stored_values_round_trip() {
        for m in [
            PaymentMethod::Free,
            PaymentMethod::BankTransfer,
            PaymentMethod::AtDoor,
        ] {
            assert_eq!(PaymentMethod::parse(m.as_str()), Some(m));
        }
        for s in [
            OrderStatus::Pending,
            OrderStatus::Paid,
            OrderStatus::Cancelled,
            OrderStatus::Expired,
        ] {
            assert_eq!(OrderStatus::parse(s.as_str()), Some(s));
        }
    }
}
