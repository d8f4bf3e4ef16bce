//! Consent withdrawn is the person's to give back: an organizer cannot subscribe again a
//! contact who unsubscribed or complained.

use crate::campaigns::acme;

#[tokio::test]
async fn an_organizer_cannot_resubscribe_someone_who_unsubscribed() {
    let acme = acme(&[]).await;
    let b = &acme.organizer;
    b.ok(
        "add_contact",
        &[
            ("org", "acme"),
            ("email", "ann@example.org"),
            ("name", "Ann"),
        ],
    )
    .await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM contacts WHERE email_key = 'ann@example.org'")
        .fetch_one(acme.app.db().pool())
        .await
        .expect("ann's contact");
    let id = id.to_string();
    let update = |status: &'static str, tags: &'static str| {
        let id = id.clone();
        async move {
            b.call(
                "update_contact",
                &[
                    ("org", "acme"),
                    ("id", &id),
                    ("status", status),
                    ("tags", tags),
                ],
            )
            .await
        }
    };
    // Unsubscribing on their behalf (they asked by phone) is fine.
    assert_eq!(update("unsubscribed", "").await.status(), 200);
    let refused = crate::helpers::app_error(update("subscribed", "vip").await, 400).await;
    assert!(
        refused
            .field_message("status")
            .is_some_and(|m| m.contains("only they can subscribe again")),
        "{refused:?}"
    );
    assert_eq!(refused.kept("tags"), Some("vip"));
    let status: String = sqlx::query_scalar("SELECT status FROM contacts WHERE id = $1")
        .bind(id.parse::<i64>().expect("an id"))
        .fetch_one(acme.app.db().pool())
        .await
        .expect("read");
    assert_eq!(status, "unsubscribed");
    // Tags still change while the consent stays as the person left it.
    assert_eq!(update("unsubscribed", "vip").await.status(), 200);
    assert_eq!(update("complained", "vip").await.status(), 200);
    assert_eq!(update("subscribed", "vip").await.status(), 400);
}
