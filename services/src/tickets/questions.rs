//! The organizer's registration questions (list, add, change, delete, each change with a
//! line of the event's history in one transaction) and the answers tickets give them.

use std::collections::BTreeMap;

use domain::error::{AppError, Validation};
use domain::tickets::answers::{AnsweredQuestion, answered};
use domain::tickets::questions::{EventQuestions, Question, QuestionForm, QuestionSummary};
use domain::{EventId, OrderId, QuestionId};

use crate::accounts::session::Actor;
use crate::db::questions::{self as stored, QuestionRow};
use crate::db::{self, tickets};
use crate::organizer::scope;
use crate::policy::Action;
use crate::{Services, time};

/// The questions of the organization's event `event_slug`.
pub async fn list(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
) -> Result<EventQuestions, AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ViewWorkspace).await?;
    let pool = state.db.pool();
    let rows = stored::questions_of(pool, scope.event.id)
        .await
        .map_err(AppError::db("cannot list questions"))?;
    let answered = stored::answered(pool, scope.event.id)
        .await
        .map_err(AppError::db("cannot count answers"))?;
    let ticket_types: Vec<_> = tickets::types_of(pool, scope.event.id)
        .await
        .map_err(AppError::db("cannot list ticket types"))?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let questions = rows
        .iter()
        .filter_map(|row| {
            let question = row.question()?;
            Some(QuestionSummary {
                ticket_type_name: ticket_types
                    .iter()
                    .find(|(id, _)| Some(*id) == question.ticket_type)
                    .map(|(_, name)| name.clone())
                    .unwrap_or_default(),
                answered: answered
                    .iter()
                    .find(|(id, _)| *id == question.id)
                    .map_or(0, |(_, n)| *n),
                form: form_of(row),
                question,
            })
        })
        .collect();
    let until = stored::answers_until(pool, scope.event.id)
        .await
        .map_err(AppError::db("cannot read the answers' deadline"))?;
    Ok(EventQuestions {
        answers_until: until
            .map(|at| time::local_input(at, &scope.tz))
            .unwrap_or_default(),
        time_zone: scope.event.time_zone,
        event_title: scope.event.title,
        questions,
        ticket_types,
    })
}

/// The form as it would be typed to give `row` again.
fn form_of(row: &QuestionRow) -> QuestionForm {
    QuestionForm {
        label: row.label.clone(),
        kind: row.kind.clone(),
        options: row.options.clone(),
        required: if row.required == 1 { "yes" } else { "" }.to_owned(),
        ticket_type: row
            .ticket_type_id
            .map(|t| t.to_string())
            .unwrap_or_default(),
        position: row.position.to_string(),
    }
}

/// Adds a question (`id` none) or changes one; the question's id.
pub async fn save(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    id: Option<QuestionId>,
    form: &QuestionForm,
) -> Result<QuestionId, AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let mut v = Validation::default();
    let values = form.values(&mut v);
    let Some(values) = values else {
        return Err(form.refused(v));
    };
    if let Some(ticket_type) = values.ticket_type {
        let types = tickets::types_of(state.db.pool(), scope.event.id)
            .await
            .map_err(AppError::db("cannot list ticket types"))?;
        if !types.iter().any(|t| t.id == ticket_type) {
            v.check::<()>(
                "ticket_type",
                Err("choose a ticket type of this event".into()),
            );
            return Err(form.refused(v));
        }
    }
    let now = db::now();
    let mut tx = state.db.begin().await?;
    let (id, summary) = match id {
        None => {
            let id = stored::insert(&mut *tx, scope.event.id, &values, now)
                .await
                .map_err(AppError::db("cannot add a question"))?;
            (id, format!("Added the question “{}”", values.label))
        }
        Some(id) => {
            if !stored::update(&mut *tx, scope.event.id, id, &values, now)
                .await
                .map_err(AppError::db("cannot save a question"))?
            {
                return Err(AppError::NotFound("question".into()));
            }
            (id, format!("Changed the question “{}”", values.label))
        }
    };
    scope.record(tx, &summary).await?;
    Ok(id)
}

/// Deletes a question with the answers given to it.
pub async fn delete(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    id: QuestionId,
) -> Result<(), AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let mut tx = state.db.begin().await?;
    let label = stored::delete(&mut *tx, scope.event.id, id)
        .await
        .map_err(AppError::db("cannot delete a question"))?
        .ok_or_else(|| AppError::NotFound("question".into()))?;
    scope
        .record(
            tx,
            &format!("Deleted the question “{label}” and its answers"),
        )
        .await
}

/// The questions the event asks, in order.
pub async fn asked<'c, E>(executor: E, event: EventId) -> Result<Vec<Question>, AppError>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    Ok(stored::questions_of(executor, event)
        .await
        .map_err(AppError::db("cannot list questions"))?
        .iter()
        .filter_map(QuestionRow::question)
        .collect())
}

/// The answers of the order's tickets, by ticket code: every question asked for the ticket's
/// type, answered or not, in the order they are asked.
pub async fn answers_of_order(
    state: &Services,
    event: EventId,
    order: OrderId,
    ticket_types: &[(String, domain::TicketTypeId)],
) -> Result<BTreeMap<String, Vec<AnsweredQuestion>>, AppError> {
    let pool = state.db.pool();
    let questions = asked(pool, event).await?;
    let rows = stored::answers_of_order(pool, order)
        .await
        .map_err(AppError::db("cannot read answers"))?;
    let mut by_code = BTreeMap::new();
    for (code, ticket_type) in ticket_types {
        let answers = questions
            .iter()
            .filter(|q| q.asked_for(*ticket_type))
            .map(|q| {
                let values = rows
                    .iter()
                    .filter(|r| r.code == *code && r.question_id == q.id)
                    .map(|r| r.value.as_str());
                answered(q, values)
            })
            .collect();
        by_code.insert(code.clone(), answers);
    }
    Ok(by_code)
}

/// Sets until when attendees may change their answers: `raw` in the event's zone, before it
/// ends; blank for until it starts.
pub async fn set_deadline(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    raw: &str,
) -> Result<(), AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let refused = |m: String| AppError::invalid("until", m).keeping(&[("until", raw)]);
    let until = match raw.trim() {
        "" => None,
        raw => Some(time::parse_local(raw, &scope.tz).map_err(refused)?),
    };
    if until.is_some_and(|at| at >= scope.event.ends_at) {
        return Err(refused("choose a time before the event ends".into()));
    }
    let mut tx = state.db.begin().await?;
    stored::set_answers_until(&mut *tx, scope.event.id, until)
        .await
        .map_err(AppError::db("cannot set the answers' deadline"))?;
    let summary = match until {
        None => "Attendees may change their answers until the event starts".to_owned(),
        Some(at) => format!(
            "Attendees may change their answers until {}",
            time::moment_label(at, &scope.tz)
        ),
    };
    scope.record(tx, &summary).await
}
