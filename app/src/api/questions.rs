//! Registration questions, for the organizer. Every function is a thin shell over
//! `services::tickets::questions`, which asks the policy first.

// A server function answering a plain form takes each field as an argument.
#![allow(clippy::too_many_arguments)]

use std::collections::BTreeMap;

use leptos::prelude::*;

use domain::QuestionId;
use domain::error::AppError;
use domain::tickets::EventQuestions;
#[cfg(feature = "ssr")]
use domain::tickets::QuestionForm;

#[cfg(feature = "ssr")]
use services::tickets::{answer_sheet, questions};

#[cfg(feature = "ssr")]
use crate::context::{app_state, current_actor};

/// The registration questions of an organization's event.
#[server(prefix = "/api", endpoint = "list_questions")]
pub async fn list_questions(org: String, event: String) -> Result<EventQuestions, AppError> {
    questions::list(&app_state()?, &current_actor()?, &org, &event).await
}

/// The question `raw` names, or "not found".
#[cfg(feature = "ssr")]
fn question_id(raw: &str) -> Result<QuestionId, AppError> {
    raw.trim()
        .parse()
        .map(QuestionId)
        .map_err(|_| AppError::NotFound("question".into()))
}

/// Adds a question (`id` blank) or changes one.
#[server(prefix = "/api", endpoint = "save_question")]
pub async fn save_question(
    org: String,
    event: String,
    #[server(default)] id: String,
    #[server(default)] label: String,
    #[server(default)] kind: String,
    #[server(default)] options: String,
    #[server(default)] required: String,
    #[server(default)] ticket_type: String,
    #[server(default)] position: String,
) -> Result<QuestionId, AppError> {
    let form = QuestionForm {
        label,
        kind,
        options,
        required,
        ticket_type,
        position,
    };
    let keep_row = |e: AppError| e.keeping(&[("id", &id)]);
    let parsed = match id.trim() {
        "" => None,
        raw => Some(question_id(raw)?),
    };
    let (state, actor) = (app_state()?, current_actor()?);
    let saved = questions::save(&state, &actor, &org, &event, parsed, &form)
        .await
        .map_err(keep_row)?;
    leptos_axum::redirect(&format!(
        "/manage/{org}/events/{event}/questions?done=saved#question-{saved}"
    ));
    Ok(saved)
}

/// Deletes a question with its answers; asks first (`confirm=yes` once the page asked).
#[server(prefix = "/api", endpoint = "delete_question")]
pub async fn delete_question(
    org: String,
    event: String,
    id: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    let keep_row = |e: AppError| e.keeping(&[("id", &id)]);
    let parsed = question_id(&id)?;
    if confirm != "yes" {
        return Err(keep_row(AppError::invalid(
            "confirm",
            "Delete this question? The answers given to it are deleted with it.",
        )));
    }
    questions::delete(&app_state()?, &current_actor()?, &org, &event, parsed)
        .await
        .map_err(keep_row)?;
    leptos_axum::redirect(&format!(
        "/manage/{org}/events/{event}/questions?done=deleted"
    ));
    Ok(())
}

/// Sets until when attendees may change their answers (in the event's zone; blank: until the
/// event starts).
#[server(prefix = "/api", endpoint = "set_answers_deadline")]
pub async fn set_answers_deadline(
    org: String,
    event: String,
    #[server(default)] until: String,
) -> Result<(), AppError> {
    questions::set_deadline(&app_state()?, &current_actor()?, &org, &event, &until).await?;
    leptos_axum::redirect(&format!(
        "/manage/{org}/events/{event}/questions?done=deadline"
    ));
    Ok(())
}

/// Changes the answers of the ticket `code`, for whoever holds it, until the event's deadline.
#[server(prefix = "/api", endpoint = "save_ticket_answers")]
pub async fn save_ticket_answers(
    code: String,
    #[server(default)] answers: BTreeMap<String, String>,
) -> Result<(), AppError> {
    answer_sheet::change(&app_state()?, &code, &answers).await?;
    leptos_axum::redirect(&format!("/tickets/{code}?done=answers"));
    Ok(())
}
