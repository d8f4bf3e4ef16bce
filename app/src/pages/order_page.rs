//! `/orders/{link}`: an order's page, reached from the confirmation (and later the mails) by
//! its signed link: its state, what is left to pay and how, and its tickets.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use domain::tickets::cancellation::BuyerCancellation;
use domain::tickets::{OrderStatus, OrderView, PaymentMethod};

use crate::api::tickets::get_order;
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{FormError, PostForm, posted_error};
use crate::components::page_title::PageTitle;

/// The page.
#[component]
pub fn OrderPage() -> impl IntoView {
    let link = use_params_map()
        .read_untracked()
        .get("link")
        .unwrap_or_default();
    let order = Resource::new(
        {
            let link = link.clone();
            move || link.clone()
        },
        get_order,
    );
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || { let link = link.clone(); Suspend::new(async move {
                match order.await {
                    Ok(order) => view! { <Order order link /> }.into_any(),
                    Err(error) => view! { <PageTitle text="Order" /><ErrorNotice error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

#[component]
fn Order(order: OrderView, link: String) -> impl IntoView {
    let (headline, state) = match order.status {
        OrderStatus::Paid => ("You have your tickets", "Confirmed".to_owned()),
        OrderStatus::Pending => ("Your seats are held", "Waiting for payment".to_owned()),
        OrderStatus::Cancelled => ("This order was cancelled", "Cancelled".to_owned()),
        OrderStatus::Expired => (
            "This order expired",
            "Expired: it was not paid in time".to_owned(),
        ),
    };
    let to_pay = (order.status == OrderStatus::Pending).then(|| {
        let by = order.pay_by.clone().unwrap_or_default();
        match order.payment {
            PaymentMethod::BankTransfer => format!(
                "Transfer {} quoting the reference {} before {by}. The organizer confirms the order when the payment arrives; unpaid, it expires then and the seats are freed.",
                order.total_label, order.code
            ),
            _ => format!("Pay {} at the entrance.", order.total_label),
        }
    });
    let transfer_details = (order.status == OrderStatus::Pending
        && order.payment == PaymentMethod::BankTransfer
        && !order.payment_instructions.is_empty())
    .then(|| order.payment_instructions.clone());
    view! {
        <PageTitle text=format!("Order {} · {}", order.code, order.event_title) />
        <p class="text-sm"><a href=format!("/e/{}", order.event_slug) class="text-accent underline">{format!("← {}", order.event_title)}</a></p>
        <h1 class="text-3xl font-bold tracking-tight">{headline}</h1>
        <p class="mb-6 text-muted">{order.event_dates.clone()}</p>
        <section class="rounded-xl border border-line bg-surface p-6" aria-labelledby="order-summary">
            <h2 id="order-summary" class="mb-3 text-lg font-semibold">"Order"</h2>
            <dl class="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
                <dt class="text-muted">"Reference"</dt><dd class="font-mono">{order.code.clone()}</dd>
                <dt class="text-muted">"Status"</dt><dd>{state}</dd>
                <dt class="text-muted">"Ordered by"</dt><dd>{order.buyer_name.clone()}</dd>
                <dt class="text-muted">"Total"</dt><dd>{order.total_label.clone()}</dd>
            </dl>
            {to_pay.map(|text| view! { <p role="status" class="mt-4 rounded-lg border border-line bg-accent-soft px-3 py-2 text-sm">{text}</p> })}
            {transfer_details.map(|text| view! { <p class="mt-3 whitespace-pre-line rounded-lg border border-line px-3 py-2 text-sm">{text}</p> })}
        </section>
        <section class="mt-6 rounded-xl border border-line bg-surface p-6" aria-labelledby="order-tickets">
            <h2 id="order-tickets" class="mb-3 text-lg font-semibold">"Tickets"</h2>
            <ul class="divide-y divide-line">
                {order.tickets.into_iter().map(|t| view! {
                    <li class="flex flex-wrap justify-between gap-2 py-2">
                        <span>
                            <a href=format!("/tickets/{}", t.code) class="font-semibold text-accent underline">{t.attendee}</a>
                            " · "{t.ticket_type}
                        </span>
                        <span class="text-sm text-muted">{if t.valid { t.price_label } else { "Cancelled".to_owned() }}</span>
                        {(!t.answers.is_empty()).then(|| view! {
                            <dl class="grid w-full grid-cols-[auto_1fr] gap-x-4 text-sm">
                                {t.answers.into_iter().map(|a| view! {
                                    <dt class="text-muted">{a.label}</dt>
                                    <dd>{if a.answer.is_empty() { "—".to_owned() } else { a.answer }}</dd>
                                }).collect_view()}
                            </dl>
                        })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <CancelOrder cancellation=order.cancellation link />
    }
}

/// The buyer cancelling their order, after asking, when the event's rules allow it; why not
/// otherwise. Nothing for an order already closed.
#[component]
fn CancelOrder(cancellation: BuyerCancellation, link: String) -> impl IntoView {
    let error = posted_error("cancel_my_order");
    let asked = move || {
        error
            .get()
            .and_then(|e| e.field_message("confirm").map(str::to_owned))
    };
    let body = match cancellation {
        BuyerCancellation::Closed => return None,
        BuyerCancellation::Refused(why) => {
            view! { <p class="text-sm text-muted">{why}</p> }.into_any()
        }
        BuyerCancellation::Allowed { refund } => {
            let what = match refund {
                Some(amount) => format!("Cannot come? Cancel the order: its tickets stop working, its seats go to others, and the organizer refunds you {amount}."),
                None => "Cannot come? Cancel the order: its tickets stop working and its seats go to others.".to_owned(),
            };
            view! {
                <p class="mb-3 text-sm">{what}</p>
                <FormError error />
                {move || asked().map(|m| view! { <p role="alert" class="mb-2 text-sm">{m}</p> })}
                <PostForm endpoint="cancel_my_order">
                    <input type="hidden" name="link" value=link />
                    {move || asked().is_some().then(|| view! { <input type="hidden" name="confirm" value="yes" /> })}
                    <button type="submit" class="rounded-lg border border-danger px-3 py-2 text-sm font-semibold text-danger">
                        {move || if asked().is_some() { "Yes, cancel the order" } else { "Cancel the order" }}
                    </button>
                </PostForm>
            }.into_any()
        }
    };
    Some(view! {
        <section class="mt-6 rounded-xl border border-line p-4" aria-labelledby="cancel-order">
            <h2 id="cancel-order" class="mb-2 text-sm font-semibold">"Cancel the order"</h2>
            {body}
        </section>
    })
}
