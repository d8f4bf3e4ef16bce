//! Contacts and segments: registrations become contacts, segments count who matches their
//! rules, unsubscribed and suppressed contacts never count, and the search by name.

use domain::PlatformRole;
use services::db;

use super::{acme, given_contacts};
use crate::fixtures::{given_user, session_for};
use crate::helpers::Browser;

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
    let listing: domain::contact::ContactListing = b
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
    let today = services::time::utc_date(db::now());
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
    let details: domain::contact::ContactDetails = b
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
        let found: domain::contact::ContactListing = b
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
