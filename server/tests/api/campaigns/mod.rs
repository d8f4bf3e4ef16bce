//! The audience: contacts from registrations and by hand, consent and the suppression list,
//! segments and their counts, templates and their preview, campaigns and their states, and
//! another organization's records, which do not exist for acme's organizers. What the tests
//! (and those of `crate::campaign_sending`) share lives here: acme with an event and its
//! organizer, contacts, and a campaign ready to send.

mod segments;
mod states;
mod templates;
mod tenancy;
mod validation;

use domain::{OrgRole, OrganizationId, PlatformRole};
use services::db::{self, contacts};

use crate::fixtures::{event, given_member, given_user, session_for};
use crate::helpers::{Browser, TestApp};

/// Acme with one event and an organizer signed in.
pub struct Acme {
    pub app: TestApp,
    pub org: OrganizationId,
    pub organizer: Browser,
}

pub async fn acme(overrides: &[(&str, &str)]) -> Acme {
    let app = TestApp::spawn_with(overrides).await;
    let org = app
        .given_events("acme", [event("acme-conf", "Acme Conf").in_days(10)])
        .await;
    let user = given_user(&app, "organizer@example.org", PlatformRole::None).await;
    given_member(&app, org, user, OrgRole::Organizer).await;
    let organizer = session_for(&app, user).await;
    Acme {
        app,
        org,
        organizer,
    }
}

/// `n` subscribed contacts `{prefix}{i}@example.org` named "{Prefix} Person {i}", tagged.
pub async fn given_contacts(app: &TestApp, org: OrganizationId, prefix: &str, n: usize, tag: &str) {
    let mut tx = app.db().pool().begin().await.expect("a transaction");
    for i in 0..n {
        let id = contacts::create(
            &mut *tx,
            org,
            &format!("{prefix}{i}@example.org"),
            &format!("{prefix} Person {i}"),
            "test",
            db::now(),
        )
        .await
        .expect("a contact")
        .expect("a new address");
        if !tag.is_empty() {
            contacts::set_tags(&mut tx, id, &[tag])
                .await
                .expect("tagged");
        }
    }
    tx.commit().await.expect("committed");
}

/// The newest id of `table`.
pub async fn last_id(app: &TestApp, table: &str) -> String {
    let id: i64 = sqlx::query_scalar(&format!("SELECT MAX(id) FROM {table}"))
        .fetch_one(app.db().pool())
        .await
        .expect("an id");
    id.to_string()
}

/// Saves a template and a segment of `tag` and a campaign using them; the campaign's id.
pub async fn given_campaign(acme: &Acme, body: &str, tag: &str, throttle: &str) -> String {
    let b = &acme.organizer;
    b.ok(
        "save_template",
        &[("org", "acme"), ("name", "Invite"), ("body", body)],
    )
    .await;
    let template = last_id(&acme.app, "mail_templates").await;
    let mut segment = String::new();
    if !tag.is_empty() {
        b.ok(
            "save_segment",
            &[
                ("org", "acme"),
                ("name", "Tagged"),
                ("combine", "all"),
                ("rules[0][kind]", "tag"),
                ("rules[0][tag]", tag),
            ],
        )
        .await;
        segment = last_id(&acme.app, "segments").await;
    }
    b.ok(
        "save_campaign",
        &[
            ("org", "acme"),
            ("name", "Spring invite"),
            ("subject", "Come to Acme Conf"),
            ("from_name", "Acme Events"),
            ("template", &template),
            ("segment", &segment),
            ("event", ""),
            ("throttle", throttle),
        ],
    )
    .await;
    last_id(&acme.app, "campaigns").await
}

/// The campaign's status.
pub async fn status(app: &TestApp, campaign: &str) -> String {
    sqlx::query_scalar("SELECT status FROM campaigns WHERE id = $1")
        .bind(campaign.parse::<i64>().expect("an id"))
        .fetch_one(app.db().pool())
        .await
        .expect("a campaign")
}

/// The page a form posted without JavaScript was sent back to.
async fn sent_back(b: &Browser, response: reqwest::Response) -> String {
    assert_eq!(response.status(), 302);
    let back = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .expect("a location")
        .to_owned();
    b.get(back.trim_start_matches(b.address()))
        .await
        .text()
        .await
        .expect("the page")
}
