//! The audience: contacts from registrations and by hand, consent and the suppression list,
//! segments and their counts, templates and their preview, campaigns and their states, and
//! another organization's records, which do not exist for acme's organizers.

use app::domain::{OrgRole, OrganizationId, PlatformRole};
use app::error::AppError;
use app::server::db::{self, contacts};

use crate::fixtures::{create_organization, event, given_member, given_user, session_for};
use crate::helpers::{Browser, TestApp, app_error};

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

/// Saves campaign `id` with a new name and subject, as its form does.
async fn rename(acme: &Acme, id: &str) -> reqwest::Response {
    let template = last_id(&acme.app, "mail_templates").await;
    acme.organizer
        .call(
            "save_campaign",
            &[
                ("org", "acme"),
                ("id", id),
                ("name", "Renamed"),
                ("subject", "Another subject"),
                ("from_name", "F"),
                ("template", &template),
            ],
        )
        .await
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

async fn count(b: &Browser, rules: &[(&str, &str)]) -> i64 {
    let mut form = vec![("org", "acme")];
    form.extend_from_slice(rules);
    b.ok("count_segment", &form)
        .await
        .json()
        .await
        .expect("a count")
}

#[tokio::test]
async fn registrations_become_contacts_and_segments_count_who_matches() {
    let acme = acme(&[]).await;
    let app = &acme.app;
    // Two people register through the site: each becomes a contact of acme, once.
    for email in ["ann@example.org", "bob@example.org"] {
        let user = given_user(app, email, PlatformRole::None).await;
        session_for(app, user)
            .await
            .ok("join_event", &[("slug", "acme-conf")])
            .await;
    }
    given_contacts(app, acme.org, "vip", 3, "vip").await;
    given_contacts(app, acme.org, "plain", 2, "").await;
    let b = &acme.organizer;
    let listing: app::domain::contact::ContactListing = b
        .ok("get_contacts", &[("org", "acme")])
        .await
        .json()
        .await
        .expect("a listing");
    assert_eq!(listing.total, 7);
    assert!(
        listing
            .contacts
            .iter()
            .any(|c| c.email == "ann@example.org" && c.tags.is_empty())
    );
    let event_id = sqlx::query_scalar::<_, i64>("SELECT id FROM events WHERE slug = 'acme-conf'")
        .fetch_one(app.db().pool())
        .await
        .expect("the event")
        .to_string();

    assert_eq!(count(b, &[]).await, 7, "no rule: every mailable contact");
    let joined = [
        ("rules[0][kind]", "event"),
        ("rules[0][event]", event_id.as_str()),
        ("rules[0][status]", "joined"),
    ];
    assert_eq!(count(b, &joined).await, 2);
    let vip = [("rules[1][kind]", "tag"), ("rules[1][tag]", "VIP")];
    assert_eq!(count(b, &vip).await, 3);
    let both: Vec<_> = joined.iter().chain(vip.iter()).copied().collect();
    assert_eq!(
        count(b, &both).await,
        0,
        "all: nobody both joined and is vip"
    );
    let mut any = both.clone();
    any.push(("combine", "any"));
    assert_eq!(count(b, &any).await, 5);
    let today = app::server::time::utc_date(db::now());
    let added = [
        ("rules[0][kind]", "added"),
        ("rules[0][from]", today.as_str()),
        ("rules[0][to]", today.as_str()),
    ];
    assert_eq!(count(b, &added).await, 7);
    let waitlisted = [
        ("rules[0][kind]", "event"),
        ("rules[0][event]", event_id.as_str()),
        ("rules[0][status]", "waitlisted"),
    ];
    assert_eq!(count(b, &waitlisted).await, 0);

    // Unsubscribed and suppressed contacts never count.
    let ann: i64 =
        sqlx::query_scalar("SELECT id FROM contacts WHERE email_key = 'ann@example.org'")
            .fetch_one(app.db().pool())
            .await
            .expect("ann's contact");
    b.ok(
        "update_contact",
        &[
            ("org", "acme"),
            ("id", &ann.to_string()),
            ("status", "unsubscribed"),
            ("tags", "speaker, VIP"),
        ],
    )
    .await;
    b.ok(
        "set_suppression",
        &[
            ("org", "acme"),
            ("email", "VIP0@example.org"),
            ("change", "add"),
        ],
    )
    .await;
    assert_eq!(count(b, &[]).await, 5);
    assert_eq!(count(b, &vip).await, 2, "ann is vip now, but unsubscribed");
    let details: app::domain::contact::ContactDetails = b
        .ok("get_contact", &[("org", "acme"), ("id", &ann.to_string())])
        .await
        .json()
        .await
        .expect("a contact");
    assert_eq!(details.contact.tags, ["speaker", "vip"]);
    assert_eq!(details.source, "registration");
    let sources: Vec<_> = details.history.iter().map(|h| h.source.as_str()).collect();
    assert_eq!(sources, ["changed by an organizer", "registration"]);

    // Search by name is case-blind beyond ASCII, on both databases; wildcards are text.
    b.ok(
        "add_contact",
        &[
            ("org", "acme"),
            ("email", "zola@example.org"),
            ("name", "Émile Zola"),
        ],
    )
    .await;
    for (q, expected) in [
        ("émile", 1),
        ("ÉMILE", 1),
        ("é%z", 0),
        ("é_ile", 0),
        ("émile\\", 1),
    ] {
        let found: app::domain::contact::ContactListing = b
            .ok("get_contacts", &[("org", "acme"), ("q", q)])
            .await
            .json()
            .await
            .expect("a listing");
        let names = found
            .contacts
            .iter()
            .filter(|c| c.name == "Émile Zola")
            .count();
        assert_eq!(names, expected, "{q}");
    }
}

#[tokio::test]
async fn refused_input_is_reported_next_to_its_field_with_what_was_typed() {
    let acme = acme(&[]).await;
    let b = &acme.organizer;
    given_contacts(&acme.app, acme.org, "x", 1, "").await;

    let error = app_error(
        b.call(
            "add_contact",
            &[
                ("org", "acme"),
                ("email", "x0@EXAMPLE.org"),
                ("tags", "a<b"),
            ],
        )
        .await,
        400,
    )
    .await;
    assert!(error.field_message("tags").is_some(), "{error:?}");
    let error = app_error(
        b.call(
            "add_contact",
            &[("org", "acme"), ("email", "X0@example.org")],
        )
        .await,
        400,
    )
    .await;
    assert_eq!(
        error.field_message("email"),
        Some("this address is already a contact")
    );
    assert_eq!(error.kept("email"), Some("X0@example.org"));

    let error = app_error(
        b.call(
            "save_template",
            &[("org", "acme"), ("name", "T"), ("body", "Hi {{nmae}}")],
        )
        .await,
        400,
    )
    .await;
    let message = error.field_message("body").unwrap_or_default();
    assert!(
        message.contains("{{nmae}} is not a placeholder"),
        "{message}"
    );
    assert_eq!(error.kept("body"), Some("Hi {{nmae}}"));

    let error = app_error(
        b.call(
            "save_segment",
            &[
                ("org", "acme"),
                ("name", "Recent"),
                ("rules[0][kind]", "opened"),
                ("rules[0][days]", "0"),
            ],
        )
        .await,
        400,
    )
    .await;
    assert!(error.field_message("rules[0][days]").is_some(), "{error:?}");

    let error = app_error(
        b.call(
            "save_campaign",
            &[
                ("org", "acme"),
                ("name", "No template"),
                ("subject", "Hello"),
                ("from_name", "Acme"),
                ("throttle", "fast"),
            ],
        )
        .await,
        400,
    )
    .await;
    assert_eq!(error.field_message("template"), Some("choose a template"));
    assert!(error.field_message("throttle").is_some());
    assert_eq!(error.kept("subject"), Some("Hello"));

    // Without JavaScript: the page comes back with the message and the typed address.
    let response = b
        .post_form(
            "add_contact",
            "/manage/acme/contacts",
            &[("org", "acme"), ("email", "not an address")],
        )
        .await;
    let page = sent_back(b, response).await;
    assert!(
        page.contains("enter an address like name@example.org"),
        "{page}"
    );
    assert!(page.contains("value=\"not an address\""));
}

#[tokio::test]
async fn a_campaign_moves_through_its_states_and_refuses_what_its_state_forbids() {
    let acme = acme(&[("campaign_check_secs", "3600")]).await;
    let b = &acme.organizer;
    let id = given_campaign(&acme, "Hello {{name}}", "", "").await;
    let change = |change: &'static str, at: &'static str| {
        let id = id.clone();
        async move {
            b.call(
                "change_campaign",
                &[
                    ("org", "acme"),
                    ("id", &id),
                    ("change", change),
                    ("send_at", at),
                ],
            )
            .await
        }
    };
    let error = app_error(change("schedule", "2001-01-01T10:00").await, 400).await;
    assert_eq!(
        error.field_message("send_at"),
        Some("choose a time in the future")
    );
    assert_eq!(change("schedule", "2099-01-01T10:00").await.status(), 200);
    assert_eq!(status(&acme.app, &id).await, "scheduled");
    assert_eq!(change("unschedule", "").await.status(), 200);
    assert_eq!(
        change("resume", "").await.status(),
        409,
        "a draft is not paused"
    );
    assert_eq!(change("pause", "").await.status(), 409);
    assert_eq!(change("cancel", "").await.status(), 200);
    assert_eq!(status(&acme.app, &id).await, "cancelled");
    let again = app_error(change("send", "").await, 409).await;
    assert!(again.to_string().contains("cancelled"), "{again}");
    assert_eq!(
        rename(&acme, &id).await.status(),
        409,
        "a cancelled campaign keeps its content"
    );
    let page = b
        .get(&format!("/manage/acme/campaigns/{id}"))
        .await
        .text()
        .await
        .expect("the page");
    assert!(page.contains("Cancelled"), "{page}");
}

#[tokio::test]
async fn the_preview_is_personal_and_sanitized() {
    let acme = acme(&[]).await;
    given_contacts(&acme.app, acme.org, "ann", 1, "").await;
    let b = &acme.organizer;
    b.ok(
        "save_template",
        &[
            ("org", "acme"),
            ("name", "T"),
            (
                "body",
                "Hi **{{first_name}}**, see [{{event_title}}]({{event_url}}) on {{event_date}}.\n\n<script>alert(1)</script>",
            ),
        ],
    )
    .await;
    let template = last_id(&acme.app, "mail_templates").await;
    let contact = last_id(&acme.app, "contacts").await;
    let event: i64 = sqlx::query_scalar("SELECT id FROM events WHERE slug = 'acme-conf'")
        .fetch_one(acme.app.db().pool())
        .await
        .expect("the event");
    let (text, html): (String, String) = b
        .ok(
            "preview_template",
            &[
                ("org", "acme"),
                ("id", &template),
                ("contact", &contact),
                ("event", &event.to_string()),
            ],
        )
        .await
        .json()
        .await
        .expect("a preview");
    assert!(html.contains("Hi <strong>ann</strong>"), "{html}");
    assert!(html.contains(">Acme Conf</a>"), "{html}");
    assert!(html.contains("/e/acme-conf\""), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("Unsubscribe</a>"));
    assert!(text.starts_with("Hi **ann**, see [Acme Conf]("), "{text}");
    assert!(text.contains("Unsubscribe: http"), "{text}");
}

#[tokio::test]
async fn another_organizations_records_do_not_exist_for_acme() {
    let acme = acme(&[]).await;
    let globex = create_organization(acme.app.db(), "globex").await;
    let other = given_user(&acme.app, "other@example.org", PlatformRole::None).await;
    given_member(&acme.app, globex, other, OrgRole::Organizer).await;
    let g = session_for(&acme.app, other).await;
    g.ok(
        "save_template",
        &[
            ("org", "globex"),
            ("name", "Secret"),
            ("body", "Globex only"),
        ],
    )
    .await;
    let template = last_id(&acme.app, "mail_templates").await;
    given_contacts(&acme.app, globex, "globex", 1, "").await;
    let contact = last_id(&acme.app, "contacts").await;
    let b = &acme.organizer;
    for (name, form) in [
        (
            "get_template",
            vec![("org", "acme"), ("id", template.as_str())],
        ),
        (
            "preview_template",
            vec![("org", "acme"), ("id", template.as_str())],
        ),
        (
            "get_contact",
            vec![("org", "acme"), ("id", contact.as_str())],
        ),
    ] {
        let error = app_error(b.call(name, &form).await, 404).await;
        assert!(
            matches!(error, AppError::NotFound(ref what) if what != "organization"),
            "{name}: {error:?}"
        );
    }
    let error = app_error(
        b.call(
            "save_campaign",
            &[
                ("org", "acme"),
                ("name", "N"),
                ("subject", "S"),
                ("from_name", "F"),
                ("template", &template),
            ],
        )
        .await,
        400,
    )
    .await;
    assert_eq!(error.field_message("template"), Some("choose a template"));
    let listing: app::domain::contact::ContactListing = b
        .ok("get_contacts", &[("org", "acme")])
        .await
        .json()
        .await
        .expect("a listing");
    assert_eq!(listing.total, 0, "globex's contact is not acme's");
}

#[tokio::test]
async fn a_claimed_campaign_is_neither_claimed_twice_nor_edited_and_a_refused_segment_keeps_its_rules()
 {
    use app::server::db::campaigns;
    let acme = acme(&[("campaign_check_secs", "3600")]).await;
    let b = &acme.organizer;
    let id = given_campaign(&acme, "Hi", "", "").await;
    b.ok(
        "change_campaign",
        &[("org", "acme"), ("id", &id), ("change", "send")],
    )
    .await;
    let now = db::now();
    let claimed = campaigns::claim(acme.app.db(), now, "first", now + 30)
        .await
        .expect("claimed");
    assert_eq!(claimed.map(|c| c.id.to_string()), Some(id.clone()));
    let again = campaigns::claim(acme.app.db(), now, "second", now + 30)
        .await
        .expect("ran");
    assert!(
        again.is_none(),
        "a live lease keeps the campaign with its sender"
    );
    assert_eq!(
        rename(&acme, &id).await.status(),
        409,
        "what a sender holds is settled"
    );

    // Without JavaScript, a refused segment comes back with every rule as typed.
    let response = b
        .post_form(
            "save_segment",
            "/manage/acme/segments/new",
            &[
                ("org", "acme"),
                ("name", "Recent readers"),
                ("combine", "any"),
                ("rules[0][kind]", "tag"),
                ("rules[0][tag]", "vip"),
                ("rules[1][kind]", "opened"),
                ("rules[1][days]", "0"),
            ],
        )
        .await;
    let page = sent_back(b, response).await;
    assert!(
        page.contains("enter a number of days from 1 to 3650"),
        "{page}"
    );
    assert!(page.contains("value=\"Recent readers\""));
    assert!(
        page.contains("name=\"rules[0][tag]\" value=\"vip\""),
        "{page}"
    );
    assert!(
        page.contains("name=\"rules[1][days]\" type=\"number\" min=\"1\" max=\"3650\" value=\"0\""),
        "{page}"
    );
    assert!(page.contains("value=\"any\" checked"), "{page}");
}
