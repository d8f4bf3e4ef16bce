//! Instants as a reader sees them where no time zone applies (UTC): on the server, and in
//! the pages compiled for both sides. Times in an event's own zone are the server's
//! (`services::time`), which holds the zone database.

use serde::{Deserialize, Serialize};

use crate::text::counted;

/// An instant written out by the server for a page whose browser part shows it: the browser
/// then needs no calendar code, which would be most of its download.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    /// The instant, Unix seconds.
    pub at: i64,
    /// "3 Mar 2026", for instants too old to say "… ago".
    pub date: String,
    /// "3 Mar 2026, 09:12 UTC".
    pub moment: String,
    /// "2026-03-03T09:12:00Z", for machines (`<time datetime>`).
    pub iso: String,
}

impl Written {
    /// `at` written out (on the server: this is the calendar code the browser does without).
    pub fn new(at: i64) -> Self {
        Self {
            at,
            date: date_utc(at),
            moment: moment_utc(at),
            iso: instant_utc(at),
        }
    }

    /// "5 minutes ago" as seen at `now`, or the date when it is older than a month; in the
    /// browser too, since it counts only.
    pub fn relative(&self, now: i64) -> String {
        ago(self.at, now).unwrap_or_else(|| self.date.clone())
    }
}

/// "3 Mar 2026, 09:12 UTC".
pub fn moment_utc(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.strftime("%-d %b %Y, %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// "2026-03-03T09:12:00Z": the instant for machines (a `<time datetime>`).
pub fn instant_utc(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// "3 Mar 2026".
pub fn date_utc(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.strftime("%-d %b %Y").to_string())
        .unwrap_or_default()
}

/// "just now", "5 minutes ago", "3 hours ago", "2 days ago", then the UTC date.
pub fn relative_label(at: i64, now: i64) -> String {
    ago(at, now).unwrap_or_else(|| date_utc(at))
}

/// "just now", "5 minutes ago", "3 hours ago", "2 days ago"; `None` from 30 days on.
fn ago(at: i64, now: i64) -> Option<String> {
    let ago = (now - at).max(0);
    let plural = |n: i64, unit: &str| format!("{} ago", counted(n, unit));
    Some(match ago {
        0..60 => "just now".to_owned(),
        60..3600 => plural(ago / 60, "minute"),
        3600..86_400 => plural(ago / 3600, "hour"),
        86_400..2_592_000 => plural(ago / 86_400, "day"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_is_written_in_utc() {
        assert_eq!(moment_utc(1_772_528_400), "3 Mar 2026, 09:00 UTC");
        assert_eq!(instant_utc(1_772_528_400), "2026-03-03T09:00:00Z");
    }

    #[test]
    fn recent_instants_read_as_time_ago_and_old_ones_as_a_date() {
        assert_eq!(relative_label(1_000, 1_030), "just now");
        assert_eq!(relative_label(0, 400 * 86_400), "1 Jan 1970");
        let written = Written::new(1_772_528_400);
        assert_eq!(written.relative(1_772_528_400 + 2 * 3600), "2 hours ago");
        assert_eq!(written.relative(1_772_528_400 + 90 * 86_400), "3 Mar 2026");
    }
}
