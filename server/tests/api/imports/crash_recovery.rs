//! A worker that crashed half-way: its import resumes, and two instances racing for it never
//! create a row twice. The workers are run by the test, at once, rather than by the clock.

use super::{SPEAKERS, WORKER_BY_HAND, finished, speaker_names, upload};
use crate::agenda::organizer;
use crate::helpers::TestApp;
use services::organizer::imports::work_once;

#[tokio::test]
async fn a_crash_half_way_resumes_and_two_instances_never_create_a_row_twice() {
    let app = TestApp::spawn_with(WORKER_BY_HAND).await;
    let other = app.another_instance_with(WORKER_BY_HAND).await;
    let browser = organizer(&app).await;
    let mut file = String::from("name,headline\n");
    for n in 0..120 {
        file.push_str(&format!("Speaker {n:03},Engineer\n"));
    }
    let id = upload(&app, &browser, SPEAKERS, &file).await;
    // A worker that died after its first 50 rows: they were created with their outcome, the
    // claim is old, the rest still waits.
    let pool = app.db().pool();
    let now = services::db::now();
    let org: i64 = sqlx::query_scalar("SELECT id FROM organizations WHERE slug = 'acme'")
        .fetch_one(pool)
        .await
        .expect("acme");
    for n in 0..50 {
        sqlx::query(
            "INSERT INTO speakers (organization_id, name, headline, created_at, updated_at) \
             VALUES ($1, $2, 'Engineer', $3, $3)",
        )
        .bind(org)
        .bind(format!("Speaker {n:03}"))
        .bind(now)
        .execute(pool)
        .await
        .expect("created");
    }
    sqlx::query("UPDATE import_rows SET status = 'imported' WHERE import_id = $1 AND line <= 51")
        .bind(id)
        .execute(pool)
        .await
        .expect("marked");
    sqlx::query(
        "UPDATE imports SET status = 'running', processed = 50, imported = 50, \
         claimed_at = $1 WHERE id = $2",
    )
    .bind(now - 3_600)
    .bind(id)
    .execute(pool)
    .await
    .expect("claimed long ago");

    // Both instances' workers look for work at once: one takes the import up and finishes
    // it, the other finds nothing to do.
    let (here, there) = tokio::join!(work_once(&app.state), work_once(&other.state));
    assert!(here != there, "exactly one worker took it: {here} {there}");
    let done = finished(&app, &browser, id).await;
    assert_eq!((done.processed, done.imported), (120, 120));
    let names = speaker_names(&browser).await;
    assert_eq!(names.len(), 120, "every row once");
    let mut unique = names.clone();
    unique.dedup();
    assert_eq!(unique, names, "no row twice");
    drop(other);
}
