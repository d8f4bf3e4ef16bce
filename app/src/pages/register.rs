//! `/e/{event}/register`: getting tickets, in two steps that work without JavaScript. First
//! the visitor chooses how many of each type (a `GET` form, so the choice is in the address);
//! then they name each ticket's attendee and, for a price, choose how to pay, and the order
//! is placed. A refused order comes back to the second step with what was typed.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use leptos_router::params::ParamsMap;

use domain::error::AppError;
use domain::tickets::{Availability, OfferedTicketType, TicketOffer, price_label};

use crate::api::tickets::offered_tickets;
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{Field, FormError, PostForm, Submit, posted_error};
use crate::components::page_title::PageTitle;
use crate::pages::answer_fields::AnswerFields;
use crate::pages::waitlist::JoinWaitlist;

const CARD: &str = "rounded-xl border border-line bg-surface p-6";

/// The page.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    let query = use_query_map().read_untracked().clone();
    let code = query.get("code").unwrap_or_default();
    let offer = Resource::new(
        {
            let slug = slug.clone();
            move || (slug.clone(), code.clone())
        },
        |(slug, code)| offered_tickets(slug, code),
    );
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || { let (slug, query) = (slug.clone(), query.clone()); Suspend::new(async move {
                match offer.await {
                    Ok(offer) => {
                        let chosen = chosen(&offer, &query);
                        let details = query.get("step").as_deref() == Some("details") && !chosen.is_empty();
                        view! {
                            <PageTitle text=format!("Tickets · {}", offer.event_title) />
                            <p class="text-sm"><a href=format!("/e/{slug}") class="text-accent underline">{format!("← {}", offer.event_title)}</a></p>
                            <h1 class="text-3xl font-bold tracking-tight">"Tickets"</h1>
                            <p class="mb-6 text-muted">{offer.event_dates.clone()}</p>
                            {if details {
                                view! { <Attendees offer chosen slug /> }.into_any()
                            } else {
                                view! { <Choose offer query slug /> }.into_any()
                            }}
                        }.into_any()
                    }
                    Err(error) => view! { <PageTitle text="Tickets" /><ErrorNotice error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

/// The types chosen in the address (`q{id}=n`), with how many of each, as offered now.
fn chosen(offer: &TicketOffer, query: &ParamsMap) -> Vec<(OfferedTicketType, usize)> {
    offer
        .types
        .iter()
        .filter_map(|t| {
            let n: usize = query.get(&format!("q{}", t.id))?.parse().ok()?;
            (n > 0).then(|| (t.clone(), n.min(t.max_per_order as usize)))
        })
        .collect()
}

/// How many of `t` one order may take now; none when it is not on sale.
fn most(t: &OfferedTicketType) -> Option<i64> {
    match t.availability {
        Availability::OnSale { left } => {
            Some(left.map_or(t.max_per_order, |l| l.min(t.max_per_order)))
        }
        _ => None,
    }
}

/// The first step: how many of each type, and an access code for hidden ones.
#[component]
fn Choose(offer: TicketOffer, query: ParamsMap, slug: String) -> impl IntoView {
    let action = format!("/e/{slug}/register");
    let single = offer.types.len() == 1;
    let code = offer.access_code.clone();
    let code_note = match (code.is_empty(), offer.code_unlocked) {
        (true, _) => None,
        (false, true) => Some(("status", "The code unlocked more tickets.")),
        (false, false) => Some(("alert", "This code unlocks no tickets.")),
    };
    let any_on_sale = offer.types.iter().any(|t| most(t).is_some());
    // Their forms follow the order form: a form cannot hold another.
    let sold_out: Vec<_> = offer
        .types
        .iter()
        .filter(|t| t.availability == Availability::SoldOut)
        .map(|t| (t.id, t.name.clone()))
        .collect();
    let waitlisted = waitlisted(&offer, &query);
    view! {
        {waitlisted.map(|text| view! { <p role="status" class="mb-6 rounded-lg border border-line bg-accent-soft px-3 py-2">{text}</p> })}
        <section class=CARD aria-labelledby="choose-tickets">
            <h2 id="choose-tickets" class="mb-4 text-lg font-semibold">"Choose your tickets"</h2>
            {offer.types.is_empty().then(|| view! { <p class="text-muted">"No tickets are on sale for this event."</p> })}
            <form method="get" action=action.clone() class="flex flex-col gap-4">
                <input type="hidden" name="step" value="details" />
                <input type="hidden" name="code" value=code.clone() />
                <ul class="divide-y divide-line">
                    {offer.types.into_iter().map(|t| {
                        let label = format!("Number of “{}” tickets", t.name);
                        let field = format!("q{}", t.id);
                        let picked: i64 = query.get(&field).and_then(|n| n.parse().ok()).unwrap_or(if single { 1 } else { 0 });
                        let state = match &t.availability {
                            Availability::OnSale { left: Some(n) } if *n <= 20 => format!("{n} left"),
                            Availability::OnSale { .. } => String::new(),
                            Availability::SoldOut => "Sold out".to_owned(),
                            Availability::NotYet(at) => format!("On sale from {at}"),
                            Availability::Ended => "Sale ended".to_owned(),
                        };
                        view! {
                            <li class="flex flex-wrap items-center justify-between gap-3 py-3">
                                <div class="min-w-0">
                                    <p class="font-semibold">{t.name.clone()}</p>
                                    {(!t.description.is_empty()).then(|| view! { <p class="text-sm text-muted">{t.description.clone()}</p> })}
                                    <p class="text-sm">{t.price_label.clone()}<span class="text-muted">{(!state.is_empty()).then(|| format!(" · {state}"))}</span></p>
                                </div>
                                {most(&t).map(|most| view! {
                                    <select name=field aria-label=label class="rounded-lg border border-line bg-surface px-3 py-2">
                                        {(0..=most).map(|n| view! { <option value=n selected=n == picked>{n}</option> }).collect_view()}
                                    </select>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {any_on_sale.then(|| view! { <div><button type="submit" class="rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink">"Continue"</button></div> })}
            </form>
            {sold_out.into_iter().map(|(id, name)| view! {
                <JoinWaitlist slug=slug.clone() ticket_type=id name code=code.clone() />
            }).collect_view()}
        </section>
        <section class="mt-6 rounded-xl border border-line p-4" aria-labelledby="access-code">
            <h2 id="access-code" class="mb-2 text-sm font-semibold">"Have an access code?"</h2>
            {code_note.map(|(role, text)| view! { <p role=role class="mb-2 text-sm">{text}</p> })}
            <form method="get" action=action class="flex flex-wrap items-end gap-3">
                <label class="flex flex-col gap-1 text-sm font-semibold">"Access code"
                    <input name="code" value=code autocomplete="off" class="rounded-lg border border-line bg-surface px-3 py-2" />
                </label>
                <button type="submit" class="rounded-lg border border-line px-3 py-2 text-sm font-semibold">"Apply the code"</button>
            </form>
        </section>
    }
}

/// "You are on the waitlist…", after joining one (`waitlisted={type}&place={n}`).
fn waitlisted(offer: &TicketOffer, query: &ParamsMap) -> Option<String> {
    let id = query.get("waitlisted")?;
    let place: i64 = query.get("place")?.parse().ok()?;
    let t = offer.types.iter().find(|t| t.id.to_string() == id)?;
    Some(format!(
        "You are on the waitlist for “{}”, number {place} in line. When a seat frees up, we mail you a link to claim it.",
        t.name
    ))
}

/// The second step: who each ticket is for, who orders, how they pay.
#[component]
fn Attendees(
    offer: TicketOffer,
    chosen: Vec<(OfferedTicketType, usize)>,
    slug: String,
) -> impl IntoView {
    let error = posted_error("place_order");
    let total: i64 = chosen.iter().map(|(t, n)| t.price_cents * *n as i64).sum();
    let seats: Vec<OfferedTicketType> = chosen
        .iter()
        .flat_map(|(t, n)| std::iter::repeat_n(t.clone(), *n))
        .collect();
    let back = {
        let picks: String = chosen
            .iter()
            .map(|(t, n)| format!("&q{}={n}", t.id))
            .collect();
        format!("/e/{slug}/register?code={}{picks}", offer.access_code)
    };
    let order_problem = move || {
        let e = error.get()?;
        e.field_message("tickets")
            .or_else(|| e.field_message("access_code"))
            .map(str::to_owned)
    };
    let paid = total > 0;
    let questions = offer.questions.clone();
    view! {
        <PostForm endpoint="place_order" class="flex flex-col gap-6">
            <FormError error />
            {move || order_problem().map(|m| view! { <p role="alert" class="rounded-lg border border-danger px-3 py-2 text-sm text-danger">{m}</p> })}
            <input type="hidden" name="event" value=slug />
            <input type="hidden" name="order[access_code]" value=offer.access_code.clone() />
            {seats.into_iter().enumerate().map(|(i, t)| view! {
                <fieldset class=CARD>
                    <legend class="px-1 font-semibold">{format!("Ticket {} · {}", i + 1, t.name)}</legend>
                    <input type="hidden" name=format!("order[tickets][{i}][ticket_type]") value=t.id.to_string() />
                    <div class="grid gap-4 sm:grid-cols-2">
                        <Field label="Attendee name" name=format!("order[tickets][{i}][name]") field=format!("tickets.{i}.name") form=format!("ticket-{i}") error autocomplete="name" />
                        <Field label="Attendee email" name=format!("order[tickets][{i}][email]") field=format!("tickets.{i}.email") form=format!("ticket-{i}") error kind="email" autocomplete="email" hint="The ticket is sent here." />
                    </div>
                    {
                        let asked: Vec<_> = questions.iter().filter(|q| q.asked_for(t.id)).cloned().collect();
                        (!asked.is_empty()).then(|| view! {
                            <div class="mt-4 grid gap-4 sm:grid-cols-2"><AnswerFields questions=asked index=i error /></div>
                        })
                    }
                </fieldset>
            }).collect_view()}
            <fieldset class=CARD>
                <legend class="px-1 font-semibold">"Your details"</legend>
                <div class="grid gap-4 sm:grid-cols-2">
                    <Field label="Your name" name="order[buyer_name]" field="buyer_name" error autocomplete="name" />
                    <Field label="Your email" name="order[buyer_email]" field="buyer_email" error kind="email" autocomplete="email" hint="The confirmation is sent here." />
                </div>
            </fieldset>
            {paid.then(|| view! { <Payment error name="order[payment]" /> })}
            <p class="text-lg font-semibold">{format!("Total: {}", price_label(total, &offer.currency))}</p>
            <div class="flex flex-wrap items-center gap-4">
                <Submit label=if paid { "Place the order" } else { "Get the tickets" } />
                <a href=back class="text-accent underline">"Change the tickets"</a>
            </div>
        </PostForm>
    }
}

/// How a paid order is paid: by transfer (it waits for the payment) or at the entrance.
/// `name`: the form's field (`order[payment]` here, `payment` on a waitlist offer).
#[component]
pub fn Payment(error: Signal<Option<AppError>>, name: &'static str) -> impl IntoView {
    let message = move || {
        error
            .get()
            .and_then(|e| e.field_message("payment").map(str::to_owned))
    };
    let kept = move || {
        error
            .get()
            .and_then(|e| e.kept("payment").map(str::to_owned))
            .unwrap_or_default()
    };
    let option = move |value: &'static str, label: &'static str, hint: &'static str| {
        view! {
            <label class="flex items-start gap-2">
                <input type="radio" name=name value=value checked=move || kept() == value class="mt-1" />
                <span><span class="font-semibold">{label}</span><span class="block text-sm text-muted">{hint}</span></span>
            </label>
        }
    };
    view! {
        <fieldset class=CARD aria-describedby="payment-error">
            <legend class="px-1 font-semibold">"How will you pay?"</legend>
            <div class="flex flex-col gap-3">
                {option("bank_transfer", "Bank transfer", "Your seats are held while the organizer waits for your transfer.")}
                {option("at_door", "At the entrance", "Pay when you arrive; your seats are held until then.")}
            </div>
            <p id="payment-error" class="mt-2 text-sm text-danger">{message}</p>
        </fieldset>
    }
}
