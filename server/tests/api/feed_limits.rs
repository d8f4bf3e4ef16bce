//! The feed's rate limit counts what people tried, not what is left: deleting a post makes no
//! room, a refused image still counts, and posts sent at once each see their own count.

use app::api::feed::{DeletePost, ReportContent};
use domain::PostId;
use futures_util::StreamExt as _;

use crate::feed::{compose, post, world_with};

fn posted(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|l| l.contains("#post-") && !l.contains("__err="))
}

#[tokio::test]
async fn deleting_posts_makes_no_room_for_more() {
    let w = world_with(&[("feed_posts_per_minute", "2")]).await;
    for body in ["First", "Second"] {
        let id = post(&w.alice, body).await;
        let delete = DeletePost {
            slug: "conf".into(),
            post: PostId(id),
        };
        w.alice.run(delete).await.expect("deleted");
    }
    let third = compose(&w.alice, "Third", None, false).await;
    assert!(!posted(&third), "the third post in a minute is refused");
    // Bob has his own count.
    post(&w.bob, "Bob is fine").await;
}

#[tokio::test]
async fn refused_images_count_against_the_limit() {
    let w = world_with(&[("feed_posts_per_minute", "2")]).await;
    for _ in 0..2 {
        let response = compose(&w.alice, "A picture", Some(b"plain text".to_vec()), false).await;
        assert!(!posted(&response));
    }
    let text = compose(&w.alice, "Just words", None, false).await;
    let back = text
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let page = w.alice.get(&back).await.text().await.expect("the page");
    assert!(page.contains("You can post again in"), "{back}");
}

#[tokio::test]
async fn posts_sent_at_once_each_count() {
    let w = world_with(&[("feed_posts_per_minute", "3")]).await;
    let alice = &w.alice;
    let accepted = futures_util::stream::iter(0..12)
        .map(|i| async move { posted(&compose(alice, &format!("Burst {i}"), None, false).await) })
        .buffer_unordered(12)
        .filter(|ok| std::future::ready(*ok))
        .count()
        .await;
    assert_eq!(accepted, 3);
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM posts")
        .fetch_one(w.app.db().pool())
        .await
        .expect("counted");
    assert_eq!(kept, 3);
}

#[tokio::test]
async fn one_person_files_a_bounded_number_of_reports() {
    let w = world_with(&[("feed_posts_per_minute", "100")]).await;
    let mut refused = None;
    for i in 0..21 {
        let id = post(&w.alice, &format!("Post {i}")).await;
        let report = ReportContent {
            slug: "conf".into(),
            post: PostId(id),
            comment: None,
            reason: "Spam".into(),
        };
        if let Err(error) = w.bob.run(report).await {
            refused = Some((i, error));
            break;
        }
    }
    let (at, error) = refused.expect("a report was refused");
    assert_eq!(at, 20, "twenty reports an hour go through");
    assert!(matches!(error, domain::error::AppError::Throttled(_)));
}
