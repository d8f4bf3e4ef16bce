//! An event's agenda: sessions placed in rooms and tracks, given by speakers, and the
//! warnings an organizer sees when the plan does not hold together.

use serde::{Deserialize, Serialize};

use super::{AgendaItemId, RoomId, SpeakerId, TrackId};

/// What kind of agenda item a session is; the public schedule styles each differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// A talk by one or more speakers.
    Talk,
    /// Hands-on, usually longer.
    Workshop,
    /// A plenary talk.
    Keynote,
    /// A discussion between several speakers.
    Panel,
    /// Coffee, lunch, travel between rooms.
    Break,
}

impl SessionKind {
    /// Every kind, in the order forms offer them.
    pub const ALL: [Self; 5] = [
        Self::Talk,
        Self::Workshop,
        Self::Keynote,
        Self::Panel,
        Self::Break,
    ];

    /// The value stored in the database and sent by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Talk => "talk",
            Self::Workshop => "workshop",
            Self::Keynote => "keynote",
            Self::Panel => "panel",
            Self::Break => "break",
        }
    }

    /// How the kind is named on pages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Talk => "Talk",
            Self::Workshop => "Workshop",
            Self::Keynote => "Keynote",
            Self::Panel => "Panel",
            Self::Break => "Break",
        }
    }

    /// Reads a stored or posted value.
    pub fn parse(raw: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == raw)
            .ok_or_else(|| "choose one of the listed kinds".to_owned())
    }
}

/// A room or a track, by id and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named<Id> {
    /// Its id.
    pub id: Id,
    /// Its name.
    pub name: String,
}

/// A room of an event: one column of the agenda.
pub type RoomRef = Named<RoomId>;
/// A track of an event: a theme sessions belong to.
pub type TrackRef = Named<TrackId>;
/// A speaker, as a session lists them.
pub type SpeakerRef = Named<SpeakerId>;

/// One session of the agenda, with the labels the pages show (formatted on the server in the
/// event's time zone).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// Its id (the `{id}` of `/e/{event}/sessions/{id}`).
    pub id: AgendaItemId,
    /// Its title.
    pub title: String,
    /// What it is about, Markdown source.
    pub abstract_text: String,
    /// Talk, workshop…
    pub kind: SessionKind,
    /// Start, Unix seconds.
    pub starts_at: i64,
    /// End, Unix seconds.
    pub ends_at: i64,
    /// The day it starts on in the event's zone, `YYYY-MM-DD`.
    pub day: String,
    /// Start, `YYYY-MM-DDTHH:MM` in the event's zone (a `datetime-local` value).
    pub starts_local: String,
    /// End, likewise.
    pub ends_local: String,
    /// "09:00 – 09:45".
    pub time_label: String,
    /// Where, when a room is set.
    pub room: Option<RoomRef>,
    /// Which track, when one is set.
    pub track: Option<TrackRef>,
    /// Who gives it, in billing order.
    pub speakers: Vec<SpeakerRef>,
}

impl AgendaItem {
    /// Whether the two items take place at the same time (touching ends do not count).
    pub fn overlaps(&self, other: &Self) -> bool {
        self.starts_at < other.ends_at && other.starts_at < self.ends_at
    }

    /// "Hall A · Systems": room and track, whichever are set.
    pub fn place_label(&self) -> String {
        let names: Vec<&str> = self
            .room
            .iter()
            .map(|r| r.name.as_str())
            .chain(self.track.iter().map(|t| t.name.as_str()))
            .collect();
        names.join(" · ")
    }

    /// Whether every word of `needle` appears in the title, abstract, speakers, room or
    /// track, ignoring case: the schedule's text filter, identical in browser and server.
    pub fn matches(&self, needle: &str) -> bool {
        let mut haystack = format!("{} {}", self.title, self.abstract_text);
        for s in &self.speakers {
            haystack.push(' ');
            haystack.push_str(&s.name);
        }
        haystack.push(' ');
        haystack.push_str(&self.place_label());
        let haystack = haystack.to_lowercase();
        needle
            .to_lowercase()
            .split_whitespace()
            .all(|word| haystack.contains(word))
    }
}

/// Something in the agenda an organizer should look at. Saving never fails because of one:
/// plans are built step by step and are often wrong for a while.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgendaWarning {
    /// Two sessions in one room at the same time.
    RoomClash {
        /// The room.
        room: String,
        /// The sessions.
        first: String,
        /// The sessions.
        second: String,
    },
    /// A speaker expected in two sessions at the same time.
    SpeakerClash {
        /// The speaker.
        speaker: String,
        /// The sessions.
        first: String,
        /// The sessions.
        second: String,
    },
    /// A session that starts before the event or ends after it.
    OutsideEvent {
        /// The session.
        session: String,
    },
}

impl std::fmt::Display for AgendaWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::RoomClash {
                room,
                first,
                second,
            } => write!(f, "{room} holds “{first}” and “{second}” at the same time."),
            Self::SpeakerClash {
                speaker,
                first,
                second,
            } => write!(
                f,
                "{speaker} is in “{first}” and “{second}” at the same time."
            ),
            Self::OutsideEvent { session } => {
                write!(f, "“{session}” is outside the event's dates.")
            }
        }
    }
}

/// Every warning for `items` of an event running from `event_starts` to `event_ends`.
pub fn warnings(items: &[AgendaItem], event_starts: i64, event_ends: i64) -> Vec<AgendaWarning> {
    let mut sorted: Vec<&AgendaItem> = items.iter().collect();
    sorted.sort_by_key(|i| (i.starts_at, i.id));
    let mut found = Vec::new();
    for item in &sorted {
        if item.starts_at < event_starts || item.ends_at > event_ends {
            found.push(AgendaWarning::OutsideEvent {
                session: item.title.clone(),
            });
        }
    }
    // Sorted by start, each item only needs comparing with those that start before it ends.
    for (i, a) in sorted.iter().enumerate() {
        for b in sorted[i + 1..]
            .iter()
            .take_while(|b| b.starts_at < a.ends_at)
        {
            if let (Some(ra), Some(rb)) = (&a.room, &b.room)
                && ra.id == rb.id
            {
                found.push(AgendaWarning::RoomClash {
                    room: ra.name.clone(),
                    first: a.title.clone(),
                    second: b.title.clone(),
                });
            }
            for speaker in a.speakers.iter().filter(|s| b.speakers.contains(s)) {
                found.push(AgendaWarning::SpeakerClash {
                    speaker: speaker.name.clone(),
                    first: a.title.clone(),
                    second: b.title.clone(),
                });
            }
        }
    }
    found
}

/// One day of the schedule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleDay {
    /// `YYYY-MM-DD` in the event's zone.
    pub date: String,
    /// "Tuesday 3 March".
    pub label: String,
    /// Its sessions, by start then room.
    pub items: Vec<AgendaItem>,
}

/// Splits items (sorted by start) into days, labelling each with `label_of(date)`.
pub fn by_day(items: Vec<AgendaItem>, label_of: impl Fn(&str) -> String) -> Vec<ScheduleDay> {
    let mut days: Vec<ScheduleDay> = Vec::new();
    for item in items {
        match days.last_mut() {
            Some(day) if day.date == item.day => day.items.push(item),
            _ => days.push(ScheduleDay {
                label: label_of(&item.day),
                date: item.day.clone(),
                items: vec![item],
            }),
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64, title: &str, start: i64, end: i64) -> AgendaItem {
        AgendaItem {
            id: AgendaItemId(id),
            title: title.into(),
            abstract_text: String::new(),
            kind: SessionKind::Talk,
            starts_at: start,
            ends_at: end,
            day: "2026-03-03".into(),
            starts_local: String::new(),
            ends_local: String::new(),
            time_label: String::new(),
            room: None,
            track: None,
            speakers: Vec::new(),
        }
    }

    fn room(id: i64, name: &str) -> Option<RoomRef> {
        Some(Named {
            id: RoomId(id),
            name: name.into(),
        })
    }

    fn speaker(id: i64, name: &str) -> SpeakerRef {
        Named {
            id: SpeakerId(id),
            name: name.into(),
        }
    }

    #[test]
    fn two_sessions_in_one_room_at_once_are_a_clash() {
        let mut a = item(1, "Async", 100, 200);
        let mut b = item(2, "Traits", 150, 250);
        let mut c = item(3, "Macros", 200, 300);
        a.room = room(1, "Hall A");
        b.room = room(1, "Hall A");
        c.room = room(1, "Hall A");
        let found = warnings(&[c, b, a], 0, 1000);
        // a–b overlap, b–c overlap, a–c only touch.
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[0].to_string(),
            "Hall A holds “Async” and “Traits” at the same time."
        );
    }

    #[test]
    fn different_rooms_at_once_are_fine_but_a_shared_speaker_is_not() {
        let mut a = item(1, "Async", 100, 200);
        let mut b = item(2, "Traits", 150, 250);
        a.room = room(1, "Hall A");
        b.room = room(2, "Hall B");
        assert!(warnings(&[a.clone(), b.clone()], 0, 1000).is_empty());
        a.speakers = vec![speaker(7, "Ada")];
        b.speakers = vec![speaker(8, "Grace"), speaker(7, "Ada")];
        assert_eq!(
            warnings(&[a, b], 0, 1000),
            vec![AgendaWarning::SpeakerClash {
                speaker: "Ada".into(),
                first: "Async".into(),
                second: "Traits".into()
            }]
        );
    }

    #[test]
    fn sessions_outside_the_event_are_flagged() {
        let early = item(1, "Early", 50, 150);
        let late = item(2, "Late", 900, 1100);
        let inside = item(3, "Inside", 100, 1000);
        let found = warnings(&[early, late, inside], 100, 1000);
        assert_eq!(found.len(), 2);
        assert!(
            found
                .iter()
                .all(|w| matches!(w, AgendaWarning::OutsideEvent { .. }))
        );
    }

    #[test]
    fn the_text_filter_looks_at_speakers_and_rooms_too() {
        let mut a = item(1, "Async Rust", 0, 1);
        a.speakers = vec![speaker(1, "Ada Lovelace")];
        a.room = room(1, "Hall Ü");
        assert!(a.matches("async lovelace"));
        assert!(a.matches("HALL ü"));
        assert!(!a.matches("async grace"));
    }

    #[test]
    fn items_are_grouped_by_day_in_order() {
        let mut a = item(1, "A", 0, 1);
        let mut b = item(2, "B", 2, 3);
        let mut c = item(3, "C", 4, 5);
        a.day = "2026-03-03".into();
        b.day = "2026-03-03".into();
        c.day = "2026-03-04".into();
        let days = by_day(vec![a, b, c], |d| format!("day {d}"));
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].items.len(), 2);
        assert_eq!(days[1].label, "day 2026-03-04");
    }

    #[test]
    fn kinds_round_trip_and_unknown_ones_are_refused() {
        for kind in SessionKind::ALL {
            assert_eq!(SessionKind::parse(kind.as_str()), Ok(kind));
        }
        assert!(SessionKind::parse("party").is_err());
    }
}
