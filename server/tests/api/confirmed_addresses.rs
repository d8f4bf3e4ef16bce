//! Anyone can sign up with any address, so an unconfirmed one is trusted with nothing that
//! belongs to its real owner: no ownership, no admin rights, no mailing list, no uploads.

use app::api::admin::AdminCreateOrganization;
use app::api::program::JoinEvent;
use domain::PlatformRole;
use domain::error::AppError;
use services::db;

use crate::agenda::{organizer, summit};
use crate::feed::{compose, world_with};
use crate::fixtures::{PASSWORD, given_user, log_in, session_for};
use crate::helpers::{TestApp, convene_command};
use crate::uploads::{png, upload};

async fn unconfirm(app: &TestApp, email: &str) {
    sqlx::query("UPDATE users SET email_verified_at = NULL WHERE email = $1")
        .bind(email)
        .execute(app.db().pool())
        .await
        .expect("unconfirmed");
}

async fn confirm(app: &TestApp, email: &str) {
    sqlx::query("UPDATE users SET email_verified_at = $2 WHERE email = $1")
        .bind(email)
        .bind(db::now())
        .execute(app.db().pool())
        .await
        .expect("confirmed");
}

#[tokio::test]
async fn an_unconfirmed_account_is_not_made_an_owner_by_the_console() {
    let app = TestApp::spawn().await;
    let admin = given_user(&app, "admin@example.org", PlatformRole::Admin).await;
    let admin = session_for(&app, admin).await;
    given_user(&app, "squatter@example.org", PlatformRole::None).await;
    unconfirm(&app, "squatter@example.org").await;
    let create = AdminCreateOrganization {
        name: "Acme".into(),
        slug: "acme".into(),
        owner_email: "squatter@example.org".into(),
    };
    let refused = admin
        .run(create.clone())
        .await
        .expect_err("an unconfirmed owner is refused");
    assert!(
        refused
            .field_message("owner_email")
            .is_some_and(|m| m.contains("not confirmed its address")),
        "{refused:?}"
    );
    assert_eq!(refused.kept("owner_email"), Some("squatter@example.org"));
    confirm(&app, "squatter@example.org").await;
    admin.run(create).await.expect("the organization created");
}

#[tokio::test]
async fn create_admin_takes_back_an_unconfirmed_account_with_that_address() {
    let app = TestApp::spawn().await;
    given_user(&app, "root@example.org", PlatformRole::None).await;
    unconfirm(&app, "root@example.org").await;
    // Whoever signed up with the address first is signed in somewhere.
    let squatter = app.browser();
    squatter
        .run(log_in("root@example.org", PASSWORD))
        .await
        .expect("logged in");
    let output = convene_command()
        .args(["create-admin", "--email", "root@example.org"])
        .env("CONVENE_DATABASE_URL", &app.database.url)
        .env("CONVENE_DATA_DIR", app.database.dir.path())
        .output()
        .expect("convene ran");
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(stdout.contains("nobody had confirmed"), "{stdout}");
    let password = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Password (shown once): "))
        .expect("a new password")
        .to_owned();
    assert!(squatter.current_user().await.is_none(), "signed out");
    let old = app
        .browser()
        .run(log_in("root@example.org", PASSWORD))
        .await;
    assert!(
        matches!(old, Err(AppError::Invalid { .. })),
        "the old password no longer works"
    );
    let root = app.browser();
    root.run(log_in("root@example.org", &password))
        .await
        .expect("logged in with the new password");
    let me = root.current_user().await.expect("signed in");
    assert!(me.is_admin && me.email_verified);
}

#[tokio::test]
async fn joining_makes_a_contact_only_of_a_confirmed_address() {
    let w = world_with(&[]).await;
    // Alice and Bob joined with confirmed addresses; the visitor joins unconfirmed.
    unconfirm(&w.app, "visitor@example.org").await;
    let join = JoinEvent {
        slug: "conf".into(),
    };
    w.visitor.run(join).await.expect("joined");
    let contacts = |email: &'static str| {
        let pool = w.app.db().pool().clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT status FROM contacts WHERE email_key = $1")
                .bind(email)
                .fetch_optional(&pool)
                .await
                .expect("read")
        }
    };
    assert_eq!(
        contacts("alice@example.org").await.as_deref(),
        Some("subscribed")
    );
    assert_eq!(contacts("visitor@example.org").await, None);
    // Confirming the address is what makes them one.
    confirm(&w.app, "visitor@example.org").await;
    assert_eq!(
        contacts("visitor@example.org").await.as_deref(),
        Some("subscribed")
    );
}

#[tokio::test]
async fn images_are_uploaded_only_from_a_confirmed_address() {
    let w = world_with(&[]).await;
    unconfirm(&w.app, "alice@example.org").await;
    let response = compose(&w.alice, "A picture", Some(png(40, 30)), false).await;
    let back = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        back.contains("__path=") && !back.contains("__err="),
        "{back}"
    );
    let page = w.alice.get(&back).await.text().await.expect("the page");
    assert!(page.contains("Confirm your email address before uploading images"));
    assert!(page.contains("A picture"), "the text is kept");
    let posts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM posts")
        .fetch_one(w.app.db().pool())
        .await
        .expect("counted");
    assert_eq!(posts, 0);

    let app = TestApp::spawn().await;
    let browser = organizer(&app).await;
    summit(&browser).await;
    unconfirm(&app, "organizer@example.org").await;
    let cover = "/manage/acme/events/rust-summit/cover";
    let (status, location) = upload(&app, &browser, cover, png(2000, 1000)).await;
    assert_eq!(status, 303);
    assert!(location.contains("unconfirmed-address"), "{location}");
    confirm(&app, "organizer@example.org").await;
    let (_, location) = upload(&app, &browser, cover, png(2000, 1000)).await;
    assert!(location.ends_with("?done=image#image"), "{location}");
}
