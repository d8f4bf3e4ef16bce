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

#[cfg(test)]
mod tests {
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
}
