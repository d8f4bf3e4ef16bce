//! Live updates over server-sent events: a new post reaches an open stream within a second,
//! also through another instance on PostgreSQL, and a vanished reader is forgotten.

use std::time::Duration;

use futures_util::StreamExt;
use services::db::Backend;

use super::{like, post, world};
use crate::helpers::backend;

/// Reads server-sent events from `path` until `wanted` arrives (or a second passes).
async fn sse_until(
    app_address: &str,
    path: &str,
    wanted: &str,
    trigger: impl std::future::Future<Output = ()>,
) -> bool {
    let response = reqwest::Client::new()
        .get(format!("{app_address}{path}"))
        .send()
        .await
        .expect("connected");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/event-stream")
    );
    let mut stream = response.bytes_stream();
    let mut received = String::new();
    // The stream says hello first: after that, the reader is subscribed.
    while !received.contains("\n\n") {
        let chunk = tokio::time::timeout(Duration::from_secs(5), stream.next())
            .await
            .expect("a hello")
            .expect("a chunk")
            .expect("bytes");
        received.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(received.contains("data: reset"), "{received}");
    trigger.await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(1);
    while !received.contains(wanted) {
        match tokio::time::timeout_at(deadline, stream.next()).await {
            Ok(Some(Ok(chunk))) => received.push_str(&String::from_utf8_lossy(&chunk)),
            _ => return false,
        }
    }
    true
}

#[tokio::test]
async fn a_new_post_reaches_an_open_live_stream_within_a_second() {
    let w = world().await;
    let address = w.alice.address().to_owned();
    let arrived = sse_until(&address, "/e/conf/feed/live", "data: posted ", async {
        post(&w.alice, "Live!").await;
    })
    .await;
    assert!(arrived, "the post was streamed");
}

#[tokio::test]
async fn a_post_through_one_instance_reaches_a_reader_of_another_on_postgres() {
    if backend() != Backend::Postgres {
        // One process serves a SQLite database; fan-out between instances is PostgreSQL's.
        return;
    }
    let w = world().await;
    let b = w.app.another_instance().await;
    let reader_address = b.browser().address().to_owned();
    let arrived = sse_until(
        &reader_address,
        "/e/conf/feed/live",
        "data: posted ",
        async {
            post(&w.alice, "Across instances").await;
        },
    )
    .await;
    assert!(
        arrived,
        "the post made through instance A reached instance B's stream"
    );
    // A like's count travels in the statement that saves it.
    let id = post(&w.alice, "Like me across instances").await;
    let wanted = format!("data: likes {id} 1");
    let liked = sse_until(&reader_address, "/e/conf/feed/live", &wanted, async {
        w.bob.run(like(id, true)).await.expect("liked");
    })
    .await;
    assert!(liked, "the like's count reached instance B's stream");
}

#[tokio::test]
async fn a_vanished_reader_is_forgotten() {
    let w = world().await;
    let hub = w.app.state.feed_hub.clone();
    let response = reqwest::Client::new()
        .get(format!("{}/e/conf/feed/live", w.alice.address()))
        .send()
        .await
        .expect("connected");
    let mut stream = response.bytes_stream();
    stream.next().await.expect("a hello").expect("bytes");
    assert_eq!(hub.readers(), 1);
    drop(stream);
    // The server finds out when it next writes to the closed connection.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while hub.readers() > 0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the stream outlived its reader"
        );
        hub.deliver(w.event, &domain::feed::FeedChange::Reset);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
