//! Sending campaigns into a real SMTP server (`crate::smtp`): every recipient once with the
//! right headers and content, a sender killed half-way, transient refusals, pausing, and the
//! tracking and unsubscribe links.

use std::collections::BTreeSet;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::campaigns::{acme, given_campaign, given_contacts, status};
use crate::helpers::{TestApp, convene_command};
use crate::smtp::{SmtpSink, recipient};

/// Waits up to `seconds` for the campaign to be sent.
async fn wait_until_sent(app: &TestApp, campaign: &str, seconds: u64) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        let now = status(app, campaign).await;
        if now == "sent" {
            return;
        }
        assert!(Instant::now() < deadline, "the campaign is still {now}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The campaign's count of messages the SMTP server accepted.
async fn sent(app: &TestApp, campaign: &str) -> i64 {
    sqlx::query_scalar("SELECT sent FROM campaigns WHERE id = $1")
        .bind(campaign.parse::<i64>().expect("an id"))
        .fetch_one(app.db().pool())
        .await
        .expect("the campaign")
}

async fn send_now(acme: &crate::campaigns::Acme, campaign: &str) {
    acme.organizer
        .ok(
            "change_campaign",
            &[("org", "acme"), ("id", campaign), ("change", "send")],
        )
        .await;
}

/// A link of `kind` (`o`, `c`, `u`) in a message: its path, `/m/{kind}/{token}`.
fn link(message: &str, kind: &str) -> String {
    let marker = format!("/m/{kind}/");
    let start = message
        .find(&marker)
        .unwrap_or_else(|| panic!("no {marker} link in {message}"));
    let token: String = message[start + marker.len()..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit() || *c == '.')
        .collect();
    format!("{marker}{token}")
}

#[tokio::test]
async fn a_campaign_reaches_each_contact_of_its_segment_once_and_nobody_else() {
    let smtp = SmtpSink::start();
    let url = smtp.url();
    let acme = acme(&[
        ("smtp_url", &url),
        ("mail_from", "Convene <events@example.org>"),
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
        acme.organizer
            .ok(
                "set_suppression",
                &[
                    ("org", "acme"),
                    ("email", &format!("blocked{i}@example.org")),
                    ("change", "add"),
                ],
            )
            .await;
    }
    let campaign = given_campaign(
        &acme,
        "Hello {{first_name}},\n\nSee you at [the conference](https://example.org/program).",
        "vip",
        "",
    )
    .await;
    send_now(&acme, &campaign).await;
    wait_until_sent(app, &campaign, 120).await;
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
        let acme = acme(&[("smtp_url", &url), ("campaign_connections", "2")]).await;
        let app = &acme.app;
        // Refused recipients between accepted ones, in the order they are sent.
        given_contacts(app, acme.org, "early", 15, "vip").await;
        given_contacts(app, acme.org, "nobody", 3, "vip").await;
        given_contacts(app, acme.org, "late", 15, "vip").await;
        given_contacts(app, acme.org, "nobodyelse", 1, "vip").await;
        let campaign = given_campaign(&acme, "Hello {{first_name}}.", "vip", "").await;
        send_now(&acme, &campaign).await;
        wait_until_sent(app, &campaign, 60).await;
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

/// A relay that cannot be reached is nobody's fault: recipients stay pending with no attempt
/// counted (five would fail them for good), and the turn is tried again after the retry wait
/// until the relay answers.
#[tokio::test]
async fn an_unreachable_relay_leaves_recipients_pending_until_it_answers() {
    let port = crate::smtp::free_port();
    let url = format!("smtp://127.0.0.1:{port}");
    let acme = acme(&[("smtp_url", &url), ("campaign_retry_secs", "1")]).await;
    let app = &acme.app;
    given_contacts(app, acme.org, "patient", 5, "patient").await;
    let campaign = given_campaign(&acme, "Hello {{first_name}}", "patient", "").await;
    send_now(&acme, &campaign).await;
    let recipients = || async {
        sqlx::query_as::<_, (String, i64)>(
            "SELECT status, attempts FROM campaign_recipients WHERE campaign_id = $1",
        )
        .bind(campaign.parse::<i64>().expect("an id"))
        .fetch_all(app.db().pool())
        .await
        .expect("recipients")
    };
    // Several turns find nobody listening.
    let deadline = Instant::now() + Duration::from_secs(10);
    while recipients().await.len() < 5 {
        assert!(Instant::now() < deadline, "the campaign never started");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(3500)).await;
    assert_eq!(status(app, &campaign).await, "sending");
    assert_eq!(
        recipients().await,
        vec![("pending".to_owned(), 0); 5],
        "no attempt is counted against anybody"
    );

    let smtp = SmtpSink::start_on(port, &[]);
    wait_until_sent(app, &campaign, 30).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let delivered: BTreeSet<String> = smtp
        .messages()
        .iter()
        .filter_map(|m| recipient(m))
        .collect();
    assert_eq!(smtp.count(), 5);
    assert_eq!(delivered.len(), 5, "each once");
    assert_eq!(recipients().await, vec![("sent".to_owned(), 1); 5]);
}

/// `convene serve` in its own process, sending campaigns into `smtp`.
fn sender_process(app: &TestApp, smtp: &SmtpSink) -> Child {
    convene_command()
        .arg("serve")
        .env("CONVENE_DATABASE_URL", &app.database.url)
        .env("CONVENE_ADDR", "127.0.0.1:0")
        .env("CONVENE_DATA_DIR", app.database.dir.path())
        .env("CONVENE_SMTP_URL", smtp.url())
        .env("CONVENE_CAMPAIGN_LEASE_SECS", "3")
        .env("CONVENE_CAMPAIGN_CONNECTIONS", "2")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("convene serve starts")
}

#[tokio::test]
async fn a_sender_killed_half_way_resumes_and_sends_each_message_exactly_once() {
    let smtp = SmtpSink::start();
    // The test's own instance only prepares the campaign: it looks for due campaigns hourly.
    let acme = acme(&[("campaign_check_secs", "3600")]).await;
    let app = &acme.app;
    given_contacts(app, acme.org, "fan", 300, "fans").await;
    let campaign = given_campaign(&acme, "Hi {{name}}", "fans", "150").await;
    send_now(&acme, &campaign).await;

    let mut first = sender_process(app, &smtp);
    smtp.wait_for_count(60, 60).await;
    // The server stops answering: the sender is now waiting in the middle of transactions,
    // and is killed there.
    smtp.stall(true);
    tokio::time::sleep(Duration::from_millis(500)).await;
    first.kill().expect("killed");
    first.wait().expect("reaped");
    smtp.stall(false);
    let before = smtp.count();
    assert!(
        (60..300).contains(&before),
        "{before} messages before the crash"
    );
    assert_eq!(status(app, &campaign).await, "sending");

    let mut second = sender_process(app, &smtp);
    wait_until_sent(app, &campaign, 60).await;
    let _ = second.kill();
    let _ = second.wait();
    let messages = smtp.messages();
    let recipients: Vec<String> = messages.iter().filter_map(|m| recipient(m)).collect();
    let unique: BTreeSet<&String> = recipients.iter().collect();
    assert_eq!(unique.len(), 300, "everyone got the campaign");
    assert_eq!(recipients.len(), 300, "nobody got it twice");
}

#[tokio::test]
async fn transient_refusals_are_retried_and_pausing_stops_and_resumes_sending() {
    let smtp = SmtpSink::start_with(&["--transient-first"]);
    let url = smtp.url();
    let acme = acme(&[("smtp_url", &url), ("campaign_retry_secs", "1")]).await;
    let app = &acme.app;
    given_contacts(app, acme.org, "grey", 5, "grey").await;
    let campaign = given_campaign(&acme, "Hello", "grey", "").await;
    send_now(&acme, &campaign).await;
    wait_until_sent(app, &campaign, 30).await;
    assert_eq!(smtp.count(), 5, "each refused once, then accepted once");
    let attempts: Vec<i64> =
        sqlx::query_scalar("SELECT attempts FROM campaign_recipients WHERE campaign_id = $1")
            .bind(campaign.parse::<i64>().expect("an id"))
            .fetch_all(app.db().pool())
            .await
            .expect("recipients");
    assert_eq!(attempts, [2, 2, 2, 2, 2]);

    // Five messages a second to 20 people: paused after a few, nothing more goes out
    // until it resumes; then everyone gets exactly one.
    given_contacts(app, acme.org, "slow", 20, "slow").await;
    let slow = given_campaign(&acme, "Slowly", "slow", "5").await;
    send_now(&acme, &slow).await;
    let change = |change: &'static str| {
        let slow = slow.clone();
        let b = &acme.organizer;
        async move {
            b.ok(
                "change_campaign",
                &[("org", "acme"), ("id", &slow), ("change", change)],
            )
            .await;
        }
    };
    smtp.wait_for_count(5 + 3, 30).await;
    change("pause").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let paused_at = smtp.count();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(smtp.count(), paused_at, "nothing is sent while paused");
    assert!(paused_at < 5 + 20, "{paused_at}");
    change("resume").await;
    wait_until_sent(app, &slow, 60).await;
    assert_eq!(smtp.count(), 5 + 20, "greylisted once each, then sent once");
}

#[tokio::test]
async fn opens_clicks_and_unsubscribes_are_counted_once_and_honoured() {
    let smtp = SmtpSink::start();
    let url = smtp.url();
    let acme = acme(&[("smtp_url", &url)]).await;
    let app = &acme.app;
    given_contacts(app, acme.org, "reader", 3, "readers").await;
    let campaign = given_campaign(
        &acme,
        "Read [the program](https://example.org/program) or [the venue](https://example.org/venue).",
        "readers",
        "",
    )
    .await;
    send_now(&acme, &campaign).await;
    wait_until_sent(app, &campaign, 30).await;
    let message = smtp
        .messages()
        .into_iter()
        .find(|m| recipient(m).as_deref() == Some("reader0@example.org"))
        .expect("reader0's message");
    let click = link(&message, "c");
    let open = link(&message, "o");
    let unsubscribe = link(&message, "u");

    for _ in 0..2 {
        let response = app.get(&click).await;
        assert_eq!(response.status(), 303);
        assert_eq!(
            response.headers()["location"],
            "https://example.org/program",
            "the campaign's own address, nothing else"
        );
        let pixel = app.get(&open).await;
        assert_eq!(pixel.status(), 200);
        assert_eq!(pixel.headers()["content-type"], "image/gif");
    }
    // Tampered links: another link position, another contact, a changed signature.
    let (base, signature) = click.rsplit_once('.').expect("a signature");
    let flipped = if signature.ends_with('0') { '1' } else { '0' };
    let tampered = [
        format!("{base}.{}{flipped}", &signature[..signature.len() - 1]),
        click.replacen(".0.", ".1.", 1),
        format!("{base}x.{signature}"),
        "/m/c/1.1.0".to_owned(),
    ];
    for path in tampered {
        assert_eq!(app.get(&path).await.status(), 404, "{path}");
    }

    let details: app::domain::campaign::CampaignDetails = acme
        .organizer
        .ok("get_campaign", &[("org", "acme"), ("id", &campaign)])
        .await
        .json()
        .await
        .expect("the campaign");
    let stats = details.stats;
    assert_eq!((stats.sent, stats.opens, stats.clicks), (3, 1, 1));
    assert_eq!(stats.links[0], ("https://example.org/program".into(), 1));
    assert_eq!(stats.links[1], ("https://example.org/venue".into(), 0));
    assert_eq!(stats.timeline.iter().map(|(_, o, _)| o).sum::<i64>(), 1);

    // The page asks; the one-click POST (RFC 8058) unsubscribes. Mail providers send it
    // with no browser headers at all (no Origin, no Sec-Fetch-Site), and it still works.
    let page = app.get(&unsubscribe).await.text().await.expect("the page");
    assert!(page.contains("r••••@example.org"), "{page}");
    assert!(
        !page.contains("reader0@"),
        "the address is not shown in full"
    );
    let response = reqwest::Client::new()
        .post(format!("{}{unsubscribe}", app.address))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .expect("posted");
    assert_eq!(response.status(), 200);
    let consent: (String, String) = sqlx::query_as(
        "SELECT status, status_source FROM contacts WHERE email_key = 'reader0@example.org'",
    )
    .fetch_one(app.db().pool())
    .await
    .expect("the contact");
    assert_eq!(consent.0, "unsubscribed");
    assert!(consent.1.starts_with("unsubscribe link"), "{}", consent.1);

    // The next campaign to the same people leaves them out.
    let next = given_campaign(&acme, "Again", "readers", "").await;
    send_now(&acme, &next).await;
    wait_until_sent(app, &next, 30).await;
    let again: Vec<String> = smtp
        .messages()
        .iter()
        .filter(|m| m.contains(&format!("<campaign-{next}.")))
        .filter_map(|m| recipient(m))
        .collect();
    assert_eq!(again.len(), 2);
    assert!(!again.contains(&"reader0@example.org".to_owned()));
}
