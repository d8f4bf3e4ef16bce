//! The role × server-function matrix: every server function, called by every kind of
//! caller, is allowed or refused exactly as this table says. A server function without a
//! row fails the test, so none can be added without deciding who may call it.
//! The rows are kept by area in the submodules; `matrix` puts them together.

mod accounts;
mod administration;
mod campaigns;
mod events;
mod feed;
mod tickets;

use std::collections::BTreeSet;

use domain::error::AppError;
use domain::{OrgRole, OrganizationId, PlatformRole, UserId};

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
    /// On the door staff of `acme-conf`, not a member of acme.
    DoorStaff,
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
    DoorStaff,
];
const SIGNED_IN: &[Who] = &[Attendee, Organizer, OtherOrganizer, Owner, Admin, DoorStaff];
/// Who checks in at `acme-conf`: acme's members and the event's door staff.
const ACME_CONF_DOOR: &[Who] = &[Organizer, Owner, DoorStaff];
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
    let door = given_user(&app, "door@example.org", PlatformRole::None).await;
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
        (DoorStaff, door),
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
    sqlx::query(
        "INSERT INTO event_door_staff (event_id, user_id, created_at) \
         SELECT id, $1, 0 FROM events WHERE slug = 'acme-conf'",
    )
    .bind(door)
    .execute(app.db().pool())
    .await
    .expect("on acme-conf's door staff");
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

/// Every row of the matrix.
fn matrix(w: &World) -> Vec<Row> {
    [
        accounts::rows(),
        administration::rows(w),
        events::rows(),
        feed::rows(w),
        campaigns::rows(),
        tickets::rows(),
    ]
    .concat()
}

fn s(v: &str) -> String {
    v.to_owned()
}

/// The workspace argument: acme.
fn acme() -> (&'static str, String) {
    ("slug", s("acme"))
}

/// The organization argument: acme.
fn org() -> (&'static str, String) {
    ("org", s("acme"))
}

/// The event argument of acme's functions: acme-conf.
fn event_of() -> (&'static str, String) {
    ("event", s("acme-conf"))
}

/// The event argument of public functions: acme-conf.
fn conf() -> (&'static str, String) {
    ("slug", s("acme-conf"))
}

/// A refusal by the policy (as opposed to an answer of the function itself).
fn refused(error: &AppError) -> bool {
    matches!(error, AppError::Unauthenticated | AppError::Forbidden)
        || *error == AppError::NotFound("organization".into())
        || *error == AppError::NotFound("event".into())
}

/// Server functions whose arguments travel as JSON.
const JSON_INPUT: &[&str] = &["door_sync"];

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
            let response = if JSON_INPUT.contains(&name) {
                browser.call_json(name, &form).await
            } else {
                browser.call(name, &form).await
            };
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
