//! `/events`: discovering public events by words (in an event, its sessions or its speakers)
//! and by when and how they take place.

use serde::{Deserialize, Serialize};

use super::{EventSummary, SearchQuery};

/// Which events by date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum When {
    /// Not ended yet, soonest first.
    #[default]
    Upcoming,
    /// Ended, most recent first.
    Past,
}

/// Which events by how people attend.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Attendance {
    /// Either.
    #[default]
    Any,
    /// With a venue.
    InPerson,
    /// With a link to join online.
    Online,
}

impl When {
    /// From the address; anything unknown is the default.
    pub fn parse(raw: &str) -> Self {
        if raw == "past" {
            Self::Past
        } else {
            Self::Upcoming
        }
    }

    /// As written in the address.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Upcoming => "upcoming",
            Self::Past => "past",
        }
    }
}

impl Attendance {
    /// From the address; anything unknown is the default.
    pub fn parse(raw: &str) -> Self {
        match raw {
            "in-person" => Self::InPerson,
            "online" => Self::Online,
            _ => Self::Any,
        }
    }

    /// As written in the address.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Any => "any",
            Self::InPerson => "in-person",
            Self::Online => "online",
        }
    }
}

/// Where the next page starts: after the event that starts at `starts_at` with id `id`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// Unix seconds.
    pub starts_at: i64,
    /// The event's id, which breaks ties.
    pub id: i64,
}

impl Cursor {
    /// `"{starts_at}.{id}"`, as in the address; `None` for anything else.
    pub fn parse(raw: &str) -> Option<Self> {
        let (starts_at, id) = raw.split_once('.')?;
        Some(Self {
            starts_at: starts_at.parse().ok()?,
            id: id.parse().ok()?,
        })
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.starts_at, self.id)
    }
}

/// What a visitor asks `/events` for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discovery {
    /// Words that must all appear (as word prefixes) in the event, one of its sessions or one
    /// of its speakers.
    pub text: SearchQuery,
    /// Upcoming or past.
    pub when: When,
    /// In person, online or either.
    pub attendance: Attendance,
    /// Continue after this event.
    pub after: Option<Cursor>,
}

impl Discovery {
    /// The most words searched for; more are ignored.
    pub const MAX_WORDS: usize = 8;

    /// The words searched for: letters and digits only, lower-cased, so no character of the
    /// input reaches a full-text query language as syntax.
    pub fn words(&self) -> Vec<String> {
        self.text
            .as_str()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .take(Self::MAX_WORDS)
            .collect()
    }

    /// The address of this search with `after` as the cursor (`None`: the first page).
    pub fn href(&self, after: Option<Cursor>) -> String {
        let mut pairs = Vec::new();
        if !self.text.is_empty() {
            pairs.push(format!("q={}", encode(self.text.as_str())));
        }
        if self.when != When::Upcoming {
            pairs.push(format!("when={}", self.when.as_str()));
        }
        if self.attendance != Attendance::Any {
            pairs.push(format!("attendance={}", self.attendance.as_str()));
        }
        if let Some(after) = after {
            pairs.push(format!("after={after}"));
        }
        if pairs.is_empty() {
            "/events".to_owned()
        } else {
            format!("/events?{}", pairs.join("&"))
        }
    }
}

/// Percent-encodes a query value (everything but unreserved characters).
fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// One page of results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscoveryPage {
    /// What was asked, normalised.
    pub query: Discovery,
    /// The events found, in order.
    pub events: Vec<EventSummary>,
    /// Where the next page starts, when there is one.
    pub next: Option<Cursor>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_letters_and_digits_become_search_words() {
        let query = Discovery {
            text: SearchQuery::new(r#"Rust* "async" NEAR(a b) -x Zürich's 2031 OR"#),
            ..Discovery::default()
        };
        assert_eq!(
            query.words(),
            ["rust", "async", "near", "a", "b", "x", "zürich", "s"]
        );
        assert!(Discovery::default().words().is_empty());
    }

    #[test]
    fn addresses_round_trip_their_filters() {
        let query = Discovery {
            text: SearchQuery::new("rust & wasm"),
            when: When::Past,
            attendance: Attendance::Online,
            after: None,
        };
        let cursor = Cursor {
            starts_at: 1_900_000_000,
            id: 42,
        };
        assert_eq!(
            query.href(Some(cursor)),
            "/events?q=rust+%26+wasm&when=past&attendance=online&after=1900000000.42"
        );
        assert_eq!(Cursor::parse("1900000000.42"), Some(cursor));
        assert_eq!(Cursor::parse("x.1"), None);
        assert_eq!(Discovery::default().href(None), "/events");
        assert_eq!(When::parse("whenever"), When::Upcoming);
        assert_eq!(Attendance::parse("in-person"), Attendance::InPerson);
    }
}
