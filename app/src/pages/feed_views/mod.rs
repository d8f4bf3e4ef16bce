//! The feed pages, rendered to HTML on the server only: `/e/{event}/feed` (the timeline),
//! `/e/{event}/feed/posts/{id}` (one post with all its comments) and
//! `/e/{event}/feed/reports` (the moderators' queue). Every action is a plain form, so the
//! feed works without JavaScript; the page's script adds live updates, instant likes and
//! "Load more" (see `crate::pages::feed_live`).

mod moderation;
mod post;

pub use moderation::reports;

use leptos::prelude::*;

use domain::error::AppError;
use domain::feed::{FeedAccess, FeedPost, FeedRights, KindFilter, TimelinePage};
use domain::program::RenderedPage;

use crate::components::event_nav::{EventNav, EventTab};
use crate::components::form::TextArea;

use post::post_item;

/// What the feed pages show around their posts.
pub struct FeedFrame {
    /// The event's URL name.
    pub slug: String,
    /// The event's title.
    pub title: String,
    /// What the reader may do.
    pub rights: FeedRights,
    /// Who may read the feed.
    pub access: FeedAccess,
    /// When the page is made, Unix seconds.
    pub now: i64,
    /// The sentence after a successful form (`done` in the address).
    pub notice: Option<&'static str>,
    /// A refused form: the server function's name and its error.
    pub refused: Option<(String, AppError)>,
}

impl FeedFrame {
    /// The refusal of `endpoint`, when it concerns `post` (or no post, for `None`).
    pub(super) fn refusal(&self, endpoint: &str, post: Option<String>) -> Option<AppError> {
        let (name, error) = self.refused.as_ref()?;
        let kept = error.kept("post").map(str::to_owned);
        (name == endpoint && kept == post).then(|| error.clone())
    }
}

/// The sentence for a `done` code.
pub fn notice(done: &str) -> Option<&'static str> {
    match done {
        "posted" => Some("Posted."),
        "deleted" => Some("The post was deleted."),
        "reported" => Some("Thank you. The organizers will look at it."),
        "access" => Some("Saved who can read the feed."),
        _ => None,
    }
}

pub(super) const BUTTON: &str = "rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink";
const SMALL: &str = "text-sm text-muted underline hover:text-ink";

/// `/e/{event}/feed`.
pub fn timeline(
    frame: &FeedFrame,
    page: TimelinePage,
    filter: KindFilter,
    first: bool,
) -> RenderedPage {
    let slug = frame.slug.clone();
    let back = format!("/e/{slug}/feed");
    let pinned = page
        .pinned
        .into_iter()
        .map(|p| post_item(frame, p, &back))
        .collect_view();
    let posts = items(frame, page.posts, &back);
    let empty = posts.is_empty() && first;
    let tab = |which: KindFilter, label: &'static str| {
        let query = which.as_query();
        let href = if query.is_empty() {
            back.clone()
        } else {
            format!("{back}?kind={query}")
        };
        let current = which == filter;
        view! {
            <a href=href aria-current=current.then_some("page")
                class=if current { "rounded-full bg-accent-soft px-3 py-1 font-semibold no-underline" } else { "rounded-full px-3 py-1 text-muted no-underline hover:text-ink" }>
                {label}
            </a>
        }
    };
    let html = view! {
        {header(frame)}
        {frame.notice.map(|text| view! { <p role="status" class="mb-4 rounded-lg border border-line bg-accent-soft px-3 py-2 text-sm">{text}</p> })}
        <div class="mx-auto flex max-w-2xl flex-col gap-6">
            {first.then(|| compose(frame))}
            <nav aria-label="Show" class="flex gap-2 text-sm">
                {tab(KindFilter::All, "Everything")}
                {tab(KindFilter::Posts, "Posts")}
                {tab(KindFilter::Announcements, "Announcements")}
                {frame.rights.moderates.then(|| view! {
                    <a href=format!("/e/{slug}/feed/reports") class="ml-auto rounded-full px-3 py-1 text-accent underline">"Moderation"</a>
                })}
            </nav>
            <section id="feed" data-slug=slug.clone() data-live="" aria-label="Posts">
                <ol id="feed-pinned" class="flex flex-col gap-4">{pinned}</ol>
                <p id="feed-live-note" class="hidden" role="status"></p>
                <ol id="feed-posts" class="mt-4 flex flex-col gap-4">{posts}</ol>
                {empty.then(|| view! {
                    <p class="rounded-xl border border-dashed border-line p-8 text-center text-muted">"Nothing here yet. Be the first to say hello!"</p>
                })}
                {more_link(&slug, filter, page.next.map(|c| c.0.0))}
            </section>
        </div>
    }
    .to_html();
    RenderedPage {
        title: format!("Feed · {}", frame.title),
        description: format!("What people at {} are saying.", frame.title),
        canonical: None,
        json_ld: None,
        image: None,
        html,
    }
}

/// The posts of a page as list items.
fn items(frame: &FeedFrame, posts: Vec<FeedPost>, back: &str) -> Vec<AnyView> {
    posts
        .into_iter()
        .map(|p| post_item(frame, p, back).into_any())
        .collect()
}

/// "Load more": a plain link to the next page, which the page's script turns into more posts
/// on the same page.
fn more_link(slug: &str, filter: KindFilter, next: Option<i64>) -> impl IntoView + use<> {
    let kind = filter.as_query();
    next.map(|before| {
        let href = if kind.is_empty() {
            format!("/e/{slug}/feed?before={before}")
        } else {
            format!("/e/{slug}/feed?before={before}&kind={kind}")
        };
        view! {
            <nav id="feed-more" class="mt-6 text-center">
                <a href=href data-more=before.to_string() data-kind=kind class="rounded-lg border border-line px-4 py-2 no-underline hover:bg-raised">"Load more"</a>
            </nav>
        }
    })
}

/// What "Load more" adds: the next posts and the next "Load more".
pub fn more(frame: &FeedFrame, page: TimelinePage, filter: KindFilter) -> String {
    let back = format!("/e/{}/feed", frame.slug);
    let posts = items(frame, page.posts, &back);
    view! {
        <ol>{posts}</ol>
        {more_link(&frame.slug, filter, page.next.map(|c| c.0.0))}
    }
    .to_html()
}

/// One post's list item, alone: what a live update puts in place of the old one.
pub fn item(frame: &FeedFrame, post: FeedPost) -> String {
    let back = format!("/e/{}/feed", frame.slug);
    post_item(frame, post, &back).to_html()
}

/// A feed the reader may not read: why, and what to do about it.
pub fn closed(frame: &FeedFrame, refusal: &AppError) -> RenderedPage {
    let slug = frame.slug.clone();
    let action = match refusal {
        AppError::Unauthenticated => view! {
            <a href=format!("/login?next=/e/{slug}/feed") class=BUTTON>"Sign in"</a>
        }
        .into_any(),
        _ => view! { <a href=format!("/e/{slug}") class=BUTTON>"Join the event"</a> }.into_any(),
    };
    let html = view! {
        {header(frame)}
        <div class="mx-auto flex max-w-2xl flex-col items-start gap-4 rounded-xl border border-line bg-surface p-6">
            <p>"This feed is for the people who joined the event."</p>
            {action}
        </div>
    }
    .to_html();
    RenderedPage {
        title: format!("Feed · {}", frame.title),
        description: String::new(),
        canonical: None,
        json_ld: None,
        image: None,
        html,
    }
}

/// `/e/{event}/feed/posts/{id}`.
pub fn single(frame: &FeedFrame, post: FeedPost) -> RenderedPage {
    let slug = frame.slug.clone();
    let back = format!("/e/{slug}/feed/posts/{}", post.id);
    let excerpt: String = post.body.chars().take(140).collect();
    let title = format!("{} in the {} feed", post.author, frame.title);
    let html = view! {
        {header(frame)}
        <div class="mx-auto max-w-2xl" id="comments">
            <p class="mb-4"><a href=format!("/e/{slug}/feed") class="text-accent underline">"← All posts"</a></p>
            <section id="feed" data-slug=slug.clone() data-live="" aria-label="Post">
                <ol id="feed-posts">{post_item(frame, post, &back)}</ol>
            </section>
        </div>
    }
    .to_html();
    RenderedPage {
        title,
        description: excerpt,
        canonical: None,
        json_ld: None,
        image: None,
        html,
    }
}

pub(super) fn header(frame: &FeedFrame) -> impl IntoView + use<> {
    let slug = frame.slug.clone();
    view! {
        <p class="text-sm text-muted"><a href=format!("/e/{slug}") class="text-accent underline">{frame.title.clone()}</a></p>
        <h1 class="mb-4 text-3xl font-bold tracking-tight">"Feed"</h1>
        <EventNav slug=slug current=EventTab::Feed />
    }
}

/// The box to write a post: a multipart form (it may carry an image), or why there is none.
fn compose(frame: &FeedFrame) -> AnyView {
    let slug = &frame.slug;
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
    let error = frame.refusal("create_post", None);
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
