//! Moderation: reports reach the organizer's queue, hidden posts vanish for everyone else, the
//! muted read but do not post, and the comment count follows the comments readers see.

use app::api::feed_pages::{GetFeedPost, GetFeedReports};
use domain::PostId;
use domain::error::AppError;
use domain::feed::Readable;

use super::{
    World, comment, compose, html, like, moderate, mute, page, post, report, texts, world,
};

#[tokio::test]
async fn the_muted_read_but_do_not_post_and_hidden_posts_vanish_for_everyone_else() {
    let w = world().await;
    let id = post(&w.alice, "Buy cheap watches").await;
    // Bob reports it; the organizer sees the report in the queue.
    w.bob.run(report(id, "Spam")).await.expect("reported");
    let queue = reports(&w.organizer).await.expect("the queue").content;
    let Readable::Shown(queue) = queue else {
        panic!("the organizer reads the feed")
    };
    assert_eq!(queue.len(), 1);
    assert!(queue[0].excerpt.contains("Buy cheap watches") && queue[0].reason == "Spam");
    let drawn = html(&w.organizer, "/reports").await;
    assert!(drawn.contains("Buy cheap watches") && drawn.contains("Reason: </span>Spam"));
    assert_eq!(reports(&w.bob).await, Err(AppError::Forbidden));
    assert_eq!(page(&w.bob, "/reports").await.status(), 403);

    w.organizer
        .run(moderate(id, None, "hide"))
        .await
        .expect("hidden");
    let one_post = GetFeedPost {
        slug: "conf".into(),
        post: PostId(id),
        all_comments: false,
    };
    for reader in [&w.bob, &w.app.browser(), &w.alice] {
        assert!(
            !texts(reader, None)
                .await
                .contains(&"Buy cheap watches".to_owned())
        );
        assert!(!html(reader, "").await.contains("Buy cheap watches"));
        // For a live update, a post one may not see is none: the page removes it.
        let gone = reader.run(one_post.clone()).await.expect("an answer");
        assert_eq!(gone.content, Readable::Shown(None));
        let own_page = page(reader, &format!("/posts/{id}")).await;
        assert_eq!(own_page.status(), 404);
    }
    let moderator_view = reader_post(&w, one_post).await;
    assert!(moderator_view.hidden, "moderators still see it, marked");
    assert!(html(&w.organizer, "").await.contains("Hidden from readers"));
    assert!(
        html(&w.organizer, "/reports")
            .await
            .contains("No open reports")
    );
    // Hidden posts cannot be liked or commented on.
    let refused = w.bob.run(like(id, true)).await;
    assert!(matches!(refused, Err(AppError::NotFound(_))), "{refused:?}");

    // Muted: reads, but cannot post, comment or like.
    w.organizer
        .run(mute(w.alice_id, true))
        .await
        .expect("muted");
    assert_eq!(
        compose(&w.alice, "Still here", None, false).await.status(),
        403
    );
    let other = post(&w.bob, "Hello").await;
    assert_eq!(
        w.alice.run(comment(other, "Hi")).await,
        Err(AppError::Forbidden)
    );
    let seen = html(&w.alice, "").await;
    assert!(
        seen.contains("muted you") && seen.contains("Hello"),
        "{seen}"
    );
    w.organizer
        .run(mute(w.alice_id, false))
        .await
        .expect("heard again");
    w.alice.run(comment(other, "Hi")).await.expect("commented");
}

#[tokio::test]
async fn the_comment_count_follows_the_comments_readers_see() {
    let w = world().await;
    let id = post(&w.alice, "Comment on me").await;
    let mut comments = Vec::new();
    for body in ["First", "Second"] {
        let made = w.bob.run(comment(id, body)).await.expect("a comment id");
        comments.push(made.0);
    }
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT comment_count FROM posts WHERE id = $1")
            .bind(id)
            .fetch_one(w.app.db().pool())
            .await
            .expect("a count")
    };
    assert_eq!(count().await, 2);
    // Hiding takes one off; deleting the hidden one changes nothing more.
    decide(&w, id, comments[0], "hide").await;
    assert_eq!(count().await, 1);
    decide(&w, id, comments[0], "delete").await;
    assert_eq!(count().await, 1);
    // Deleting a visible one takes one off.
    decide(&w, id, comments[1], "delete").await;
    assert_eq!(count().await, 0);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM comments WHERE post_id = $1")
        .bind(id)
        .fetch_one(w.app.db().pool())
        .await
        .expect("comments");
    assert_eq!(left, 0);
}

/// The organizer's `decision` on a comment under `post`.
async fn decide(w: &World, post: i64, comment: i64, decision: &str) {
    let call = moderate(post, Some(comment), decision);
    w.organizer.run(call).await.expect("decided");
}

/// The post `call` asks for, as the organizer sees it.
async fn reader_post(w: &World, call: GetFeedPost) -> domain::feed::FeedPost {
    match w.organizer.run(call).await.expect("the post").content {
        Readable::Shown(Some(post)) => post,
        other => panic!("not shown: {other:?}"),
    }
}

/// The moderation queue, as `browser` may see it.
async fn reports(
    browser: &crate::helpers::Browser,
) -> Result<domain::feed::FeedView<Vec<domain::feed::OpenReport>>, AppError> {
    browser
        .run(GetFeedReports {
            slug: "conf".into(),
        })
        .await
}
