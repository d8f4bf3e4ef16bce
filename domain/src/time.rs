//! Instants as a reader sees them where no time zone applies (UTC): on the server, and in
//! the pages compiled for both sides. Times in an event's own zone are the server's
//! (`services::time`), which holds the zone database.

use crate::text::counted;

/// "3 Mar 2026, 09:12 UTC".
pub fn moment_utc(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.strftime("%-d %b %Y, %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// "just now", "5 minutes ago", "3 hours ago", "2 days ago", then the UTC date.
pub fn relative_label(at: i64, now: i64) -> String {
    let ago = (now - at).max(0);
    let plural = |n: i64, unit: &str| format!("{} ago", counted(n, unit));
    match ago {
        0..60 => "just now".to_owned(),
        60..3600 => plural(ago / 60, "minute"),
        3600..86_400 => plural(ago / 3600, "hour"),
        86_400..2_592_000 => plural(ago / 86_400, "day"),
        _ => jiff::Timestamp::from_second(at)
            .map(|t| t.strftime("%-d %b %Y").to_string())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_is_written_in_utc() {
        assert_eq!(moment_utc(1_772_528_400), "3 Mar 2026, 09:00 UTC");
    }

    #[test]
    fn recent_instants_read_as_time_ago_and_old_ones_as_a_date() {
        assert_eq!(relative_label(1_000, 1_030), "just now");
        assert_eq!(relative_label(0, 400 * 86_400), "1 Jan 1970");
    }
}
