//! Sending through interruptions: an unreachable relay, a sender killed half-way, transient
//! refusals, and pausing; each message still goes out exactly once.

use std::collections::BTreeSet;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use super::{send_now, wait_until_sent};
use crate::campaigns::{acme, change_campaign, given_campaign, given_contacts, status};
use crate::helpers::{TestApp, convene_command};
use crate::smtp::{SmtpSink, recipient};

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
            b.run(change_campaign(&slow, change, ""))
                .await
                .expect("the campaign changed");
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
