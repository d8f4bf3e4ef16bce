//! Like counts under concurrency: two hundred people liking and unliking at once leave the
//! exact count.

use domain::PlatformRole;
use services::db::{self, users};

use super::{insert_post, join, like, like_count, world};
use crate::fixtures::session_for;

#[tokio::test]
async fn two_hundred_people_liking_and_unliking_at_once_leave_the_exact_count() {
    let w = world().await;
    let id = insert_post(&w, "Like me").await;
    // Accounts made straight in the database: 200 password hashes would take minutes.
    let hash = services::accounts::password::hash(
        &domain::NewPassword::parse("violet kettle drums").expect("a password"),
    )
    .await
    .expect("a hash");
    let mut browsers = Vec::new();
    for n in 0..200 {
        let email = format!("fan{n}@example.org");
        let user = users::insert(
            w.app.db().pool(),
            &users::NewUser {
                email: &email,
                display_name: "Fan",
                password_hash: &hash,
                platform_role: PlatformRole::None,
                email_verified_at: Some(db::now()),
            },
            db::now(),
        )
        .await
        .expect("a user");
        join(&w.app, w.event, user).await;
        browsers.push(session_for(&w.app, user).await);
    }
    let tasks = browsers.into_iter().enumerate().map(|(n, browser)| {
        tokio::spawn(async move {
            // Everyone likes twice; every third person then unlikes twice.
            let mut steps = vec![true, true];
            if n % 3 == 0 {
                steps.extend([false, false]);
            }
            for liked in steps {
                browser.run(like(id, liked)).await.expect("saved");
            }
        })
    });
    for task in futures_util::future::join_all(tasks).await {
        task.expect("a like task");
    }
    let unliked = (0..200).filter(|n| n % 3 == 0).count() as i64;
    assert_eq!(like_count(&w.app, id).await, (200 - unliked, 200 - unliked));
}
