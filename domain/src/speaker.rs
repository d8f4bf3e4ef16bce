//! Speakers: organization-level profiles, reused by every event of the organization.

use serde::{Deserialize, Serialize};

use super::SpeakerId;
use super::agenda::AgendaItem;

/// A speaker's public profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerProfile {
    /// Its id (the `{id}` of `/e/{event}/speakers/{id}`).
    pub id: SpeakerId,
    /// Full name.
    pub name: String,
    /// "Compiler engineer", one line.
    pub headline: String,
    /// Where they work.
    pub company: String,
    /// Biography, Markdown source.
    pub bio: String,
    /// Photo address (400 × 400), when one was uploaded.
    pub photo: Option<String>,
    /// The same photo at 96 × 96, for lists.
    pub thumbnail: Option<String>,
    /// Their links, http(s) only.
    pub links: Vec<String>,
}

impl SpeakerProfile {
    /// "Compiler engineer, Ferrous Labs": headline and company, whichever are set.
    pub fn byline(&self) -> String {
        [self.headline.as_str(), self.company.as_str()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A speaker with the sessions they give at one event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerAtEvent {
    /// Who.
    pub profile: SpeakerProfile,
    /// Their sessions there, by start.
    pub sessions: Vec<AgendaItem>,
}

/// The fields of the speaker form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerForm {
    /// Full name.
    pub name: String,
    /// One line.
    #[serde(default)]
    pub headline: String,
    /// Company.
    #[serde(default)]
    pub company: String,
    /// Markdown.
    #[serde(default)]
    pub bio: String,
    /// One link per line.
    #[serde(default)]
    pub links: String,
}

impl SpeakerForm {
    /// The form's fields with what was typed, for an error to keep.
    pub fn kept(&self) -> [(&'static str, &str); 5] {
        [
            ("name", &self.name),
            ("headline", &self.headline),
            ("company", &self.company),
            ("bio", &self.bio),
            ("links", &self.links),
        ]
    }
}

/// The workspace's speaker directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerDirectory {
    /// The organization's URL name.
    pub organization_slug: String,
    /// The organization's name.
    pub organization_name: String,
    /// The speakers matching the search, by name.
    pub speakers: Vec<SpeakerProfile>,
    /// Whether more matched than are shown.
    pub truncated: bool,
}
