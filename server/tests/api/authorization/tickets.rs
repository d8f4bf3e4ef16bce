//! Rows for tickets: acme's ticket types are its members'; what an event offers, ordering,
//! waitlists and an order's page (opened by its signed link) are everyone's; acme-conf's door is its
//! members' and its door staff's, who manage nothing else.

use super::{ACME_CONF_DOOR, ACME_MEMBERS, EVERYONE, Row, event_of, org, s};

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
        (
            "cancel_my_order",
            EVERYONE,
            vec![("link", s("NOORDER-AAAAAAAAAAAAA")), ("confirm", s("yes"))],
        ),
        ("list_orders", ACME_MEMBERS, vec![org(), event_of()]),
        ("list_attendees", ACME_MEMBERS, vec![org(), event_of()]),
        ("event_dashboard", ACME_MEMBERS, vec![org(), event_of()]),
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
            "mark_order_refunded",
            ACME_MEMBERS,
            vec![org(), event_of(), ("code", s("NOORDER"))],
        ),
        (
            "resend_order_mails",
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
        (
            "save_door_note",
            ACME_MEMBERS,
            vec![
                org(),
                event_of(),
                ("code", s("NOORDER")),
                ("note", s("VIP")),
            ],
        ),
        ("get_door_desk", ACME_CONF_DOOR, vec![org(), event_of()]),
        ("get_door_counts", ACME_CONF_DOOR, vec![org(), event_of()]),
        ("get_door_list", ACME_CONF_DOOR, vec![org(), event_of()]),
        (
            "look_up_at_door",
            ACME_CONF_DOOR,
            vec![org(), event_of(), ("q", s("nobody"))],
        ),
        (
            "get_door_scan",
            ACME_CONF_DOOR,
            vec![org(), event_of(), ("scan", s("none"))],
        ),
        (
            "door_scan",
            ACME_CONF_DOOR,
            vec![
                org(),
                event_of(),
                ("device", s("Door")),
                ("code", s("AAAAAAAAAAAAAAAA")),
                ("direction", s("in")),
            ],
        ),
        (
            "door_undo",
            ACME_CONF_DOOR,
            vec![
                org(),
                event_of(),
                ("device", s("Door")),
                ("scan", s("none")),
                ("code", s("AAAAAAAAAAAAAAAA")),
            ],
        ),
        (
            "door_sync",
            ACME_CONF_DOOR,
            vec![
                org(),
                event_of(),
                ("device", s("Door")),
                ("actions", s("[]")),
            ],
        ),
        (
            "join_waitlist",
            EVERYONE,
            vec![event_of(), ("ticket_type", s("999999"))],
        ),
        (
            "get_waitlist_offer",
            EVERYONE,
            vec![("code", s("AAAAAAAAAAAAAAAA"))],
        ),
        (
            "claim_waitlist_seat",
            EVERYONE,
            vec![("code", s("AAAAAAAAAAAAAAAA")), ("name", s("Ada"))],
        ),
        (
            "decline_waitlist_seat",
            EVERYONE,
            vec![("code", s("AAAAAAAAAAAAAAAA")), ("confirm", s("yes"))],
        ),
        ("list_questions", ACME_MEMBERS, vec![org(), event_of()]),
        (
            "save_question",
            ACME_MEMBERS,
            vec![org(), event_of(), ("label", s(""))],
        ),
        (
            "delete_question",
            ACME_MEMBERS,
            vec![
                org(),
                event_of(),
                ("id", s("999999")),
                ("confirm", s("yes")),
            ],
        ),
        (
            "set_answers_deadline",
            ACME_MEMBERS,
            vec![org(), event_of(), ("until", s("x"))],
        ),
        (
            "save_ticket_answers",
            EVERYONE,
            vec![("code", s("AAAAAAAAAAAAAAAA"))],
        ),
        (
            "transfer_ticket",
            EVERYONE,
            vec![
                ("code", s("AAAAAAAAAAAAAAAA")),
                ("name", s("Ada")),
                ("email", s("ada@example.org")),
                ("confirm", s("ada@example.org")),
            ],
        ),
        ("list_door_staff", ACME_MEMBERS, vec![org(), event_of()]),
        (
            "add_door_staff",
            ACME_MEMBERS,
            vec![org(), event_of(), ("email", s("x"))],
        ),
        (
            "remove_door_staff",
            ACME_MEMBERS,
            vec![org(), event_of(), ("user", s("999999"))],
        ),
    ]
}
