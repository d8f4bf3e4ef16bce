//! The event's registration questions as one ticket's part of the order form: each kind as
//! the plain HTML control that answers it, named as `domain::tickets::answers` reads them,
//! with its message and what was typed when the order came back refused.

use std::collections::BTreeMap;

use leptos::prelude::*;

use domain::error::AppError;
use domain::tickets::answers::{TICKED, key, option_key};
use domain::tickets::{Question, QuestionKind};

use crate::components::form::{Field, TextArea};

/// The questions asked of ticket `index`'s attendee. `base`: the name the answers go by
/// (`order[tickets][{index}][answers]` by default); `initial`: the answers given before.
#[component]
pub fn AnswerFields(
    questions: Vec<Question>,
    index: usize,
    error: Signal<Option<AppError>>,
    #[prop(optional)] base: Option<String>,
    #[prop(optional)] initial: BTreeMap<String, String>,
) -> impl IntoView {
    let base = base.unwrap_or_else(|| format!("order[tickets][{index}][answers]"));
    questions
        .into_iter()
        .map(|q| view! { <AnswerField q index error base=base.clone() initial=initial.clone() /> })
        .collect_view()
}

/// One question.
#[component]
fn AnswerField(
    q: Question,
    index: usize,
    error: Signal<Option<AppError>>,
    base: String,
    initial: BTreeMap<String, String>,
) -> impl IntoView {
    let given = initial.get(&key(q.id)).cloned();
    let name = |k: &str| format!("{base}[{k}]");
    let field = format!("tickets.{index}.{}", key(q.id));
    let form = format!("ticket-{index}");
    let label = if q.required {
        format!("{} (required)", q.label)
    } else {
        q.label.clone()
    };
    match q.kind {
        QuestionKind::Text => view! {
            <Field label name=name(&key(q.id)) field form error required=q.required value=given.unwrap_or_default() />
        }
        .into_any(),
        QuestionKind::LongText => view! {
            <TextArea label name=name(&key(q.id)) field form error rows=3 required=q.required value=given.unwrap_or_default() />
        }
        .into_any(),
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice => {
            view! { <Options q legend=label index error base field initial /> }.into_any()
        }
        QuestionKind::Checkbox | QuestionKind::Consent | QuestionKind::ExhibitorConsent => {
            let kept = kept(error, field.clone(), given);
            let message = message(error, field.clone());
            let error_id = format!("{form}-{field}-error");
            view! {
                <div class="flex flex-col gap-1 sm:col-span-2">
                    <label class="flex items-start gap-2 text-sm">
                        <input type="checkbox" name=name(&key(q.id)) value=TICKED required=q.required class="mt-1"
                            checked=move || kept().as_deref() == Some(TICKED)
                            aria-describedby={ let message = message.clone(); move || message().map(|_| error_id.clone()) } />
                        <span>{label}</span>
                    </label>
                    {move || message().map(|m| view! { <p id=format!("{form}-{field}-error") class="text-sm text-danger">{m}</p> })}
                </div>
            }
            .into_any()
        }
    }
}

/// A choice: radio buttons for one option, boxes for any of them.
#[component]
fn Options(
    q: Question,
    /// The question as its label reads, "(required)" included.
    legend: String,
    index: usize,
    error: Signal<Option<AppError>>,
    base: String,
    field: String,
    initial: BTreeMap<String, String>,
) -> impl IntoView {
    let single = q.kind == QuestionKind::SingleChoice;
    let message = message(error, field.clone());
    let error_id = format!("ticket-{index}-{field}-error");
    let described = {
        let (error_id, message) = (error_id.clone(), message.clone());
        move || message().map(|_| error_id.clone())
    };
    let options = q
        .options
        .iter()
        .enumerate()
        .map(|(n, option)| {
            let (input_name, kept_as, given) = if single {
                let k = key(q.id);
                (format!("{base}[{k}]"), field.clone(), initial.get(&k).cloned())
            } else {
                let k = option_key(q.id, n);
                let given = initial.get(&k).cloned();
                (format!("{base}[{k}]"), format!("tickets.{index}.{k}"), given)
            };
            let kept = kept(error, kept_as, given);
            let value = option.clone();
            let checked = {
                let value = value.clone();
                move || kept().as_deref() == Some(value.as_str())
            };
            view! {
                <label class="flex items-center gap-2 text-sm">
                    <input type=if single { "radio" } else { "checkbox" } name=input_name value=value checked=checked />
                    {option.clone()}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="flex flex-col gap-1 sm:col-span-2" aria-describedby=described>
            <legend class="text-sm font-semibold">{legend}</legend>
            <div class="flex flex-wrap gap-x-4 gap-y-1">{options}</div>
            {move || message().map(|m| view! { <p id=error_id.clone() class="text-sm text-danger">{m}</p> })}
        </fieldset>
    }
}

/// The message for `field` in the form's last error.
fn message(
    error: Signal<Option<AppError>>,
    field: String,
) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
    move || {
        error
            .get()
            .and_then(|e| e.field_message(&field).map(str::to_owned))
    }
}

/// What was sent for `field` when the form came back refused with what was typed, otherwise
/// what was `given` before. A box left unticked is not sent, so only a refusal that kept the
/// form's values can say it was unticked; any other error shows the saved answers again.
fn kept(
    error: Signal<Option<AppError>>,
    field: String,
    given: Option<String>,
) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
    move || match error.get() {
        Some(AppError::Invalid { kept, .. }) if !kept.is_empty() => {
            kept.into_iter().find(|(f, _)| *f == field).map(|(_, v)| v)
        }
        _ => given.clone(),
    }
}
