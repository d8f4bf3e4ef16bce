//! Rows for events: the public program of an event and taking part in it, and acme's events,
//! agenda, speakers and imports.

use super::{ACME_MEMBERS, EVERYONE, Row, SIGNED_IN, conf, event_of, org, s};

pub(super) fn rows() -> Vec<Row> {
    vec![
        // The public program of an event.
        ("get_schedule", EVERYONE, vec![conf()]),
        ("get_session", EVERYONE, vec![conf(), ("id", s("999999"))]),
        ("get_speakers", EVERYONE, vec![conf()]),
        ("get_event_page", EVERYONE, vec![conf()]),
        (
            "get_feed_timeline",
            EVERYONE,
            vec![conf(), ("kind", s("questions"))],
        ),
        (
            "get_feed_post",
            EVERYONE,
            vec![conf(), ("post", s("999999"))],
        ),
        ("get_attendance", EVERYONE, vec![conf()]),
        ("join_event", SIGNED_IN, vec![conf()]),
        ("leave_event", SIGNED_IN, vec![conf()]),
        (
            "star_session",
            SIGNED_IN,
            vec![conf(), ("id", s("999999")), ("starred", s("true"))],
        ),
        ("get_my_stars", SIGNED_IN, vec![conf()]),
        ("get_my_program", SIGNED_IN, vec![]),
        ("create_agenda_feed", SIGNED_IN, vec![]),
        // The acme events, agenda and speakers.
        ("list_events", ACME_MEMBERS, vec![org()]),
        ("get_event_editor", ACME_MEMBERS, vec![org(), event_of()]),
        (
            "save_event",
            ACME_MEMBERS,
            vec![
                org(),
                event_of(),
                ("title", s("")),
                ("starts_local", s("")),
                ("ends_local", s("")),
                ("time_zone", s("UTC")),
            ],
        ),
        (
            "change_event_status",
            ACME_MEMBERS,
            vec![org(), event_of(), ("change", s("bogus"))],
        ),
        ("duplicate_event", ACME_MEMBERS, vec![org(), event_of()]),
        (
            "add_room",
            ACME_MEMBERS,
            vec![org(), event_of(), ("room", s(""))],
        ),
        (
            "add_track",
            ACME_MEMBERS,
            vec![org(), event_of(), ("track", s(""))],
        ),
        (
            "delete_room",
            ACME_MEMBERS,
            vec![org(), event_of(), ("id", s("999999"))],
        ),
        (
            "delete_track",
            ACME_MEMBERS,
            vec![org(), event_of(), ("id", s("999999"))],
        ),
        (
            "save_session",
            ACME_MEMBERS,
            vec![
                org(),
                event_of(),
                ("title", s("")),
                ("kind", s("talk")),
                ("starts_local", s("")),
                ("ends_local", s("")),
            ],
        ),
        (
            "move_session",
            ACME_MEMBERS,
            vec![
                org(),
                event_of(),
                ("id", s("999999")),
                ("starts_local", s("2031-03-03T10:00")),
            ],
        ),
        (
            "delete_session",
            ACME_MEMBERS,
            vec![org(), event_of(), ("id", s("999999"))],
        ),
        (
            "set_session_speaker",
            ACME_MEMBERS,
            vec![
                org(),
                event_of(),
                ("id", s("999999")),
                ("speaker", s("999999")),
                ("attach", s("true")),
            ],
        ),
        ("get_speaker_directory", ACME_MEMBERS, vec![org()]),
        (
            "get_speaker_profile",
            ACME_MEMBERS,
            vec![org(), ("id", s("999999"))],
        ),
        ("save_speaker", ACME_MEMBERS, vec![org(), ("name", s(""))]),
        (
            "delete_speaker",
            ACME_MEMBERS,
            vec![org(), ("id", s("999999"))],
        ),
        ("preview_markdown", SIGNED_IN, vec![("text", s("# Hi"))]),
        ("get_import", ACME_MEMBERS, vec![org(), ("id", s("999999"))]),
        (
            "get_import_progress",
            ACME_MEMBERS,
            vec![org(), ("id", s("999999"))],
        ),
        (
            "start_import",
            ACME_MEMBERS,
            vec![org(), ("id", s("999999"))],
        ),
        (
            "discard_import",
            ACME_MEMBERS,
            vec![org(), ("id", s("999999"))],
        ),
    ]
}
