//! Turning stored instants into what a reader sees, in the event's own time zone. Done on
//! the server so the browser bundle needs no time-zone database.

use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

use domain::EventSchedule;
use domain::text::counted;

/// Formats an event's start and end in `time_zone`. An unknown zone (which validation keeps
/// out of the database) falls back to UTC rather than failing the page.
pub fn schedule(starts_at: i64, ends_at: i64, time_zone: &str) -> EventSchedule {
    let tz = TimeZone::get(time_zone).unwrap_or_else(|_| {
        tracing::warn!(
            event.time_zone = time_zone,
            "unknown time zone, showing UTC"
        );
        TimeZone::UTC
    });
    let start = at(starts_at, &tz);
    let end = at(ends_at, &tz);
    EventSchedule {
        starts_at: start.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        ends_at: end.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        time_zone: time_zone.to_owned(),
        label: label(&start, &end),
    }
}

fn at(seconds: i64, tz: &TimeZone) -> Zoned {
    Timestamp::from_second(seconds)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_zoned(tz.clone())
}

/// "Tue 3 Mar 2026, 09:00 – 17:00 CET" on one day, otherwise
/// "Tue 3 Mar, 09:00 – Thu 5 Mar 2026, 17:00 CET".
fn label(start: &Zoned, end: &Zoned) -> String {
    let zone = end.strftime("%Z");
    if start.date() == end.date() {
        format!(
            "{} – {} {zone}",
            start.strftime("%a %-d %b %Y, %H:%M"),
            end.strftime("%H:%M")
        )
    } else if start.year() == end.year() {
        format!(
            "{} – {} {zone}",
            start.strftime("%a %-d %b, %H:%M"),
            end.strftime("%a %-d %b %Y, %H:%M")
        )
    } else {
        format!(
            "{} – {} {zone}",
            start.strftime("%a %-d %b %Y, %H:%M"),
            end.strftime("%a %-d %b %Y, %H:%M")
        )
    }
}

/// The time zone named `name`, or the message for the form field.
pub fn zone(name: &str) -> Result<TimeZone, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("choose a time zone".to_owned());
    }
    TimeZone::get(name).map_err(|_| {
        format!("“{name}” is not a time zone we know; use a name such as Europe/Berlin")
    })
}

/// Reads a `datetime-local` value (`2026-03-03T09:00`) as a time in `tz`; Unix seconds, or
/// the message for the form field. A time skipped by a clock change moves forward, as
/// calendars do.
pub fn parse_local(raw: &str, tz: &TimeZone) -> Result<i64, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("enter a date and time".to_owned());
    }
    raw.parse::<jiff::civil::DateTime>()
        .ok()
        .and_then(|dt| dt.to_zoned(tz.clone()).ok())
        .map(|z| z.timestamp().as_second())
        .ok_or_else(|| "enter a date and time such as 2026-03-03T09:00".to_owned())
}

/// Unix seconds as a `datetime-local` value in `tz`.
pub fn local_input(seconds: i64, tz: &TimeZone) -> String {
    at(seconds, tz).strftime("%Y-%m-%dT%H:%M").to_string()
}

/// The calendar day of `seconds` in `tz`, `YYYY-MM-DD`.
pub fn day_of(seconds: i64, tz: &TimeZone) -> String {
    at(seconds, tz).strftime("%Y-%m-%d").to_string()
}

/// The UTC calendar day of `seconds`, `YYYY-MM-DD` (sitemaps).
pub fn utc_date(seconds: i64) -> String {
    day_of(seconds, &TimeZone::UTC)
}

/// "Tuesday 3 March" for `2026-03-03`.
pub fn day_label(date: &str) -> String {
    date.parse::<jiff::civil::Date>()
        .map(|d| d.strftime("%A %-d %B").to_string())
        .unwrap_or_else(|_| date.to_owned())
}

/// "09:00 – 09:45" in `tz`.
pub fn time_range(starts_at: i64, ends_at: i64, tz: &TimeZone) -> String {
    format!(
        "{} – {}",
        at(starts_at, tz).strftime("%H:%M"),
        at(ends_at, tz).strftime("%H:%M")
    )
}

/// "3 Mar 2026, 09:12" in `tz`, with its abbreviation.
pub fn moment_label(seconds: i64, tz: &TimeZone) -> String {
    at(seconds, tz).strftime("%-d %b %Y, %H:%M %Z").to_string()
}

/// "3 Mar, 10:00" in `tz`: an hour of a chart, whose zone the chart names.
pub fn hour_label(seconds: i64, tz: &TimeZone) -> String {
    at(seconds, tz).strftime("%-d %b, %H:%M").to_string()
}

/// "10:02:31 CET" in `tz`: a moment seconds away.
pub fn clock_label(seconds: i64, tz: &TimeZone) -> String {
    at(seconds, tz).strftime("%H:%M:%S %Z").to_string()
}

/// An instant as an iCalendar UTC date-time, `20260303T080000Z`.
pub fn ics_utc(seconds: i64) -> String {
    at(seconds, &TimeZone::UTC)
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// The zone named `name`, or UTC for a name validation should have kept out.
pub fn zone_or_utc(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap_or(TimeZone::UTC)
}

/// "in 3 days", "in 5 hours", "in 20 minutes": how long until `at`, to the nearest unit (an
/// invitation for seven days, read a second later, still expires "in 7 days").
pub fn relative_future_label(at: i64, now: i64) -> String {
    let left = (at - now).max(0);
    let plural = |n: i64, unit: &str| format!("in {}", counted(n, unit));
    let minutes = (left + 30) / 60;
    if minutes < 60 {
        return plural(minutes.max(1), "minute");
    }
    let hours = (left + 1_800) / 3_600;
    if hours < 24 {
        return plural(hours, "hour");
    }
    plural((left + 43_200) / 86_400, "day")
}

pub use domain::time::relative_label;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_ahead_are_named_to_the_nearest_unit() {
        const DAY: i64 = 86_400;
        assert_eq!(relative_future_label(7 * DAY, 1), "in 7 days");
        assert_eq!(relative_future_label(7 * DAY, DAY / 2 + 1), "in 6 days");
        assert_eq!(relative_future_label(DAY - 1_200, 0), "in 1 day");
        assert_eq!(relative_future_label(3_590, 0), "in 1 hour");
        assert_eq!(relative_future_label(5 * 3_600 + 60, 0), "in 5 hours");
        assert_eq!(relative_future_label(20 * 60 + 10, 0), "in 20 minutes");
        assert_eq!(relative_future_label(10, 0), "in 1 minute");
        assert_eq!(relative_future_label(0, 50), "in 1 minute");
    }

    #[test]
    fn recent_instants_are_named_relative_to_now() {
        assert_eq!(relative_label(1_000, 1_030), "just now");
        assert_eq!(relative_label(1_000, 1_000 + 61), "1 minute ago");
        assert_eq!(relative_label(0, 7_200), "2 hours ago");
        assert_eq!(relative_label(0, 3 * 86_400), "3 days ago");
        assert_eq!(relative_label(0, 400 * 86_400), "1 Jan 1970");
    }

    fn ts(s: &str) -> i64 {
        s.parse::<Timestamp>().expect("valid timestamp").as_second()
    }

    #[test]
    fn a_one_day_event_shows_its_date_once_in_its_own_zone() {
        let s = schedule(
            ts("2026-03-03T08:00:00Z"),
            ts("2026-03-03T16:00:00Z"),
            "Europe/Berlin",
        );
        assert_eq!(s.label, "Tue 3 Mar 2026, 09:00 – 17:00 CET");
        assert_eq!(s.starts_at, "2026-03-03T09:00:00+01:00");
    }

    #[test]
    fn a_multi_day_event_shows_both_dates() {
        let s = schedule(
            ts("2026-07-01T07:00:00Z"),
            ts("2026-07-03T15:00:00Z"),
            "Europe/Berlin",
        );
        assert_eq!(s.label, "Wed 1 Jul, 09:00 – Fri 3 Jul 2026, 17:00 CEST");
    }

    #[test]
    fn local_times_are_read_in_the_event_zone() {
        let berlin = zone("Europe/Berlin").expect("known zone");
        let seconds = parse_local("2026-03-03T09:00", &berlin).expect("valid time");
        assert_eq!(seconds, ts("2026-03-03T08:00:00Z"));
        assert_eq!(local_input(seconds, &berlin), "2026-03-03T09:00");
        assert_eq!(day_of(ts("2026-03-03T23:30:00Z"), &berlin), "2026-03-04");
        assert_eq!(day_label("2026-03-04"), "Wednesday 4 March");
        assert_eq!(ics_utc(seconds), "20260303T080000Z");
    }

    #[test]
    fn bad_zones_and_times_get_field_messages() {
        assert!(
            zone("Mars/Olympus")
                .err()
                .is_some_and(|m| m.contains("Mars/Olympus"))
        );
        assert_eq!(zone(" ").err().as_deref(), Some("choose a time zone"));
        let utc = TimeZone::UTC;
        assert!(parse_local("tomorrow", &utc).is_err());
        assert!(parse_local("2026-02-30T09:00", &utc).is_err());
    }

    #[test]
    fn an_unknown_zone_falls_back_to_utc() {
        let s = schedule(
            ts("2026-03-03T08:00:00Z"),
            ts("2026-03-03T16:00:00Z"),
            "Mars/Olympus",
        );
        assert_eq!(s.label, "Tue 3 Mar 2026, 08:00 – 16:00 UTC");
    }
}
