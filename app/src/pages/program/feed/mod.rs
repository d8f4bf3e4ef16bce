//! The feed's pages: `/e/{event}/feed` (the timeline), `/e/{event}/feed/posts/{id}` (one
//! post with all its comments) and `/e/{event}/feed/reports` (the moderators' queue).
//!
//! Server components over the typed feed functions (`crate::api::feed_pages`). The posts are
//! the [`LiveFeed`] island: live through server-sent events, likes shown at once, "Load
//! more" in place. Every action is also a plain form, so the feed works without JavaScript;
//! a form refused without it comes back with its error next to the field it concerns.

mod live;
mod moderation;
mod post;

use leptos::prelude::*;
use leptos::server_fn::error::ServerFnUrlError;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use domain::PostId;
use domain::error::AppError;
use domain::feed::{Cursor, FeedFrame, FeedView, KindFilter, Readable};

use super::{PageMeta, ProgramMeta, loaded, param};
use crate::api::feed_pages::{get_feed_post, get_feed_reports, get_feed_timeline};
use crate::components::event_nav::{EventNav, EventTab};
use crate::components::form::TextArea;
use live::{Listed, LiveFeed};

const BUTTON: &str = "rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink";

/// A form the server refused without JavaScript: its server function and the error.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    /// The server function's name, as in `/api/{form}`.
    pub form: String,
    /// Why it refused, with what was typed.
    pub error: AppError,
}

impl Refusal {
    /// The error, when the refused form was `endpoint` about `post` (`None`: no post).
    fn of(refused: Option<&Self>, endpoint: &str, post: Option<PostId>) -> Option<AppError> {
        let refusal = refused.filter(|r| r.form == endpoint)?;
        let kept = refusal.error.kept("post");
        (kept.map(str::to_owned) == post.map(|p| p.to_string())).then(|| refusal.error.clone())
    }
}

/// What the address says: the refused form, if any, and the sentence for the last form's
/// success (`done`).
fn address() -> (Option<Refusal>, Option<&'static str>) {
    let query = use_query_map();
    let query = query.read_untracked();
    let refusal = query.get("__path").and_then(|path| {
        let form = path.strip_prefix("/api/")?.to_owned();
        let error = ServerFnUrlError::<AppError>::decode_err(&query.get("__err")?);
        Some(Refusal { form, error })
    });
    let done = match query.get("done").as_deref() {
        Some("posted") => Some("Posted."),
        Some("deleted") => Some("The post was deleted."),
        Some("reported") => Some("Thank you. The organizers will look at it."),
        Some("access") => Some("Saved who can read the feed."),
        _ => None,
    };
    (refusal, done)
}

/// `/e/{event}/feed`, paged with `before` and filtered with `kind` in the address.
#[component]
pub fn FeedRoute() -> impl IntoView {
    let query = use_query_map();
    let (before, kind) = query.with_untracked(|q| {
        let before = Cursor::parse(&q.get("before").unwrap_or_default()).map(|c| c.0);
        (
            before,
            KindFilter::parse(&q.get("kind").unwrap_or_default()),
        )
    });
    let slug = param("slug");
    let data = Resource::new(
        move || slug.clone(),
        move |slug| get_feed_timeline(slug, before, Some(kind.as_query().to_owned())),
    );
    let (refused, done) = address();
    loaded(data, move |FeedView { frame, content }| {
        let meta = PageMeta {
            description: format!("What people at {} are saying.", frame.title),
            ..PageMeta::titled(format!("Feed · {}", frame.title))
        };
        let shown = match content {
            Readable::Shown(page) => {
                let first = before.is_none();
                view! {
                    <div class="mx-auto flex max-w-2xl flex-col gap-6">
                        {first.then(|| view! { <Compose frame=frame.clone() refused=refused.clone() /> })}
                        <Tabs frame=frame.clone() current=kind />
                        <LiveFeed frame=frame.clone() listed=Listed::Timeline { page, filter: kind, first } refused=refused.clone() />
                    </div>
                }
                .into_any()
            }
            closed => view! { <Closed frame=frame.clone() signed_out=matches!(closed, Readable::SignInFirst) /> }.into_any(),
        };
        view! {
            <ProgramMeta meta />
            <FeedHeader frame=frame.clone() done />
            {shown}
        }
    })
}

/// `/e/{event}/feed/posts/{id}`: one post with every comment.
#[component]
pub fn FeedPostRoute() -> impl IntoView {
    let (slug, id) = (param("slug"), param("id"));
    let data = Resource::new(
        move || (slug.clone(), id.clone()),
        |(slug, id)| async move {
            let id = id.parse().map_err(|_| AppError::NotFound("post".into()))?;
            let FeedView { frame, content } = get_feed_post(slug, PostId(id), true).await?;
            let content = match content {
                Readable::Shown(Some(post)) => Readable::Shown(post),
                Readable::Shown(None) => return Err(AppError::NotFound("post".into())),
                Readable::SignInFirst => Readable::SignInFirst,
                Readable::JoinFirst => Readable::JoinFirst,
            };
            Ok(FeedView { frame, content })
        },
    );
    let (refused, done) = address();
    loaded(data, move |FeedView { frame, content }| {
        let shown = match content {
            Readable::Shown(post) => {
                let excerpt: String = post.body.chars().take(140).collect();
                let meta = PageMeta {
                    description: excerpt,
                    ..PageMeta::titled(format!("{} in the {} feed", post.author, frame.title))
                };
                view! {
                    <ProgramMeta meta />
                    <div class="mx-auto max-w-2xl" id="comments">
                        <p class="mb-4"><a href=format!("/e/{}/feed", frame.slug) class="text-accent underline">"← All posts"</a></p>
                        <LiveFeed frame=frame.clone() listed=Listed::Single(post) refused=refused.clone() />
                    </div>
                }
                .into_any()
            }
            closed => view! {
                <ProgramMeta meta=PageMeta::titled(format!("Feed · {}", frame.title)) />
                <Closed frame=frame.clone() signed_out=matches!(closed, Readable::SignInFirst) />
            }
            .into_any(),
        };
        view! {
            <FeedHeader frame=frame.clone() done />
            {shown}
        }
    })
}

/// `/e/{event}/feed/reports`: the moderators' queue and the feed's settings.
#[component]
pub fn FeedReportsRoute() -> impl IntoView {
    let slug = param("slug");
    let data = Resource::new(move || slug.clone(), get_feed_reports);
    let (_, done) = address();
    loaded(data, move |FeedView { frame, content }| {
        let shown = match content {
            Readable::Shown(reports) => {
                view! { <moderation::Reports frame=frame.clone() reports /> }.into_any()
            }
            closed => view! { <Closed frame=frame.clone() signed_out=matches!(closed, Readable::SignInFirst) /> }.into_any(),
        };
        view! {
            <ProgramMeta meta=PageMeta::titled(format!("Moderation · {}", frame.title)) />
            <FeedHeader frame=frame.clone() done />
            {shown}
        }
    })
}

/// The event's name, the page's heading, the event's tabs and the last form's outcome.
#[component]
fn FeedHeader(frame: FeedFrame, done: Option<&'static str>) -> impl IntoView {
    let slug = frame.slug;
    view! {
        <p class="text-sm text-muted"><a href=format!("/e/{slug}") class="text-accent underline">{frame.title}</a></p>
        <h1 class="mb-4 text-3xl font-bold tracking-tight">"Feed"</h1>
        <EventNav slug=slug current=EventTab::Feed />
        {done.map(|text| view! { <p role="status" class="mb-4 rounded-lg border border-line bg-accent-soft px-3 py-2 text-sm">{text}</p> })}
    }
}

/// A feed the reader may not read: why, and what to do about it.
#[component]
fn Closed(frame: FeedFrame, signed_out: bool) -> impl IntoView {
    let slug = frame.slug;
    let action = match signed_out {
        true => view! {
            <a href=format!("/login?next=/e/{slug}/feed") class=BUTTON>"Sign in"</a>
        }
        .into_any(),
        false => {
            view! { <a href=format!("/e/{slug}") class=BUTTON>"Join the event"</a> }.into_any()
        }
    };
    view! {
        <div class="mx-auto flex max-w-2xl flex-col items-start gap-4 rounded-xl border border-line bg-surface p-6">
            <p>"This feed is for the people who joined the event."</p>
            {action}
        </div>
    }
}

/// The timeline's filters: links, so they work without JavaScript.
#[component]
fn Tabs(frame: FeedFrame, current: KindFilter) -> impl IntoView {
    let feed = format!("/e/{}/feed", frame.slug);
    let tab = |which: KindFilter, label: &'static str| {
        let query = which.as_query();
        let href = if query.is_empty() {
            feed.clone()
        } else {
            format!("{feed}?kind={query}")
        };
        let chosen = which == current;
        view! {
            <a href=href aria-current=chosen.then_some("page")
                class=if chosen { "rounded-full bg-accent-soft px-3 py-1 font-semibold no-underline" } else { "rounded-full px-3 py-1 text-muted no-underline hover:text-ink" }>
                {label}
            </a>
        }
    };
    view! {
        <nav aria-label="Show" class="flex gap-2 text-sm">
            {tab(KindFilter::All, "Everything")}
            {tab(KindFilter::Posts, "Posts")}
            {tab(KindFilter::Announcements, "Announcements")}
            {frame.rights.moderates.then(|| view! {
                <a href=format!("{feed}/reports") class="ml-auto rounded-full px-3 py-1 text-accent underline">"Moderation"</a>
            })}
        </nav>
    }
}

/// The box to write a post: a multipart form (it may carry an image) the server handles at
/// `POST /e/{event}/feed/posts`, or why there is none.
#[component]
fn Compose(frame: FeedFrame, refused: Option<Refusal>) -> impl IntoView {
    let slug = frame.slug;
    let rights = frame.rights;
    if !rights.can_post {
        let text = if rights.muted {
            view! { <p>"A moderator muted you in this feed: you can read it, but not post or comment."</p> }.into_any()
        } else if rights.user.is_none() {
            view! { <p><a href=format!("/login?next=/e/{slug}/feed") class="text-accent underline">"Sign in"</a>" and join the event to post."</p> }.into_any()
        } else {
            view! { <p><a href=format!("/e/{slug}") class="text-accent underline">"Join the event"</a>" to post, comment and like."</p> }.into_any()
        };
        return view! { <div class="rounded-xl border border-line bg-surface p-4 text-sm text-muted">{text}</div> }.into_any();
    }
    let error = Refusal::of(refused.as_ref(), "create_post", None);
    let image_error = error
        .as_ref()
        .and_then(|e| e.field_message("image").map(str::to_owned));
    let general = error
        .as_ref()
        .filter(|e| !matches!(e, AppError::Invalid { .. }))
        .map(ToString::to_string);
    let error = Signal::stored(error);
    view! {
        <form id="compose" method="post" action=format!("/e/{slug}/feed/posts") enctype="multipart/form-data"
            class="flex flex-col gap-3 rounded-xl border border-line bg-surface p-4" novalidate>
            {general.map(|text| view! { <p role="alert" class="text-sm text-danger">{text}</p> })}
            <TextArea label="Write a post" name="body" error rows=3 form="compose"
                hint="Up to 2,000 characters. **bold**, *italic* and links work." />
            <div class="flex flex-col gap-1">
                <label for="compose-image" class="text-sm font-semibold">"Image (optional)"</label>
                <input id="compose-image" type="file" name="image" accept="image/jpeg,image/png,image/webp,image/gif"
                    aria-describedby=image_error.as_ref().map(|_| "compose-image-error") class="text-sm" />
                {image_error.map(|m| view! { <p id="compose-image-error" class="text-sm text-danger">{m}</p> })}
            </div>
            <div class="flex items-center justify-between gap-3">
                {rights.moderates.then(|| view! {
                    <label class="flex items-center gap-2 text-sm">
                        <input type="checkbox" name="announcement" value="1" />
                        "Post as an announcement from the organizers (pinned)"
                    </label>
                })}
                <button type="submit" class=format!("{BUTTON} ml-auto")>"Post"</button>
            </div>
        </form>
    }
    .into_any()
}
