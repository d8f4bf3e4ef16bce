//! Refused input on contacts, templates, segments and campaigns is reported next to its field
//! with what was typed, also to a browser without JavaScript.

use app::api::campaigns::{AddContact, SaveCampaign, SaveSegment};
use domain::campaign::RuleForm;

use super::{acme, given_contacts, new_campaign, new_template, sent_back};

#[tokio::test]
async fn refused_input_is_reported_next_to_its_field_with_what_was_typed() {
    let acme = acme(&[]).await;
    let b = &acme.organizer;
    given_contacts(&acme.app, acme.org, "x", 1, "").await;

    let contact = |email: &str, tags: &str| AddContact {
        org: "acme".into(),
        email: email.into(),
        name: String::new(),
        tags: tags.into(),
    };
    let error = b
        .run(contact("x0@EXAMPLE.org", "a<b"))
        .await
        .expect_err("a bad tag is refused");
    assert!(error.field_message("tags").is_some(), "{error:?}");
    let error = b
        .run(contact("X0@example.org", ""))
        .await
        .expect_err("an address already there is refused");
    assert_eq!(
        error.field_message("email"),
        Some("this address is already a contact")
    );
    assert_eq!(error.kept("email"), Some("X0@example.org"));

    let error = b
        .run(new_template("acme", "T", "Hi {{nmae}}"))
        .await
        .expect_err("an unknown placeholder is refused");
    let message = error.field_message("body").unwrap_or_default();
    assert!(
        message.contains("{{nmae}} is not a placeholder"),
        "{message}"
    );
    assert_eq!(error.kept("body"), Some("Hi {{nmae}}"));

    let segment = SaveSegment {
        org: "acme".into(),
        id: String::new(),
        name: "Recent".into(),
        combine: String::new(),
        rules: vec![RuleForm {
            kind: "opened".into(),
            days: "0".into(),
            ..RuleForm::default()
        }],
    };
    let error = b.run(segment).await.expect_err("zero days is refused");
    assert!(error.field_message("rules[0][days]").is_some(), "{error:?}");

    let campaign = SaveCampaign {
        throttle: "fast".into(),
        ..new_campaign("No template", "Hello", "Acme")
    };
    let error = b
        .run(campaign)
        .await
        .expect_err("no template and a bad throttle are refused");
    assert_eq!(error.field_message("template"), Some("choose a template"));
    assert!(error.field_message("throttle").is_some());
    assert_eq!(error.kept("subject"), Some("Hello"));

    // Without JavaScript: the page comes back with the message and the typed address.
    let response = b
        .post_form(
            "add_contact",
            "/manage/acme/contacts",
            &[("org", "acme"), ("email", "not an address")],
        )
        .await;
    let page = sent_back(b, response).await;
    assert!(
        page.contains("enter an address like name@example.org"),
        "{page}"
    );
    assert!(page.contains("value=\"not an address\""));
}
