//! What the organizer workspace shows and edits about events: the list, the editor, the
//! agenda grid and the change history.

use serde::{Deserialize, Serialize};

use super::agenda::{AgendaItem, RoomRef, SpeakerRef, TrackRef};
use super::{EventId, EventStatus, Visibility};

/// The event form's fields, exactly as typed (times as `datetime-local` values in the event's
/// own zone), so a refused form can be shown again unchanged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventForm {
    /// Title.
    pub title: String,
    /// URL name; suggested from the title when left blank on creation.
    pub slug: String,
    /// One or two sentences.
    pub summary: String,
    /// Markdown.
    pub description: String,
    /// `YYYY-MM-DDTHH:MM`.
    pub starts_local: String,
    /// `YYYY-MM-DDTHH:MM`.
    pub ends_local: String,
    /// IANA name, such as `Europe/Berlin`.
    pub time_zone: String,
    /// Venue name and address; blank when online only.
    pub venue: String,
    /// Link to join online; blank when in person only.
    pub online_url: String,
    /// `public` or `unlisted`.
    pub visibility: String,
    /// Most attendees; blank for no limit.
    pub capacity: String,
}

impl EventForm {
    /// The form's fields with what was typed, for an error to keep.
    pub fn kept(&self) -> [(&'static str, &str); 11] {
        [
            ("title", &self.title),
            ("slug", &self.slug),
            ("summary", &self.summary),
            ("description", &self.description),
            ("starts_local", &self.starts_local),
            ("ends_local", &self.ends_local),
            ("time_zone", &self.time_zone),
            ("venue", &self.venue),
            ("online_url", &self.online_url),
            ("visibility", &self.visibility),
            ("capacity", &self.capacity),
        ]
    }
}

/// One line of the workspace's event list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventListItem {
    /// Its id.
    pub id: EventId,
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Draft, published, archived.
    pub status: EventStatus,
    /// When, in its zone.
    pub dates: String,
    /// How many sessions its agenda has.
    pub sessions: i64,
    /// How many people joined.
    pub registrations: i64,
}

/// An event as its organizers see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedEvent {
    /// Its id.
    pub id: EventId,
    /// Draft, published, archived.
    pub status: EventStatus,
    /// Listed or unlisted.
    pub visibility: Visibility,
    /// The stored values, in the form's shape.
    pub form: EventForm,
    /// When, in its zone.
    pub dates: String,
    /// When a draft publishes itself, in the event's zone, if scheduled.
    pub publish_at: Option<String>,
    /// How many joined and how many wait.
    pub joined: i64,
    /// How many wait for a place.
    pub waitlisted: i64,
    /// Its cover image's address (a web-sized rendition), if one was uploaded.
    pub cover: Option<String>,
}

/// One entry of an event's change history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventChange {
    /// When, "3 Mar 2026, 09:12 UTC".
    pub at: String,
    /// Who, by display name.
    pub who: String,
    /// What changed.
    pub summary: String,
}

/// Everything the event editor page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventEditor {
    /// The organization's URL name.
    pub organization_slug: String,
    /// The organization's name.
    pub organization_name: String,
    /// The event.
    pub event: ManagedEvent,
    /// Its saved description as the event page shows it: rendered and sanitized.
    pub description_html: String,
    /// Its rooms, in column order.
    pub rooms: Vec<RoomRef>,
    /// Its tracks, by name.
    pub tracks: Vec<TrackRef>,
    /// Its sessions, by start.
    pub items: Vec<AgendaItem>,
    /// What does not hold together, as sentences.
    pub warnings: Vec<String>,
    /// The organization's speakers, for attaching to sessions.
    pub speakers: Vec<SpeakerRef>,
    /// The latest changes, newest first.
    pub history: Vec<EventChange>,
}

/// The fields of the session form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionForm {
    /// Title.
    pub title: String,
    /// Markdown.
    pub abstract_text: String,
    /// `talk`, `workshop`…
    pub kind: String,
    /// `YYYY-MM-DDTHH:MM` in the event's zone.
    pub starts_local: String,
    /// `YYYY-MM-DDTHH:MM` in the event's zone.
    pub ends_local: String,
    /// A room id, or blank.
    pub room: String,
    /// A track id, or blank.
    pub track: String,
}

impl SessionForm {
    /// The form's fields with what was typed, for an error to keep.
    pub fn kept(&self) -> [(&'static str, &str); 7] {
        [
            ("title", &self.title),
            ("abstract_text", &self.abstract_text),
            ("kind", &self.kind),
            ("starts_local", &self.starts_local),
            ("ends_local", &self.ends_local),
            ("room", &self.room),
            ("track", &self.track),
        ]
    }
}
