//! Contacts and segments: registrations become contacts, segments count who matches their
//! rules, unsubscribed and suppressed contacts never count, and the search by name.

use app::api::campaigns::{
    AddContact, CountSegment, GetContact, GetContacts, SetSuppression, UpdateContact,
};
use app::api::program::JoinEvent;
use domain::campaign::RuleForm;
use domain::contact::ContactListing;
use domain::{ContactId, PlatformRole};
use services::db;

use super::{acme, given_contacts, tag_rule};
use crate::fixtures::{given_user, session_for};
use crate::helpers::Browser;

/// How many contacts the segment of `rules` combined by `combine` (all if blank) counts.
async fn count(b: &Browser, combine: &str, rules: &[RuleForm]) -> i64 {
    let call = CountSegment {
        org: "acme".into(),
        combine: combine.into(),
        rules: rules.to_vec(),
    };
    b.run(call).await.expect("a count")
}

/// Acme's contacts matching `q`.
async fn contacts(b: &Browser, q: &str) -> ContactListing {
    let call = GetContacts {
        org: "acme".into(),
        q: q.into(),
        tag: String::new(),
    };
    b.run(call).await.expect("a listing")
}

/// A rule: contacts with a registration for `event` that is `status`.
fn event_rule(event: &str, status: &str) -> RuleForm {
    RuleForm {
        kind: "event".into(),
        event: event.into(),
        status: status.into(),
        ..RuleForm::default()
    }
}

#[tokio::test]
async fn registrations_become_contacts_and_segments_count_who_matches() {
    let acme = acme(&[]).await;
    let app = &acme.app;
    // Two people register through the site: each becomes a contact of acme, once.
    for email in ["ann@example.org", "bob@example.org"] {
        let user = given_user(app, email, PlatformRole::None).await;
        let join = JoinEvent {
            slug: "acme-conf".into(),
        };
        session_for(app, user)
            .await
            .run(join)
            .await
            .expect("joined");
    }
    given_contacts(app, acme.org, "vip", 3, "vip").await;
    given_contacts(app, acme.org, "plain", 2, "").await;
    let b = &acme.organizer;
    let listing = contacts(b, "").await;
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

    assert_eq!(
        count(b, "", &[]).await,
        7,
        "no rule: every mailable contact"
    );
    let joined = event_rule(&event_id, "joined");
    assert_eq!(count(b, "", std::slice::from_ref(&joined)).await, 2);
    let vip = tag_rule("VIP");
    assert_eq!(count(b, "", std::slice::from_ref(&vip)).await, 3);
    let both = [joined, vip.clone()];
    assert_eq!(
        count(b, "", &both).await,
        0,
        "all: nobody both joined and is vip"
    );
    assert_eq!(count(b, "any", &both).await, 5);
    let today = services::time::utc_date(db::now());
    let added = RuleForm {
        kind: "added".into(),
        from: today.clone(),
        to: today,
        ..RuleForm::default()
    };
    assert_eq!(count(b, "", &[added]).await, 7);
    let waitlisted = event_rule(&event_id, "waitlisted");
    assert_eq!(count(b, "", &[waitlisted]).await, 0);

    // Unsubscribed and suppressed contacts never count.
    let ann: i64 =
        sqlx::query_scalar("SELECT id FROM contacts WHERE email_key = 'ann@example.org'")
            .fetch_one(app.db().pool())
            .await
            .expect("ann's contact");
    let ann = ContactId(ann);
    let update = UpdateContact {
        org: "acme".into(),
        id: ann,
        status: "unsubscribed".into(),
        tags: "speaker, VIP".into(),
    };
    b.run(update).await.expect("the contact updated");
    let suppress = SetSuppression {
        org: "acme".into(),
        email: "VIP0@example.org".into(),
        change: "add".into(),
    };
    b.run(suppress).await.expect("suppressed");
    assert_eq!(count(b, "", &[]).await, 5);
    assert_eq!(
        count(b, "", &[vip]).await,
        2,
        "ann is vip now, but unsubscribed"
    );
    let details = b
        .run(GetContact {
            org: "acme".into(),
            id: ann,
        })
        .await
        .expect("a contact");
    assert_eq!(details.contact.tags, ["speaker", "vip"]);
    assert_eq!(details.source, "registration");
    let sources: Vec<_> = details.history.iter().map(|h| h.source.as_str()).collect();
    assert_eq!(sources, ["changed by an organizer", "registration"]);

    // Search by name is case-blind beyond ASCII, on both databases; wildcards are text.
    let zola = AddContact {
        org: "acme".into(),
        email: "zola@example.org".into(),
        name: "Émile Zola".into(),
        tags: String::new(),
    };
    b.run(zola).await.expect("a contact added");
    for (q, expected) in [
        ("émile", 1),
        ("ÉMILE", 1),
        ("é%z", 0),
        ("é_ile", 0),
        ("émile\\", 1),
    ] {
        let found = contacts(b, q).await;
        let names = found
            .contacts
            .iter()
            .filter(|c| c.name == "Émile Zola")
            .count();
        assert_eq!(names, expected, "{q}");
    }
}
