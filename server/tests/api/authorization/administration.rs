//! Rows for running organizations: acme's workspace and its members, and the admin console.

use super::{ACME_MEMBERS, ACME_OWNER, ADMINS, Row, World, acme, s};

pub(super) fn rows(w: &World) -> Vec<Row> {
    let attendee = w.attendee.to_string();
    vec![
        // The acme workspace.
        ("get_workspace", ACME_MEMBERS, vec![acme()]),
        (
            "invite_member",
            ACME_OWNER,
            vec![acme(), ("email", s("bad")), ("role", s("organizer"))],
        ),
        (
            "change_member_role",
            ACME_OWNER,
            vec![
                acme(),
                ("user_id", w.organizer.to_string()),
                ("role", s("organizer")),
            ],
        ),
        (
            "remove_member",
            ACME_OWNER,
            vec![acme(), ("user_id", s("999999"))],
        ),
        (
            "set_organization_time_zone",
            ACME_OWNER,
            vec![acme(), ("time_zone", s("Nowhere/Land"))],
        ),
        (
            "revoke_invitation",
            ACME_OWNER,
            vec![acme(), ("id", s("999999"))],
        ),
        // The admin console.
        ("admin_list_accounts", ADMINS, vec![]),
        ("admin_get_account", ADMINS, vec![("id", attendee.clone())]),
        (
            "admin_set_account_active",
            ADMINS,
            vec![("id", attendee.clone()), ("active", s("true"))],
        ),
        (
            "admin_set_platform_admin",
            ADMINS,
            vec![("id", attendee.clone()), ("admin", s("false"))],
        ),
        (
            "admin_send_password_reset",
            ADMINS,
            vec![("id", attendee.clone())],
        ),
        (
            "admin_resend_verification",
            ADMINS,
            vec![("id", attendee.clone())],
        ),
        ("admin_list_organizations", ADMINS, vec![]),
        (
            "admin_get_organization",
            ADMINS,
            vec![("id", w.acme.to_string())],
        ),
        (
            "admin_create_organization",
            ADMINS,
            vec![
                ("name", s("New")),
                ("slug", s("!")),
                ("owner_email", s("owner@example.org")),
            ],
        ),
        (
            "admin_rename_organization",
            ADMINS,
            vec![("id", w.acme.to_string()), ("name", s("Acme"))],
        ),
        (
            "admin_assign_owner",
            ADMINS,
            vec![("id", w.acme.to_string()), ("owner_email", s("bad"))],
        ),
        ("admin_audit_log", ADMINS, vec![]),
    ]
}
