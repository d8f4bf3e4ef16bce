//! `/manage/{org}/events/{event}/attendees`: the event's attendees, one line per ticket,
//! searched and filtered by ticket type, state, entry and answer, newest first; the same
//! selection downloads as CSV with every answer. The filter is a GET form: it works, and its
//! result can be bookmarked, without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::error::AppError;
use domain::tickets::roster::{AttendeeLine, Roster, RosterFilter, STATES};

use crate::api::tickets::list_attendees;
use crate::components::error_notice::ErrorNotice;
use crate::components::page_title::PageTitle;
use crate::pages::account::SignInPrompt;

const CARD: &str = "rounded-xl border border-line bg-surface p-6";
const INPUT: &str = "rounded-lg border border-line bg-surface px-3 py-2";
const LABEL: &str = "flex flex-col gap-1 text-sm font-semibold";
const SMALL_BUTTON: &str = "rounded-lg border border-line px-2 py-1 text-sm font-semibold";

/// The page.
#[component]
pub fn AttendeesPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map().read_untracked().clone();
    let org = params.read_untracked().get("slug").unwrap_or_default();
    let event = params.read_untracked().get("event").unwrap_or_default();
    let field = |key: &str| query.get(key).unwrap_or_default();
    let filter = RosterFilter {
        q: field("q"),
        ticket_type: field("type"),
        state: field("state"),
        entered: field("entered"),
        answer: field("answer"),
    };
    let before = query.get("before").and_then(|b| b.parse().ok());
    let roster = Resource::new(
        {
            let (org, event, filter) = (org.clone(), event.clone(), filter.clone());
            move || (org.clone(), event.clone(), filter.clone(), before)
        },
        |(org, event, f, before)| {
            list_attendees(
                org,
                event,
                f.q,
                f.ticket_type,
                f.state,
                f.entered,
                f.answer,
                before,
            )
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || { let (org, event, filter) = (org.clone(), event.clone(), filter.clone()); Suspend::new(async move {
                match roster.await {
                    Ok(roster) => view! { <Attendees roster org event filter /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <PageTitle text="Attendees" /><ErrorNotice error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

/// A select of the filter: "any" first, then `choices` (value, label), `chosen` selected.
#[component]
fn Choice(
    label: &'static str,
    name: &'static str,
    any: &'static str,
    choices: Vec<(String, String)>,
    chosen: String,
) -> impl IntoView {
    view! {
        <label class=LABEL>{label}
            <select name=name class=INPUT>
                <option value="">{any}</option>
                {choices.into_iter().map(|(value, text)| {
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

#[component]
fn Attendees(roster: Roster, org: String, event: String, filter: RosterFilter) -> impl IntoView {
    let here = format!("/manage/{org}/events/{event}/attendees");
    let next = roster
        .next
        .map(|before| format!("{here}?{}", filter.query_string(Some(before))));
    let download = format!(
        "/manage/{org}/events/{event}/attendees.csv?{}",
        filter.query_string(None)
    );
    let owned = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
            .collect::<Vec<_>>()
    };
    let types = roster
        .ticket_types
        .iter()
        .map(|(id, name)| (id.0.to_string(), name.clone()))
        .collect();
    let filtered = filter != RosterFilter::default();
    view! {
        <PageTitle text=format!("Attendees · {}", roster.event_title) />
        <p class="text-sm"><a href=format!("/manage/{org}/events/{event}") class="text-accent underline">{format!("← {}", roster.event_title)}</a></p>
        <div class="mb-6 flex flex-wrap items-center justify-between gap-3">
            <h1 class="text-3xl font-bold tracking-tight">"Attendees"</h1>
            <p class="flex gap-4 text-sm">
                <a href=format!("/manage/{org}/events/{event}/orders") class="text-accent underline">"Orders"</a>
                <a href=download class="text-accent underline">
                    {if filtered { "Download these attendees (CSV)" } else { "Download all attendees (CSV)" }}
                </a>
            </p>
        </div>
        <section class=CARD>
            <form method="get" action=here.clone() role="search" class="mb-4 flex flex-wrap items-end gap-3">
                <label class=LABEL>"Search by name, email, order or ticket code"
                    <input type="search" name="q" value=filter.q.clone() class=INPUT />
                </label>
                <Choice label="Ticket type" name="type" any="All types" choices=types chosen=filter.ticket_type.clone() />
                <Choice label="State" name="state" any="All states" choices=owned(&STATES) chosen=filter.state.clone() />
                <Choice label="Entry" name="entered" any="Entered or not" chosen=filter.entered.clone()
                    choices=owned(&[("yes", "Checked in"), ("no", "Not checked in")]) />
                {(!roster.answers.is_empty()).then(|| view! {
                    <Choice label="Answer" name="answer" any="Any answer" choices=roster.answers.clone() chosen=filter.answer.clone() />
                })}
                <button type="submit" class=SMALL_BUTTON>"Filter"</button>
                {filtered.then(|| view! { <a href=here.clone() class="text-sm text-accent underline">"Show everyone"</a> })}
            </form>
            {if roster.attendees.is_empty() {
                view! { <p class="text-muted">"No attendees found."</p> }.into_any()
            } else {
                view! {
                    <div class="overflow-x-auto"><table class="w-full text-left text-sm">
                        <caption class="sr-only">"Attendees, newest first"</caption>
                        <thead><tr class="border-b border-line">
                            <th scope="col" class="py-2">"Attendee"</th><th scope="col">"Ticket type"</th><th scope="col">"Order"</th><th scope="col">"State"</th><th scope="col">"Checked in"</th>
                        </tr></thead>
                        <tbody>
                            {roster.attendees.into_iter().map(|a| view! { <AttendeeRow a /> }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
            {next.map(|href| view! { <p class="mt-4"><a href=href class="text-accent underline">"Older attendees"</a></p> })}
        </section>
    }
}

#[component]
fn AttendeeRow(a: AttendeeLine) -> impl IntoView {
    view! {
        <tr class="border-b border-line align-top">
            <td class="py-2">{a.name}<span class="block text-muted">{a.email}</span></td>
            <td>{a.ticket_type}</td>
            <td class="font-mono">{a.order_code}</td>
            <td>{a.state.label()}</td>
            <td>{a.entered.unwrap_or_else(|| "Not yet".to_owned())}</td>
        </tr>
    }
}
