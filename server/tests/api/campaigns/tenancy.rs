//! Tenant isolation: another organization's templates, contacts and campaigns do not exist
//! for acme's organizers.

use domain::error::AppError;
use domain::{OrgRole, PlatformRole};

use super::{acme, given_contacts, last_id};
use crate::fixtures::{create_organization, given_member, given_user, session_for};
use crate::helpers::app_error;

#[tokio::test]
async fn another_organizations_records_do_not_exist_for_acme() {
    let acme = acme(&[]).await;
    let globex = create_organization(acme.app.db(), "globex").await;
    let other = given_user(&acme.app, "other@example.org", PlatformRole::None).await;
    given_member(&acme.app, globex, other, OrgRole::Organizer).await;
    let g = session_for(&acme.app, other).await;
    g.ok(
        "save_template",
        &[
            ("org", "globex"),
            ("name", "Secret"),
            ("body", "Globex only"),
        ],
    )
    .await;
    let template = last_id(&acme.app, "mail_templates").await;
    given_contacts(&acme.app, globex, "globex", 1, "").await;
    let contact = last_id(&acme.app, "contacts").await;
    let b = &acme.organizer;
    for (name, form) in [
        (
            "get_template",
            vec![("org", "acme"), ("id", template.as_str())],
        ),
        (
            "preview_template",
            vec![("org", "acme"), ("id", template.as_str())],
        ),
        (
            "get_contact",
            vec![("org", "acme"), ("id", contact.as_str())],
        ),
    ] {
        let error = app_error(b.call(name, &form).await, 404).await;
        assert!(
            matches!(error, AppError::NotFound(ref what) if what != "organization"),
            "{name}: {error:?}"
        );
    }
    let error = app_error(
        b.call(
            "save_campaign",
            &[
                ("org", "acme"),
                ("name", "N"),
                ("subject", "S"),
                ("from_name", "F"),
                ("template", &template),
            ],
        )
        .await,
        400,
    )
    .await;
    assert_eq!(error.field_message("template"), Some("choose a template"));
    let listing: domain::contact::ContactListing = b
        .ok("get_contacts", &[("org", "acme")])
        .await
        .json()
        .await
        .expect("a listing");
    assert_eq!(listing.total, 0, "globex's contact is not acme's");
}
