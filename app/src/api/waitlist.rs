//! The waitlists of sold-out ticket types: joining one from the registration page, and the
//! offer of a freed seat, opened by its mailed link (no account needed). Thin shells over
//! `services::tickets::{waitlist, claims}`.

use leptos::prelude::*;

use domain::TicketTypeId;
use domain::error::AppError;
use domain::tickets::waitlist::WaitlistOffer;

#[cfg(feature = "ssr")]
use domain::tickets::types::access_code;
#[cfg(feature = "ssr")]
use services::tickets::{claims, waitlist};

#[cfg(feature = "ssr")]
use crate::context::{app_state, current_actor};

/// Puts the visitor in line for the sold-out type `ticket_type` of the published event
/// `event` (`code`: the access code that showed a hidden type).
#[server(prefix = "/api", endpoint = "join_waitlist")]
pub async fn join_waitlist(
    event: String,
    ticket_type: TicketTypeId,
    #[server(default)] name: String,
    #[server(default)] email: String,
    #[server(default)] code: String,
) -> Result<i64, AppError> {
    let (state, actor) = (app_state()?, current_actor()?);
    let joined = waitlist::join(&state, &actor, &event, ticket_type, (&name, &email, &code))
        .await
        // Several types may each have a waitlist form: the error names the one refused.
        .map_err(|e| e.keeping(&[("id", &ticket_type.to_string())]))?;
    // Back to the page as it was shown, hidden types included (the code is checked by now).
    let code = access_code(&code).ok().flatten().unwrap_or_default();
    leptos_axum::redirect(&format!(
        "/e/{event}/register?code={code}&waitlisted={ticket_type}&place={}",
        joined.place
    ));
    Ok(joined.place)
}

/// The waitlist offer behind `code`.
#[server(prefix = "/api", endpoint = "get_waitlist_offer")]
pub async fn get_waitlist_offer(code: String) -> Result<WaitlistOffer, AppError> {
    claims::view(&app_state()?, &code).await
}

/// Claims the seat offered behind `code`, then shows the order it became.
#[server(prefix = "/api", endpoint = "claim_waitlist_seat")]
pub async fn claim_waitlist_seat(
    code: String,
    #[server(default)] name: String,
    #[server(default)] payment: String,
) -> Result<String, AppError> {
    let link = claims::claim(&app_state()?, &code, &name, &payment).await?;
    leptos_axum::redirect(&format!("/orders/{link}"));
    Ok(link)
}

/// Gives up the seat offered behind `code`, after asking (`confirm=yes` once asked): it goes
/// to the next in line.
#[server(prefix = "/api", endpoint = "decline_waitlist_seat")]
pub async fn decline_waitlist_seat(
    code: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    if confirm != "yes" {
        return Err(AppError::invalid(
            "confirm",
            "Give this seat up? It goes to the next person in line, and you leave the waitlist.",
        ));
    }
    claims::decline(&app_state()?, &code).await?;
    leptos_axum::redirect(&format!("/waitlist/{code}"));
    Ok(())
}
