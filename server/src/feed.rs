//! The feed's two routes that are not server functions: writing a post (a multipart form,
//! since it may carry an image) and the live stream of changes (server-sent events).

use std::convert::Infallible;
use std::time::Duration;

use crate::state::AppState;
use axum::extract::multipart::Multipart;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use domain::error::AppError;
use domain::feed::{FeedChange, PostKind};
use futures_util::stream::{self, Stream, StreamExt};
use leptos::server_fn::error::ServerFnUrlError;
use services::Services;
use services::accounts::session::{Actor, Client};
use services::db::{self, sessions};
use services::feed::streams::{Reader, Slot};
use services::feed::{self, posts};
use services::policy::FeedAction;
use tokio::sync::broadcast::error::RecvError;

use crate::uploads::{UPLOAD_BODY_LIMIT, Unread, read_form, signed};

/// The feed's own routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/e/{slug}/feed/posts",
            post(create_post).layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT)),
        )
        .route("/e/{slug}/feed/live", get(live))
}

/// The event whose feed `path` posts to, for the upload body limit.
pub fn posting_to(path: &str) -> Option<&str> {
    path.strip_prefix("/e/")?.strip_suffix("/feed/posts")
}

/// Back to the feed's form with `error` and what was typed, exactly as a refused server
/// function comes back (so the page shows both the same way).
pub fn refused(slug: &str, error: AppError) -> Response {
    let page = format!("http://convene.invalid/e/{slug}/feed");
    match ServerFnUrlError::new("/api/create_post", error).to_url(&page) {
        Ok(url) => {
            let query = url.query().unwrap_or_default();
            Redirect::to(&format!("{}?{query}#compose", url.path())).into_response()
        }
        Err(_) => AppError::Internal.into_response(),
    }
}

/// `POST /e/{slug}/feed/posts`: `body`, an optional `image` file, and `announcement` for
/// an organizer's announcement.
async fn create_post(
    State(state): State<Services>,
    caller: Option<Extension<Actor>>,
    Extension(client): Extension<Client>,
    Path(slug): Path<String>,
    form: Multipart,
) -> Response {
    let feed = match feed::open(&state, &signed(caller), &slug).await {
        Ok(feed) => feed,
        Err(error) => return error.into_response(),
    };
    // Refused before the file is read: only people who may post upload anything.
    if let Err(error) = feed.allow(FeedAction::Participate) {
        return error.into_response();
    }
    let posted = match read_form(form, "image").await {
        Ok(posted) => posted,
        Err(Unread::TooLarge) => {
            return image_too_large(&slug);
        }
        Err(Unread::Malformed(error)) => {
            return (error.status(), error.body_text()).into_response();
        }
    };
    let draft = posts::Draft {
        kind: if posted.field("announcement").is_empty() {
            PostKind::Post
        } else {
            PostKind::Announcement
        },
        body: posted.field("body").to_owned(),
        image: posted.file.map(|(_, bytes)| bytes.to_vec()),
        from: client.ip,
    };
    match posts::create(&state, &feed, draft).await {
        Ok(id) => Redirect::to(&format!("/e/{slug}/feed?done=posted#post-{id}")).into_response(),
        Err(error @ AppError::Invalid { .. }) => refused(&slug, error),
        Err(error) => error.into_response(),
    }
}

/// Back to the post form: the image is over the upload limit.
pub fn image_too_large(slug: &str) -> Response {
    let problem = domain::image::ImageProblem::TooLarge;
    refused(slug, AppError::invalid("image", problem.to_string()))
}

/// How often an idle stream sends a comment, so proxies keep it open and a vanished reader
/// is noticed (the write fails) and its memory freed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// `GET /e/{slug}/feed/live`: the feed's changes as server-sent events, one
/// [`FeedChange`] per message, as text (`posted 12`, `likes 12 7`…). A reader holds a few
/// streams at most ([`streams`]), and each stream checks every
/// `CONVENE_FEED_STREAM_RECHECK_SECS` that its reader may still read: one signed out,
/// deactivated or no longer allowed (an event made attendees-only, a removed attendee) is
/// closed.
async fn live(
    State(state): State<Services>,
    caller: Option<Extension<Actor>>,
    Extension(client): Extension<Client>,
    Path(slug): Path<String>,
) -> Response {
    let actor = signed(caller);
    let feed = match feed::open(&state, &actor, &slug).await {
        Ok(feed) => feed,
        Err(error) => return error.into_response(),
    };
    if let Err(error) = feed.allow(FeedAction::Read) {
        return error.into_response();
    }
    let reader = match &actor {
        Actor::User(me) => Reader::Person(me.user_id),
        Actor::Anonymous => Reader::Address(client.ip),
    };
    let Some(slot) = state.feed_hub.slots.take(reader) else {
        return AppError::Throttled(1).into_response();
    };
    let Some(receiver) = state.feed_hub.subscribe(feed.event.id) else {
        return AppError::Unavailable.into_response();
    };
    let reading = Reading {
        state,
        actor,
        slug,
        _slot: slot,
    };
    Sse::new(changes(receiver, reading))
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response()
}

/// Who reads a stream, to check again that they still may; holds the stream's slot.
struct Reading {
    state: Services,
    actor: Actor,
    slug: String,
    _slot: Slot,
}

impl Reading {
    /// Whether the reader may still read. A database that does not answer closes nothing.
    async fn may_go_on(&self) -> bool {
        if let Actor::User(me) = &self.actor {
            let idle = self.state.config.session_idle.as_secs() as i64;
            match sessions::is_live(&self.state.db, me.session_id, db::now(), idle).await {
                Ok(true) => {}
                Ok(false) => return false,
                Err(_) => return true,
            }
        }
        match feed::open(&self.state, &self.actor, &self.slug).await {
            Ok(feed) => feed.allow(FeedAction::Read).is_ok(),
            Err(AppError::Unavailable | AppError::Internal) => true,
            Err(_) => false,
        }
    }
}

/// The stream of one reader: first a `reset` (so a reader that reconnects after a gap knows
/// to fetch the list again, and a new one knows it is subscribed), then each change as it
/// comes; a reader that fell behind is told to reload; the stream ends when the server shuts
/// down or the reader may no longer read.
fn changes(
    receiver: tokio::sync::broadcast::Receiver<services::feed::live::Message>,
    reading: Reading,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let hello = Event::default().data(reset());
    let every = reading.state.config.feed_stream_recheck;
    let mut recheck = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    recheck.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    stream::once(async move { Ok(hello) }).chain(stream::unfold(
        (receiver, recheck, reading),
        |(mut receiver, mut recheck, reading)| async move {
            let data = loop {
                tokio::select! {
                    message = receiver.recv() => break match message {
                        Ok(message) => message.to_string(),
                        Err(RecvError::Lagged(_)) => reset(),
                        Err(RecvError::Closed) => return None,
                    },
                    _ = recheck.tick() => {
                        if !reading.may_go_on().await {
                            return None;
                        }
                    }
                }
            };
            Some((
                Ok(Event::default().data(data)),
                (receiver, recheck, reading),
            ))
        },
    ))
}

fn reset() -> String {
    FeedChange::Reset.to_wire()
}
