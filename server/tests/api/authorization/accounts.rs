//! Rows for the public event pages and for accounts: signing up and in, the links sent by
//! mail, and the signed-in person's own account.

use super::{EVERYONE, Row, SIGNED_IN, s};

pub(super) fn rows() -> Vec<Row> {
    vec![
        // Public pages.
        ("list_upcoming_events", EVERYONE, vec![("query", s(""))]),
        ("discover_events", EVERYONE, vec![("q", s("rust"))]),
        ("get_event", EVERYONE, vec![("slug", s("acme-conf"))]),
        ("session_just_ended", EVERYONE, vec![]),
        // Accounts: refused input or unknown links still reach the function.
        ("get_current_user", EVERYONE, vec![]),
        (
            "sign_up",
            EVERYONE,
            vec![
                ("email", s("bad")),
                ("display_name", s("x")),
                ("password", s("x")),
            ],
        ),
        (
            "log_in",
            EVERYONE,
            vec![
                ("email", s("nobody@example.org")),
                ("password", s("wrong password")),
            ],
        ),
        ("log_out", EVERYONE, vec![]),
        ("forget_islands", EVERYONE, vec![("back", s("/"))]),
        (
            "request_password_reset",
            EVERYONE,
            vec![("email", s("nobody@example.org"))],
        ),
        (
            "reset_password",
            EVERYONE,
            vec![("token", s("0")), ("password", s("whatever it is"))],
        ),
        ("verify_email", EVERYONE, vec![("token", s("0"))]),
        ("confirm_email_change", EVERYONE, vec![("token", s("0"))]),
        ("get_invitation", EVERYONE, vec![("token", s("0"))]),
        ("accept_invitation", EVERYONE, vec![("token", s("0"))]),
        // The signed-in person's own account.
        ("get_account_overview", SIGNED_IN, vec![]),
        ("log_out_elsewhere", SIGNED_IN, vec![]),
        ("end_session", SIGNED_IN, vec![("id", s("999999"))]),
        (
            "change_password",
            SIGNED_IN,
            vec![
                ("current_password", s("not the password")),
                ("new_password", s("orange piano lantern")),
            ],
        ),
        (
            "request_email_change",
            SIGNED_IN,
            vec![
                ("new_email", s("new@example.org")),
                ("current_password", s("not the password")),
            ],
        ),
        (
            "delete_account",
            SIGNED_IN,
            vec![("current_password", s("not the password"))],
        ),
        ("resend_verification", SIGNED_IN, vec![]),
    ]
}
