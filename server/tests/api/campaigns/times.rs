//! A campaign's times are typed and read in the zone its page names: its event's, else its
//! organization's. What was saved shows in the form again, and the instant stored is the
//! one typed, whatever clock change lies between scheduling and sending.

use app::api::campaigns::SaveCampaign;
use app::api::organizations::SetOrganizationTimeZone;
use domain::campaign::ZoneOf;
use domain::{CampaignId, OrgRole, PlatformRole};
use services::db::campaigns;

use super::{Acme, acme, campaign_page, change_campaign, get_campaign, given_campaign, last_id};
use crate::fixtures::{given_member, given_user, session_for};

async fn stored_send_at(acme: &Acme, id: &str) -> i64 {
    sqlx::query_scalar::<_, Option<i64>>("SELECT send_at FROM campaigns WHERE id = $1")
        .bind(id.parse::<i64>().expect("an id"))
        .fetch_one(acme.app.db().pool())
        .await
        .expect("a campaign")
        .expect("a time")
}

/// Attaches acme's event (Europe/Berlin) to campaign `id`.
async fn about_the_event(acme: &Acme, id: &str) {
    let event: i64 = sqlx::query_scalar("SELECT id FROM events WHERE slug = 'acme-conf'")
        .fetch_one(acme.app.db().pool())
        .await
        .expect("the event");
    let save = SaveCampaign {
        id: id.into(),
        template: last_id(&acme.app, "mail_templates").await,
        event: event.to_string(),
        ..super::new_campaign("Spring invite", "Come to Acme Conf", "Acme Events")
    };
    acme.organizer.run(save).await.expect("saved");
}

#[tokio::test]
async fn a_time_typed_in_the_event_zone_reads_back_as_typed_across_clock_changes() {
    let acme = acme(&[("campaign_check_secs", "3600")]).await;
    let b = &acme.organizer;
    let id = given_campaign(&acme, "Hello", "", "").await;
    about_the_event(&acme, &id).await;

    // Scheduled in December (CET, UTC+1) for July (CEST, UTC+2): 10:00 in Berlin is 08:00 UTC.
    b.run(change_campaign(&id, "schedule", "2099-07-01T10:00"))
        .await
        .expect("scheduled");
    let summer = stored_send_at(&acme, &id).await;
    assert_eq!(summer, 4_086_576_000, "2099-07-01T08:00:00Z");
    let details = b.run(get_campaign(&id)).await.expect("the campaign");
    assert_eq!(details.times.zone, "Europe/Berlin");
    assert_eq!(details.times.zone_of, ZoneOf::Event);
    assert_eq!(details.times.send_at, "1 Jul 2099, 10:00 CEST");
    assert_eq!(details.times.send_at_input, "2099-07-01T10:00");
    let page = campaign_page(b, &id, "").await;
    assert!(
        page.contains("value=\"2099-07-01T10:00\""),
        "the form shows what was saved"
    );
    assert!(page.contains("Sends at 1 Jul 2099, 10:00 CEST."), "{page}");
    assert!(page.contains("Times are in Europe/Berlin, the time zone of the campaign"));
    assert!(!page.contains("UTC"), "no time on the page is in UTC");

    // The sender takes it up at that instant, not an hour early or late.
    let db = acme.app.db();
    let early = campaigns::claim(db, summer - 1, "sender", summer + 30).await;
    assert!(early.expect("a claim").is_none(), "not due a second early");
    let due = campaigns::claim(db, summer, "sender", summer + 30).await;
    assert!(due.expect("a claim").is_some(), "due at 08:00 UTC");
    campaigns::release(db, CampaignId(id.parse().expect("an id")), "sender")
        .await
        .expect("released");

    // Back in winter time, 10:00 is 09:00 UTC.
    b.run(change_campaign(&id, "schedule", "2099-01-15T10:00"))
        .await
        .expect("scheduled again");
    assert_eq!(stored_send_at(&acme, &id).await, 4_072_150_800);
    // 02:30 on 29 March 2099 does not exist in Berlin: it moves forward to 03:30 CEST.
    b.run(change_campaign(&id, "schedule", "2099-03-29T02:30"))
        .await
        .expect("scheduled in the gap");
    assert_eq!(stored_send_at(&acme, &id).await, 4_078_431_000);
    let details = b.run(get_campaign(&id)).await.expect("the campaign");
    assert_eq!(details.times.send_at, "29 Mar 2099, 03:30 CEST");

    let refused = b
        .run(change_campaign(&id, "schedule", "next tuesday"))
        .await
        .expect_err("not a time");
    assert!(refused.field_message("send_at").is_some(), "{refused:?}");
    assert_eq!(refused.kept("send_at"), Some("next tuesday"));
}

#[tokio::test]
async fn a_campaign_without_an_event_is_in_the_organization_zone_which_only_owners_change() {
    let acme = acme(&[("campaign_check_secs", "3600")]).await;
    let id = given_campaign(&acme, "Hello", "", "").await;
    let details = acme
        .organizer
        .run(get_campaign(&id))
        .await
        .expect("the campaign");
    assert_eq!(
        (details.times.zone.as_str(), details.times.zone_of),
        ("UTC", ZoneOf::Organization),
        "an organization starts in UTC"
    );

    let set = |zone: &str| SetOrganizationTimeZone {
        slug: "acme".into(),
        time_zone: zone.into(),
    };
    let refused = acme.organizer.run(set("America/New_York")).await;
    assert!(
        refused.is_err(),
        "an organizer is not an owner: {refused:?}"
    );
    let owner = given_user(&acme.app, "owner@example.org", PlatformRole::None).await;
    given_member(&acme.app, acme.org, owner, OrgRole::Owner).await;
    let owner = session_for(&acme.app, owner).await;
    let unknown = owner
        .run(set("Mars/Olympus"))
        .await
        .expect_err("no such zone");
    assert!(unknown.field_message("time_zone").is_some(), "{unknown:?}");
    assert_eq!(unknown.kept("time_zone"), Some("Mars/Olympus"));
    owner.run(set(" America/New_York ")).await.expect("saved");
    let recorded: Vec<String> = sqlx::query_scalar(
        "SELECT detail FROM audit_log WHERE action = 'organization.time_zone_changed'",
    )
    .fetch_all(acme.app.db().pool())
    .await
    .expect("the audit log");
    assert_eq!(
        recorded,
        ["America/New_York"],
        "one entry, for the change that was made"
    );

    // 10:00 on 2 November 2099 in New York is after its clock change: EST, UTC-5.
    acme.organizer
        .run(change_campaign(&id, "schedule", "2099-11-02T10:00"))
        .await
        .expect("scheduled");
    assert_eq!(stored_send_at(&acme, &id).await, 4_097_314_800);
    let details = acme
        .organizer
        .run(get_campaign(&id))
        .await
        .expect("the campaign");
    assert_eq!(details.times.zone, "America/New_York");
    assert_eq!(details.times.send_at, "2 Nov 2099, 10:00 EST");
    assert_eq!(details.times.send_at_input, "2099-11-02T10:00");
    let workspace = owner
        .get("/manage/acme")
        .await
        .text()
        .await
        .expect("the workspace");
    assert!(
        workspace.contains("value=\"America/New_York\""),
        "{workspace}"
    );
}
