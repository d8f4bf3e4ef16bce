//! The public program of an event: schedule, sessions, speakers, joining and starring.

use leptos::prelude::*;

use domain::error::AppError;
use domain::program::{SchedulePage, SessionPage, SpeakersPage};
use domain::registration::{Attendance, MyProgram};
use domain::{AgendaItemId, EventDetails};

#[cfg(feature = "ssr")]
use services::program;

#[cfg(feature = "ssr")]
use crate::context::{app_state, current_actor};

/// `/e/{event}/schedule`.
#[server(prefix = "/api", endpoint = "get_schedule")]
pub async fn get_schedule(slug: String) -> Result<SchedulePage, AppError> {
    program::schedule(&app_state()?, &current_actor()?, &slug).await
}

/// `/e/{event}/sessions/{id}`.
#[server(prefix = "/api", endpoint = "get_session")]
pub async fn get_session(slug: String, id: AgendaItemId) -> Result<SessionPage, AppError> {
    program::session(&app_state()?, &current_actor()?, &slug, id).await
}

/// `/e/{event}/speakers`.
#[server(prefix = "/api", endpoint = "get_speakers")]
pub async fn get_speakers(slug: String) -> Result<SpeakersPage, AppError> {
    program::speakers_page(&app_state()?, &slug).await
}

/// `/e/{event}`: the event and the visitor's place at it, reading the event once.
#[server(prefix = "/api", endpoint = "get_event_page")]
pub async fn get_event_page(slug: String) -> Result<(EventDetails, Attendance), AppError> {
    program::event_page(&app_state()?, &current_actor()?, &slug).await
}

/// The visitor's place at the event, and how full it is.
#[server(prefix = "/api", endpoint = "get_attendance")]
pub async fn get_attendance(slug: String) -> Result<Attendance, AppError> {
    program::attendance(&app_state()?, &current_actor()?, &slug).await
}

/// The sessions of the event the signed-in person starred: what the stars of a page shared by
/// every signed-in visitor ask for.
#[server(prefix = "/api", endpoint = "get_my_stars")]
pub async fn get_my_stars(slug: String) -> Result<Vec<AgendaItemId>, AppError> {
    program::my_stars(&app_state()?, &current_actor()?, &slug).await
}

/// Joins the event (or its waitlist when full).
#[server(prefix = "/api", endpoint = "join_event")]
pub async fn join_event(slug: String) -> Result<Attendance, AppError> {
    let attendance = program::join(&app_state()?, &current_actor()?, &slug).await?;
    leptos_axum::redirect(&format!("/e/{slug}?done=joined"));
    Ok(attendance)
}

/// Gives the visitor's place back.
#[server(prefix = "/api", endpoint = "leave_event")]
pub async fn leave_event(slug: String) -> Result<Attendance, AppError> {
    let attendance = program::leave(&app_state()?, &current_actor()?, &slug).await?;
    leptos_axum::redirect(&format!("/e/{slug}?done=left"));
    Ok(attendance)
}

/// Stars (`starred` true) or unstars a session in the visitor's personal agenda. `back` is
/// the page to return to without JavaScript.
#[server(prefix = "/api", endpoint = "star_session")]
pub async fn star_session(
    slug: String,
    id: AgendaItemId,
    starred: bool,
    #[server(default)] back: Option<String>,
) -> Result<(), AppError> {
    program::star(&app_state()?, &current_actor()?, &slug, id, starred).await?;
    if let Some(back) = back {
        let fallback = format!("/e/{slug}/schedule");
        let path = crate::api::accounts::local_path(Some(&back));
        leptos_axum::redirect(if path == "/account" && back != "/account" {
            &fallback
        } else {
            &path
        });
    }
    Ok(())
}

/// The signed-in person's events and personal agenda, for the account page.
#[server(prefix = "/api", endpoint = "get_my_program")]
pub async fn get_my_program() -> Result<MyProgram, AppError> {
    let state = app_state()?;
    let fresh = services::accounts::flash::take_flash(
        &state.config,
        &crate::context::exchange()?,
        CALENDAR_LINK,
    )?;
    program::my_program(&state, &current_actor()?, fresh.as_deref()).await
}

/// The cookie that carries a new calendar link's secret to the account page, once: never in
/// the page's address, where history and `Referer` headers would keep it.
#[cfg(feature = "ssr")]
const CALENDAR_LINK: &str = "convene_calendar_link";

/// Makes a new private calendar link (the old one stops working) and shows it once.
#[server(prefix = "/api", endpoint = "create_agenda_feed")]
pub async fn create_agenda_feed() -> Result<(), AppError> {
    let state = app_state()?;
    let secret = program::new_agenda_feed(&state, &current_actor()?).await?;
    services::accounts::flash::set_flash(
        &state.config,
        &crate::context::exchange()?,
        CALENDAR_LINK,
        &secret,
    )?;
    leptos_axum::redirect("/account?done=calendar#agenda");
    Ok(())
}
