//! Registrations: an attendee's place at an event.

use serde::{Deserialize, Serialize};

/// Where an attendee stands with an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationStatus {
    /// Has a place.
    Joined,
    /// Waiting for a place to free up; promoted in the order they asked.
    Waitlisted,
    /// Gave their place back.
    Cancelled,
}

impl RegistrationStatus {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Joined => "joined",
            Self::Waitlisted => "waitlisted",
            Self::Cancelled => "cancelled",
        }
    }

    /// Reads a stored value.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "joined" => Some(Self::Joined),
            "waitlisted" => Some(Self::Waitlisted),
            "cancelled" => Some(Self::Cancelled),
            _ => None,
        }
    }
}

/// What the event page's "Join" box shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    /// Whether the visitor is signed in.
    pub signed_in: bool,
    /// The visitor's registration, when there is one (a cancelled one counts as none).
    pub status: Option<RegistrationStatus>,
    /// Their place in the waitlist, from 1, when waitlisted.
    pub waitlist_position: Option<i64>,
    /// How many people joined.
    pub joined: i64,
    /// The most who may join; `None` for no limit.
    pub capacity: Option<i64>,
}

impl Attendance {
    /// Whether a new registration would land on the waitlist.
    pub fn is_full(&self) -> bool {
        self.capacity.is_some_and(|c| self.joined >= c)
    }

    /// "12 of 100 places taken", or "12 going" without a limit.
    pub fn places_label(&self) -> String {
        match self.capacity {
            Some(capacity) => format!("{} of {capacity} places taken", self.joined),
            None if self.joined == 1 => "1 person going".to_owned(),
            None => format!("{} people going", self.joined),
        }
    }
}

/// An event the signed-in person joined or waits for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyEvent {
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: String,
    /// When, in its zone.
    pub dates: String,
    /// Joined or waitlisted.
    pub status: RegistrationStatus,
}

/// A session in the signed-in person's personal agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyStar {
    /// The event's URL name.
    pub event_slug: String,
    /// The event's title.
    pub event_title: String,
    /// The session.
    pub session: crate::AgendaItemId,
    /// Its title.
    pub title: String,
    /// "3 Mar 2031, 10:00 CET".
    pub when: String,
}

/// The account page's "your events" and "your agenda".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyProgram {
    /// Events joined or waitlisted, soonest first.
    pub events: Vec<MyEvent>,
    /// Starred sessions, soonest first.
    pub agenda: Vec<MyStar>,
    /// Whether a private calendar link exists.
    pub has_feed: bool,
    /// Where private calendar links live: `{base_url}/agenda/`.
    pub feed_prefix: String,
    /// The private calendar link just made, shown this once.
    pub fresh_link: Option<String>,
}
