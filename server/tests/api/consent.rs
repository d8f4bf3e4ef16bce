//! Consent withdrawn is the person's to give back: an organizer cannot subscribe again a
//! contact who unsubscribed or complained.

use app::api::accounts::DeleteAccount;
use app::api::campaigns::{AddContact, UpdateContact};
use domain::ContactId;

use crate::campaigns::acme;

#[tokio::test]
async fn an_organizer_cannot_resubscribe_someone_who_unsubscribed() {
    let acme = acme(&[]).await;
    let b = &acme.organizer;
    let ann = AddContact {
        org: "acme".into(),
        email: "ann@example.org".into(),
        name: "Ann".into(),
        tags: String::new(),
    };
    b.run(ann).await.expect("a contact added");
    let id: i64 = sqlx::query_scalar("SELECT id FROM contacts WHERE email_key = 'ann@example.org'")
        .fetch_one(acme.app.db().pool())
        .await
        .expect("ann's contact");
    let update = |status: &str, tags: &str| {
        b.run(UpdateContact {
            org: "acme".into(),
            id: ContactId(id),
            status: status.into(),
            tags: tags.into(),
        })
    };
    // Unsubscribing on their behalf (they asked by phone) is fine.
    assert_eq!(update("unsubscribed", "").await, Ok(()));
    let refused = update("subscribed", "vip")
        .await
        .expect_err("only they can subscribe again");
    assert!(
        refused
            .field_message("status")
            .is_some_and(|m| m.contains("only they can subscribe again")),
        "{refused:?}"
    );
    assert_eq!(refused.kept("tags"), Some("vip"));
    let status: String = sqlx::query_scalar("SELECT status FROM contacts WHERE id = $1")
        .bind(id)
        .fetch_one(acme.app.db().pool())
        .await
        .expect("read");
    assert_eq!(status, "unsubscribed");
    // Tags still change while the consent stays as the person left it.
    assert_eq!(update("unsubscribed", "vip").await, Ok(()));
    assert_eq!(update("complained", "vip").await, Ok(()));
    assert!(matches!(
        update("subscribed", "vip").await,
        Err(domain::error::AppError::Invalid { .. })
    ));
}

#[tokio::test]
async fn deleting_an_account_erases_the_person_from_every_audience() {
    let w = crate::feed::world_with(&[]).await;
    let pool = w.app.db().pool().clone();
    // Alice joined acme's event: she is one of its contacts, and tagged.
    let alice_contact: i64 =
        sqlx::query_scalar("SELECT id FROM contacts WHERE email_key = 'alice@example.org'")
            .fetch_one(&pool)
            .await
            .expect("alice is a contact");
    sqlx::query("INSERT INTO contact_tags (contact_id, tag) VALUES ($1, 'vip')")
        .bind(alice_contact)
        .execute(&pool)
        .await
        .expect("tagged");
    let delete = DeleteAccount {
        current_password: crate::fixtures::PASSWORD.into(),
    };
    w.alice.run(delete).await.expect("deleted");
    let (email, name, status, user): (String, String, String, Option<i64>) =
        sqlx::query_as("SELECT email, name, status, user_id FROM contacts WHERE id = $1")
            .bind(alice_contact)
            .fetch_one(&pool)
            .await
            .expect("the contact row stays, for the campaigns' counts");
    assert!(
        !email.contains("alice") && !name.contains("alice"),
        "{email} {name}"
    );
    assert_eq!((status.as_str(), user), ("unsubscribed", None));
    let tags: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contact_tags WHERE contact_id = $1")
        .bind(alice_contact)
        .fetch_one(&pool)
        .await
        .expect("counted");
    assert_eq!(tags, 0);
    let erased: String =
        sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'contacts.erased'")
            .fetch_one(&pool)
            .await
            .expect("the erasure is in the audit log");
    assert_eq!(erased, "1");
    // Bob is untouched.
    let bob: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM contacts WHERE email_key = 'bob@example.org'")
            .fetch_one(&pool)
            .await
            .expect("counted");
    assert_eq!(bob, 1);
}
