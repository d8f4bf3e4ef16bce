//! Public event listings and pages.

use leptos::prelude::*;

use crate::domain::{EventDetails, EventSummary, SearchQuery};
use crate::error::AppError;

/// Upcoming public events, soonest first, optionally filtered by a search query.
#[server(prefix = "/api", endpoint = "list_upcoming_events")]
pub async fn list_upcoming_events(query: SearchQuery) -> Result<Vec<EventSummary>, AppError> {
    let state = crate::server::app_state()?;
    crate::server::public_events::upcoming(&state.db, &query).await
}

/// One published event by its URL slug. The slug arrives as typed in the URL, not as a
/// [`Slug`](crate::domain::Slug): a malformed one is simply not found (404), like a missing one.
#[server(prefix = "/api", endpoint = "get_event")]
pub async fn get_event(slug: String) -> Result<EventDetails, AppError> {
    let state = crate::server::app_state()?;
    let base_url = &state.config.base_url;
    crate::server::public_events::by_slug(&state.db, base_url, &slug).await
}
