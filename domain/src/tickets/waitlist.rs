//! The waitlist of a sold-out ticket type: joining it, and the offer of a freed seat that
//! the first in line claims (or gives up) through the link mailed to them.

use serde::{Deserialize, Serialize};

use crate::error::Validation;
use crate::{Email, text};

/// How long an offer lasts when the organizer chose nothing else, in hours.
pub const DEFAULT_OFFER_HOURS: i64 = 48;
/// The longest an organizer may let an offer last: two weeks.
pub const MAX_OFFER_HOURS: i64 = 336;

/// Reads the organizer's "offers last (hours)" field: a whole number of hours, 1 to two
/// weeks; blank is the default.
pub fn offer_hours(raw: &str) -> Result<i64, String> {
    match raw.trim() {
        "" => Ok(DEFAULT_OFFER_HOURS),
        raw => match raw.parse::<i64>() {
            Ok(h) if (1..=MAX_OFFER_HOURS).contains(&h) => Ok(h),
            _ => Err(format!(
                "enter a whole number of hours from 1 to {MAX_OFFER_HOURS}"
            )),
        },
    }
}

/// Someone asking to wait in line for a ticket type, as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaitlistRequest {
    /// Their name, for the ticket they may get.
    pub name: String,
    /// Where the offer is mailed.
    pub email: Email,
}

impl WaitlistRequest {
    /// Checks the form's `name` and `email`; messages go to `v` under those fields.
    pub fn check(v: &mut Validation, name: &str, email: &str) -> Option<Self> {
        let name = v.check("name", text::required(name, 120, false));
        let email = v.check("email", Email::parse(email));
        Some(Self {
            name: name?,
            email: email?,
        })
    }
}

/// Where someone's place in line stands, as the offer's page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferState {
    /// The seat is theirs to claim until the deadline.
    Open,
    /// Claimed: the order it became, by its signed link (`/orders/{link}`).
    Claimed(String),
    /// Not claimed in time: the seat went on to the next in line.
    Lapsed,
    /// Given up: the seat went on to the next in line.
    Declined,
}

/// The page of an offer, opened by its link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitlistOffer {
    /// The event's title.
    pub event_title: String,
    /// The event's URL name.
    pub event_slug: String,
    /// When the event is, in its zone.
    pub event_dates: String,
    /// The ticket type offered.
    pub ticket_type: String,
    /// "25.00 EUR" or "Free".
    pub price_label: String,
    /// Whether claiming it asks how to pay.
    pub priced: bool,
    /// The name they gave when joining the line.
    pub name: String,
    /// Where their ticket goes.
    pub email: String,
    /// The deadline, in the event's zone.
    pub offered_until: String,
    /// Where it stands.
    pub state: OfferState,
}

/// Someone's place once they joined the line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitlistJoined {
    /// The ticket type.
    pub ticket_type: String,
    /// 1 for the first in line.
    pub place: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offer_hours_are_whole_hours_within_two_weeks() {
        assert_eq!(offer_hours(""), Ok(DEFAULT_OFFER_HOURS));
        assert_eq!(offer_hours(" 24 "), Ok(24));
        assert_eq!(offer_hours("336"), Ok(336));
        for refused in ["0", "337", "1.5", "-2", "a day"] {
            assert!(offer_hours(refused).is_err(), "{refused} was accepted");
        }
    }

    #[test]
    fn a_request_names_each_wrong_field() {
        let mut v = Validation::default();
        assert!(WaitlistRequest::check(&mut v, " ", "not an address").is_none());
        let e = v.into_error();
        assert!(e.field_message("name").is_some());
        assert!(e.field_message("email").is_some());
        let mut v = Validation::default();
        let ok = WaitlistRequest::check(&mut v, " Grace Hopper ", "grace@example.org");
        assert_eq!(ok.map(|r| r.name), Some("Grace Hopper".to_owned()));
        assert!(v.is_empty());
    }
}
