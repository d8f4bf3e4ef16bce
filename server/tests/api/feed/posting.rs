//! Posting: attendees post, like and comment and anyone reads it without JavaScript; refused
//! posts come back to the form with the message and the text; images; authors edit and
//! delete their own posts; and posting too quickly says when one can post again.

use domain::error::AppError;

use super::{
    comment, compose, delete, edit, html, like, like_count, location, post, texts, world,
    world_with,
};

#[tokio::test]
async fn attendees_post_like_and_comment_and_anyone_reads_it_without_javascript() {
    let w = world().await;
    let id = post(&w.alice, "Hello **world**, see https://example.org/talks").await;
    assert_eq!(w.bob.run(like(id, true)).await, Ok(1));
    // Liking twice is one like.
    assert_eq!(w.bob.run(like(id, true)).await, Ok(1));
    assert_eq!(like_count(&w.app, id).await, (1, 1));
    // A comment posted by a browser without JavaScript comes back to the post.
    let response = w
        .bob
        .post_form(
            "comment_on_post",
            "/e/conf/feed",
            &[
                ("slug", "conf"),
                ("post", &id.to_string()),
                ("body", "Great <script>x</script> talk"),
                ("back", "/e/conf/feed"),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), format!("/e/conf/feed#post-{id}"));

    let anonymous = w.app.browser();
    let document = anonymous.get("/e/conf/feed").await;
    assert_eq!(document.status(), 200);
    let text = document.text().await.expect("a page");
    assert!(text.contains("<strong>world</strong>"), "{text}");
    assert!(
        text.contains(r#"href="https://example.org/talks""#),
        "links are clickable"
    );
    assert!(text.contains("Great"), "the comment is shown");
    assert!(!text.contains("<script>x"), "comments are sanitized");
    assert!(text.contains("1 like"));
    assert!(
        text.contains("Sign in"),
        "anonymous readers are invited to sign in"
    );
    assert_eq!(like_count(&w.app, id).await, (1, 1));
}

#[tokio::test]
async fn refused_posts_come_back_to_the_form_with_the_message_and_the_text() {
    let w = world().await;
    for (body, image, field, message) in [
        ("   ", None, "body", "write something to post"),
        (
            &*"é".repeat(2_001),
            None,
            "body",
            "keep it to 2000 characters or fewer",
        ),
        // A GIF header announcing an image far too large to decode.
        (
            "A picture",
            Some(b"GIF89a not really".to_vec()),
            "image",
            "too many pixels",
        ),
        (
            "A picture",
            Some(b"plain text".to_vec()),
            "image",
            "not a JPEG, PNG, WebP or GIF",
        ),
    ] {
        let response = compose(&w.alice, body, image, false).await;
        assert_eq!(response.status(), 303);
        let back = location(&response);
        assert!(
            back == "/e/conf/feed?__path=%2Fapi%2Fcreate_post#compose",
            "{back}"
        );
        let document = w.alice.get(&back).await.text().await.expect("the page");
        assert!(
            document.contains(message),
            "{field}: {message} not in the page"
        );
        if body.trim().len() > 3 {
            assert!(
                document.contains(&body[..20.min(body.len())]),
                "the text typed is kept"
            );
        }
    }
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM posts")
        .fetch_one(w.app.db().pool())
        .await
        .expect("a count");
    assert_eq!(count, 0);
}

#[tokio::test]
async fn a_post_can_carry_an_image() {
    let w = world().await;
    let mut png = Vec::new();
    image::RgbImage::from_pixel(640, 480, image::Rgb([200, 30, 30]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .expect("a png");
    let response = compose(&w.alice, "Our booth", Some(png), false).await;
    assert_eq!(response.status(), 303, "{}", location(&response));
    let html = html(&w.app.browser(), "").await;
    let src = html
        .split("src=\"/media/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("an image in the post");
    assert_eq!(w.app.get(&format!("/media/{src}")).await.status(), 200);
}

#[tokio::test]
async fn posting_too_quickly_says_when_one_can_post_again() {
    let w = world_with(&[("feed_posts_per_minute", "2")]).await;
    post(&w.alice, "One").await;
    post(&w.alice, "Two").await;
    let response = compose(&w.alice, "Three is too many", None, false).await;
    let back = location(&response);
    assert!(
        back.contains("__path=") && !back.contains("__err="),
        "{back}"
    );
    let document = w.alice.get(&back).await.text().await.expect("the page");
    assert!(
        document.contains("You can post again in"),
        "the wait is said"
    );
    assert!(document.contains("Three is too many"), "the text is kept");
    // Comments count too; other people are not slowed down.
    let id = post(&w.bob, "Bob is fine").await;
    let error = w
        .alice
        .run(comment(id, "Also"))
        .await
        .expect_err("too soon");
    assert!(
        error
            .field_message("body")
            .is_some_and(|m| m.contains("seconds")),
        "{error:?}"
    );
}

#[tokio::test]
async fn authors_edit_for_fifteen_minutes_and_delete_their_own_posts() {
    let w = world().await;
    let id = post(&w.alice, "Typo hree").await;
    w.alice.run(edit(id, "Typo here")).await.expect("edited");
    assert_eq!(texts(&w.bob, None).await, ["Typo here"]);
    assert_eq!(
        w.bob.run(edit(id, "Typo here")).await,
        Err(AppError::Forbidden),
        "only the author edits"
    );
    sqlx::query("UPDATE posts SET created_at = created_at - 16 * 60 WHERE id = $1")
        .bind(id)
        .execute(w.app.db().pool())
        .await
        .expect("aged");
    let late = w
        .alice
        .run(edit(id, "Typo here"))
        .await
        .expect_err("too late");
    assert!(
        late.field_message("body")
            .is_some_and(|m| m.contains("15 minutes"))
    );
    assert_eq!(w.bob.run(delete(id)).await, Err(AppError::Forbidden));
    w.alice.run(delete(id)).await.expect("deleted");
    assert!(texts(&w.bob, None).await.is_empty());
}
