//! Rules shared by every piece of free text a person types: trimmed, measured in graphemes
//! (what a reader counts as characters), and free of control characters.

use unicode_segmentation::UnicodeSegmentation;

/// Why a piece of text was refused; the caller turns it into a message naming the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextProblem {
    /// Nothing but white space.
    Empty,
    /// More graphemes than allowed.
    TooLong { max: usize },
    /// A control character such as NUL or an escape.
    ControlCharacter,
}

/// Trims `raw` and checks it against the shared rules. Line breaks are allowed only when
/// `multiline` is set.
pub fn clean(raw: &str, max: usize, multiline: bool) -> Result<String, TextProblem> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(TextProblem::Empty);
    }
    let allowed = |c: char| multiline && (c == '\n' || c == '\r' || c == '\t');
    if trimmed.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(TextProblem::ControlCharacter);
    }
    if trimmed.graphemes(true).count() > max {
        return Err(TextProblem::TooLong { max });
    }
    Ok(trimmed.to_owned())
}

/// The length of `text` as a reader counts it (graphemes).
pub fn length(text: &str) -> usize {
    text.graphemes(true).count()
}

/// A required field's text, or the message to show next to it.
pub fn required(raw: &str, max: usize, multiline: bool) -> Result<String, String> {
    clean(raw, max, multiline).map_err(|p| message(p, "fill this in"))
}

/// An optional field's text (`None` when left blank), or the message to show next to it.
pub fn optional(raw: &str, max: usize, multiline: bool) -> Result<Option<String>, String> {
    match clean(raw, max, multiline) {
        Ok(text) => Ok(Some(text)),
        Err(TextProblem::Empty) => Ok(None),
        Err(p) => Err(message(p, "")),
    }
}

fn message(problem: TextProblem, empty: &str) -> String {
    match problem {
        TextProblem::Empty => empty.to_owned(),
        TextProblem::TooLong { max } => format!("keep it to {max} characters or fewer"),
        TextProblem::ControlCharacter => {
            "use a single line of text without special characters".to_owned()
        }
    }
}

/// "1 member", "3 members": a count and its noun (a regular plural), as pages show counts.
pub fn counted(n: i64, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Whether `url` is an absolute http(s) link: the only kind stored as a link or put in an
/// `href`, so a `javascript:` URL can never become clickable.
pub fn is_web_link(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && lower.len() > "https://".len()
        && !lower.chars().any(char::is_whitespace)
}

/// An optional link field: blank, or an http(s) URL of at most 500 characters.
pub fn optional_link(raw: &str) -> Result<Option<String>, String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if trimmed.len() > 500 || !is_web_link(trimmed) {
        return Err("enter a full link starting with https://".to_owned());
    }
    Ok(Some(trimmed.to_owned()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_take_the_plural_except_for_one() {
        assert_eq!(counted(1, "member"), "1 member");
        assert_eq!(counted(0, "member"), "0 members");
        assert_eq!(counted(2, "like"), "2 likes");
    }

    use super::*;

    #[test]
    fn surrounding_white_space_is_trimmed() {
        assert_eq!(
            clean("  Rust Summit \n", 11, false),
            Ok("Rust Summit".into())
        );
    }

    #[test]
    fn blank_text_is_empty() {
        assert_eq!(clean(" \t ", 10, false), Err(TextProblem::Empty));
    }

    #[test]
    fn length_counts_graphemes_not_bytes() {
        // Five family emoji are 5 graphemes but far more bytes and chars.
        let family = "👨‍👩‍👧".repeat(5);
        assert!(clean(&family, 5, false).is_ok());
        assert_eq!(
            clean(&family, 4, false),
            Err(TextProblem::TooLong { max: 4 })
        );
    }

    #[test]
    fn control_characters_are_refused_but_newlines_allowed_in_multiline_text() {
        assert_eq!(
            clean("a\u{0}b", 10, true),
            Err(TextProblem::ControlCharacter)
        );
        assert_eq!(clean("a\nb", 10, false), Err(TextProblem::ControlCharacter));
        assert_eq!(clean("a\nb", 10, true), Ok("a\nb".into()));
    }

    #[test]
    fn field_messages_name_the_problem() {
        assert_eq!(required("  ", 5, false), Err("fill this in".into()));
        assert_eq!(optional("  ", 5, false), Ok(None));
        assert_eq!(
            optional("abcdef", 5, false),
            Err("keep it to 5 characters or fewer".into())
        );
    }

    #[test]
    fn only_absolute_web_links_are_links() {
        assert!(is_web_link("https://meet.example.org/rust"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link(" JavaScript:alert(1)"));
        assert!(!is_web_link("https://"));
        assert!(!is_web_link("https://a b"));
        assert_eq!(optional_link(""), Ok(None));
        assert!(optional_link("ftp://x.org").is_err());
    }
}
