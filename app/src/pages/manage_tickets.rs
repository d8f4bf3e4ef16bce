//! `/manage/{org}/events/{event}/tickets`: the event's ticket types, with the seats taken of
//! each, a form to change each and one to add another.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::error::AppError;
use domain::tickets::{EventTicketing, TicketTypeForm, TicketTypeSummary};

use crate::api::tickets::list_ticket_types;
use crate::components::confirm_delete::ConfirmDelete;
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{
    Field, FormError, Notice, PostForm, Submit, TextArea, posted_error, posted_error_for, unclaimed,
};
use crate::components::page_title::PageTitle;
use crate::pages::account::SignInPrompt;

const CARD: &str = "rounded-xl border border-line bg-surface p-6";

/// The page.
#[component]
pub fn TicketTypesPage() -> impl IntoView {
    let params = use_params_map();
    let org = params.read_untracked().get("slug").unwrap_or_default();
    let event = params.read_untracked().get("event").unwrap_or_default();
    let page = Resource::new(
        {
            let (org, event) = (org.clone(), event.clone());
            move || (org.clone(), event.clone())
        },
        |(org, event)| list_ticket_types(org, event),
    );
    let notice = match use_query_map().read_untracked().get("done").as_deref() {
        Some("saved") => Some("Saved."),
        Some("deleted") => Some("The ticket type is deleted."),
        _ => None,
    };
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || { let (org, event) = (org.clone(), event.clone()); Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Ticketing page org event notice /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <PageTitle text="Not found" /><ErrorNotice error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

#[component]
fn Ticketing(
    page: EventTicketing,
    org: String,
    event: String,
    notice: Option<&'static str>,
) -> impl IntoView {
    let back = format!("/manage/{org}/events/{event}");
    let seats = match page.capacity {
        Some(capacity) => format!(
            "{} of {capacity} seats taken at the event",
            page.seats_taken
        ),
        None => format!(
            "{} seats taken at the event (no limit for the event as a whole)",
            page.seats_taken
        ),
    };
    let zone = page.time_zone.clone();
    let add_error = posted_error_for("save_ticket_type", String::new());
    // The payment form shows its own errors.
    let stray = unclaimed(&["save_ticket_type", "delete_ticket_type"]);
    view! {
        <PageTitle text=format!("Tickets · {}", page.event_title) />
        <p class="text-sm"><a href=back class="text-accent underline">{format!("← {}", page.event_title)}</a></p>
        <div class="mb-2 flex flex-wrap items-center justify-between gap-3">
            <h1 class="text-3xl font-bold tracking-tight">"Tickets"</h1>
            <p class="flex gap-4 text-sm">
                <a href=format!("/manage/{org}/events/{event}/questions") class="text-accent underline">"Registration questions"</a>
                <a href=format!("/manage/{org}/events/{event}/orders") class="text-accent underline">"Orders"</a>
            </p>
        </div>
        <p class="mb-6 text-muted">{seats}</p>
        {notice.map(|text| view! { <Notice>{text}</Notice> })}
        <FormError error=stray />
        <div class="flex flex-col gap-8">
            {if page.types.is_empty() {
                view! { <p class=CARD>"No ticket types yet: add the first one below."</p> }.into_any()
            } else {
                view! {
                    <ul class="flex flex-col gap-4" aria-label="Ticket types">
                        {page.types.into_iter().map(|t| {
                            view! { <TicketTypeItem t org=org.clone() event=event.clone() zone=zone.clone() /> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <Payment currency=page.currency instructions=page.payment_instructions offer_hours=page.waitlist_offer_hours refund_days=page.refund_days org=org.clone() event=event.clone() />
            <section class=CARD aria-labelledby="add-ticket-type">
                <h2 id="add-ticket-type" class="mb-4 text-lg font-semibold">"Add a ticket type"</h2>
                <PostForm endpoint="save_ticket_type" class="flex flex-col gap-4">
                    <FormError error=add_error />
                    <input type="hidden" name="org" value=org.clone() />
                    <input type="hidden" name="event" value=event.clone() />
                    <TicketTypeFields form=TicketTypeForm::default() error=add_error id="new".to_owned() zone />
                    <div><Submit label="Add the ticket type" /></div>
                </PostForm>
            </section>
        </div>
    }
}

/// How the event's tickets are paid and offered: the currency of the prices (which can
/// change until the first order), what a bank transfer needs, how long a seat offered to the
/// first on a waitlist stays theirs, and until when buyers may cancel a paid order.
#[component]
fn Payment(
    currency: String,
    instructions: String,
    offer_hours: i64,
    refund_days: Option<i64>,
    org: String,
    event: String,
) -> impl IntoView {
    let error = posted_error("set_event_payment");
    view! {
        <section class=CARD aria-labelledby="payment-settings">
            <h2 id="payment-settings" class="mb-4 text-lg font-semibold">"Payment and waitlist"</h2>
            <PostForm endpoint="set_event_payment" class="flex flex-col gap-4">
                <FormError error />
                <input type="hidden" name="org" value=org />
                <input type="hidden" name="event" value=event />
                <Field label="Currency of the prices" name="currency" error value=currency form="payment" hint="A three-letter code such as EUR, USD or CHF; it can change until the first order." />
                <TextArea label="Bank transfer details" name="instructions" error value=instructions form="payment" rows=3 hint="Account holder, IBAN, BIC: shown to buyers who pay by transfer, with their order's reference." />
                <Field label="Waitlist offers last (hours)" name="offer_hours" error value=offer_hours.to_string() form="payment" kind="number" required=false hint="When a sold-out ticket frees up, the first in line has this long to claim it before it passes to the next (48 if blank)." />
                <Field label="Buyers may cancel paid orders up to (days before the event)" name="refund_days" error value=refund_days.map(|d| d.to_string()).unwrap_or_default() form="payment" kind="number" required=false hint="Blank: they cannot, and write to you instead. Free and unpaid orders can always be cancelled until the event starts." />
                <div><Submit label="Save the payment settings" /></div>
            </PostForm>
        </section>
    }
}

#[component]
fn TicketTypeItem(t: TicketTypeSummary, org: String, event: String, zone: String) -> impl IntoView {
    let id = t.id.to_string();
    let error = posted_error_for("save_ticket_type", id.clone());
    let sold = match t.capacity {
        Some(capacity) => format!("{} of {capacity} sold", t.sold),
        None => format!("{} sold", t.sold),
    };
    let delete_error = posted_error_for("delete_ticket_type", id.clone());
    let refused = move || error.get().is_some() || delete_error.get().is_some();
    let anchor = format!("ticket-type-{id}");
    let (org_delete, event_delete, id_delete) = (org.clone(), event.clone(), id.clone());
    view! {
        <li id=anchor class=CARD>
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h2 class="text-lg font-semibold">{t.name.clone()}</h2>
                <span class="font-semibold">{t.price_label}</span>
            </div>
            <p class="text-sm text-muted">
                {sold}" · "{t.sale_label}
                {(t.waiting > 0).then(|| format!(" · {} on the waitlist", t.waiting))}
                {t.hidden.then_some(" · hidden: offered only with its access code")}
            </p>
            <details class="mt-3" open=refused>
                <summary class="cursor-pointer text-sm font-semibold text-accent">{format!("Edit “{}”", t.name)}</summary>
                <PostForm endpoint="save_ticket_type" class="mt-4 flex flex-col gap-4">
                    <FormError error />
                    <input type="hidden" name="org" value=org />
                    <input type="hidden" name="event" value=event />
                    <input type="hidden" name="id" value=id.clone() />
                    <TicketTypeFields form=t.form error id=id.clone() zone />
                    <div><Submit label="Save" /></div>
                </PostForm>
                <ConfirmDelete endpoint="delete_ticket_type" id=id_delete what=format!("the ticket type “{}”", t.name) org=org_delete event=event_delete />
            </details>
        </li>
    }
}

#[component]
fn TicketTypeFields(
    form: TicketTypeForm,
    error: Signal<Option<AppError>>,
    id: String,
    zone: String,
) -> impl IntoView {
    let f = format!("ticket-type-{id}");
    let window_hint =
        format!("In the event's time zone ({zone}). Blank: on sale now, until the event ends.");
    view! {
        <Field label="Name" name="name" error value=form.name form=f.clone() hint="Such as “Early bird” or “Student”." />
        <TextArea label="Description" name="description" error value=form.description form=f.clone() rows=2 />
        <div class="grid gap-4 sm:grid-cols-3">
            <Field label="Price" name="price" error value=form.price form=f.clone() required=false hint="Blank for a free ticket." />
            <Field label="Capacity" name="capacity" error value=form.capacity form=f.clone() kind="number" required=false hint="Blank for no limit of its own." />
            <Field label="Most per order" name="max_per_order" error value=form.max_per_order form=f.clone() kind="number" required=false hint="Blank for 10." />
        </div>
        <div class="grid gap-4 sm:grid-cols-2">
            <Field label="Sale starts" name="sale_starts" error value=form.sale_starts form=f.clone() kind="datetime-local" required=false />
            <Field label="Sale ends" name="sale_ends" error value=form.sale_ends form=f.clone() kind="datetime-local" required=false />
        </div>
        <p class="-mt-2 text-xs text-muted">{window_hint}</p>
        <div class="grid gap-4 sm:grid-cols-2">
            <Field label="Access code" name="access_code" error value=form.access_code form=f.clone() required=false hint="Hides the type from everyone without this code." />
            <Field label="Position" name="position" error value=form.position form=f kind="number" required=false hint="Types are listed from the smallest." />
        </div>
    }
}
