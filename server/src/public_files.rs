//! The public documents that are not pages: iCalendar exports, `sitemap.xml` and
//! `robots.txt`.

use crate::state::AppState;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use domain::AgendaItemId;
use domain::error::AppError;
use services::Services;
use services::db::events;
use services::{calendar, time};

/// A sitemap file holds at most 50,000 URLs; three per event.
const SITEMAP_EVENTS: i64 = 16_000;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/e/{slug}/calendar.ics", get(event_calendar))
        .route(
            "/e/{slug}/sessions/{id}/calendar.ics",
            get(session_calendar),
        )
        .route("/agenda/{file}", get(personal_calendar))
        .route("/sitemap.xml", get(sitemap))
        .route("/robots.txt", get(robots))
}

fn ics(slug: &str, body: String) -> impl IntoResponse + use<> {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{slug}.ics\""),
            ),
            (header::CACHE_CONTROL, "public, max-age=300".to_owned()),
        ],
        body,
    )
}

async fn event_calendar(
    State(state): State<Services>,
    Path(slug): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let body = calendar::event_calendar(&state, &slug).await?;
    Ok(ics(&slug, body))
}

async fn session_calendar(
    State(state): State<Services>,
    Path((slug, id)): Path<(String, String)>,
) -> Result<impl IntoResponse, AppError> {
    let id = id
        .parse()
        .map(AgendaItemId)
        .map_err(|_| AppError::NotFound("session".into()))?;
    let body = calendar::session_calendar(&state, &slug, id).await?;
    Ok(ics(&slug, body))
}

/// `/agenda/{secret}.ics`: a person's starred sessions. Never cached by shared caches: the
/// address is the only key.
async fn personal_calendar(
    State(state): State<Services>,
    Path(file): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let secret = file
        .strip_suffix(".ics")
        .ok_or_else(|| AppError::NotFound("calendar".into()))?;
    let body = calendar::personal_calendar(&state, secret).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        body,
    ))
}

/// Published, listed events and their schedule and speaker pages. Drafts, archived and
/// unlisted events are never in it.
async fn sitemap(State(state): State<Services>) -> Result<impl IntoResponse, AppError> {
    let rows = events::listed_slugs(&state.db, SITEMAP_EVENTS)
        .await
        .map_err(AppError::db("cannot build the sitemap"))?;
    let base = state.config.base_url.trim_end_matches('/');
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    xml.push_str(&format!("<url><loc>{base}/</loc></url>\n"));
    for (slug, updated_at) in rows {
        // Slugs are [a-z0-9-]: nothing to escape.
        let lastmod = time::utc_date(updated_at);
        for page in ["", "/schedule", "/speakers"] {
            xml.push_str(&format!(
                "<url><loc>{base}/e/{slug}{page}</loc><lastmod>{lastmod}</lastmod></url>\n"
            ));
        }
    }
    xml.push_str("</urlset>\n");
    Ok((
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        xml,
    ))
}

/// Crawlers may read the public pages, not the workspace, console or API.
async fn robots(State(state): State<Services>) -> impl IntoResponse {
    let base = state.config.base_url.trim_end_matches('/');
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "User-agent: *\nDisallow: /api/\nDisallow: /manage\nDisallow: /admin\n\
             Disallow: /account\nDisallow: /agenda/\nSitemap: {base}/sitemap.xml\n"
        ),
    )
}
