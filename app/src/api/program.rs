//! The public program of an event: schedule, sessions, speakers, joining and starring.

// `render_program` takes each URL parameter of the pages as an argument.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use domain::AgendaItemId;
use domain::error::AppError;
use domain::program::{RenderedPage, SchedulePage, SessionPage, SpeakersPage};
use domain::registration::{Attendance, MyProgram};

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

/// The content of a public event page, rendered by the server: `page` is `event` (with
/// `done`, or the error `refused` by the form `form`: the outcome of the visitor's last join
/// or cancel), `schedule` (filtered by the words `q`, a `track` and a `room`), `session`
/// (`id` a session), `speakers` (`id` blank for all, or a speaker), or one of the feed's
/// (see [`super::feed_pages`]; `before` and `kind` page and filter the timeline).
/// One function, so the browser carries one stub.
#[server(prefix = "/api", endpoint = "render_program")]
pub async fn render_program(
    slug: String,
    page: String,
    #[server(default)] id: String,
    #[server(default)] q: String,
    #[server(default)] track: String,
    #[server(default)] room: String,
    #[server(default)] done: String,
    #[server(default)] refused: String,
    #[server(default)] form: String,
    #[server(default)] before: String,
    #[server(default)] kind: String,
) -> Result<RenderedPage, AppError> {
    use crate::pages::program_views::{self as views, Filters, Notice};
    let (state, actor) = (app_state()?, current_actor()?);
    let not_found = |what: &str| AppError::NotFound(what.into());
    if let Some(feed_page) = page.strip_prefix("feed") {
        let refused = (!refused.is_empty()).then(|| {
            let error =
                leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(&refused);
            (form, error)
        });
        let request = super::feed_pages::Request {
            page: feed_page,
            id: &id,
            before: &before,
            kind: &kind,
            done: &done,
            refused,
        };
        return super::feed_pages::render(&state, &actor, &slug, request).await;
    }
    match page.as_str() {
        "event" => {
            let (details, attendance) = program::event_page(&state, &actor, &slug).await?;
            let refused = match form.as_str() {
                "join_event" | "leave_event" => refused.as_str(),
                _ => "",
            };
            let notice = match (done.as_str(), refused) {
                (_, raw) if !raw.is_empty() => Some(Notice::Refused(
                    leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(raw)
                        .to_string(),
                )),
                ("joined", _) => Some(Notice::Done("You are registered. See you there!")),
                ("left", _) => Some(Notice::Done("Your place has been released.")),
                _ => None,
            };
            Ok(views::event(details, attendance, notice))
        }
        "schedule" => {
            let data = program::schedule(&state, &actor, &slug).await?;
            Ok(views::schedule(&data, &Filters { q, track, room }))
        }
        "session" => {
            let id = id.parse().map_err(|_| not_found("session"))?;
            let data = program::session(&state, &actor, &slug, AgendaItemId(id)).await?;
            Ok(views::session(data))
        }
        "speakers" => {
            let only = match id.as_str() {
                "" => None,
                raw => Some(domain::SpeakerId(
                    raw.parse().map_err(|_| not_found("speaker"))?,
                )),
            };
            let data = program::speakers_page(&state, &slug).await?;
            views::speakers(data, only).ok_or_else(|| not_found("speaker"))
        }
        _ => Err(not_found("page")),
    }
}

/// The visitor's place at the event, and how full it is.
#[server(prefix = "/api", endpoint = "get_attendance")]
pub async fn get_attendance(slug: String) -> Result<Attendance, AppError> {
    program::attendance(&app_state()?, &current_actor()?, &slug).await
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
