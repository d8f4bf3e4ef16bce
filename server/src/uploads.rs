//! Uploads from the organizer workspace (event covers, speaker photos, CSV imports) and the
//! image files they produce. Uploads are plain multipart form posts, so they work without JavaScript:
//! the answer is a redirect back to the page, with a short code saying why a file was refused.
//! The caller is authorized by the same policy as the server functions before the file is
//! read.

use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::multipart::{Multipart, MultipartError};
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Extension, Router};
use domain::SpeakerId;
use domain::error::AppError;
use domain::image::ImageProblem;
use domain::import::ImportProblem;
use services::Services;
use services::accounts::session::Actor;
use services::media;
use services::organizer::UploadError;
use services::organizer::images::{self, Target};
use services::organizer::imports;
use tower_http::services::ServeDir;

/// The largest upload request: the image plus the form's other fields.
pub const UPLOAD_BODY_LIMIT: usize = media::MAX_UPLOAD_BYTES + 64 * 1024;

/// The upload routes and the files they produce.
pub fn routes(state: &Services) -> Router<AppState> {
    let files = Router::new()
        .nest_service(
            media::URL_PREFIX,
            ServeDir::new(media::directory(&state.config.data_dir)),
        )
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            only_while_in_use,
        ));
    Router::new()
        .route("/manage/{org}/events/{event}/cover", post(cover))
        .route("/manage/{org}/speakers/{id}/photo", post(photo))
        .route("/manage/{org}/speakers/import", post(import_speakers))
        .route("/manage/{org}/contacts/import", post(import_contacts))
        .route(
            "/manage/{org}/events/{event}/sessions/import",
            post(import_sessions),
        )
        .layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT))
        .merge(files)
}

/// How long browsers and proxies may keep an image: short enough that hiding a post in the
/// feed takes its image out of view within the hour.
const MEDIA_CACHE: &str = "public, max-age=3600";

/// Serves an image only while something visible uses it (a post not hidden by a moderator,
/// a cover, a photo): a hidden or deleted post's image is "not found", though its file may
/// stay until the sweep (`media::sweep`) or a moderator shows the post again.
async fn only_while_in_use(
    State(state): State<Services>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let name = request
        .uri()
        .path()
        .strip_prefix(media::URL_PREFIX)
        .and_then(|rest| rest.strip_prefix('/'))
        .and_then(media::sweep::image_of);
    let Some(name) = name else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match services::db::media::visible(&state.db, name).await {
        Ok(true) => {}
        Ok(false) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return AppError::database("cannot check an image", error).into_response(),
    }
    let mut response = next.run(request).await;
    if response.status().is_success() {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(MEDIA_CACHE));
    }
    response
}

/// For an upload route, the answer to a body over [`UPLOAD_BODY_LIMIT`]: back to its form,
/// saying the file is too large. `None` for every other route.
pub fn oversized(path: &str) -> Option<Response> {
    if let Some(slug) = crate::feed::posting_to(path) {
        return Some(crate::feed::image_too_large(slug));
    }
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
    back_with_error(page, "image", problem.code())
}

/// The answer to a CSV file refused for `problem`: back to the page, saying why.
fn import_refused(page: &str, problem: ImportProblem) -> Response {
    back_with_error(page, "import", problem.code())
}

/// Back to `page`, at the section `section`, with the problem's code for its field to show.
fn back_with_error(page: &str, section: &str, code: &str) -> Response {
    Redirect::to(&format!("{page}?{section}_error={code}#{section}")).into_response()
}

/// What an upload form sent: its file (name and bytes), whether "remove" was asked, and its
/// other fields.
#[derive(Default)]
pub(crate) struct Posted {
    pub file: Option<(String, Bytes)>,
    pub remove: bool,
    pub fields: Vec<(String, String)>,
}

impl Posted {
    /// The text of the field `name`, or blank.
    pub fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// Why an upload form could not be read.
pub(crate) enum Unread {
    /// Cut off at the body limit.
    TooLarge,
    /// Malformed.
    Malformed(MultipartError),
}

impl From<MultipartError> for Unread {
    fn from(error: MultipartError) -> Self {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Self::TooLarge
        } else {
            Self::Malformed(error)
        }
    }
}

/// Reads the form: the file field `file_field` (absent when no file was chosen), `remove`,
/// and the other fields' text.
pub(crate) async fn read_form(mut form: Multipart, file_field: &str) -> Result<Posted, Unread> {
    let mut posted = Posted::default();
    while let Some(field) = form.next_field().await? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == file_field {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let bytes = field.bytes().await?;
            // A file input left empty still sends a part, with no name and no bytes.
            if !(file_name.is_empty() && bytes.is_empty()) {
                posted.file = Some((file_name, bytes));
            }
        } else if name == "remove" {
            posted.remove = true;
        } else {
            posted.fields.push((name, field.text().await?));
        }
    }
    Ok(posted)
}

async fn import_speakers(
    State(state): State<Services>,
    actor: Option<Extension<Actor>>,
    Path(org): Path<String>,
    multipart: Multipart,
) -> Response {
    match imports::speakers_target(&state, &signed(actor), &org).await {
        Ok(target) => import(&state, &target, multipart).await,
        Err(error) => error.into_response(),
    }
}

async fn import_contacts(
    State(state): State<Services>,
    actor: Option<Extension<Actor>>,
    Path(org): Path<String>,
    multipart: Multipart,
) -> Response {
    match imports::contacts_target(&state, &signed(actor), &org).await {
        Ok(target) => import(&state, &target, multipart).await,
        Err(error) => error.into_response(),
    }
}

async fn import_sessions(
    State(state): State<Services>,
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
async fn import(state: &Services, target: &imports::Target, form: Multipart) -> Response {
    let page = target.form_page();
    let file = match read_form(form, "file").await {
        Ok(posted) => posted.file,
        Err(Unread::TooLarge) => return import_refused(&page, ImportProblem::TooLarge),
        Err(Unread::Malformed(error)) => {
            return (error.status(), error.body_text()).into_response();
        }
    };
    let Some((name, bytes)) = file else {
        return import_refused(&page, ImportProblem::Empty);
    };
    match imports::preview(state, target, &name, &bytes).await {
        Ok(id) => {
            let org = page.split('/').nth(2).unwrap_or_default();
            Redirect::to(&format!("/manage/{org}/imports/{id}")).into_response()
        }
        Err(UploadError::Refused(problem)) => import_refused(&page, problem),
        Err(UploadError::Failed(error)) => error.into_response(),
    }
}

/// The caller the session middleware found, or an anonymous one.
pub(crate) fn signed(actor: Option<Extension<Actor>>) -> Actor {
    actor.map(|Extension(a)| a).unwrap_or(Actor::Anonymous)
}

async fn cover(
    State(state): State<Services>,
    actor: Option<Extension<Actor>>,
    Path((org, event)): Path<(String, String)>,
    multipart: Multipart,
) -> Response {
    let page = format!("/manage/{org}/events/{event}");
    let actor = signed(actor);
    match images::cover(&state, &actor, &org, &event).await {
        Ok(target) => finish(&state, &actor, &target, multipart, &page).await,
        Err(error) => error.into_response(),
    }
}

async fn photo(
    State(state): State<Services>,
    actor: Option<Extension<Actor>>,
    Path((org, id)): Path<(String, i64)>,
    multipart: Multipart,
) -> Response {
    let page = format!("/manage/{org}/speakers/{id}");
    let actor = signed(actor);
    match images::photo(&state, &actor, &org, SpeakerId(id)).await {
        Ok(target) => finish(&state, &actor, &target, multipart, &page).await,
        Err(error) => error.into_response(),
    }
}

/// Reads the form (`image`, a file; or `remove`), applies it and answers with a redirect.
async fn finish(
    state: &Services,
    actor: &Actor,
    target: &Target,
    form: Multipart,
    page: &str,
) -> Response {
    let posted = match read_form(form, "image").await {
        Ok(posted) => posted,
        Err(Unread::TooLarge) => return refused(page, ImageProblem::TooLarge),
        Err(Unread::Malformed(error)) => {
            return (error.status(), error.body_text()).into_response();
        }
    };
    let upload = match posted {
        Posted { remove: true, .. } => None,
        Posted {
            file: Some((_, bytes)),
            ..
        } => Some(bytes.to_vec()),
        Posted { file: None, .. } => return refused(page, ImageProblem::Empty),
    };
    // The target exists only for a signed-in caller, so `actor` has an account here.
    if upload.is_some()
        && let Actor::User(me) = actor
    {
        match services::accounts::service::address_confirmed(state, me.user_id).await {
            Ok(true) => {}
            Ok(false) => return refused(page, ImageProblem::UnconfirmedAddress),
            Err(error) => return error.into_response(),
        }
    }
    match images::apply(state, target, upload).await {
        Ok(()) => Redirect::to(&format!("{page}?done=image#image")).into_response(),
        Err(UploadError::Refused(problem)) => refused(page, problem),
        Err(UploadError::Failed(error)) => error.into_response(),
    }
}
