//! A ticket's answers on its page: read back, and changed by whoever holds the ticket until
//! the event's deadline. Not printed: the printout is the ticket.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use domain::tickets::answer_sheet::AnswerSheet;

use crate::components::form::{FormError, Notice, PostForm, Submit, posted_error};
use crate::pages::answer_fields::AnswerFields;

/// The ticket `code`'s answers.
#[component]
pub fn TicketAnswers(sheet: AnswerSheet, code: String) -> impl IntoView {
    let error = posted_error("save_ticket_answers");
    let saved = use_query_map().read_untracked().get("done").as_deref() == Some("answers");
    let body = match sheet.open_until {
        Some(until) => view! {
            <p class="mb-4 text-sm text-muted">{format!("You can change them until {until}.")}</p>
            <PostForm endpoint="save_ticket_answers" class="flex flex-col gap-4">
                <input type="hidden" name="code" value=code />
                <div class="grid gap-4 sm:grid-cols-2">
                    <AnswerFields questions=sheet.questions index=0 error base="answers".to_owned() initial=sheet.given />
                </div>
                <div><Submit label="Save the answers" /></div>
            </PostForm>
        }
        .into_any(),
        None => view! {
            <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                {sheet.shown.into_iter().map(|a| view! {
                    <dt class="text-muted">{a.label}</dt>
                    <dd>{if a.answer.is_empty() { "—".to_owned() } else { a.answer }}</dd>
                }).collect_view()}
            </dl>
            <p class="mt-3 text-sm text-muted">"These answers can no longer be changed."</p>
        }
        .into_any(),
    };
    view! {
        <section class="mx-auto mt-6 max-w-md rounded-xl border border-line bg-surface p-6 print:hidden" aria-labelledby="ticket-answers">
            <h2 id="ticket-answers" class="mb-2 text-lg font-semibold">"Your answers"</h2>
            {saved.then(|| view! { <Notice>"Your answers are saved."</Notice> })}
            <FormError error />
            {body}
        </section>
    }
}
