//! Public event listings and pages.

use leptos::prelude::*;

use domain::error::AppError;
use domain::{EventDetails, EventSummary, SearchQuery};

/// Upcoming public events, soonest first, optionally filtered by a search query.
#[server(prefix = "/api", endpoint = "list_upcoming_events")]
pub async fn list_upcoming_events(query: SearchQuery) -> Result<Vec<EventSummary>, AppError> {
    let state = crate::context::app_state()?;
    services::public_events::upcoming(&state.db, &query).await
}

/// One published event by its URL slug. The slug arrives as typed in the URL, not as a
/// [`Slug`](domain::Slug): a malformed one is simply not found (404), like a missing one.
#[server(prefix = "/api", endpoint = "get_event")]
pub async fn get_event(slug: String) -> Result<EventDetails, AppError> {
    let state = crate::context::app_state()?;
    let base_url = &state.config.base_url;
    services::public_events::by_slug(&state.db, base_url, &slug).await
}

/// `/events`: public events matching the words `q` (in the event, its sessions or its
/// speakers), `when` (`upcoming` or `past`) and `attendance` (`any`, `in-person`, `online`),
/// continuing `after` a cursor from the previous page. Anything unknown means the default.
#[server(prefix = "/api", endpoint = "discover_events")]
pub async fn discover_events(
    #[server(default)] q: String,
    #[server(default)] when: String,
    #[server(default)] attendance: String,
    #[server(default)] after: String,
) -> Result<domain::discovery::DiscoveryPage, AppError> {
    use domain::discovery::{Attendance, Cursor, Discovery, When};
    let state = crate::context::app_state()?;
    let query = Discovery {
        text: SearchQuery::new(&q),
        when: When::parse(&when),
        attendance: Attendance::parse(&attendance),
        after: Cursor::parse(&after),
    };
    services::public_events::discover(&state.db, query).await
}
