//! Downloads for organizers: CSV exports of speakers, sessions and attendees. Plain GET
//! routes (reading only), authorized by the same policy as the server functions, through the
//! session cookie.

use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Extension, Router};
use domain::error::AppError;
use domain::tickets::roster::RosterFilter;
use services::Services;
use services::accounts::session::Actor;
use services::organizer::export;
use services::tickets::roster;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/speakers.csv", get(speakers))
        .route("/manage/{org}/events/{event}/sessions.csv", get(sessions))
        .route("/manage/{org}/events/{event}/attendees.csv", get(attendees))
}

/// The caller, as the session middleware found them.
fn signed(actor: Option<Extension<Actor>>) -> Actor {
    actor.map(|Extension(a)| a).unwrap_or(Actor::Anonymous)
}

fn csv(filename: String, body: impl IntoResponse) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
}

async fn speakers(
    State(state): State<Services>,
    actor: Option<Extension<Actor>>,
    Path(org): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let body = export::speakers_csv(&state, &signed(actor), &org).await?;
    Ok(csv(format!("{org}-speakers.csv"), body))
}

async fn sessions(
    State(state): State<Services>,
    actor: Option<Extension<Actor>>,
    Path((org, event)): Path<(String, String)>,
) -> Result<impl IntoResponse, AppError> {
    let body = export::sessions_csv(&state, &signed(actor), &org, &event).await?;
    Ok(csv(format!("{event}-sessions.csv"), body))
}

/// The attendees the filter in the query picks, with their answers; streamed, so the first
/// lines leave before the last are read. A database failure half-way cuts the download off
/// (the client sees it incomplete, never a file that looks whole).
async fn attendees(
    State(state): State<Services>,
    actor: Option<Extension<Actor>>,
    Path((org, event)): Path<(String, String)>,
    Query(filter): Query<RosterFilter>,
) -> Result<impl IntoResponse, AppError> {
    let (file, lines) = roster::csv(&state, &signed(actor), &org, &event, &filter).await?;
    Ok(csv(file, Body::from_stream(lines)))
}
