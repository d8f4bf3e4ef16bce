//! Live feed streams are bounded per reader, and an open stream ends once its reader may no
//! longer read: signed out, deactivated, or shut out of a feed made attendees-only.

use std::time::Duration;

use app::api::feed::SetFeedAccess;
use futures_util::StreamExt as _;

use crate::feed::world_with;
use crate::helpers::Browser;

/// Opens `browser`'s stream of the `conf` feed; the response (its status tells refusals).
async fn open(browser: &Browser) -> reqwest::Response {
    browser.get("/e/conf/feed/live").await
}

/// Whether the stream ends (the server closes it) within `limit`.
async fn ends_within(response: reqwest::Response, limit: Duration) -> bool {
    let mut body = response.bytes_stream();
    tokio::time::timeout(limit, async {
        while let Some(chunk) = body.next().await {
            if chunk.is_err() {
                break;
            }
        }
    })
    .await
    .is_ok()
}

#[tokio::test]
async fn a_person_keeps_a_few_streams_open_at_once() {
    let w = world_with(&[]).await;
    let mut open_streams = Vec::new();
    for _ in 0..services::feed::streams::PER_PERSON {
        let response = open(&w.alice).await;
        assert_eq!(response.status(), 200);
        open_streams.push(response);
    }
    assert_eq!(open(&w.alice).await.status(), 429);
    assert_eq!(open(&w.bob).await.status(), 200, "others are not affected");
    // A closed stream gives its place back (the server notices when it next writes).
    drop(open_streams.pop());
    let mut reopened = false;
    for _ in 0..40 {
        w.app
            .state
            .feed_hub
            .deliver(w.event, &domain::feed::FeedChange::Reset);
        tokio::time::sleep(Duration::from_millis(100)).await;
        if open(&w.alice).await.status() == 200 {
            reopened = true;
            break;
        }
    }
    assert!(reopened, "the place of the closed stream came back");
}

#[tokio::test]
async fn a_stream_ends_when_its_reader_signs_out_or_loses_access() {
    let w = world_with(&[("feed_stream_recheck_secs", "1")]).await;
    let alice = open(&w.alice).await;
    let visitor = w.app.browser();
    let anonymous = open(&visitor).await;
    let bob = open(&w.bob).await;
    for response in [&alice, &anonymous, &bob] {
        assert_eq!(response.status(), 200);
    }

    // Alice's sessions end (she signed out everywhere, or an admin deactivated her).
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(w.alice_id)
        .execute(w.app.db().pool())
        .await
        .expect("signed out");
    assert!(ends_within(alice, Duration::from_secs(5)).await);

    // The feed becomes attendees-only: the anonymous reader is shut out, Bob (who joined)
    // reads on.
    let access = SetFeedAccess {
        slug: "conf".into(),
        access: "attendees".into(),
    };
    w.organizer.run(access).await.expect("attendees only");
    assert!(ends_within(anonymous, Duration::from_secs(5)).await);
    assert!(!ends_within(bob, Duration::from_secs(3)).await);
}
