//! Rows for acme's audience: contacts, imports of contacts, segments, templates and campaigns.

use super::{ACME_MEMBERS, Row, org, s};

pub(super) fn rows() -> Vec<Row> {
    vec![
        // Contacts and campaigns: acme's members only; unknown ids and refused input are
        // answered by the function once the policy has let the caller through.
        ("get_contacts", ACME_MEMBERS, vec![org()]),
        (
            "get_contact",
            ACME_MEMBERS,
            vec![org(), ("id", s("999999"))],
        ),
        (
            "add_contact",
            ACME_MEMBERS,
            vec![org(), ("email", s("bad"))],
        ),
        (
            "update_contact",
            ACME_MEMBERS,
            vec![org(), ("id", s("999999")), ("status", s("subscribed"))],
        ),
        (
            "set_suppression",
            ACME_MEMBERS,
            vec![org(), ("email", s("bad")), ("change", s("add"))],
        ),
        ("get_campaigns", ACME_MEMBERS, vec![org()]),
        ("map_import", ACME_MEMBERS, vec![org(), ("id", s("999999"))]),
        ("count_segment", ACME_MEMBERS, vec![org()]),
        ("save_segment", ACME_MEMBERS, vec![org(), ("name", s(""))]),
        (
            "get_template",
            ACME_MEMBERS,
            vec![org(), ("id", s("999999"))],
        ),
        (
            "save_template",
            ACME_MEMBERS,
            vec![org(), ("name", s("")), ("body", s(""))],
        ),
        (
            "preview_template",
            ACME_MEMBERS,
            vec![org(), ("id", s("999999"))],
        ),
        (
            "send_test_message",
            ACME_MEMBERS,
            vec![org(), ("id", s("999999"))],
        ),
        (
            "get_campaign",
            ACME_MEMBERS,
            vec![org(), ("id", s("999999"))],
        ),
        (
            "get_campaign_progress",
            ACME_MEMBERS,
            vec![org(), ("id", s("999999"))],
        ),
        (
            "save_campaign",
            ACME_MEMBERS,
            vec![
                org(),
                ("name", s("")),
                ("subject", s("")),
                ("from_name", s("")),
            ],
        ),
        (
            "change_campaign",
            ACME_MEMBERS,
            vec![org(), ("id", s("999999")), ("change", s("cancel"))],
        ),
    ]
}
