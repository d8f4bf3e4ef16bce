//! Downloads for organizers: CSV exports of speakers and sessions. Plain GET routes (reading
//! only), authorized by the same policy as the server functions, through the session cookie.

use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Extension, Router};
use domain::error::AppError;
use services::Services;
use services::accounts::session::Actor;
use services::organizer::export;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manage/{org}/speakers.csv", get(speakers))
        .route("/manage/{org}/events/{event}/sessions.csv", get(sessions))
}

/// The caller, as the session middleware found them.
fn signed(actor: Option<Extension<Actor>>) -> Actor {
    actor.map(|Extension(a)| a).unwrap_or(Actor::Anonymous)
}

fn csv(filename: String, body: String) -> impl IntoResponse {
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
