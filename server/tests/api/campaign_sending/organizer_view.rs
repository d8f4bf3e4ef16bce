//! What an organizer sees around a send: the message that went out, kept after its template
//! and segment change; a test rendered for the chosen contact whose links work and change
//! nobody's consent; and a campaign left by a crashed sender saying when it resumes.

use app::api::campaigns::{GetCampaignProgress, SaveSegment, SaveTemplate, SendTestMessage};
use domain::{CampaignId, TemplateId};

use super::{SENDER_BY_HAND, link, send_by_hand, send_now};
use crate::campaigns::{
    acme, campaign_page, get_campaign, given_campaign, given_contacts, last_id, tag_rule,
};
use crate::smtp::SmtpSink;

#[tokio::test]
async fn a_sent_campaign_keeps_showing_what_went_out_after_its_template_and_segment_change() {
    let smtp = SmtpSink::start();
    let url = smtp.url();
    let acme = acme(&[("smtp_url", &url), SENDER_BY_HAND]).await;
    let (app, b) = (&acme.app, &acme.organizer);
    given_contacts(app, acme.org, "vip", 2, "vip").await;
    let id = given_campaign(&acme, "Hello {{first_name}}, the *first* words.", "vip", "").await;
    assert_eq!(
        b.run(get_campaign(&id))
            .await
            .expect("a draft")
            .sent_message,
        None
    );
    send_now(&acme, &id).await;
    send_by_hand(app, &id).await;

    let template = last_id(app, "mail_templates").await;
    let segment = last_id(app, "segments").await;
    b.run(SaveTemplate {
        org: "acme".into(),
        id: template,
        name: "Invite".into(),
        body: "Entirely new words".into(),
    })
    .await
    .expect("the template edited");
    b.run(SaveSegment {
        org: "acme".into(),
        id: segment,
        name: "Renamed".into(),
        combine: "all".into(),
        rules: vec![tag_rule("press")],
    })
    .await
    .expect("the segment edited");

    let sent = b
        .run(get_campaign(&id))
        .await
        .expect("the campaign")
        .sent_message
        .expect("what went out");
    assert_eq!(sent.subject, "Come to Acme Conf");
    assert_eq!(sent.from_name, "Acme Events");
    assert_eq!(sent.segment, "Tagged");
    assert_eq!(sent.audience, "subscribed contacts who are tagged vip");
    assert!(
        sent.html.contains("the <em>first</em> words"),
        "{}",
        sent.html
    );
    assert!(
        sent.text.starts_with("Hello there, the *first* words."),
        "{}",
        sent.text
    );
    assert!(!sent.html.contains("Entirely new"));
    let page = campaign_page(b, &id, "").await;
    assert!(page.contains("What went out"), "{page}");
    assert!(
        page.contains("“Tagged”: subscribed contacts who are tagged vip"),
        "{page}"
    );
}

#[tokio::test]
async fn a_test_goes_to_the_organizer_rendered_for_the_chosen_contact_and_changes_no_consent() {
    let smtp = SmtpSink::start();
    let url = smtp.url();
    let acme = acme(&[("smtp_url", &url), SENDER_BY_HAND]).await;
    let (app, b) = (&acme.app, &acme.organizer);
    given_contacts(app, acme.org, "guest", 1, "").await;
    let contact = last_id(app, "contacts").await;
    given_campaign(
        &acme,
        "Hello {{first_name}}, see [the program](https://example.org/p).",
        "",
        "",
    )
    .await;
    let template = TemplateId(last_id(app, "mail_templates").await.parse().expect("an id"));
    b.run(SendTestMessage {
        org: "acme".into(),
        id: template,
        contact: contact.clone(),
        event: String::new(),
        subject: "Spring".into(),
    })
    .await
    .expect("a test sent");
    let message = smtp.wait_for_mail_to("organizer@example.org").await;
    assert!(message.contains("Subject: [Test] Spring"), "{message}");
    assert!(
        message.contains("Hello guest, see"),
        "rendered for the contact: {message}"
    );
    assert!(message.contains("Test of"), "says it is a test: {message}");
    assert!(
        message.contains("https://example.org/p"),
        "links as written"
    );
    assert!(!message.contains("To: guest0@"), "never to the contact");

    let unsubscribe = link(&message, "u");
    assert!(
        unsubscribe.starts_with("/m/u/t."),
        "a test's own link: {unsubscribe}"
    );
    // The page is drawn by Leptos, which escapes what it shows.
    sqlx::query("UPDATE organizations SET name = 'Acme <b>Events</b>' WHERE slug = 'acme'")
        .execute(app.db().pool())
        .await
        .expect("renamed");
    let page = app.get(&unsubscribe).await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.expect("the page");
    assert!(page.contains("g••••@example.org"), "{page}");
    assert!(
        page.contains("This link comes from a test message"),
        "{page}"
    );
    let answer = reqwest::Client::new()
        .post(format!("{}{unsubscribe}", app.address))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .expect("posted");
    assert_eq!(answer.status(), 200);
    assert!(
        answer
            .text()
            .await
            .expect("the page")
            .contains("nobody was unsubscribed")
    );
    let status: String =
        sqlx::query_scalar("SELECT status FROM contacts WHERE email_key = 'guest0@example.org'")
            .fetch_one(app.db().pool())
            .await
            .expect("the contact");
    assert_eq!(status, "subscribed", "a test changes nobody's consent");
    let tampered = unsubscribe.replacen("/m/u/t.", "/m/u/t.9", 1);
    assert_eq!(app.get(&tampered).await.status(), 404);

    // Without a contact chosen, a sample person.
    b.run(SendTestMessage {
        org: "acme".into(),
        id: template,
        contact: String::new(),
        event: String::new(),
        subject: "Sample".into(),
    })
    .await
    .expect("a test sent");
    smtp.wait_for_count(2, 5).await;
    let sample = smtp
        .messages()
        .into_iter()
        .find(|m| m.contains("Subject: [Test] Sample"))
        .expect("the second test");
    assert!(sample.contains("Hello Ada, see"), "{sample}");
    let sample_link = link(&sample, "u");
    assert!(sample_link.starts_with("/m/u/t."), "{sample_link}");
    let page = app.get(&sample_link).await.text().await.expect("the page");
    assert!(page.contains("a sample person"), "{page}");
}

#[tokio::test]
async fn a_campaign_left_by_a_crashed_sender_says_when_sending_resumes() {
    let acme = acme(&[SENDER_BY_HAND]).await;
    let (app, b) = (&acme.app, &acme.organizer);
    given_contacts(app, acme.org, "vip", 5, "vip").await;
    let id = given_campaign(&acme, "Hello", "vip", "").await;
    send_now(&acme, &id).await;
    let progress = || GetCampaignProgress {
        org: "acme".into(),
        id: CampaignId(id.parse().expect("an id")),
    };
    let lease = |until: i64| {
        let id = id.clone();
        async move {
            sqlx::query(
                "UPDATE campaigns SET status = 'sending', started_at = $1, recipients = 5, \
                 lease_token = 'dead', lease_until = $2 WHERE id = $3",
            )
            .bind(services::db::now())
            .bind(until)
            .bind(id.parse::<i64>().expect("an id"))
            .execute(app.db().pool())
            .await
            .expect("leased");
        }
    };
    // A live sender renews its 30-second lease every second: nothing to explain.
    lease(services::db::now() + 30).await;
    let live = b.run(progress()).await.expect("progress");
    assert!(
        live.label.ends_with("recipients handled."),
        "{}",
        live.label
    );
    // Its sender died 10 seconds ago: the lease runs out in 20.
    lease(services::db::now() + 20).await;
    let stalled = b.run(progress()).await.expect("progress");
    assert!(
        stalled.label.contains("The sender stopped"),
        "{}",
        stalled.label
    );
    assert!(
        stalled.label.contains("Sending resumes by"),
        "{}",
        stalled.label
    );
    assert!(
        stalled.label.contains("30-second lease"),
        "{}",
        stalled.label
    );
    assert!(stalled.working, "the bar keeps asking");
    // The lease has run out: the next look for work takes it up.
    lease(services::db::now() - 1).await;
    let waiting = b.run(progress()).await.expect("progress");
    assert!(
        waiting.label.contains("sending resumes within"),
        "{}",
        waiting.label
    );
}
