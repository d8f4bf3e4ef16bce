//! `/tickets/{code}`: one attendee's ticket, to show at the door or print: the QR code door
//! staff scan, the code under it for typing, the event's time and place, and its calendar.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use domain::tickets::{QrDrawing, TicketState, TicketView};

use crate::api::tickets::get_ticket;
use crate::components::error_notice::ErrorNotice;
use crate::components::page_title::PageTitle;
use crate::pages::ticket_answers::TicketAnswers;
use crate::pages::ticket_transfer::TicketTransfer;

/// The page.
#[component]
pub fn TicketPage() -> impl IntoView {
    let code = use_params_map()
        .read_untracked()
        .get("code")
        .unwrap_or_default();
    let ticket = Resource::new(move || code.clone(), get_ticket);
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match ticket.await {
                    Ok(ticket) => view! { <Ticket ticket /> }.into_any(),
                    Err(error) => view! { <PageTitle text="Ticket" /><ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Ticket(ticket: TicketView) -> impl IntoView {
    let warning = match ticket.state {
        TicketState::Valid => None,
        TicketState::Unpaid => {
            Some("Not paid yet: this ticket lets you in once its order is paid.")
        }
        TicketState::Void => {
            Some("This ticket is no longer valid: it was cancelled, or its order expired.")
        }
    };
    let calendar = format!("/e/{}/calendar.ics", ticket.event_slug);
    let answers = ticket.answers.map(|sheet| {
        let code = ticket.code.clone();
        view! { <TicketAnswers sheet code /> }
    });
    let transfer = ticket.transferable.then(|| {
        let code = ticket.code.clone();
        view! { <TicketTransfer code /> }
    });
    view! {
        <PageTitle text=format!("Ticket · {}", ticket.event_title) />
        <article class="mx-auto max-w-md rounded-xl border border-line bg-surface p-6 text-center" aria-labelledby="ticket-event">
            <p class="text-sm font-semibold uppercase tracking-wide text-muted">"Ticket"</p>
            <h1 id="ticket-event" class="text-2xl font-bold tracking-tight">{ticket.event_title.clone()}</h1>
            <p class="mt-1 text-muted">{ticket.event_dates}</p>
            {ticket.venue.map(|venue| view! { <p class="text-muted">{venue}</p> })}
            {warning.map(|text| view! { <p role="alert" class="mt-4 rounded-lg border border-danger px-3 py-2 text-sm text-danger">{text}</p> })}
            <QrCode qr=ticket.qr label=format!("QR code of the ticket of {}", ticket.attendee) />
            <p class="font-mono text-lg tracking-widest">{ticket.code}</p>
            <p class="mt-4 text-xl font-semibold">{ticket.attendee}</p>
            <p class="text-muted">{ticket.ticket_type}</p>
            <p class="mt-2 text-sm text-muted">{format!("Order {}", ticket.order_code)}</p>
            <p class="mt-4 text-sm">
                <a href=calendar rel="external" download class="text-accent underline">"Add to calendar"</a>
                " · "
                <a href=format!("/e/{}", ticket.event_slug) class="text-accent underline">"The event's page"</a>
            </p>
        </article>
        {answers}
        {transfer}
    }
}

/// The QR code, black on white whatever the theme (scanners want the contrast), drawn at a
/// size that scans from a phone held at arm's length.
#[component]
fn QrCode(qr: QrDrawing, label: String) -> impl IntoView {
    view! {
        <svg
            role="img"
            aria-label=label
            viewBox=format!("0 0 {0} {0}", qr.size)
            shape-rendering="crispEdges"
            class="mx-auto my-6 block h-64 w-64 bg-white"
        >
            <rect width=qr.size height=qr.size fill="#fff" />
            <path d=qr.path fill="#000" />
        </svg>
    }
}
