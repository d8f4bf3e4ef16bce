//! Refused input on contacts, templates, segments and campaigns is reported next to its field
//! with what was typed, also to a browser without JavaScript.

use super::{acme, given_contacts, sent_back};
use crate::helpers::app_error;

#[tokio::test]
async fn refused_input_is_reported_next_to_its_field_with_what_was_typed() {
    let acme = acme(&[]).await;
    let b = &acme.organizer;
    given_contacts(&acme.app, acme.org, "x", 1, "").await;

    let error = app_error(
        b.call(
            "add_contact",
            &[
                ("org", "acme"),
                ("email", "x0@EXAMPLE.org"),
                ("tags", "a<b"),
            ],
        )
        .await,
        400,
    )
    .await;
    assert!(error.field_message("tags").is_some(), "{error:?}");
    let error = app_error(
        b.call(
            "add_contact",
            &[("org", "acme"), ("email", "X0@example.org")],
        )
        .await,
        400,
    )
    .await;
    assert_eq!(
        error.field_message("email"),
        Some("this address is already a contact")
    );
    assert_eq!(error.kept("email"), Some("X0@example.org"));

    let error = app_error(
        b.call(
            "save_template",
            &[("org", "acme"), ("name", "T"), ("body", "Hi {{nmae}}")],
        )
        .await,
        400,
    )
    .await;
    let message = error.field_message("body").unwrap_or_default();
    assert!(
        message.contains("{{nmae}} is not a placeholder"),
        "{message}"
    );
    assert_eq!(error.kept("body"), Some("Hi {{nmae}}"));

    let error = app_error(
        b.call(
            "save_segment",
            &[
                ("org", "acme"),
                ("name", "Recent"),
                ("rules[0][kind]", "opened"),
                ("rules[0][days]", "0"),
            ],
        )
        .await,
        400,
    )
    .await;
    assert!(error.field_message("rules[0][days]").is_some(), "{error:?}");

    let error = app_error(
        b.call(
            "save_campaign",
            &[
                ("org", "acme"),
                ("name", "No template"),
                ("subject", "Hello"),
                ("from_name", "Acme"),
                ("throttle", "fast"),
            ],
        )
        .await,
        400,
    )
    .await;
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
