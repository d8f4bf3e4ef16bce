//! Ticket types: what an event sells (or gives away), as organizers edit them and as visitors
//! see them on sale.

use serde::{Deserialize, Serialize};

use crate::TicketTypeId;
use crate::error::{AppError, Validation};
use crate::text;

use super::money::parse_price;

/// The most tickets one order may hold, whatever a type allows.
pub const MAX_PER_ORDER: i64 = 100;

/// The ticket type form as typed (times in the event's zone, `2026-05-01T09:00`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketTypeForm {
    /// Shown to buyers, e.g. "Early bird".
    pub name: String,
    /// One paragraph.
    #[serde(default)]
    pub description: String,
    /// Blank for a free ticket.
    #[serde(default)]
    pub price: String,
    /// Blank for no limit of its own.
    #[serde(default)]
    pub capacity: String,
    /// Blank: on sale as soon as the event is published.
    #[serde(default)]
    pub sale_starts: String,
    /// Blank: on sale until the event ends.
    #[serde(default)]
    pub sale_ends: String,
    /// Blank for 10.
    #[serde(default)]
    pub max_per_order: String,
    /// Blank for a type everyone sees.
    #[serde(default)]
    pub access_code: String,
    /// Where it is listed, smallest first; blank for 0.
    #[serde(default)]
    pub position: String,
}

/// The parts of a ticket type form that need no time zone, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketTypeValues {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Minor units.
    pub price_cents: i64,
    /// None: no limit of its own.
    pub capacity: Option<i64>,
    /// From 1 to [`MAX_PER_ORDER`].
    pub max_per_order: i64,
    /// Upper-cased, none for a public type.
    pub access_code: Option<String>,
    /// Listing order.
    pub position: i64,
}

impl TicketTypeForm {
    /// The form's fields with what was typed, for an error to keep.
    pub fn kept(&self) -> [(&'static str, &str); 9] {
        [
            ("name", &self.name),
            ("description", &self.description),
            ("price", &self.price),
            ("capacity", &self.capacity),
            ("sale_starts", &self.sale_starts),
            ("sale_ends", &self.sale_ends),
            ("max_per_order", &self.max_per_order),
            ("access_code", &self.access_code),
            ("position", &self.position),
        ]
    }

    /// Checks every field but the sale window, which needs the event's zone: the values, or
    /// the messages so far in `v`.
    pub fn values(&self, v: &mut Validation) -> Option<TicketTypeValues> {
        let name = v.check("name", text::required(&self.name, 80, false));
        let description = v.check(
            "description",
            text::optional(&self.description, 1_000, true),
        );
        let price_cents = v.check("price", parse_price(&self.price));
        let capacity = v.check("capacity", whole_number(&self.capacity, 0, 1_000_000));
        let max_per_order = v.check(
            "max_per_order",
            whole_number(&self.max_per_order, 1, MAX_PER_ORDER),
        );
        let access_code = v.check("access_code", access_code(&self.access_code));
        let position = v.check("position", whole_number(&self.position, 0, 10_000));
        Some(TicketTypeValues {
            name: name?,
            description: description?.unwrap_or_default(),
            price_cents: price_cents?,
            capacity: capacity?,
            max_per_order: max_per_order?.unwrap_or(10),
            access_code: access_code?,
            position: position?.unwrap_or(0),
        })
    }
}

/// A whole number between `min` and `max`, or none when blank.
pub(crate) fn whole_number(raw: &str, min: i64, max: i64) -> Result<Option<i64>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .map(Some)
        .ok_or_else(|| format!("enter a whole number from {min} to {max}"))
}

/// An access code: 4 to 32 letters, digits or dashes, compared without regard to case.
pub fn access_code(raw: &str) -> Result<Option<String>, String> {
    let code = raw.trim().to_uppercase();
    if code.is_empty() {
        return Ok(None);
    }
    let shaped = (4..=32).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !shaped {
        return Err("use 4 to 32 letters, digits or dashes".into());
    }
    Ok(Some(code))
}

/// A ticket type in the organizer's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketTypeSummary {
    /// Id.
    pub id: TicketTypeId,
    /// Name.
    pub name: String,
    /// "25.00 EUR" or "Free".
    pub price_label: String,
    /// Seats taken by paid and pending orders.
    pub sold: i64,
    /// None: no limit of its own.
    pub capacity: Option<i64>,
    /// "On sale", "Sold out", "Opens 1 May, 09:00", "Ended".
    pub sale_label: String,
    /// Offered only with an access code.
    pub hidden: bool,
    /// People waiting in line for a seat of it (offers not yet claimed included).
    pub waiting: i64,
    /// The form as it would be typed again, for editing.
    pub form: TicketTypeForm,
}

/// The organizer's ticket page of one event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventTicketing {
    /// The organization's name.
    pub organization_name: String,
    /// The event's title.
    pub event_title: String,
    /// The zone sale times are typed in, e.g. `Europe/Berlin`.
    pub time_zone: String,
    /// ISO code of its prices.
    pub currency: String,
    /// How to pay by bank transfer, as the organizer wrote it.
    pub payment_instructions: String,
    /// Seats taken across its types, and the event's own capacity.
    pub seats_taken: i64,
    /// None: no limit for the event as a whole.
    pub capacity: Option<i64>,
    /// How long a waitlist offer lasts, in hours.
    pub waitlist_offer_hours: i64,
    /// How many days before the event buyers may still cancel a paid order; none: never.
    pub refund_days: Option<i64>,
    /// Its ticket types in listing order.
    pub types: Vec<TicketTypeSummary>,
}

/// Where a ticket type stands for someone about to order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Availability {
    /// On sale; `left` seats remain when there is a limit.
    OnSale {
        /// Seats left, counting the event's capacity too.
        left: Option<i64>,
    },
    /// Every seat is taken.
    SoldOut,
    /// The sale opens later (the label says when, in the event's zone).
    NotYet(String),
    /// The sale has ended.
    Ended,
}

/// A ticket type offered on the event's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferedTicketType {
    /// Id.
    pub id: TicketTypeId,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Minor units.
    pub price_cents: i64,
    /// "25.00 EUR" or "Free".
    pub price_label: String,
    /// Whether and how many can be ordered now.
    pub availability: Availability,
    /// The most one order may hold.
    pub max_per_order: i64,
}

/// What the registration page of an event offers a visitor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketOffer {
    /// The event's title.
    pub event_title: String,
    /// When it is, in its zone.
    pub event_dates: String,
    /// The access code that was given, upper-cased; blank when none was.
    pub access_code: String,
    /// Whether the code given unlocked a hidden type.
    pub code_unlocked: bool,
    /// ISO code of its prices.
    pub currency: String,
    /// The types offered, in listing order.
    pub types: Vec<OfferedTicketType>,
    /// The questions each ticket's attendee is asked, in order.
    pub questions: Vec<super::questions::Question>,
}

/// Refuses the form when `v` holds a message, keeping what was typed.
pub fn refused(v: Validation, form: &TicketTypeForm) -> AppError {
    v.into_error().keeping(&form.kept())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> TicketTypeForm {
        TicketTypeForm {
            name: "Early bird".into(),
            price: "25".into(),
            capacity: "100".into(),
            access_code: " friends-2026 ".into(),
            ..TicketTypeForm::default()
        }
    }

    #[test]
    fn a_complete_form_gives_its_values_with_defaults() {
        let mut v = Validation::default();
        let values = form().values(&mut v).expect("valid");
        assert!(v.is_empty());
        assert_eq!(values.price_cents, 2500);
        assert_eq!(values.capacity, Some(100));
        assert_eq!(values.max_per_order, 10);
        assert_eq!(values.access_code.as_deref(), Some("FRIENDS-2026"));
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let bad = TicketTypeForm {
            name: " ".into(),
            price: "free!".into(),
            capacity: "-1".into(),
            max_per_order: "0".into(),
            access_code: "a b".into(),
            ..TicketTypeForm::default()
        };
        let mut v = Validation::default();
        assert!(bad.values(&mut v).is_none());
        let error = refused(v, &bad);
        for field in ["name", "price", "capacity", "max_per_order", "access_code"] {
            assert!(
                error.field_message(field).is_some(),
                "{field} has no message"
            );
        }
        assert_eq!(error.kept("price"), Some("free!"));
    }
}
