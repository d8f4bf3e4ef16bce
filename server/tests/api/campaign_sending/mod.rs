//! Sending campaigns into a real SMTP server (`crate::smtp`): every recipient once with the
//! right headers and content, a sender killed half-way, transient refusals, pausing, and the
//! tracking and unsubscribe links. What the tests share lives here: sending a campaign and
//! waiting until it is sent.

mod delivery;
mod interruptions;
mod organizer_view;
mod tracking;

use std::time::{Duration, Instant};

use crate::campaigns::{change_campaign, status};
use crate::helpers::TestApp;

/// The configuration of the tests that run the sender themselves ([`send_by_hand`]): its own
/// clock would look for due campaigns only once an hour.
const SENDER_BY_HAND: (&str, &str) = ("campaign_check_secs", "3600");

/// Runs the sender as its clock would, until no campaign is due; `campaign` must then be sent.
async fn send_by_hand(app: &TestApp, campaign: &str) {
    // Never told to stop: the sender's shutdown signal, as the server holds it.
    let (_running, stop) = tokio::sync::watch::channel(false);
    while services::campaigns::sender::send_once(&app.state, &stop).await {}
    assert_eq!(status(app, campaign).await, "sent");
}

/// Waits up to `seconds` for the campaign to be sent by the server's own sender: for the tests
/// of what happens to a send in flight (a killed instance, a pause, a slow server).
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

/// A link of `kind` (`o`, `c`, `u`) in a message: its path, `/m/{kind}/{token}` (a test's
/// unsubscribe token starts with `t.`).
fn link(message: &str, kind: &str) -> String {
    let marker = format!("/m/{kind}/");
    let start = message
        .find(&marker)
        .unwrap_or_else(|| panic!("no {marker} link in {message}"));
    let token: String = message[start + marker.len()..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    format!("{marker}{token}")
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
        .run(change_campaign(campaign, "send", ""))
        .await
        .expect("sending");
}
