//! Ticket types and orders. Every function is a thin shell over `services::tickets`, which
//! asks the policy (for the organizer's side) or checks the event is published (for the
//! visitor's) first.

// A server function answering a plain form takes each field as an argument.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use domain::TicketTypeId;
use domain::error::AppError;
#[cfg(feature = "ssr")]
use domain::tickets::TicketTypeForm;
use domain::tickets::{EventTicketing, OrderForm, OrderPlaced, OrderView, TicketOffer};

#[cfg(feature = "ssr")]
use services::tickets::{offer, ordering, orders, types};

#[cfg(feature = "ssr")]
use crate::context::{app_state, current_actor};

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
        .map_err(|e| e.keeping(&[("id", &id_field)]))?;
    leptos_axum::redirect(&format!(
        "/manage/{org}/events/{event}/tickets?done=saved#ticket-type-{saved}"
    ));
    Ok(saved)
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

/// The order behind a signed link.
#[server(prefix = "/api", endpoint = "get_order")]
pub async fn get_order(link: String) -> Result<OrderView, AppError> {
    orders::view(&app_state()?, &link).await
}
