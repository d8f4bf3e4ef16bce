//! A template's preview is personal to the contact and event chosen, and sanitized.

use app::api::campaigns::PreviewTemplate;
use domain::TemplateId;

use super::{acme, given_contacts, last_id, new_template};

#[tokio::test]
async fn the_preview_is_personal_and_sanitized() {
    let acme = acme(&[]).await;
    given_contacts(&acme.app, acme.org, "ann", 1, "").await;
    let b = &acme.organizer;
    let body = "Hi **{{first_name}}**, see [{{event_title}}]({{event_url}}) on {{event_date}}.\n\n<script>alert(1)</script>";
    b.run(new_template("acme", "T", body))
        .await
        .expect("a template saved");
    let template = last_id(&acme.app, "mail_templates").await;
    let contact = last_id(&acme.app, "contacts").await;
    let event: i64 = sqlx::query_scalar("SELECT id FROM events WHERE slug = 'acme-conf'")
        .fetch_one(acme.app.db().pool())
        .await
        .expect("the event");
    let preview = PreviewTemplate {
        org: "acme".into(),
        id: TemplateId(template.parse().expect("a template's id")),
        contact,
        event: event.to_string(),
    };
    let (text, html) = b.run(preview).await.expect("a preview");
    assert!(html.contains("Hi <strong>ann</strong>"), "{html}");
    assert!(html.contains(">Acme Conf</a>"), "{html}");
    assert!(html.contains("/e/acme-conf\""), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("Unsubscribe</a>"));
    assert!(text.starts_with("Hi **ann**, see [Acme Conf]("), "{text}");
    assert!(text.contains("Unsubscribe: http"), "{text}");
}
