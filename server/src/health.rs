//! `/healthz` (the process answers) and `/readyz` (it can reach its database).

use std::time::Duration;

use crate::state::AppState;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use services::Services;

/// Routes for the two probes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
}

async fn healthz() -> &'static str {
    "ok"
}

/// 200 when a database round trip succeeds within two seconds, 503 otherwise, so a load
/// balancer stops sending traffic to an instance that cannot serve it.
async fn readyz(State(state): State<Services>) -> (StatusCode, &'static str) {
    match tokio::time::timeout(Duration::from_secs(2), state.db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready"),
        Ok(Err(error)) => {
            tracing::warn!(error = format!("{error:#}"), "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => {
            tracing::warn!("not ready: the database took over 2 s to answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
