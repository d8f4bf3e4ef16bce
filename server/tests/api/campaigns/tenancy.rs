//! Tenant isolation: another organization's templates, contacts and campaigns do not exist
//! for acme's organizers.

use app::api::campaigns::{GetContact, GetContacts, GetTemplate, PreviewTemplate, SaveCampaign};
use domain::error::AppError;
use domain::{ContactId, OrgRole, PlatformRole, TemplateId};

use super::{acme, given_contacts, last_id, new_campaign, new_template};
use crate::fixtures::{create_organization, given_member, given_user, session_for};

#[tokio::test]
async fn another_organizations_records_do_not_exist_for_acme() {
    let acme = acme(&[]).await;
    let globex = create_organization(acme.app.db(), "globex").await;
    let other = given_user(&acme.app, "other@example.org", PlatformRole::None).await;
    given_member(&acme.app, globex, other, OrgRole::Organizer).await;
    let g = session_for(&acme.app, other).await;
    g.run(new_template("globex", "Secret", "Globex only"))
        .await
        .expect("a template saved");
    let template = last_id(&acme.app, "mail_templates").await;
    given_contacts(&acme.app, globex, "globex", 1, "").await;
    let contact = last_id(&acme.app, "contacts").await;
    let b = &acme.organizer;
    let template_id = TemplateId(template.parse().expect("a template's id"));
    let not_found = |name: &str, answer: Result<(), AppError>| {
        let error = answer.expect_err(name);
        assert!(
            matches!(error, AppError::NotFound(ref what) if what != "organization"),
            "{name}: {error:?}"
        );
    };
    let get_template = GetTemplate {
        org: "acme".into(),
        id: template_id,
    };
    not_found("get_template", b.run(get_template).await.map(drop));
    let preview = PreviewTemplate {
        org: "acme".into(),
        id: template_id,
        contact: String::new(),
        event: String::new(),
    };
    not_found("preview_template", b.run(preview).await.map(drop));
    let get_contact = GetContact {
        org: "acme".into(),
        id: ContactId(contact.parse().expect("a contact's id")),
    };
    not_found("get_contact", b.run(get_contact).await.map(drop));
    let campaign = SaveCampaign {
        template,
        ..new_campaign("N", "S", "F")
    };
    let error = b
        .run(campaign)
        .await
        .expect_err("another organization's template is refused");
    assert_eq!(error.field_message("template"), Some("choose a template"));
    let listing = b
        .run(GetContacts {
            org: "acme".into(),
            q: String::new(),
            tag: String::new(),
        })
        .await
        .expect("a listing");
    assert_eq!(listing.total, 0, "globex's contact is not acme's");
}
