//! Events: what an organizer publishes and what visitors read.

use serde::{Deserialize, Serialize};

use super::text::{self, TextProblem};
use super::{EventId, Slug};

/// An event's title: 1 to 120 graphemes of single-line text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EventTitle(String);

/// Why an event title was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InvalidEventTitle {
    /// Blank after trimming.
    #[error("enter a title")]
    Empty,
    /// Over the limit.
    #[error("keep the title to {max} characters or fewer")]
    TooLong { max: usize },
    /// A line break or control character.
    #[error("use a single line of text without special characters")]
    ControlCharacter,
}

impl EventTitle {
    /// The longest title accepted, in graphemes.
    pub const MAX_LEN: usize = 120;

    /// Trims and checks a title.
    pub fn parse(raw: &str) -> Result<Self, InvalidEventTitle> {
        text::clean(raw, Self::MAX_LEN, false)
            .map(Self)
            .map_err(|p| match p {
                TextProblem::Empty => InvalidEventTitle::Empty,
                TextProblem::TooLong { max } => InvalidEventTitle::TooLong { max },
                TextProblem::ControlCharacter => InvalidEventTitle::ControlCharacter,
            })
    }

    /// The title as typed, trimmed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for EventTitle {
    type Error = InvalidEventTitle;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<EventTitle> for String {
    fn from(value: EventTitle) -> Self {
        value.0
    }
}

/// Where an event is in its life. Only published events are shown to the public.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// Being prepared; visible to its organization only.
    Draft,
    /// Public (or reachable by link, when unlisted).
    Published,
    /// Over and withdrawn from public pages.
    Archived,
}

impl EventStatus {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
            Self::Archived => "archived",
        }
    }
}

/// Whether a published event is listed on the home and discovery pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Listed and searchable.
    Public,
    /// Reachable by its link only.
    Unlisted,
}

impl Visibility {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Unlisted => "unlisted",
        }
    }
}

/// Start and end of an event, as instants plus the time zone they are shown in. The labels
/// are formatted on the server (in the event's own zone), so the browser bundle carries no
/// time-zone database.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSchedule {
    /// Start, RFC 3339 with the event's offset (for `<time datetime>`).
    pub starts_at: String,
    /// End, RFC 3339 with the event's offset.
    pub ends_at: String,
    /// IANA time zone name, such as `Europe/Berlin`.
    pub time_zone: String,
    /// Human-readable dates, e.g. "Tue 3 Mar 2026, 09:00 – Wed 4 Mar, 17:00 (CET)".
    pub label: String,
}

/// An event as shown in a list: enough for a card, nothing more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSummary {
    /// Its id.
    pub id: EventId,
    /// Its URL name.
    pub slug: Slug,
    /// Its title.
    pub title: String,
    /// One or two sentences.
    pub summary: String,
    /// When it takes place.
    pub schedule: EventSchedule,
    /// Venue name and city, or "Online".
    pub place: String,
    /// The organizing organization's name.
    pub organization: String,
    /// What the event is found by; see [`search_text`].
    pub search_text: String,
}

impl EventSummary {
    /// Whether every word of `needle` appears in the event's [`search_text`] or its
    /// organization's name, ignoring case: the same rule the server's search applies, so
    /// filtering in the browser and searching on the server agree.
    pub fn matches(&self, needle: &str) -> bool {
        matches_words(&self.haystack(), needle)
    }

    /// The lower-cased text [`matches`](Self::matches) looks in.
    pub fn haystack(&self) -> String {
        format!("{} {}", self.search_text, self.organization.to_lowercase())
    }
}

/// Whether every word of `needle` appears in `haystack` (already lower-cased), ignoring case.
pub fn matches_words(haystack: &str, needle: &str) -> bool {
    needle
        .to_lowercase()
        .split_whitespace()
        .all(|word| haystack.contains(word))
}

/// The lower-cased text an event is found by: title, summary, venue, and "online" when it
/// can be joined online. Stored with the event, so the database compares it without relying
/// on its own case folding (SQLite's `LOWER` knows only ASCII).
pub fn search_text(title: &str, summary: &str, venue: Option<&str>, online: bool) -> String {
    let mut text = format!("{title} {summary} {}", venue.unwrap_or_default()).to_lowercase();
    if online {
        text.push_str(" online");
    }
    text
}

/// Everything the public event page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDetails {
    /// The card-level facts.
    pub summary: EventSummary,
    /// The description, rendered from Markdown and sanitized on the server.
    pub description_html: String,
    /// The venue's name and address, when in person.
    pub venue: Option<String>,
    /// The link to join online, when online or hybrid.
    pub online_url: Option<String>,
    /// The organization's URL name.
    pub organization_slug: Slug,
    /// The page's absolute URL, for `<link rel="canonical">` and sharing.
    pub canonical_url: String,
    /// The cover image's address (1600 pixels wide at most), if one was uploaded.
    pub cover: Option<String>,
    /// The same image's absolute address, for sharing cards.
    pub share_image: Option<String>,
    /// The speakers shown on the page, by name.
    pub speakers: Vec<super::speaker::SpeakerProfile>,
    /// How many speakers the event has in all.
    pub speaker_count: usize,
    /// schema.org `Event` as JSON-LD, safe to put inside a `<script>` element.
    pub json_ld: String,
    /// Registration is by ticket (the event has ticket types), not by joining.
    pub sells_tickets: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_normal_title_is_accepted_and_trimmed() {
        assert_eq!(
            EventTitle::parse("  RustConf  ").map(String::from),
            Ok("RustConf".into())
        );
    }

    #[test]
    fn an_empty_title_asks_for_one() {
        let err = EventTitle::parse("   ").err();
        assert_eq!(err.map(|e| e.to_string()), Some("enter a title".into()));
    }

    #[test]
    fn title_over_120_graphemes_is_rejected() {
        assert!(EventTitle::parse(&"é".repeat(120)).is_ok());
        let err = EventTitle::parse(&"é".repeat(121)).err();
        assert_eq!(
            err.map(|e| e.to_string()),
            Some("keep the title to 120 characters or fewer".into())
        );
    }

    #[test]
    fn a_title_with_a_line_break_is_rejected() {
        assert_eq!(
            EventTitle::parse("Rust\nConf"),
            Err(InvalidEventTitle::ControlCharacter)
        );
    }

    #[test]
    fn deserialising_checks_the_title() {
        assert!(serde_json::from_str::<EventTitle>("\"\"").is_err());
        assert!(serde_json::from_str::<EventTitle>("\"Ok\"").is_ok());
    }

    fn card(title: &str) -> EventSummary {
        EventSummary {
            id: EventId(1),
            slug: Slug::parse("some-event").expect("valid slug"),
            title: title.into(),
            summary: "Talks and workshops".into(),
            schedule: EventSchedule {
                starts_at: String::new(),
                ends_at: String::new(),
                time_zone: "UTC".into(),
                label: String::new(),
            },
            place: "Berlin".into(),
            organization: "Demo Org".into(),
            search_text: search_text(title, "Talks and workshops", Some("Berlin"), true),
        }
    }

    #[test]
    fn matching_ignores_case_and_needs_every_word() {
        let event = card("RustConf Europe");
        assert!(event.matches("rustconf"));
        assert!(event.matches("BERLIN workshops"));
        assert!(!event.matches("rustconf paris"));
        assert!(event.matches("   "));
    }

    #[test]
    fn matching_folds_non_ascii_case_and_finds_online_events() {
        let event = card("Überconf");
        assert!(event.matches("ÜBERCONF"));
        assert!(event.matches("online"));
        assert!(event.matches("demo org"));
    }
}
