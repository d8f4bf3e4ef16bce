//! Rows for tickets: acme's ticket types are its members'; what an event offers, ordering and
//! an order's page (opened by its signed link) are everyone's.

use super::{ACME_MEMBERS, EVERYONE, Row, event_of, org, s};

pub(super) fn rows() -> Vec<Row> {
    vec![
        ("list_ticket_types", ACME_MEMBERS, vec![org(), event_of()]),
        (
            "save_ticket_type",
            ACME_MEMBERS,
            vec![org(), event_of(), ("name", s(""))],
        ),
        ("offered_tickets", EVERYONE, vec![event_of()]),
        (
            "place_order",
            EVERYONE,
            vec![event_of(), ("order[buyer_name]", s(""))],
        ),
        (
            "get_order",
            EVERYONE,
            vec![("link", s("NOORDER-AAAAAAAAAAAAA"))],
        ),
        (
            "get_ticket",
            EVERYONE,
            vec![("code", s("AAAAAAAAAAAAAAAA"))],
        ),
        ("list_orders", ACME_MEMBERS, vec![org(), event_of()]),
        (
            "delete_ticket_type",
            ACME_MEMBERS,
            vec![
                org(),
                event_of(),
                ("id", s("999999")),
                ("confirm", s("yes")),
            ],
        ),
        (
            "set_event_payment",
            ACME_MEMBERS,
            vec![org(), event_of(), ("currency", s("x"))],
        ),
        (
            "mark_order_paid",
            ACME_MEMBERS,
            vec![org(), event_of(), ("code", s("NOORDER"))],
        ),
        (
            "cancel_order",
            ACME_MEMBERS,
            vec![
                org(),
                event_of(),
                ("code", s("NOORDER")),
                ("confirm", s("yes")),
            ],
        ),
    ]
}
