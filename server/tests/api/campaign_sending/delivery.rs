//! Delivery: a campaign reaches each contact of its segment once, with the right headers and
//! content, and nobody else; refused recipients fail alone, with and without pipelining.

use std::collections::BTreeSet;
use std::time::Duration;

use app::api::campaigns::SetSuppression;

use super::{SENDER_BY_HAND, send_by_hand, send_now, sent};
use crate::campaigns::{acme, given_campaign, given_contacts};
use crate::smtp::{SmtpSink, recipient};

#[tokio::test]
async fn a_campaign_reaches_each_contact_of_its_segment_once_and_nobody_else() {
    let smtp = SmtpSink::start();
    let url = smtp.url();
    let acme = acme(&[
        ("smtp_url", &url),
        ("mail_from", "Convene <events@example.org>"),
        SENDER_BY_HAND,
    ])
    .await;
    let app = &acme.app;
    given_contacts(app, acme.org, "guest", 1000, "vip").await;
    given_contacts(app, acme.org, "other", 20, "").await;
    given_contacts(app, acme.org, "gone", 10, "vip").await;
    given_contacts(app, acme.org, "blocked", 10, "vip").await;
    sqlx::query("UPDATE contacts SET status = 'unsubscribed' WHERE email_key LIKE 'gone%'")
        .execute(app.db().pool())
        .await
        .expect("unsubscribed");
    for i in 0..10 {
        let suppress = SetSuppression {
            org: "acme".into(),
            email: format!("blocked{i}@example.org"),
            change: "add".into(),
        };
        acme.organizer.run(suppress).await.expect("suppressed");
    }
    let campaign = given_campaign(
        &acme,
        "Hello {{first_name}},\n\nSee you at [the conference](https://example.org/program).",
        "vip",
        "",
    )
    .await;
    send_now(&acme, &campaign).await;
    send_by_hand(app, &campaign).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let messages = smtp.messages();
    assert_eq!(messages.len(), 1000);
    let recipients: BTreeSet<String> = messages.iter().filter_map(|m| recipient(m)).collect();
    let expected: BTreeSet<String> = (0..1000).map(|i| format!("guest{i}@example.org")).collect();
    assert_eq!(recipients, expected, "each guest once; nobody else");
    for message in &messages {
        let to = recipient(message).expect("a recipient");
        let number = to
            .trim_start_matches("guest")
            .trim_end_matches("@example.org");
        assert!(
            message.contains("From: \"Acme Events\" <events@example.org>"),
            "{message}"
        );
        assert!(message.contains("Subject: Come to Acme Conf"));
        assert!(message.contains("List-Unsubscribe: <http"), "{message}");
        assert!(message.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        assert!(message.contains(&format!("Message-ID: <campaign-{campaign}.")));
        // "guest Person 17": the first name.
        assert!(message.contains("Hello guest,"), "{message}");
        assert!(message.contains("text/plain") && message.contains("text/html"));
        assert!(
            message.contains(&format!("guest Person {number}")),
            "{message}"
        );
        assert!(
            !message.contains("https://example.org/program\""),
            "the link is tracked"
        );
    }
    assert_eq!(sent(app, &campaign).await, 1000);
}

/// A server that offers PIPELINING gets each copy's envelope together with the previous
/// copy's content; one that refuses a recipient inside such a group must not cost the copies
/// around it. The same campaign to a server without PIPELINING, one command at a time.
#[tokio::test]
async fn refused_recipients_fail_alone_with_and_without_pipelining() {
    for sink_args in [
        &["--refuse-rcpt", "nobody"][..],
        &["--refuse-rcpt", "nobody", "--no-pipelining"],
    ] {
        let smtp = SmtpSink::start_with(sink_args);
        let url = smtp.url();
        let acme = acme(&[
            ("smtp_url", &url),
            ("campaign_connections", "2"),
            SENDER_BY_HAND,
        ])
        .await;
        let app = &acme.app;
        // Refused recipients between accepted ones, in the order they are sent.
        given_contacts(app, acme.org, "early", 15, "vip").await;
        given_contacts(app, acme.org, "nobody", 3, "vip").await;
        given_contacts(app, acme.org, "late", 15, "vip").await;
        given_contacts(app, acme.org, "nobodyelse", 1, "vip").await;
        let campaign = given_campaign(&acme, "Hello {{first_name}}.", "vip", "").await;
        send_now(&acme, &campaign).await;
        send_by_hand(app, &campaign).await;
        tokio::time::sleep(Duration::from_millis(300)).await;

        let messages = smtp.messages();
        let recipients: Vec<String> = messages.iter().filter_map(|m| recipient(m)).collect();
        let unique: BTreeSet<&String> = recipients.iter().collect();
        assert_eq!(recipients.len(), 30, "{sink_args:?}: {recipients:?}");
        assert_eq!(unique.len(), 30, "{sink_args:?}: each once");
        assert!(recipients.iter().all(|r| !r.starts_with("nobody")));
        for message in &messages {
            let to = recipient(message).expect("a recipient");
            let first = to
                .trim_end_matches(|c: char| c != '@')
                .trim_end_matches('@');
            let first = first.trim_end_matches(|c: char| c.is_ascii_digit());
            assert!(message.contains(&format!("Hello {first}.")), "{message}");
        }
        let outcomes: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT c.email, r.error, r.attempts FROM campaign_recipients r \
             JOIN contacts c ON c.id = r.contact_id \
             WHERE r.campaign_id = $1 AND r.status = 'failed' ORDER BY c.email",
        )
        .bind(campaign.parse::<i64>().expect("an id"))
        .fetch_all(app.db().pool())
        .await
        .expect("the failed recipients");
        assert_eq!(
            outcomes,
            [
                ("nobody0@example.org".to_owned(), "550".to_owned(), 1),
                ("nobody1@example.org".to_owned(), "550".to_owned(), 1),
                ("nobody2@example.org".to_owned(), "550".to_owned(), 1),
                ("nobodyelse0@example.org".to_owned(), "550".to_owned(), 1),
            ],
            "{sink_args:?}: refused for good at once, with the reply code only"
        );
        assert_eq!(sent(app, &campaign).await, 30, "{sink_args:?}");
    }
}
