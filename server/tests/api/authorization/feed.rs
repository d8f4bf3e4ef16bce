//! Rows for the feed of acme-conf, which the attendee joined.

use super::{ACME_CONF_PEOPLE, ACME_MEMBERS, EVERYONE, Row, SIGNED_IN, World, conf, s};

pub(super) fn rows(w: &World) -> Vec<Row> {
    let attendee = w.attendee.to_string();
    vec![
        // The feed of acme-conf, which the attendee joined. Unknown posts are "not found"
        // once the policy has let the caller through.
        ("get_timeline", EVERYONE, vec![conf(), ("limit", s("5"))]),
        (
            "like_post",
            ACME_CONF_PEOPLE,
            vec![conf(), ("post", s("999999")), ("liked", s("true"))],
        ),
        (
            "comment_on_post",
            ACME_CONF_PEOPLE,
            vec![conf(), ("post", s("999999")), ("body", s("Hi"))],
        ),
        (
            "edit_post",
            ACME_CONF_PEOPLE,
            vec![conf(), ("post", s("999999")), ("body", s("Hi"))],
        ),
        (
            "delete_post",
            SIGNED_IN,
            vec![conf(), ("post", s("999999"))],
        ),
        (
            "report_content",
            SIGNED_IN,
            vec![conf(), ("post", s("999999")), ("reason", s("spam"))],
        ),
        (
            "moderate_content",
            ACME_MEMBERS,
            vec![conf(), ("post", s("999999")), ("decision", s("hide"))],
        ),
        (
            "mute_in_feed",
            ACME_MEMBERS,
            vec![conf(), ("user", attendee), ("muted", s("true"))],
        ),
        (
            "pin_post",
            ACME_MEMBERS,
            vec![conf(), ("post", s("999999")), ("pinned", s("true"))],
        ),
        (
            "set_feed_access",
            ACME_MEMBERS,
            vec![conf(), ("access", s("public"))],
        ),
        ("get_feed_reports", ACME_MEMBERS, vec![conf()]),
    ]
}
