//! The role × server-function matrix: every server function, called by every kind of
//! caller, is allowed or refused exactly as this table says. A server function without a
//! row fails the test, so none can be added without deciding who may call it.

use std::collections::BTreeSet;

use app::domain::{OrgRole, OrganizationId, PlatformRole, UserId};
use app::error::AppError;

use crate::fixtures::{create_organization, event, given_member, given_user, session_for};
use crate::helpers::{Browser, TestApp};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    Attendee,
    /// An organizer of `acme`.
    Organizer,
    /// An organizer of `globex`, another tenant.
    OtherOrganizer,
    /// The owner of `acme`.
    Owner,
    /// A platform admin with no organization.
    Admin,
    /// An account deactivated while its session was still open.
    Deactivated,
}

use Who::*;

const EVERYONE: &[Who] = &[
    Anonymous,
    Attendee,
    Organizer,
    OtherOrganizer,
    Owner,
    Admin,
    Deactivated,
];
const SIGNED_IN: &[Who] = &[Attendee, Organizer, OtherOrganizer, Owner, Admin];
const ACME_MEMBERS: &[Who] = &[Organizer, Owner];
const ACME_OWNER: &[Who] = &[Owner];
/// Who takes part in `acme-conf`'s feed: the attendee who joined it, and acme's members.
const ACME_CONF_PEOPLE: &[Who] = &[Attendee, Organizer, Owner];
const ADMINS: &[Who] = &[Admin];

/// The people and records every row is tried against.
struct World {
    /// Kept running for as long as the world is used.
    _app: TestApp,
    acme: OrganizationId,
    organizer: UserId,
    attendee: UserId,
    browsers: Vec<(Who, Browser)>,
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    let acme = app
        .given_events("acme", [event("acme-conf", "Acme Conf").in_days(10)])
        .await;
    let globex = create_organization(app.db(), "globex").await;
    let attendee = given_user(&app, "attendee@example.org", PlatformRole::None).await;
    let organizer = given_user(&app, "organizer@example.org", PlatformRole::None).await;
    let other = given_user(&app, "other@example.org", PlatformRole::None).await;
    let owner = given_user(&app, "owner@example.org", PlatformRole::None).await;
    let admin = given_user(&app, "admin@example.org", PlatformRole::Admin).await;
    let deactivated = given_user(&app, "gone@example.org", PlatformRole::None).await;
    given_member(&app, acme, organizer, OrgRole::Organizer).await;
    given_member(&app, acme, owner, OrgRole::Owner).await;
    given_member(&app, globex, other, OrgRole::Organizer).await;
    given_member(&app, acme, deactivated, OrgRole::Owner).await;
    let mut browsers = vec![(Anonymous, app.browser())];
    for (who, user) in [
        (Attendee, attendee),
        (Organizer, organizer),
        (OtherOrganizer, other),
        (Owner, owner),
        (Admin, admin),
        (Deactivated, deactivated),
    ] {
        browsers.push((who, session_for(&app, user).await));
    }
    sqlx::query(
        "INSERT INTO registrations (event_id, user_id, status, status_at, created_at) \
         SELECT id, $1, 'joined', 0, 0 FROM events WHERE slug = 'acme-conf'",
    )
    .bind(attendee)
    .execute(app.db().pool())
    .await
    .expect("the attendee joined acme-conf");
    sqlx::query("UPDATE users SET status = 'deactivated' WHERE id = $1")
        .bind(deactivated)
        .execute(app.db().pool())
        .await
        .expect("deactivated");
    World {
        _app: app,
        acme,
        organizer,
        attendee,
        browsers,
    }
}

/// Each server function: who may call it, and harmless arguments to call it with.
/// A server function, who may call it, and the arguments it is called with.
type Row = (&'static str, &'static [Who], Vec<(&'static str, String)>);

fn matrix(w: &World) -> Vec<Row> {
    let s = |v: &str| v.to_owned();
    let acme = || ("slug", s("acme"));
    let org = || ("org", s("acme"));
    let event_of = || ("event", s("acme-conf"));
    let conf = || ("slug", s("acme-conf"));
    let attendee = w.attendee.to_string();
    vec![
        // Public pages.
        ("list_upcoming_events", EVERYONE, vec![("query", s(""))]),
        ("discover_events", EVERYONE, vec![("q", s("rust"))]),
        ("get_event", EVERYONE, vec![("slug", s("acme-conf"))]),
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
        // The public program of an event.
        ("get_schedule", EVERYONE, vec![conf()]),
        ("get_session", EVERYONE, vec![conf(), ("id", s("999999"))]),
        ("get_speakers", EVERYONE, vec![conf()]),
        (
            "render_program",
            EVERYONE,
            vec![
                conf(),
                ("page", s("schedule")),
                ("q", s("x")),
                ("room", s("1")),
            ],
        ),
        ("get_attendance", EVERYONE, vec![conf()]),
        ("join_event", SIGNED_IN, vec![conf()]),
        ("leave_event", SIGNED_IN, vec![conf()]),
        (
            "star_session",
            SIGNED_IN,
            vec![conf(), ("id", s("999999")), ("starred", s("true"))],
        ),
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
            "start_import",
            ACME_MEMBERS,
            vec![org(), ("id", s("999999"))],
        ),
        (
            "discard_import",
            ACME_MEMBERS,
            vec![org(), ("id", s("999999"))],
        ),
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

/// A refusal by the policy (as opposed to an answer of the function itself).
fn refused(error: &AppError) -> bool {
    matches!(error, AppError::Unauthenticated | AppError::Forbidden)
        || *error == AppError::NotFound("organization".into())
}

#[tokio::test]
async fn every_server_function_allows_exactly_the_roles_in_the_matrix() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let probe = world().await;
    let listed: BTreeSet<String> = matrix(&probe)
        .iter()
        .map(|(name, ..)| (*name).to_owned())
        .collect();
    assert_eq!(
        registered, listed,
        "every server function needs a row in the matrix, and only those"
    );
    drop(probe);

    let rows = matrix(&world().await).len();
    let mut failures = Vec::new();
    for index in 0..rows {
        // A world per function: some calls (log_out, log_out_elsewhere) change who is
        // signed in for the calls after them.
        let w = world().await;
        let (name, allowed, args) = matrix(&w).swap_remove(index);
        let form: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        for (who, browser) in &w.browsers {
            let response = browser.call(name, &form).await;
            let status = response.status().as_u16();
            let body = response.text().await.unwrap_or_default();
            let outcome = if (200..300).contains(&status) {
                false
            } else {
                let error: AppError = serde_json::from_str(&body)
                    .unwrap_or_else(|_| panic!("{name} as {who:?}: {status} {body}"));
                refused(&error)
            };
            let expected_refused = !allowed.contains(who);
            if outcome != expected_refused {
                failures.push(format!(
                    "{name} as {who:?}: expected {}, got {status} {body}",
                    if expected_refused {
                        "refused"
                    } else {
                        "allowed"
                    }
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
