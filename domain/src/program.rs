//! What the public pages of one event show beyond its page: the schedule, one session, the
//! speakers.

use serde::{Deserialize, Serialize};

use super::agenda::{AgendaItem, RoomRef, ScheduleDay, TrackRef};
use super::speaker::{SpeakerAtEvent, SpeakerProfile};
use super::{AgendaItemId, EventSummary};

/// `/e/{event}/schedule`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedulePage {
    /// The event.
    pub event: EventSummary,
    /// Its rooms, for the filter.
    pub rooms: Vec<RoomRef>,
    /// Its tracks, for the filter.
    pub tracks: Vec<TrackRef>,
    /// The sessions, day by day.
    pub days: Vec<ScheduleDay>,
    /// When the page was made, Unix seconds: "now" and "next" are relative to it.
    pub now: i64,
    /// The sessions the visitor starred; empty when signed out.
    pub starred: Vec<AgendaItemId>,
    /// Whether the visitor is signed in (starring needs an account).
    pub signed_in: bool,
}

impl SchedulePage {
    /// The sessions running at `now`.
    pub fn is_now(&self, item: &AgendaItem) -> bool {
        item.starts_at <= self.now && self.now < item.ends_at
    }

    /// The start of the next sessions to begin after `now`, if any.
    pub fn next_start(&self) -> Option<i64> {
        self.days
            .iter()
            .flat_map(|d| &d.items)
            .map(|i| i.starts_at)
            .filter(|s| *s > self.now)
            .min()
    }
}

/// `/e/{event}/sessions/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionPage {
    /// The event.
    pub event: EventSummary,
    /// The session.
    pub item: AgendaItem,
    /// "Tuesday 3 March", the day it takes place.
    pub day_label: String,
    /// The abstract, rendered and sanitized.
    pub abstract_html: String,
    /// The full profiles of its speakers.
    pub speakers: Vec<SpeakerProfile>,
    /// The visitor starred it.
    pub starred: bool,
    /// Whether the visitor is signed in.
    pub signed_in: bool,
}

/// `/e/{event}/speakers` and `/e/{event}/speakers/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakersPage {
    /// The event.
    pub event: EventSummary,
    /// Its speakers, by name, with their sessions.
    pub speakers: Vec<SpeakerAtEvent>,
}
