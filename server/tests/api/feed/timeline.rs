//! The timeline's pages: none repeated or skipped while new posts arrive, a bounded size, and
//! the filter by kind.

use std::collections::BTreeSet;

use app::api::feed::GetTimeline;
use domain::PostId;

use super::{compose, html, insert_post, world};

/// The ids of the posts in `html`, in order.
fn post_ids(html: &str) -> Vec<i64> {
    html.split("data-post=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse().ok())
        .collect()
}

#[tokio::test]
async fn timeline_pages_neither_repeat_nor_skip_posts_while_new_ones_arrive() {
    let w = world().await;
    let mut older = Vec::new();
    for n in 0..45 {
        older.push(insert_post(&w, &format!("Post {n}")).await);
    }
    let reader = w.app.browser();
    let mut seen = Vec::new();
    let mut before = String::new();
    let mut pages = 0;
    loop {
        let html = html(&reader, &format!("?before={before}")).await;
        let ids = post_ids(&html);
        assert!(ids.len() <= 20, "pages are bounded");
        seen.extend(ids);
        pages += 1;
        // New posts keep arriving while the reader pages.
        for n in 0..3 {
            insert_post(&w, &format!("Newer {pages}.{n}")).await;
        }
        match html
            .split("/e/conf/feed?before=")
            .nth(1)
            .and_then(|r| r.split('"').next())
        {
            Some(next) => before = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let unique: BTreeSet<i64> = seen.iter().copied().collect();
    assert_eq!(unique.len(), seen.len(), "no post twice");
    older.reverse();
    assert_eq!(seen, older, "every post once, newest first");
}

#[tokio::test]
async fn the_timeline_api_pages_with_a_bounded_size_and_filters_kinds() {
    let w = world().await;
    for n in 0..60 {
        insert_post(&w, &format!("Post {n}")).await;
    }
    compose(&w.organizer, "Announced", None, true).await;
    let reader = w.app.browser();
    let timeline = |limit: Option<u32>, before: Option<PostId>, kind: Option<&str>| {
        let call = GetTimeline {
            slug: "conf".into(),
            before,
            limit,
            kind: kind.map(str::to_owned),
        };
        let reader = &reader;
        async move { reader.run(call).await.expect("a page") }
    };
    let huge = timeline(Some(1000), None, None).await;
    assert_eq!(huge.posts.len(), 50, "at most 50 a page");
    assert_eq!(huge.pinned.len(), 1);
    let small = timeline(Some(5), None, None).await;
    assert_eq!(small.posts.len(), 5);
    let next = small.next.expect("more pages").0;
    let second = timeline(Some(5), Some(next), None).await;
    assert!(
        second.pinned.is_empty(),
        "pinned posts head the first page only"
    );
    assert!(second.posts.iter().all(|p| p.id < small.posts[4].id));
    let announcements = timeline(None, None, Some("announcements")).await;
    assert!(announcements.posts.is_empty() && announcements.pinned.len() == 1);
    let posts = timeline(None, None, Some("posts")).await;
    assert!(posts.pinned.is_empty() && posts.posts.len() == 20);
}
