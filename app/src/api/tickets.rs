//! Ticket types and orders. Every function is a thin shell over `services::tickets`, which
//! asks the policy (for the organizer's side) or checks the event is published (for the
//! visitor's) first.

// A server function answering a plain form takes each field as an argument.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use domain::TicketTypeId;
use domain::error::AppError;
#[cfg(feature = "ssr")]
use domain::tickets::DoorNote;
#[cfg(feature = "ssr")]
use domain::tickets::TicketTypeForm;
use domain::tickets::dashboard::SalesDashboard;
use domain::tickets::roster::Roster;
#[cfg(feature = "ssr")]
use domain::tickets::roster::RosterFilter;
#[cfg(feature = "ssr")]
use domain::tickets::transfer::TransferForm;
use domain::tickets::{
    EventTicketing, OrderForm, OrderListing, OrderPlaced, OrderView, TicketOffer, TicketView,
};

#[cfg(feature = "ssr")]
use services::tickets::settle::{self, Settlement};
#[cfg(feature = "ssr")]
use services::tickets::{
    console, dashboard, held, offer, ordering, orders, resend, roster, transfer, types,
};

#[cfg(feature = "ssr")]
use crate::context::{app_state, current_actor};

/// A refusal of one row's form as its page shows it: the reason in that form's banner (the
/// `request` field), with the row's `id`, so only that row shows it.
#[cfg(feature = "ssr")]
fn for_row(error: AppError, id: &str) -> AppError {
    let error = match error {
        AppError::Conflict(message) => AppError::invalid("request", message),
        other => other,
    };
    error.keeping(&[("id", id)])
}

/// The ticket types of an organization's event.
#[server(prefix = "/api", endpoint = "list_ticket_types")]
pub async fn list_ticket_types(org: String, event: String) -> Result<EventTicketing, AppError> {
    types::list(&app_state()?, &current_actor()?, &org, &event).await
}

/// Adds a ticket type (`id` blank) or changes one.
#[server(prefix = "/api", endpoint = "save_ticket_type")]
pub async fn save_ticket_type(
    org: String,
    event: String,
    #[server(default)] id: String,
    name: String,
    #[server(default)] description: String,
    #[server(default)] price: String,
    #[server(default)] capacity: String,
    #[server(default)] sale_starts: String,
    #[server(default)] sale_ends: String,
    #[server(default)] max_per_order: String,
    #[server(default)] access_code: String,
    #[server(default)] position: String,
) -> Result<TicketTypeId, AppError> {
    let form = TicketTypeForm {
        name,
        description,
        price,
        capacity,
        sale_starts,
        sale_ends,
        max_per_order,
        access_code,
        position,
    };
    let id_field = id.clone();
    let id = match id.trim() {
        "" => None,
        raw => Some(TicketTypeId(
            raw.parse()
                .map_err(|_| AppError::NotFound("ticket type".into()))?,
        )),
    };
    let saved = types::save(&app_state()?, &current_actor()?, &org, &event, id, &form)
        .await
        .map_err(|e| for_row(e, &id_field))?;
    leptos_axum::redirect(&format!(
        "/manage/{org}/events/{event}/tickets?done=saved#ticket-type-{saved}"
    ));
    Ok(saved)
}

/// Deletes a ticket type nobody ordered; asks first (`confirm=yes` once the page asked).
#[server(prefix = "/api", endpoint = "delete_ticket_type")]
pub async fn delete_ticket_type(
    org: String,
    event: String,
    id: TicketTypeId,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    let keep = |e: AppError| for_row(e, &id.to_string());
    if confirm != "yes" {
        return Err(keep(AppError::invalid(
            "confirm",
            "Delete this ticket type? Nobody has ordered it.",
        )));
    }
    types::delete(&app_state()?, &current_actor()?, &org, &event, id)
        .await
        .map_err(keep)?;
    leptos_axum::redirect(&format!(
        "/manage/{org}/events/{event}/tickets?done=deleted"
    ));
    Ok(())
}

/// Sets how an event's tickets are paid and offered: the currency (until its first order),
/// the instructions for a bank transfer, how many hours a waitlist offer lasts, and up to
/// how many days before the event buyers may cancel a paid order (blank: never).
#[server(prefix = "/api", endpoint = "set_event_payment")]
pub async fn set_event_payment(
    org: String,
    event: String,
    currency: String,
    #[server(default)] instructions: String,
    #[server(default)] offer_hours: String,
    #[server(default)] refund_days: String,
) -> Result<(), AppError> {
    let (state, actor) = (app_state()?, current_actor()?);
    let terms = types::SalesTerms {
        currency: &currency,
        instructions: &instructions,
        offer_hours: &offer_hours,
        refund_days: &refund_days,
    };
    types::set_payment(&state, &actor, &org, &event, terms).await?;
    leptos_axum::redirect(&format!("/manage/{org}/events/{event}/tickets?done=saved"));
    Ok(())
}

/// The ticket types the published event `event` offers to a visitor with access `code`.
#[server(prefix = "/api", endpoint = "offered_tickets")]
pub async fn offered_tickets(
    event: String,
    #[server(default)] code: String,
) -> Result<TicketOffer, AppError> {
    offer::offered(&app_state()?, &event, &code).await
}

/// Places an order for the published event `event`, then shows its page.
#[server(prefix = "/api", endpoint = "place_order")]
pub async fn place_order(event: String, order: OrderForm) -> Result<OrderPlaced, AppError> {
    let placed = ordering::place(&app_state()?, &current_actor()?, &event, &order).await?;
    leptos_axum::redirect(&format!("/orders/{}", placed.link));
    Ok(placed)
}

/// The ticket `code`, with its QR code.
#[server(prefix = "/api", endpoint = "get_ticket")]
pub async fn get_ticket(code: String) -> Result<TicketView, AppError> {
    held::view(&app_state()?, &code).await
}

/// Passes the ticket `code` on to another attendee after asking (`confirm`: the new holder's
/// address, once the page asked), then shows its old page, which says it was passed on. The
/// new code goes only to the new holder, by mail.
#[server(prefix = "/api", endpoint = "transfer_ticket")]
pub async fn transfer_ticket(
    code: String,
    #[server(default)] name: String,
    #[server(default)] email: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    let form = TransferForm { name, email };
    transfer::transfer(&app_state()?, &code, &form, &confirm).await?;
    leptos_axum::redirect(&format!("/tickets/{code}"));
    Ok(())
}

/// The order behind a signed link.
#[server(prefix = "/api", endpoint = "get_order")]
pub async fn get_order(link: String) -> Result<OrderView, AppError> {
    orders::view(&app_state()?, &link).await
}

/// Cancels the order behind a signed link for its buyer, as the event's rules allow; asks
/// first (`confirm=yes` once the page asked).
#[server(prefix = "/api", endpoint = "cancel_my_order")]
pub async fn cancel_my_order(
    link: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    if confirm != "yes" {
        return Err(AppError::invalid(
            "confirm",
            "Cancel this order? Its tickets stop working and its seats go to others.",
        ));
    }
    orders::cancel(&app_state()?, &link).await?;
    leptos_axum::redirect(&format!("/orders/{link}"));
    Ok(())
}

/// A page of the orders of an organization's event (`before`: the `next` of the last page).
#[server(prefix = "/api", endpoint = "list_orders")]
pub async fn list_orders(
    org: String,
    event: String,
    #[server(default)] q: String,
    #[server(default)] status: String,
    #[server(default)] before: Option<i64>,
) -> Result<OrderListing, AppError> {
    console::list(
        &app_state()?,
        &current_actor()?,
        &org,
        &event,
        &q,
        &status,
        before,
    )
    .await
}

/// A page of the attendees of an organization's event the filter picks (`before`: the
/// `next` of the last page); the filter's fields are the page's query parameters.
#[server(prefix = "/api", endpoint = "list_attendees")]
pub async fn list_attendees(
    org: String,
    event: String,
    #[server(default)] q: String,
    #[server(default)] ticket_type: String,
    #[server(default)] state: String,
    #[server(default)] entered: String,
    #[server(default)] answer: String,
    #[server(default)] before: Option<i64>,
) -> Result<Roster, AppError> {
    let filter = RosterFilter {
        q,
        ticket_type,
        state,
        entered,
        answer,
    };
    let (state, actor) = (app_state()?, current_actor()?);
    roster::list(&state, &actor, &org, &event, &filter, before).await
}

/// The registration dashboard of an organization's event, counted now.
#[server(prefix = "/api", endpoint = "event_dashboard")]
pub async fn event_dashboard(org: String, event: String) -> Result<SalesDashboard, AppError> {
    dashboard::dashboard(&app_state()?, &current_actor()?, &org, &event).await
}

/// Marks a pending order paid: its payment arrived.
#[server(prefix = "/api", endpoint = "mark_order_paid")]
pub async fn mark_order_paid(org: String, event: String, code: String) -> Result<(), AppError> {
    let (state, actor) = (app_state()?, current_actor()?);
    settle::settle(&state, &actor, &org, &event, &code, Settlement::MarkPaid)
        .await
        .map_err(|e| for_row(e, &code))?;
    leptos_axum::redirect(&format!("/manage/{org}/events/{event}/orders?done=paid"));
    Ok(())
}

/// Cancels an order, freeing its seats; asks first (`confirm=yes` once the page asked).
#[server(prefix = "/api", endpoint = "cancel_order")]
pub async fn cancel_order(
    org: String,
    event: String,
    code: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    let keep = |e: AppError| for_row(e, &code);
    if confirm != "yes" {
        return Err(keep(AppError::invalid(
            "confirm",
            format!("Cancel the order {code}? Its tickets stop working and its seats are freed."),
        )));
    }
    let (state, actor) = (app_state()?, current_actor()?);
    settle::settle(&state, &actor, &org, &event, &code, Settlement::Cancel)
        .await
        .map_err(keep)?;
    leptos_axum::redirect(&format!(
        "/manage/{org}/events/{event}/orders?done=cancelled"
    ));
    Ok(())
}

/// Records that the refund owed to an order's buyer was made; the buyer is told.
#[server(prefix = "/api", endpoint = "mark_order_refunded")]
pub async fn mark_order_refunded(org: String, event: String, code: String) -> Result<(), AppError> {
    let (state, actor) = (app_state()?, current_actor()?);
    settle::mark_refunded(&state, &actor, &org, &event, &code)
        .await
        .map_err(|e| for_row(e, &code))?;
    leptos_axum::redirect(&format!(
        "/manage/{org}/events/{event}/orders?done=refunded"
    ));
    Ok(())
}

/// Sends an order's mails again: the buyer's confirmation and each other attendee's ticket.
#[server(prefix = "/api", endpoint = "resend_order_mails")]
pub async fn resend_order_mails(org: String, event: String, code: String) -> Result<(), AppError> {
    let (state, actor) = (app_state()?, current_actor()?);
    resend::resend(&state, &actor, &org, &event, &code)
        .await
        .map_err(|e| for_row(e, &code))?;
    leptos_axum::redirect(&format!("/manage/{org}/events/{event}/orders?done=resent"));
    Ok(())
}

/// Sets the note door staff read when the order's tickets are scanned; blank removes it.
#[server(prefix = "/api", endpoint = "save_door_note")]
pub async fn save_door_note(
    org: String,
    event: String,
    code: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let keep = |e: AppError| for_row(e, &code).keeping(&[("note", &note)]);
    let parsed = DoorNote::parse(&note).map_err(|m| keep(AppError::invalid("note", m)))?;
    let (state, actor) = (app_state()?, current_actor()?);
    settle::set_door_note(&state, &actor, &org, &event, &code, &parsed)
        .await
        .map_err(keep)?;
    leptos_axum::redirect(&format!("/manage/{org}/events/{event}/orders?done=note"));
    Ok(())
}
