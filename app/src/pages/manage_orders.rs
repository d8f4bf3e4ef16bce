//! `/manage/{org}/events/{event}/orders`: the event's orders, searched and filtered, newest
//! first; a pending order is marked paid when its transfer arrives, any open one cancelled,
//! and any given a note for the door.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::error::AppError;
use domain::tickets::{OrderLine, OrderListing, OrderStatus};

use crate::api::tickets::list_orders;
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{Field, FormError, Notice, PostForm, posted_error_for};
use crate::components::page_title::PageTitle;
use crate::pages::account::SignInPrompt;

const CARD: &str = "rounded-xl border border-line bg-surface p-6";
const SMALL_BUTTON: &str = "rounded-lg border border-line px-2 py-1 text-sm font-semibold";

/// The page.
#[component]
pub fn OrdersPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map().read_untracked().clone();
    let org = params.read_untracked().get("slug").unwrap_or_default();
    let event = params.read_untracked().get("event").unwrap_or_default();
    let q = query.get("q").unwrap_or_default();
    let status = query.get("status").unwrap_or_default();
    let before = query.get("before").and_then(|b| b.parse().ok());
    let listing = Resource::new(
        {
            let (org, event, q, status) = (org.clone(), event.clone(), q.clone(), status.clone());
            move || {
                (
                    org.clone(),
                    event.clone(),
                    q.clone(),
                    status.clone(),
                    before,
                )
            }
        },
        |(org, event, q, status, before)| list_orders(org, event, q, status, before),
    );
    let notice = match query.get("done").as_deref() {
        Some("paid") => Some("The order is marked paid; its buyer was told."),
        Some("cancelled") => Some(
            "The order is cancelled; its buyer was told. Its seats went to the waitlist, or back on sale.",
        ),
        Some("refunded") => Some("The refund is recorded; its buyer was told."),
        Some("resent") => Some("The order's mails are on their way again."),
        Some("note") => Some("The door note is saved: check-in shows it with the order's tickets."),
        _ => None,
    };
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || { let (org, event, q, status) = (org.clone(), event.clone(), q.clone(), status.clone()); Suspend::new(async move {
                match listing.await {
                    Ok(listing) => view! { <Orders listing org event q status notice /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <PageTitle text="Orders" /><ErrorNotice error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

#[component]
fn Orders(
    listing: OrderListing,
    org: String,
    event: String,
    q: String,
    status: String,
    notice: Option<&'static str>,
) -> impl IntoView {
    let here = format!("/manage/{org}/events/{event}/orders");
    let next = listing.next.map(|before| {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &q)
            .append_pair("status", &status)
            .append_pair("before", &before.to_string())
            .finish();
        format!("{here}?{query}")
    });
    let states = [
        ("", "All states"),
        ("pending", "Waiting for payment"),
        ("paid", "Paid"),
        ("cancelled", "Cancelled"),
        ("expired", "Expired"),
    ];
    view! {
        <PageTitle text=format!("Orders · {}", listing.event_title) />
        <p class="text-sm"><a href=format!("/manage/{org}/events/{event}") class="text-accent underline">{format!("← {}", listing.event_title)}</a></p>
        <div class="mb-6 flex flex-wrap items-center justify-between gap-3">
            <h1 class="text-3xl font-bold tracking-tight">"Orders"</h1>
            <p class="flex gap-4 text-sm">
                <a href=format!("/manage/{org}/events/{event}/attendees") class="text-accent underline">"Attendees"</a>
                <a href=format!("/manage/{org}/events/{event}/tickets") class="text-accent underline">"Ticket types"</a>
            </p>
        </div>
        {notice.map(|text| view! { <Notice>{text}</Notice> })}
        <section class=CARD>
            <form method="get" action=here.clone() role="search" class="mb-4 flex flex-wrap items-end gap-3">
                <label class="flex flex-col gap-1 text-sm font-semibold">"Search by reference, name or email"
                    <input type="search" name="q" value=q class="rounded-lg border border-line bg-surface px-3 py-2" />
                </label>
                <label class="flex flex-col gap-1 text-sm font-semibold">"State"
                    <select name="status" class="rounded-lg border border-line bg-surface px-3 py-2">
                        {states.into_iter().map(|(value, label)| view! { <option value=value selected=value == status>{label}</option> }).collect_view()}
                    </select>
                </label>
                <button type="submit" class=SMALL_BUTTON>"Search"</button>
            </form>
            {if listing.orders.is_empty() {
                view! { <p class="text-muted">"No orders found."</p> }.into_any()
            } else {
                view! {
                    <table class="w-full text-left text-sm">
                        <thead><tr class="border-b border-line">
                            <th class="py-2">"Reference"</th><th>"Buyer"</th><th>"Tickets"</th><th>"Total"</th><th>"State"</th><th>"Placed"</th><th><span class="sr-only">"Actions"</span></th>
                        </tr></thead>
                        <tbody>
                            {listing.orders.into_iter().map(|o| view! { <OrderRow o org=org.clone() event=event.clone() /> }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            {next.map(|href| view! { <p class="mt-4"><a href=href class="text-accent underline">"Older orders"</a></p> })}
        </section>
    }
}

#[component]
fn OrderRow(o: OrderLine, org: String, event: String) -> impl IntoView {
    let cancel_error = posted_error_for("cancel_order", o.code.clone());
    let owed = o.refund_due.is_some();
    let asked = move || {
        cancel_error
            .get()
            .and_then(|e| e.field_message("confirm").map(str::to_owned))
    };
    let pending = o.status == OrderStatus::Pending;
    let open = matches!(o.status, OrderStatus::Pending | OrderStatus::Paid);
    let code = o.code.clone();
    let (org_of, event_of) = (org.clone(), event.clone());
    let button = |endpoint: &'static str, label: &'static str| {
        view! { <OrderButton endpoint org=org_of.clone() event=event_of.clone() code=code.clone() label /> }
    };
    view! {
        <tr class="border-b border-line align-top">
            <td class="py-2 font-mono">{o.code.clone()}</td>
            <td>
                {o.buyer_name}<span class="block text-muted">{o.buyer_email}</span>
                {(!o.door_note.is_empty()).then(|| view! { <span class="mt-1 block font-semibold">{format!("Door note: {}", o.door_note)}</span> })}
            </td>
            <td>{o.tickets}</td>
            <td>{o.total_label}<span class="block text-muted">{o.payment.label()}</span></td>
            <td>
                {o.status.label()}
                {o.refund_due.map(|r| view! { <span class="block font-semibold">{format!("Refund due: {r}")}</span> })}
                {o.refunded.map(|r| view! { <span class="block text-muted">{format!("Refunded: {r}")}</span> })}
                {owed.then(|| button("mark_order_refunded", "Mark refunded"))}
            </td>
            <td>{o.placed}</td>
            <td class="flex flex-col items-start gap-2 py-2">
                <DoorNoteForm code=o.code.clone() note=o.door_note.clone() org=org.clone() event=event.clone() />
                {pending.then(|| button("mark_order_paid", "Mark paid"))}
                {open.then(|| button("resend_order_mails", "Send the tickets again"))}
                {open.then(|| view! {
                    <FormError error=cancel_error />
                    {move || asked().map(|m| view! { <p role="alert" class="text-sm">{m}</p> })}
                    <PostForm endpoint="cancel_order">
                        <input type="hidden" name="org" value=org.clone() />
                        <input type="hidden" name="event" value=event.clone() />
                        <input type="hidden" name="code" value=o.code.clone() />
                        {move || asked().is_some().then(|| view! { <input type="hidden" name="confirm" value="yes" /> })}
                        <button type="submit" class="text-sm font-semibold text-danger underline" aria-label=format!("Cancel the order {}", o.code)>
                            {move || if asked().is_some() { "Yes, cancel it" } else { "Cancel" }}
                        </button>
                    </PostForm>
                })}
            </td>
        </tr>
    }
}

/// A button doing `endpoint` to the order `code`, with that order's refusal above it. Its
/// name is its visible `label`, then which order ("Mark paid (order 7KQ…)"), so a row's
/// buttons are told apart by screen readers and found by what they say.
#[component]
fn OrderButton(
    endpoint: &'static str,
    org: String,
    event: String,
    code: String,
    label: &'static str,
) -> impl IntoView {
    let name = format!("{label} (order {code})");
    let error = posted_error_for(endpoint, code.clone());
    view! {
        <FormError error />
        <PostForm endpoint>
            <input type="hidden" name="org" value=org />
            <input type="hidden" name="event" value=event />
            <input type="hidden" name="code" value=code />
            <button type="submit" class=SMALL_BUTTON aria-label=name>{label}</button>
        </PostForm>
    }
}

/// The order's note for door staff, behind a disclosure (open when it was refused).
#[component]
fn DoorNoteForm(code: String, note: String, org: String, event: String) -> impl IntoView {
    let error = posted_error_for("save_door_note", code.clone());
    // The visible words start the accessible name; the order's reference tells rows apart.
    let (shown, whose) = if note.is_empty() {
        ("Add a door note", format!(" to the order {code}"))
    } else {
        ("Change the door note", format!(" of the order {code}"))
    };
    view! {
        <details open=move || error.get().is_some()>
            <summary class="cursor-pointer text-sm font-semibold text-accent">
                {shown}<span class="sr-only">{whose}</span>
            </summary>
            <PostForm endpoint="save_door_note">
                <FormError error />
                <input type="hidden" name="org" value=org />
                <input type="hidden" name="event" value=event />
                <input type="hidden" name="code" value=code.clone() />
                <Field label="Note for the door" name="note" error value=note
                    required=false form=format!("note-{code}") hint="Shown at check-in with each of its tickets; leave blank for none." />
                <button type="submit" class=SMALL_BUTTON>"Save the note"</button>
            </PostForm>
        </details>
    }
}
