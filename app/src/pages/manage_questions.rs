//! `/manage/{org}/events/{event}/questions`: what the event asks each attendee when they get
//! a ticket, and the consents it asks for; a form to change each and one to add another.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::TicketTypeId;
use domain::error::AppError;
use domain::tickets::{EventQuestions, QuestionForm, QuestionKind, QuestionSummary};

use crate::api::questions::list_questions;
use crate::components::confirm_delete::ConfirmDelete;
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{
    Choice, Field, FormError, Notice, PostForm, Submit, TextArea, posted_error, posted_error_for,
    unclaimed,
};
use crate::components::page_title::PageTitle;
use crate::pages::account::SignInPrompt;

const CARD: &str = "rounded-xl border border-line bg-surface p-6";

/// The page.
#[component]
pub fn QuestionsPage() -> impl IntoView {
    let params = use_params_map();
    let org = params.read_untracked().get("slug").unwrap_or_default();
    let event = params.read_untracked().get("event").unwrap_or_default();
    let page = Resource::new(
        {
            let (org, event) = (org.clone(), event.clone());
            move || (org.clone(), event.clone())
        },
        |(org, event)| list_questions(org, event),
    );
    let notice = match use_query_map().read_untracked().get("done").as_deref() {
        Some("saved") => Some("Saved."),
        Some("deleted") => Some("The question and its answers are deleted."),
        Some("deadline") => Some("The deadline for changing answers is saved."),
        _ => None,
    };
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || { let (org, event) = (org.clone(), event.clone()); Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Questions page org event notice /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <PageTitle text="Not found" /><ErrorNotice error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

#[component]
fn Questions(
    page: EventQuestions,
    org: String,
    event: String,
    notice: Option<&'static str>,
) -> impl IntoView {
    let add_error = posted_error_for("save_question", String::new());
    let stray = unclaimed(&["save_question", "delete_question"]);
    let types = page.ticket_types.clone();
    view! {
        <PageTitle text=format!("Registration questions · {}", page.event_title) />
        <p class="text-sm"><a href=format!("/manage/{org}/events/{event}/tickets") class="text-accent underline">"← Tickets"</a></p>
        <h1 class="text-3xl font-bold tracking-tight">"Registration questions"</h1>
        <p class="mb-6 text-muted">"Asked of each ticket's attendee when they get it, in this order."</p>
        {notice.map(|text| view! { <Notice>{text}</Notice> })}
        <FormError error=stray />
        <div class="flex flex-col gap-8">
            {if page.questions.is_empty() {
                view! { <p class=CARD>"No questions yet: tickets ask only for a name and an address."</p> }.into_any()
            } else {
                view! {
                    <ul class="flex flex-col gap-4" aria-label="Questions">
                        {page.questions.into_iter().map(|q| view! {
                            <QuestionItem q org=org.clone() event=event.clone() types=types.clone() />
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <Deadline until=page.answers_until zone=page.time_zone org=org.clone() event=event.clone() />
            <section class=CARD aria-labelledby="add-question">
                <h2 id="add-question" class="mb-4 text-lg font-semibold">"Add a question"</h2>
                <PostForm endpoint="save_question" class="flex flex-col gap-4">
                    <FormError error=add_error />
                    <input type="hidden" name="org" value=org.clone() />
                    <input type="hidden" name="event" value=event.clone() />
                    <QuestionFields form=QuestionForm::default() error=add_error id="new".to_owned() types />
                    <div><Submit label="Add the question" /></div>
                </PostForm>
            </section>
        </div>
    }
}

#[component]
fn QuestionItem(
    q: QuestionSummary,
    org: String,
    event: String,
    types: Vec<(TicketTypeId, String)>,
) -> impl IntoView {
    let id = q.question.id.to_string();
    let error = posted_error_for("save_question", id.clone());
    let delete_error = posted_error_for("delete_question", id.clone());
    let refused = move || error.get().is_some() || delete_error.get().is_some();
    let asked_of = match q.ticket_type_name.as_str() {
        "" => "every ticket".to_owned(),
        name => format!("“{name}” tickets"),
    };
    let label = q.question.label.clone();
    let (anchor, delete_id, delete_org, delete_event) = (
        format!("question-{id}"),
        id.clone(),
        org.clone(),
        event.clone(),
    );
    let answered_note = (q.answered > 0).then(|| {
        format!(
            "({} given so far.)",
            domain::text::counted(q.answered, "answer")
        )
    });
    let facts = [
        Some(q.question.kind.label().to_owned()),
        q.question.required.then(|| "required".to_owned()),
        Some(format!("asked of {asked_of}")),
        Some(domain::text::counted(q.answered, "answer")),
    ];
    let facts: Vec<String> = facts.into_iter().flatten().collect();
    view! {
        <li id=anchor class=CARD>
            <h2 class="text-lg font-semibold">{label.clone()}</h2>
            <p class="text-sm text-muted">{facts.join(" · ")}</p>
            {(!q.question.options.is_empty()).then(|| view! {
                <p class="text-sm">{format!("Options: {}", q.question.options.join(", "))}</p>
            })}
            <details class="mt-3" open=refused>
                <summary class="cursor-pointer text-sm font-semibold text-accent">{format!("Edit “{label}”")}</summary>
                <PostForm endpoint="save_question" class="mt-4 flex flex-col gap-4">
                    <FormError error />
                    <input type="hidden" name="org" value=org.clone() />
                    <input type="hidden" name="event" value=event.clone() />
                    <input type="hidden" name="id" value=id.clone() />
                    <QuestionFields form=q.form error id=id.clone() types />
                    <div><Submit label="Save" /></div>
                </PostForm>
                <ConfirmDelete endpoint="delete_question" id=delete_id what=format!("the question “{label}”") org=delete_org event=delete_event note=answered_note />
            </details>
        </li>
    }
}

#[component]
fn QuestionFields(
    form: QuestionForm,
    error: Signal<Option<AppError>>,
    id: String,
    types: Vec<(TicketTypeId, String)>,
) -> impl IntoView {
    let f = format!("question-{id}");
    let kinds: Vec<(String, String)> = QuestionKind::ALL
        .into_iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect();
    let asked_of: Vec<(String, String)> =
        std::iter::once((String::new(), "Every ticket".to_owned()))
            .chain(
                types
                    .into_iter()
                    .map(|(id, name)| (id.to_string(), format!("Only “{name}” tickets"))),
            )
            .collect();
    let required_id = format!("{f}-required");
    let required_error_id = format!("{required_id}-error");
    let required_message = move || {
        error
            .get()
            .and_then(|e| e.field_message("required").map(str::to_owned))
    };
    let described = {
        let id = required_error_id.clone();
        move || required_message().map(|_| id.clone())
    };
    let initially_required = form.required == "yes";
    let required = move || {
        error
            .get()
            .map_or(initially_required, |e| e.kept("required") == Some("yes"))
    };
    view! {
        <Field label="Question" name="label" error value=form.label form=f.clone() hint="Such as “Dietary needs”; for a consent, what the attendee agrees to." />
        <div class="grid gap-4 sm:grid-cols-2">
            <Choice label="Answered with" name="kind" error options=kinds value=form.kind form=f.clone() />
            <Choice label="Asked of" name="ticket_type" error options=asked_of value=form.ticket_type form=f.clone() />
        </div>
        <TextArea label="Options" name="options" error value=form.options form=f.clone() rows=4 hint="For a choice: one option per line, at least two. Blank otherwise." />
        <div class="flex flex-col gap-1">
            <label class="flex items-center gap-2 text-sm font-semibold">
                <input id=required_id type="checkbox" name="required" value="yes" checked=required
                    aria-invalid=move || required_message().map(|_| "true") aria-describedby=described />
                "An answer is required"
            </label>
            {move || required_message().map(|m| view! { <p id=required_error_id.clone() class="text-sm text-danger">{m}</p> })}
        </div>
        <Field label="Position" name="position" error value=form.position form=f kind="number" required=false hint="Questions are asked from the smallest." />
    }
}

/// Until when attendees may change their answers on their ticket's page.
#[component]
fn Deadline(until: String, zone: String, org: String, event: String) -> impl IntoView {
    let error = posted_error("set_answers_deadline");
    view! {
        <section class=CARD aria-labelledby="answers-deadline">
            <h2 id="answers-deadline" class="mb-2 text-lg font-semibold">"Changing answers"</h2>
            <p class="mb-4 text-sm text-muted">{format!("Attendees change their answers on their ticket's page. Times are in the event's zone ({zone}).")}</p>
            <PostForm endpoint="set_answers_deadline" class="flex flex-wrap items-end gap-4">
                <FormError error />
                <input type="hidden" name="org" value=org />
                <input type="hidden" name="event" value=event />
                <Field label="Attendees may change their answers until" name="until" error value=until form="deadline" kind="datetime-local" required=false hint="Blank: until the event starts." />
                <Submit label="Save the deadline" />
            </PostForm>
        </section>
    }
}
