//! Waitlists of sold-out ticket types, as visitors meet them: the form to join one on the
//! registration page, and `/waitlist/{code}`, the offer of a freed seat mailed to the first
//! in line, claimed (it becomes an order) or given up (it passes on) there. Every form
//! works without JavaScript.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use domain::TicketTypeId;
use domain::tickets::waitlist::{OfferState, WaitlistOffer};

use crate::api::waitlist::get_waitlist_offer;
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{Field, FormError, PostForm, Submit, posted_error, posted_error_for};
use crate::components::page_title::PageTitle;
use crate::pages::register::Payment;

const CARD: &str = "rounded-xl border border-line bg-surface p-6";

/// "Join the waitlist" for the sold-out type `ticket_type`, after the order form of the
/// registration page; open again, with what was typed, when it was refused.
#[component]
pub fn JoinWaitlist(
    slug: String,
    ticket_type: TicketTypeId,
    name: String,
    code: String,
) -> impl IntoView {
    let id = ticket_type.to_string();
    let error = posted_error_for("join_waitlist", id.clone());
    let form = format!("waitlist-{id}");
    view! {
        <details class="mt-4 rounded-lg border border-line p-4" open=move || error.get().is_some()>
            <summary class="cursor-pointer text-sm font-semibold text-accent">
                {format!("Join the waitlist for “{name}”")}
            </summary>
            <PostForm endpoint="join_waitlist" class="mt-3 flex flex-col gap-3">
                <FormError error />
                <p class="text-sm text-muted">"When a seat frees up, the first in line gets a mail with a link to claim it."</p>
                <input type="hidden" name="event" value=slug />
                <input type="hidden" name="ticket_type" value=id />
                <input type="hidden" name="code" value=code />
                <div class="grid gap-3 sm:grid-cols-2">
                    <Field label="Your name" name="name" error form=form.clone() autocomplete="name" />
                    <Field label="Your email" name="email" error form=form kind="email" autocomplete="email" hint="The offer is mailed here." />
                </div>
                <div><Submit label="Wait for a seat" /></div>
            </PostForm>
        </details>
    }
}

/// The page of an offer.
#[component]
pub fn WaitlistOfferPage() -> impl IntoView {
    let code = use_params_map()
        .read_untracked()
        .get("code")
        .unwrap_or_default();
    let offer = Resource::new(move || code.clone(), get_waitlist_offer);
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match offer.await {
                    Ok(offer) => view! { <Offer offer /> }.into_any(),
                    Err(error) => view! { <PageTitle text="Waitlist" /><ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Offer(offer: WaitlistOffer) -> impl IntoView {
    let code = use_params_map()
        .read_untracked()
        .get("code")
        .unwrap_or_default();
    let headline = match &offer.state {
        OfferState::Open => "A seat is yours",
        OfferState::Claimed(_) => "You claimed this seat",
        OfferState::Lapsed => "This offer has lapsed",
        OfferState::Declined => "You gave this seat up",
    };
    let closed = match &offer.state {
        OfferState::Open => None,
        OfferState::Claimed(link) => Some(view! {
            <p role="status">"Your ticket was mailed to you. "<a href=format!("/orders/{link}") class="text-accent underline">"See your order"</a></p>
        }.into_any()),
        OfferState::Lapsed => Some(view! { <p role="status">"It was not claimed in time, so the seat went to the next person in line."</p> }.into_any()),
        OfferState::Declined => Some(view! { <p role="status">"It went to the next person in line. Thank you for letting it go."</p> }.into_any()),
    };
    let open = offer.state == OfferState::Open;
    view! {
        <PageTitle text=format!("Waitlist · {}", offer.event_title) />
        <p class="text-sm"><a href=format!("/e/{}", offer.event_slug) class="text-accent underline">{format!("← {}", offer.event_title)}</a></p>
        <h1 class="text-3xl font-bold tracking-tight">{headline}</h1>
        <p class="mb-6 text-muted">{offer.event_dates.clone()}</p>
        <section class=CARD aria-labelledby="offer-summary">
            <h2 id="offer-summary" class="mb-3 text-lg font-semibold">{format!("“{}” · {}", offer.ticket_type, offer.price_label)}</h2>
            {closed}
            {open.then(|| view! {
                <p class="mb-4">{format!("A seat freed up and you were next in line. It is held for you until {}.", offer.offered_until)}</p>
                <Claim code=code.clone() name=offer.name.clone() email=offer.email.clone() priced=offer.priced />
            })}
        </section>
        {open.then(|| view! { <Decline code /> })}
    }
}

/// Claiming the seat: the attendee's name (the ticket goes to the address that joined the
/// line) and, for a price, how to pay.
#[component]
fn Claim(code: String, name: String, email: String, priced: bool) -> impl IntoView {
    let error = posted_error("claim_waitlist_seat");
    view! {
        <PostForm endpoint="claim_waitlist_seat" class="flex flex-col gap-4">
            <FormError error />
            <input type="hidden" name="code" value=code />
            <Field label="Attendee name" name="name" error value=name form="claim" autocomplete="name" />
            <p class="text-sm text-muted">{format!("The ticket is sent to {email}.")}</p>
            {priced.then(|| view! { <Payment error name="payment" /> })}
            <div><Submit label="Claim the seat" /></div>
        </PostForm>
    }
}

/// Giving the seat up, after asking: it goes to the next in line at once.
#[component]
fn Decline(code: String) -> impl IntoView {
    let error = posted_error("decline_waitlist_seat");
    let asked = move || {
        error
            .get()
            .and_then(|e| e.field_message("confirm").map(str::to_owned))
    };
    view! {
        <section class="mt-6 rounded-xl border border-line p-4" aria-labelledby="decline-offer">
            <h2 id="decline-offer" class="mb-2 text-sm font-semibold">"Cannot come after all?"</h2>
            <FormError error />
            {move || asked().map(|m| view! { <p role="alert" class="mb-2 text-sm">{m}</p> })}
            <PostForm endpoint="decline_waitlist_seat">
                <input type="hidden" name="code" value=code />
                {move || asked().is_some().then(|| view! { <input type="hidden" name="confirm" value="yes" /> })}
                <button type="submit" class="rounded-lg border border-line px-3 py-2 text-sm font-semibold">
                    {move || if asked().is_some() { "Yes, give the seat up" } else { "Give the seat to the next in line" }}
                </button>
            </PostForm>
        </section>
    }
}
