//! An organization's audience: contacts, their consent to be mailed, and their tags.

use serde::{Deserialize, Serialize};

use super::ContactId;

/// Whether a contact may be sent campaigns, and why not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContactStatus {
    /// Campaigns may be sent.
    Subscribed,
    /// The person asked not to be mailed.
    Unsubscribed,
    /// Their mail server refused the address for good.
    Bounced,
    /// They marked a message as spam.
    Complained,
}

impl ContactStatus {
    /// Every state, in the order forms list them.
    pub const ALL: [Self; 4] = [
        Self::Subscribed,
        Self::Unsubscribed,
        Self::Bounced,
        Self::Complained,
    ];

    /// As stored and in forms.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Subscribed => "subscribed",
            Self::Unsubscribed => "unsubscribed",
            Self::Bounced => "bounced",
            Self::Complained => "complained",
        }
    }

    /// From its stored or posted name.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// For people.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Subscribed => "Subscribed",
            Self::Unsubscribed => "Unsubscribed",
            Self::Bounced => "Bounced",
            Self::Complained => "Complained",
        }
    }
}

/// A label on contacts: lower-cased, 1 to 40 letters, digits, spaces, `-` or `_`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Tag(String);

impl Tag {
    /// The longest tag.
    pub const MAX_LEN: usize = 40;

    /// Trims, lower-cases and checks a tag.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let tag = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let tag = tag.to_lowercase();
        if tag.is_empty() {
            return Err("enter a tag".into());
        }
        if tag.chars().count() > Self::MAX_LEN {
            return Err(format!("a tag has at most {} characters", Self::MAX_LEN));
        }
        if !tag
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        {
            return Err("use letters, digits, spaces, “-” and “_” in a tag".into());
        }
        Ok(Self(tag))
    }

    /// Several tags separated by commas; blank items are skipped.
    pub fn parse_list(raw: &str) -> Result<Vec<Self>, String> {
        let mut tags: Vec<Self> = raw
            .split(',')
            .filter(|t| !t.trim().is_empty())
            .map(Self::parse)
            .collect::<Result<_, _>>()?;
        tags.sort();
        tags.dedup();
        Ok(tags)
    }

    /// The tag's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Tag {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<Tag> for String {
    fn from(tag: Tag) -> Self {
        tag.0
    }
}

/// One line of the contact list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactRow {
    /// Its id.
    pub id: ContactId,
    /// The address.
    pub email: String,
    /// The name, possibly blank.
    pub name: String,
    /// Consent.
    pub status: ContactStatus,
    /// Whether the organization's suppression list holds the address.
    pub suppressed: bool,
    /// Its tags.
    pub tags: Vec<String>,
}

/// The contacts page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactListing {
    /// The contacts matching the search, by address.
    pub contacts: Vec<ContactRow>,
    /// Whether more matched than are listed.
    pub truncated: bool,
    /// How many contacts the organization has, and how many may be mailed.
    pub total: i64,
    /// Subscribed and not suppressed.
    pub mailable: i64,
    /// Every tag in use, for the filters and the segment builder.
    pub tags: Vec<String>,
    /// The suppression list.
    pub suppressed: Vec<String>,
}

/// One change of consent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentChange {
    /// The state it changed to.
    pub status: ContactStatus,
    /// Why: a registration, an import, an organizer, an unsubscribe link…
    pub source: String,
    /// When (Unix seconds).
    pub at: i64,
}

/// One contact's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDetails {
    /// The contact.
    pub contact: ContactRow,
    /// How it came in.
    pub source: String,
    /// Every change of consent, newest first.
    pub history: Vec<ConsentChange>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_lower_cased_trimmed_and_checked() {
        assert_eq!(
            Tag::parse("  VIP  Guests ").map(|t| t.0),
            Ok("vip guests".into())
        );
        assert!(Tag::parse("").is_err());
        assert!(Tag::parse("a<b").is_err());
        assert!(Tag::parse(&"x".repeat(41)).is_err());
        let list = Tag::parse_list("speaker, VIP,, vip").expect("valid tags");
        assert_eq!(
            list.iter().map(Tag::as_str).collect::<Vec<_>>(),
            ["speaker", "vip"]
        );
    }

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in ContactStatus::ALL {
            assert_eq!(ContactStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ContactStatus::parse("gone"), None);
    }
}
