//! The organizer's list of an event's attendees, and the same list as a CSV file with every
//! answer: written batch by batch as it downloads, so a large event never sits in memory.

use std::collections::HashMap;

use futures::Stream;
use jiff::tz::TimeZone;

use domain::error::AppError;
use domain::tickets::answers::answered;
use domain::tickets::roster::{AnswerFilter, AttendeeLine, Roster, RosterFilter, RosterQuery};
use domain::tickets::{OrderStatus, PaymentMethod, Question, TicketState};
use domain::{EventId, QuestionId};

use crate::accounts::session::Actor;
use crate::db::events::like_pattern;
use crate::db::tickets::roster::{self as stored, AttendeeRow, RosterParams};
use crate::db::tickets::types_of;
use crate::organizer::export::lines;
use crate::organizer::{EventScope, scope};
use crate::policy::Action;
use crate::{Services, door, time};

use super::questions::asked;

/// Attendees per page of the list.
const PAGE: i64 = 50;
/// Attendees per batch of the CSV download: one query for them, one for their answers.
const BATCH: i64 = 500;

/// The event the caller may see the attendees of, and what they asked for.
async fn open(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    filter: &RosterFilter,
) -> Result<(EventScope, RosterQuery), AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ViewWorkspace).await?;
    Ok((scope, filter.read()?))
}

fn state_param(state: Option<TicketState>) -> &'static str {
    match state {
        None => "",
        Some(TicketState::Valid) => "valid",
        Some(TicketState::Unpaid) => "unpaid",
        Some(TicketState::Void) => "void",
    }
}

/// Up to `limit` attendees matching `query`, older than the ticket `before`.
async fn fetch(
    state: &Services,
    event: EventId,
    query: &RosterQuery,
    before: i64,
    limit: i64,
) -> Result<Vec<AttendeeRow>, AppError> {
    let pattern = like_pattern(&query.search);
    let answer = query.answer.as_ref();
    let params = RosterParams {
        pattern: &pattern,
        ticket_type: query.ticket_type.map_or(0, |t| t.0),
        state: state_param(query.state),
        entered: query.entered.map_or("", |e| if e { "yes" } else { "no" }),
        question: answer.map_or(0, |a| a.question.0),
        value: answer.map_or("", |a| a.value.as_str()),
    };
    stored::attendees(state.db.pool(), event, &params, before, limit)
        .await
        .map_err(AppError::db("cannot list attendees"))
}

/// A page of the attendees of the organization's event `event_slug` that `filter` picks,
/// older than the ticket `before` (none: from the newest).
pub async fn list(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    filter: &RosterFilter,
    before: Option<i64>,
) -> Result<Roster, AppError> {
    let (scope, query) = open(state, actor, org_slug, event_slug, filter).await?;
    let event = scope.event.id;
    let mut rows = fetch(state, event, &query, before.unwrap_or(i64::MAX), PAGE + 1).await?;
    let next = (rows.len() as i64 > PAGE).then(|| rows[PAGE as usize - 1].id);
    rows.truncate(PAGE as usize);
    let ticket_types = types_of(state.db.pool(), event)
        .await
        .map_err(AppError::db("cannot list ticket types"))?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let answers = asked(state.db.pool(), event)
        .await?
        .iter()
        .flat_map(AnswerFilter::offered)
        .map(|(filter, label)| (filter.param(), label))
        .collect();
    let attendees = rows
        .into_iter()
        .map(|row| AttendeeLine {
            state: door::state_of(&row.status, &row.order_status),
            entered: row.entered_at.map(|at| time::moment_label(at, &scope.tz)),
            name: row.attendee_name,
            email: row.attendee_email,
            ticket_type: row.type_name,
            order_code: row.order_code,
        })
        .collect();
    Ok(Roster {
        event_title: scope.event.title,
        ticket_types,
        answers,
        attendees,
        next,
    })
}

/// The columns before the questions'.
const COLUMNS: [&str; 9] = [
    "name",
    "email",
    "ticket type",
    "ticket state",
    "entered",
    "order",
    "order state",
    "payment",
    "registered",
];

/// The attendees `filter` picks as CSV, one row per ticket, newest first, with a column per
/// question (blank where a ticket is not asked it); and the file's name. The caller is
/// authorized before the first byte; the stream then yields the file in pieces and ends
/// with an error (already logged) if the database fails half-way.
pub async fn csv(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    filter: &RosterFilter,
) -> Result<
    (
        String,
        impl Stream<Item = Result<Vec<u8>, AppError>> + Send + 'static,
    ),
    AppError,
> {
    let (scope, query) = open(state, actor, org_slug, event_slug, filter).await?;
    let questions = asked(state.db.pool(), scope.event.id).await?;
    let mut header: Vec<&str> = COLUMNS.to_vec();
    header.extend(questions.iter().map(|q| q.label.as_str()));
    let first = lines([header])?;
    let file = format!("{}-attendees.csv", scope.event.slug);
    let sheet = Sheet {
        state: state.clone(),
        event: scope.event.id,
        tz: scope.tz,
        query,
        questions,
    };
    let batches = futures::stream::try_unfold(Some(i64::MAX), move |before| {
        let sheet = sheet.clone();
        async move {
            let Some(before) = before else {
                return Ok(None);
            };
            let (bytes, next) = sheet.batch(before).await?;
            Ok(Some((bytes, next)))
        }
    });
    let head = futures::stream::once(async move { Ok(first) });
    Ok((file, futures::StreamExt::chain(head, batches)))
}

/// What each batch of the CSV download needs.
#[derive(Clone)]
struct Sheet {
    state: Services,
    event: EventId,
    tz: TimeZone,
    query: RosterQuery,
    questions: Vec<Question>,
}

impl Sheet {
    /// The rows of the attendees older than `before`, and where the next batch starts (none
    /// after the last).
    async fn batch(&self, before: i64) -> Result<(Vec<u8>, Option<i64>), AppError> {
        let rows = fetch(&self.state, self.event, &self.query, before, BATCH).await?;
        let Some(oldest) = rows.last() else {
            return Ok((Vec::new(), None));
        };
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let given = stored::answers_of(self.state.db.pool(), self.event, &ids)
            .await
            .map_err(AppError::db("cannot read answers"))?;
        let mut answers: HashMap<(i64, QuestionId), Vec<String>> = HashMap::new();
        for (ticket, question, value) in given {
            answers.entry((ticket, question)).or_default().push(value);
        }
        let next = (rows.len() as i64 == BATCH).then_some(oldest.id);
        let bytes = lines(rows.iter().map(|row| self.cells(row, &answers)))?;
        Ok((bytes, next))
    }

    /// The cells of `row`'s line.
    fn cells(
        &self,
        row: &AttendeeRow,
        answers: &HashMap<(i64, QuestionId), Vec<String>>,
    ) -> Vec<String> {
        let local = |at: i64| time::local_input(at, &self.tz).replace('T', " ");
        let state = door::state_of(&row.status, &row.order_status).label();
        let mut cells = vec![
            row.attendee_name.clone(),
            row.attendee_email.clone(),
            row.type_name.clone(),
            state.to_owned(),
            row.entered_at.map(local).unwrap_or_default(),
            row.order_code.clone(),
            OrderStatus::parse(&row.order_status)
                .map_or("", OrderStatus::label)
                .to_owned(),
            PaymentMethod::parse(&row.payment_method)
                .map_or("", PaymentMethod::label)
                .to_owned(),
            local(row.created_at),
        ];
        cells.extend(self.questions.iter().map(|q| {
            if !q.asked_for(row.ticket_type_id) {
                return String::new();
            }
            let values = answers
                .get(&(row.id, q.id))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            answered(q, values.iter().map(String::as_str)).answer
        }));
        cells
    }
}
