//! The URL-safe names of organizations and events (`/e/{slug}`).

use serde::{Deserialize, Serialize};

/// A lowercase, hyphenated name used in URLs: 3 to 64 characters of `a-z`, `0-9` and single
/// hyphens, not starting or ending with a hyphen.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

/// Why a slug was refused, phrased as how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InvalidSlug {
    /// Fewer than 3 or more than 64 characters.
    #[error("use between 3 and 64 characters")]
    Length,
    /// A character outside `a-z`, `0-9` and `-`.
    #[error("use only lowercase letters, digits and hyphens")]
    Character,
    /// A hyphen at either end, or two in a row.
    #[error("do not start or end with a hyphen, or use two in a row")]
    Hyphen,
}

impl Slug {
    /// The longest slug accepted.
    pub const MAX_LEN: usize = 64;

    /// Checks `raw` as it stands: no trimming or lowercasing, so that a URL has one spelling.
    pub fn parse(raw: &str) -> Result<Self, InvalidSlug> {
        if !(3..=Self::MAX_LEN).contains(&raw.len()) {
            return Err(InvalidSlug::Length);
        }
        if !raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(InvalidSlug::Character);
        }
        if raw.starts_with('-') || raw.ends_with('-') || raw.contains("--") {
            return Err(InvalidSlug::Hyphen);
        }
        Ok(Self(raw.to_owned()))
    }

    /// Derives a slug from a title ("Rust Summit 2026!" becomes `rust-summit-2026`), for
    /// suggesting one to an organizer; `None` when the title has too few usable characters.
    pub fn suggest(title: &str) -> Option<Self> {
        let mut out = String::with_capacity(title.len());
        for c in title.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        out.truncate(Self::MAX_LEN);
        Self::parse(out.trim_end_matches('-')).ok()
    }

    /// The slug as it appears in URLs.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = InvalidSlug;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(value: Slug) -> Self {
        value.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_words_with_hyphens_are_accepted() {
        assert_eq!(
            Slug::parse("rust-summit-2026").map(|s| s.to_string()),
            Ok("rust-summit-2026".into())
        );
    }

    #[test]
    fn too_short_and_too_long_slugs_are_rejected() {
        assert_eq!(Slug::parse("ab"), Err(InvalidSlug::Length));
        assert_eq!(Slug::parse(&"a".repeat(65)), Err(InvalidSlug::Length));
        assert!(Slug::parse(&"a".repeat(64)).is_ok());
    }

    #[test]
    fn uppercase_spaces_and_unicode_are_rejected() {
        assert_eq!(Slug::parse("Rust-Summit"), Err(InvalidSlug::Character));
        assert_eq!(Slug::parse("rust summit"), Err(InvalidSlug::Character));
        assert_eq!(Slug::parse("café-conf"), Err(InvalidSlug::Character));
        assert_eq!(Slug::parse("../etc"), Err(InvalidSlug::Character));
    }

    #[test]
    fn stray_hyphens_are_rejected() {
        assert_eq!(Slug::parse("-rust"), Err(InvalidSlug::Hyphen));
        assert_eq!(Slug::parse("rust-"), Err(InvalidSlug::Hyphen));
        assert_eq!(Slug::parse("rust--conf"), Err(InvalidSlug::Hyphen));
    }

    #[test]
    fn messages_say_how_to_fix_the_slug() {
        assert_eq!(
            InvalidSlug::Character.to_string(),
            "use only lowercase letters, digits and hyphens"
        );
    }

    #[test]
    fn a_slug_is_suggested_from_a_title() {
        assert_eq!(
            Slug::suggest("  Rust Summit 2026! ").map(|s| s.to_string()),
            Some("rust-summit-2026".into())
        );
        assert_eq!(Slug::suggest("!!"), None);
    }

    #[test]
    fn deserialising_an_invalid_slug_fails() {
        let parsed: Result<Slug, _> = serde_json::from_str("\"Not A Slug\"");
        assert!(parsed.is_err());
    }
}
