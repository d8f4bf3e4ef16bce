//! Segments and templates: saving them, counting a segment while it is edited, previewing a
//! template as one contact sees it, and sending a test to the organizer.

use lettre::Message;
use lettre::message::{Mailbox, MultiPart};

use domain::campaign::{RuleForm, SegmentRules, TemplateDetails, unknown_placeholders};
use domain::error::{AppError, FieldError, Validation};
use domain::{ContactId, EventId, SegmentId, TemplateId, text};

use crate::Services;
use crate::accounts::session::Actor;
use crate::db::organizations::OrganizationRow;
use crate::db::{self, contacts, segments, users};

use super::message::{self, Personal};
use super::{authorized, event_values};

/// The longest template.
pub const MAX_TEMPLATE_CHARS: usize = 20_000;

/// Reads the builder; every problem is reported against its field, with what was typed.
fn rules(combine: &str, rows: &[RuleForm]) -> Result<SegmentRules, AppError> {
    SegmentRules::from_form(combine, rows).map_err(|errors: Vec<FieldError>| AppError::Invalid {
        errors,
        kept: Vec::new(),
    })
}

/// How many mailable contacts the rules reach now (the builder's live count).
pub async fn count(
    state: &Services,
    actor: &Actor,
    org: &str,
    combine: &str,
    rows: &[RuleForm],
) -> Result<i64, AppError> {
    let (organization, _) = authorized(state, actor, org).await?;
    let rules = rules(combine, rows)?;
    segments::count(&state.db, organization.id, &rules, db::now())
        .await
        .map_err(AppError::db("cannot count a segment"))
}

/// Creates (`id` none) or saves a segment; its id.
pub async fn save_segment(
    state: &Services,
    actor: &Actor,
    org: &str,
    id: Option<SegmentId>,
    name: &str,
    combine: &str,
    rows: &[RuleForm],
) -> Result<SegmentId, AppError> {
    let (organization, _) = authorized(state, actor, org).await?;
    let mut errors = Vec::new();
    let clean_name = text::required(name, 120, false).map_err(|message| {
        errors.push(FieldError {
            field: "name".into(),
            message,
        })
    });
    let rules = match rules(combine, rows) {
        Ok(rules) => Some(rules),
        Err(AppError::Invalid { errors: more, .. }) => {
            errors.extend(more);
            None
        }
        Err(other) => return Err(other),
    };
    let (Ok(name), Some(rules), true) = (clean_name, rules, errors.is_empty()) else {
        // Everything typed comes back: the name, all or any, and every rule's fields.
        let mut kept = vec![
            ("name".to_owned(), name.to_owned()),
            ("combine".to_owned(), combine.to_owned()),
        ];
        for (i, row) in rows.iter().enumerate().take(SegmentRules::MAX) {
            for (field, value) in [
                ("kind", &row.kind),
                ("event", &row.event),
                ("status", &row.status),
                ("tag", &row.tag),
                ("days", &row.days),
                ("from", &row.from),
                ("to", &row.to),
            ] {
                kept.push((format!("rules[{i}][{field}]"), value.clone()));
            }
        }
        return Err(AppError::Invalid { errors, kept });
    };
    let json = serde_json::to_string(&rules)
        .map_err(|e| AppError::internal("cannot store a segment", e))?;
    segments::save(&state.db, organization.id, id, &name, &json, db::now())
        .await
        .map_err(AppError::db("cannot save a segment"))?
        .ok_or_else(|| AppError::NotFound("segment".into()))
}

/// Creates (`id` none) or saves a template; its id.
pub async fn save_template(
    state: &Services,
    actor: &Actor,
    org: &str,
    id: Option<TemplateId>,
    name: &str,
    body: &str,
) -> Result<TemplateId, AppError> {
    let (organization, _) = authorized(state, actor, org).await?;
    let mut v = Validation::default();
    let clean_name = v.check("name", text::required(name, 120, false));
    let clean_body = v.check("body", text::required(body, MAX_TEMPLATE_CHARS, true));
    let unknown = unknown_placeholders(body);
    if !unknown.is_empty() {
        v.check::<()>(
            "body",
            Err(format!(
                "{} {} not a placeholder; use {}",
                unknown
                    .iter()
                    .map(|u| format!("{{{{{u}}}}}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                if unknown.len() == 1 { "is" } else { "are" },
                domain::campaign::PLACEHOLDERS
                    .iter()
                    .map(|(p, _)| format!("{{{{{p}}}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
    }
    let (Some(name), Some(body), true) = (clean_name, clean_body, v.is_empty()) else {
        return Err(v.into_error().keeping(&[("name", name), ("body", body)]));
    };
    segments::save_template(&state.db, organization.id, id, &name, &body, db::now())
        .await
        .map_err(AppError::db("cannot save a template"))?
        .ok_or_else(|| AppError::NotFound("template".into()))
}

/// A template.
pub async fn template(
    state: &Services,
    actor: &Actor,
    org: &str,
    id: TemplateId,
) -> Result<TemplateDetails, AppError> {
    let (organization, _) = authorized(state, actor, org).await?;
    let record = segments::template(&state.db, organization.id, id)
        .await
        .map_err(AppError::db("cannot read a template"))?
        .ok_or_else(|| AppError::NotFound("template".into()))?;
    Ok(TemplateDetails {
        id: record.id,
        name: record.name,
        body: record.body,
    })
}

/// A template rendered as `contact` (or a sample person) would receive it, about `event`:
/// (plain text, HTML). Links are shown as written, without tracking; the unsubscribe link
/// opens a test page that changes nothing.
pub async fn preview(
    state: &Services,
    actor: &Actor,
    org: &str,
    id: TemplateId,
    contact: Option<ContactId>,
    event: Option<EventId>,
) -> Result<(String, String), AppError> {
    let (organization, _) = authorized(state, actor, org).await?;
    render(state, organization, id, contact, event, false).await
}

/// (plain text, HTML) of the template for `contact`; a `test` copy says it is one on top.
async fn render(
    state: &Services,
    organization: OrganizationRow,
    id: TemplateId,
    contact: Option<ContactId>,
    event: Option<EventId>,
    test: bool,
) -> Result<(String, String), AppError> {
    let record = segments::template(&state.db, organization.id, id)
        .await
        .map_err(AppError::db("cannot read a template"))?
        .ok_or_else(|| AppError::NotFound("template".into()))?;
    let (name, for_whom) = match contact {
        Some(contact) => {
            let found = contacts::find(&state.db, organization.id, contact)
                .await
                .map_err(AppError::db("cannot read a contact"))?
                .ok_or_else(|| AppError::NotFound("contact".into()))?;
            let whom = domain::account::masked_email(&found.email);
            (found.name, whom)
        }
        None => ("Ada Lovelace".to_owned(), "a sample person".to_owned()),
    };
    let mut values = event_values(state, organization.id, organization.name, event).await?;
    if test {
        values.notice = format!(
            "Test of “{}”, rendered for {for_whom}. Its links work; its unsubscribe link \
             changes nobody's consent.",
            record.name
        );
    }
    let compiled = message::compile(&record.body, &values);
    let unsubscribe = state
        .mail_links
        .test_unsubscribe_url(organization.id, contact);
    Ok(compiled.personalize(&Personal {
        name: &name,
        unsubscribe_url: &unsubscribe,
        open_url: None,
        link_url: None,
    }))
}

/// Sends the template, rendered for `contact` (or a sample person) and marked as a test, to
/// the organizer's own address.
pub async fn send_test(
    state: &Services,
    actor: &Actor,
    org: &str,
    id: TemplateId,
    contact: Option<ContactId>,
    event: Option<EventId>,
    subject: &str,
) -> Result<(), AppError> {
    let (organization, grant) = authorized(state, actor, org).await?;
    let (text, html) = render(state, organization, id, contact, event, true).await?;
    let user = users::by_id(&state.db, grant.user)
        .await
        .map_err(AppError::db("cannot read an account"))?
        .ok_or(AppError::Unauthenticated)?;
    let to: Mailbox = user
        .email
        .parse()
        .map_err(|e| AppError::internal("an account's address does not parse", e))?;
    let subject = match subject.trim() {
        "" => "[Test] Template preview".to_owned(),
        subject => format!("[Test] {subject}"),
    };
    let message = Message::builder()
        .from(state.mailer.campaign_sender("Convene test"))
        .to(to)
        .subject(subject)
        .multipart(MultiPart::alternative_plain_html(text, html))
        .map_err(|e| AppError::internal("cannot build a test message", e))?;
    state.mailer.deliver(message).await.map_err(|refusal| {
        tracing::warn!(code = %refusal.code, "a test message was refused");
        AppError::Conflict(
            "The mail server did not accept the test message. Please try again later.".into(),
        )
    })
}
