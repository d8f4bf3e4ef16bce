//! Stored images are public only while something visible uses them, and their files go
//! once nothing does.

use std::time::Duration;

use app::api::feed::{DeletePost, ModerateContent};
use domain::PostId;

use crate::agenda::{organizer, summit};
use crate::feed::{compose, world_with};
use crate::helpers::TestApp;
use crate::uploads::{png, upload};

async fn image_of_post(app: &TestApp) -> (i64, String) {
    sqlx::query_as("SELECT id, image FROM posts WHERE image IS NOT NULL")
        .fetch_one(app.db().pool())
        .await
        .expect("a post with an image")
}

fn files(app: &TestApp, name: &str) -> usize {
    std::fs::read_dir(app.database.dir.path().join("media"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with(name))
                .count()
        })
        .unwrap_or(0)
}

async fn sweep(app: &TestApp) -> usize {
    services::media::sweep::sweep(&app.state, Duration::ZERO)
        .await
        .expect("swept")
}

#[tokio::test]
async fn a_hidden_posts_image_is_not_served_and_a_deleted_posts_is_swept() {
    let w = world_with(&[]).await;
    let response = compose(&w.alice, "Look", Some(png(800, 600)), false).await;
    assert_eq!(response.status(), 303);
    let (post, name) = image_of_post(&w.app).await;
    let url = format!("/media/{name}-1200.jpg");
    let image = w.app.get(&url).await;
    assert_eq!(image.status(), 200);
    assert_eq!(image.headers()["cache-control"], "public, max-age=3600");

    let post = PostId(post);
    let decide = |decision: &'static str| {
        let organizer = &w.organizer;
        async move {
            let call = ModerateContent {
                slug: "conf".into(),
                post,
                comment: None,
                decision: decision.into(),
                back: None,
            };
            organizer.run(call).await.expect("moderated");
        }
    };
    decide("hide").await;
    assert_eq!(w.app.get(&url).await.status(), 404);
    // Hidden is not gone: the sweep keeps it, and showing the post brings it back.
    sweep(&w.app).await;
    decide("show").await;
    assert_eq!(w.app.get(&url).await.status(), 200);

    let delete = DeletePost {
        slug: "conf".into(),
        post,
    };
    w.alice.run(delete).await.expect("deleted");
    assert_eq!(w.app.get(&url).await.status(), 404);
    assert_eq!(files(&w.app, &name), 2, "until the sweep");
    assert_eq!(sweep(&w.app).await, 2);
    assert_eq!(files(&w.app, &name), 0);
}

#[tokio::test]
async fn a_replaced_cover_is_swept_and_the_new_one_stays() {
    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    summit(&browser).await;
    let cover = "/manage/acme/events/rust-summit/cover";
    let cover_name = || async {
        sqlx::query_scalar::<_, String>("SELECT cover_image FROM events WHERE slug = 'rust-summit'")
            .fetch_one(app.db().pool())
            .await
            .expect("a cover")
    };
    upload(&app, &browser, cover, png(2000, 1000)).await;
    let first = cover_name().await;
    upload(&app, &browser, cover, png(1800, 900)).await;
    let second = cover_name().await;
    assert_ne!(first, second);
    assert_eq!(
        app.get(&format!("/media/{first}-800.jpg")).await.status(),
        404
    );
    // Just written: an upload in progress could still be about to name it.
    assert_eq!(
        services::media::sweep::sweep(&app.state, services::media::sweep::GRACE)
            .await
            .expect("swept"),
        0
    );
    assert_eq!(sweep(&app).await, 3);
    assert_eq!(files(&app, &first), 0);
    assert_eq!(files(&app, &second), 3);
    assert_eq!(
        app.get(&format!("/media/{second}-800.jpg")).await.status(),
        200
    );
}
