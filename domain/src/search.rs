//! What a visitor types into a search box.

use serde::{Deserialize, Serialize};

/// A search query: trimmed, at most 100 characters, possibly empty (meaning "everything").
/// Longer input is cut rather than refused, since a search box has no error message to show.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct SearchQuery(String);

impl SearchQuery {
    /// The most characters kept.
    pub const MAX_CHARS: usize = 100;

    /// Normalises raw input: trims, folds runs of white space and drops control characters.
    pub fn new(raw: &str) -> Self {
        let words: Vec<&str> = raw
            .split(|c: char| c.is_whitespace() || c.is_control())
            .filter(|w| !w.is_empty())
            .collect();
        Self(
            words
                .join(" ")
                .chars()
                .take(Self::MAX_CHARS)
                .collect::<String>()
                .trim_end()
                .to_owned(),
        )
    }

    /// The query text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for SearchQuery {
    fn from(value: String) -> Self {
        Self::new(&value)
    }
}

impl From<SearchQuery> for String {
    fn from(value: SearchQuery) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_is_trimmed_and_folded() {
        assert_eq!(
            SearchQuery::new("  rust \t  berlin\n").as_str(),
            "rust berlin"
        );
    }

    #[test]
    fn long_queries_are_cut_to_100_characters() {
        assert_eq!(
            SearchQuery::new(&"ü".repeat(500)).as_str().chars().count(),
            100
        );
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(SearchQuery::new("rust\u{0}conf").as_str(), "rust conf");
    }

    #[test]
    fn blank_input_is_an_empty_query() {
        assert!(SearchQuery::new("   ").is_empty());
    }
}
