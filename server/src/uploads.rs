//! Uploads from the organizer workspace (event covers, speaker photos, CSV imports) and the
//! image files they produce. Uploads are plain multipart form posts, so they work without JavaScript:
//! the answer is a redirect back to the page, with a short code saying why a file was refused.
//! The caller is authorized by the same policy as the server functions before the file is
//! read.

use app::domain::SpeakerId;
use app::domain::image::ImageProblem;
use app::domain::import::ImportProblem;
use app::server::AppState;
use app::server::accounts::session::Actor;
use app::server::media;
use app::server::organizer::images::{self, Target, UploadError};
use app::server::organizer::imports;
use axum::extract::multipart::Multipart;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Extension, Router};
use tower_http::services::ServeDir;

/// The largest upload request: the image plus the form's other fields.
pub const UPLOAD_BODY_LIMIT: usize = media::MAX_UPLOAD_BYTES + 64 * 1024;

/// The upload routes and the files they produce.
pub fn routes(state: &AppState) -> Router<AppState> {
    let files = Router::new()
        .nest_service(
            media::URL_PREFIX,
            ServeDir::new(media::directory(&state.config.data_dir)),
        )
        .layer(axum::middleware::map_response(immutable));
    Router::new()
        .route("/manage/{org}/events/{event}/cover", post(cover))
        .route("/manage/{org}/speakers/{id}/photo", post(photo))
        .route("/manage/{org}/speakers/import", post(import_speakers))
        .route(
            "/manage/{org}/events/{event}/sessions/import",
            post(import_sessions),
        )
        .layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT))
        .merge(files)
}

/// A file's name is the hash of its content, so it never changes meaning: browsers may keep
/// it for a year. (Not a 404: the file may be written later.)
async fn immutable(mut response: Response) -> Response {
    if response.status().is_success() {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
    }
    response
}

/// For an upload route, the answer to a body over [`UPLOAD_BODY_LIMIT`]: back to its form,
/// saying the file is too large. `None` for every other route.
pub fn oversized(path: &str) -> Option<Response> {
    if !path.starts_with("/manage/") {
        return None;
    }
    if let Some(page) = path
        .strip_suffix("/cover")
        .or_else(|| path.strip_suffix("/photo"))
    {
        return Some(refused(page, ImageProblem::TooLarge));
    }
    let page = path.strip_suffix("/import")?;
    let page = page.strip_suffix("/sessions").unwrap_or(page);
    Some(import_refused(page, ImportProblem::TooLarge))
}

/// The answer to an image refused for `problem`: back to the page, saying why.
pub fn refused(page: &str, problem: ImageProblem) -> Response {
    Redirect::to(&format!("{page}?image_error={}#image", problem.code())).into_response()
}

/// The answer to a CSV file refused for `problem`: back to the page, saying why.
fn import_refused(page: &str, problem: ImportProblem) -> Response {
    Redirect::to(&format!("{page}?import_error={}#import", problem.code())).into_response()
}

async fn import_speakers(
    State(state): State<AppState>,
    actor: Option<Extension<Actor>>,
    Path(org): Path<String>,
    multipart: Multipart,
) -> Response {
    match imports::speakers_target(&state, &signed(actor), &org).await {
        Ok(target) => import(&state, &target, multipart).await,
        Err(error) => error.into_response(),
    }
}

async fn import_sessions(
    State(state): State<AppState>,
    actor: Option<Extension<Actor>>,
    Path((org, event)): Path<(String, String)>,
    multipart: Multipart,
) -> Response {
    match imports::sessions_target(&state, &signed(actor), &org, &event).await {
        Ok(target) => import(&state, &target, multipart).await,
        Err(error) => error.into_response(),
    }
}

/// Reads the form's `file`, stores the preview and shows it.
async fn import(state: &AppState, target: &imports::Target, mut form: Multipart) -> Response {
    let page = target.form_page();
    let mut file = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or("upload.csv").to_owned();
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, bytes)),
                    Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                        return import_refused(&page, ImportProblem::TooLarge);
                    }
                    Err(e) => return (e.status(), e.body_text()).into_response(),
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return import_refused(&page, ImportProblem::TooLarge);
            }
            Err(e) => return (e.status(), e.body_text()).into_response(),
        }
    }
    let Some((name, bytes)) = file else {
        return import_refused(&page, ImportProblem::Empty);
    };
    match imports::preview(state, target, &name, &bytes).await {
        Ok(id) => {
            let org = page.split('/').nth(2).unwrap_or_default();
            Redirect::to(&format!("/manage/{org}/imports/{id}")).into_response()
        }
        Err(imports::UploadError::Refused(problem)) => import_refused(&page, problem),
        Err(imports::UploadError::Failed(error)) => error.into_response(),
    }
}

fn signed(actor: Option<Extension<Actor>>) -> Actor {
    actor.map(|Extension(a)| a).unwrap_or(Actor::Anonymous)
}

async fn cover(
    State(state): State<AppState>,
    actor: Option<Extension<Actor>>,
    Path((org, event)): Path<(String, String)>,
    multipart: Multipart,
) -> Response {
    let page = format!("/manage/{org}/events/{event}");
    match images::cover(&state, &signed(actor), &org, &event).await {
        Ok(target) => finish(&state, &target, multipart, &page).await,
        Err(error) => error.into_response(),
    }
}

async fn photo(
    State(state): State<AppState>,
    actor: Option<Extension<Actor>>,
    Path((org, id)): Path<(String, i64)>,
    multipart: Multipart,
) -> Response {
    let page = format!("/manage/{org}/speakers/{id}");
    match images::photo(&state, &signed(actor), &org, SpeakerId(id)).await {
        Ok(target) => finish(&state, &target, multipart, &page).await,
        Err(error) => error.into_response(),
    }
}

/// Reads the form (`image`, a file; or `remove`), applies it and answers with a redirect.
async fn finish(state: &AppState, target: &Target, mut form: Multipart, page: &str) -> Response {
    let mut upload = None;
    let mut remove = false;
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            // Cut off at the body limit, or a malformed form.
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return refused(page, ImageProblem::TooLarge);
            }
            Err(e) => return (e.status(), e.body_text()).into_response(),
        };
        match field.name() {
            Some("image") => match field.bytes().await {
                Ok(bytes) => upload = Some(bytes.to_vec()),
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    return refused(page, ImageProblem::TooLarge);
                }
                Err(e) => return (e.status(), e.body_text()).into_response(),
            },
            Some("remove") => remove = true,
            _ => {}
        }
    }
    let upload = match (remove, upload) {
        (true, _) => None,
        (false, Some(bytes)) => Some(bytes),
        (false, None) => return refused(page, ImageProblem::Empty),
    };
    match images::apply(state, target, upload).await {
        Ok(()) => Redirect::to(&format!("{page}?done=image#image")).into_response(),
        Err(UploadError::Refused(problem)) => refused(page, problem),
        Err(UploadError::Failed(error)) => error.into_response(),
    }
}
