//! The audience: contacts from registrations and by hand, consent and the suppression list,
//! segments and their counts, templates and their preview, campaigns and their states, and
//! another organization's records, which do not exist for acme's organizers. What the tests
//! (and those of `crate::campaign_sending`) share lives here: acme with an event and its
//! organizer, contacts, and a campaign ready to send.

mod confirmations;
mod segments;
mod states;
mod templates;
mod tenancy;
mod times;
mod validation;

use app::api::campaigns::{ChangeCampaign, GetCampaign, SaveCampaign, SaveSegment, SaveTemplate};
use domain::campaign::RuleForm;
use domain::{CampaignId, OrgRole, OrganizationId, PlatformRole};
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

/// A new template `name` of `org`, as its form saves it.
pub fn new_template(org: &str, name: &str, body: &str) -> SaveTemplate {
    SaveTemplate {
        org: org.into(),
        id: String::new(),
        name: name.into(),
        body: body.into(),
    }
}

/// A new campaign of acme's with only what its form requires filled in.
pub fn new_campaign(name: &str, subject: &str, from_name: &str) -> SaveCampaign {
    SaveCampaign {
        org: "acme".into(),
        id: String::new(),
        name: name.into(),
        subject: subject.into(),
        from_name: from_name.into(),
        template: String::new(),
        segment: String::new(),
        event: String::new(),
        throttle: String::new(),
    }
}

/// A segment's rule: contacts tagged `tag`.
pub fn tag_rule(tag: &str) -> RuleForm {
    RuleForm {
        kind: "tag".into(),
        tag: tag.into(),
        ..RuleForm::default()
    }
}

/// Changes campaign acme's campaign `id`'s state, as its buttons do (after the page's
/// confirmation, for those that ask).
pub fn change_campaign(id: &str, change: &str, send_at: &str) -> ChangeCampaign {
    ChangeCampaign {
        org: "acme".into(),
        id: CampaignId(id.parse().expect("a campaign's id")),
        change: change.into(),
        send_at: send_at.into(),
        confirm: "yes".into(),
    }
}

/// Saves a template and a segment of `tag` and a campaign using them; the campaign's id.
pub async fn given_campaign(acme: &Acme, body: &str, tag: &str, throttle: &str) -> String {
    let b = &acme.organizer;
    b.run(new_template("acme", "Invite", body))
        .await
        .expect("a template saved");
    let template = last_id(&acme.app, "mail_templates").await;
    let mut segment = String::new();
    if !tag.is_empty() {
        let save = SaveSegment {
            org: "acme".into(),
            id: String::new(),
            name: "Tagged".into(),
            combine: "all".into(),
            rules: vec![tag_rule(tag)],
        };
        b.run(save).await.expect("a segment saved");
        segment = last_id(&acme.app, "segments").await;
    }
    let campaign = SaveCampaign {
        template,
        segment,
        throttle: throttle.into(),
        ..new_campaign("Spring invite", "Come to Acme Conf", "Acme Events")
    };
    b.run(campaign).await.expect("a campaign saved");
    last_id(&acme.app, "campaigns").await
}

/// Reads acme's campaign `id` as its page does.
pub fn get_campaign(id: &str) -> GetCampaign {
    GetCampaign {
        org: "acme".into(),
        id: CampaignId(id.parse().expect("a campaign's id")),
    }
}

/// The HTML of acme's campaign `id`'s page, with `query` (`""`, `"?confirm=send"`).
pub async fn campaign_page(b: &Browser, id: &str, query: &str) -> String {
    b.get(&format!("/manage/acme/campaigns/{id}{query}"))
        .await
        .text()
        .await
        .expect("the page")
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
