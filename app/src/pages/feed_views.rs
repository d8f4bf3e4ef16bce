//! The feed pages, rendered to HTML on the server only: `/e/{event}/feed` (the timeline),
//! `/e/{event}/feed/posts/{id}` (one post with all its comments) and
//! `/e/{event}/feed/reports` (the moderators' queue). Every action is a plain form, so the
//! feed works without JavaScript; the page's script adds live updates, instant likes and
//! "Load more" (see `crate::pages::feed_live`).

use leptos::prelude::*;

use crate::components::event_nav::{EventNav, EventTab};
use crate::components::form::TextArea;
use crate::domain::feed::{
    FeedAccess, FeedComment, FeedPost, FeedRights, KindFilter, OpenReport, PostKind, TimelinePage,
};
use crate::domain::program::RenderedPage;
use crate::domain::{CommentId, PostId};
use crate::error::AppError;

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
    fn refusal(&self, endpoint: &str, post: Option<String>) -> Option<AppError> {
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

const BUTTON: &str = "rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink";
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

fn header(frame: &FeedFrame) -> impl IntoView + use<> {
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

fn post_item(frame: &FeedFrame, post: FeedPost, back: &str) -> impl IntoView + use<> {
    let slug = frame.slug.clone();
    let rights = frame.rights;
    let id = post.id;
    let mine = rights.user == Some(post.author_id);
    let announcement = post.kind == PostKind::Announcement;
    let edited = post.edited_at.map(|_| " · edited");
    let time = crate::server::time::relative_label(post.created_at, frame.now);
    let stamp = jiff::Timestamp::from_second(post.created_at)
        .map(|t| t.to_string())
        .unwrap_or_default();
    let style = if announcement {
        "rounded-xl border-2 border-accent bg-accent-soft p-4"
    } else {
        "rounded-xl border border-line bg-surface p-4"
    };
    let comment_count = post.comment_count;
    let shown_comments = post.comments.len() as i64;
    let editable = mine && post.editable_at(frame.now) && rights.can_post;
    let comments = post
        .comments
        .into_iter()
        .map(|c| comment_item(frame, &slug, id, c, back))
        .collect_view();
    let edit = editable.then(|| {
        let error = frame.refusal("edit_post", Some(id.to_string()));
        let open = error.is_some();
        let error = Signal::stored(error);
        view! {
            <details class="text-sm" open=open>
                <summary class="cursor-pointer text-muted underline">"Edit"</summary>
                <form method="post" action="/api/edit_post" class="mt-2 flex flex-col gap-2" novalidate>
                    <input type="hidden" name="slug" value=slug.clone() />
                    <input type="hidden" name="post" value=id.to_string() />
                    <input type="hidden" name="back" value=back.to_owned() />
                    <TextArea label="Your post" name="body" error rows=3 value=post.body.clone() form=format!("edit-{id}") />
                    <button type="submit" class=BUTTON>"Save"</button>
                </form>
            </details>
        }
    });
    let delete = (mine || rights.moderates).then(|| {
        view! {
            <form method="post" action="/api/delete_post">
                <input type="hidden" name="slug" value=slug.clone() />
                <input type="hidden" name="post" value=id.to_string() />
                <button type="submit" class=SMALL>"Delete"</button>
            </form>
        }
    });
    let moderation = rights.moderates.then(|| {
        let target = Target { slug: &slug, post: id, comment: None, back };
        view! {
            {hide_or_show(&target, post.hidden)}
            {announcement.then(|| view! {
                <form method="post" action="/api/pin_post">
                    <input type="hidden" name="slug" value=slug.clone() />
                    <input type="hidden" name="post" value=id.to_string() />
                    <input type="hidden" name="pinned" value=(!post.pinned).to_string() />
                    <button type="submit" class=SMALL>{if post.pinned { "Unpin" } else { "Pin" }}</button>
                </form>
            })}
        }
    });
    let report = (rights.user.is_some() && !mine).then(|| report_form(frame, &slug, id, None));
    view! {
        <li id=format!("post-{id}") data-post=id.to_string() data-kind=post.kind.as_str()>
            <article class=style aria-label=format!("Post by {}", post.author)>
                <header class="flex flex-wrap items-baseline gap-x-2 text-sm">
                    <span class="font-semibold">{post.author.clone()}</span>
                    {announcement.then(|| view! { <span class="rounded-full bg-accent px-2 text-xs font-semibold text-accent-ink">"Announcement"</span> })}
                    {post.pinned.then(|| view! { <span class="text-xs font-semibold text-accent">"Pinned"</span> })}
                    {post.hidden.then(|| view! { <span class="rounded-full border border-danger px-2 text-xs text-danger">"Hidden from readers"</span> })}
                    <a href=format!("/e/{slug}/feed/posts/{id}") class="text-muted no-underline hover:underline">
                        <time datetime=stamp>{time}</time>{edited}
                    </a>
                </header>
                <div class="prose mt-2 max-w-none break-words" inner_html=post.html></div>
                {post.image.map(|src| view! {
                    <img src=src alt="Image attached to the post" loading="lazy" class="mt-3 max-h-[32rem] w-full rounded-lg border border-line object-contain" />
                })}
                <div class="mt-3 flex flex-wrap items-center gap-4 text-sm">
                    {like_button(&slug, id, post.liked, post.like_count, rights.can_post, back)}
                    <a href=format!("/e/{slug}/feed/posts/{id}#comments") class="text-muted no-underline hover:underline">
                        {plural(comment_count, "comment")}
                    </a>
                    {edit}
                    {delete}
                    {moderation}
                    {report}
                </div>
                <ol id=format!("comments-{id}") class="mt-3 flex flex-col gap-2 border-l-2 border-line pl-3">
                    {(comment_count > shown_comments).then(|| view! {
                        <li><a href=format!("/e/{slug}/feed/posts/{id}#comments") class="text-sm text-accent underline">
                            {format!("See all {comment_count} comments")}
                        </a></li>
                    })}
                    {comments}
                </ol>
                {rights.can_post.then(|| comment_form(frame, &slug, id, back))}
            </article>
        </li>
    }
}

/// The post, or comment under it, that a moderator's form acts on.
struct Target<'a> {
    slug: &'a str,
    post: PostId,
    comment: Option<CommentId>,
    /// The page to come back to.
    back: &'a str,
}

/// A moderator's button: `decision` (`hide`, `show`, `delete`, `dismiss`) on `target`.
fn decision_form(
    target: &Target<'_>,
    decision: &'static str,
    label: &'static str,
    class: &'static str,
) -> impl IntoView + use<> {
    view! {
        <form method="post" action="/api/moderate_content">
            <input type="hidden" name="slug" value=target.slug.to_owned() />
            <input type="hidden" name="post" value=target.post.to_string() />
            {target.comment.map(|c| view! { <input type="hidden" name="comment" value=c.to_string() /> })}
            <input type="hidden" name="decision" value=decision />
            <input type="hidden" name="back" value=target.back.to_owned() />
            <button type="submit" class=class>{label}</button>
        </form>
    }
}

/// "Hide", or "Show again" for hidden content.
fn hide_or_show(target: &Target<'_>, hidden: bool) -> impl IntoView + use<> {
    if hidden {
        decision_form(target, "show", "Show again", SMALL)
    } else {
        decision_form(target, "hide", "Hide", SMALL)
    }
}

fn plural(n: i64, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The like button: a form that works alone; the page's script sends it in the background
/// and shows the new count at once.
fn like_button(
    slug: &str,
    id: PostId,
    liked: bool,
    count: i64,
    can: bool,
    back: &str,
) -> impl IntoView + use<> {
    let label = plural(count, "like");
    if !can {
        return view! { <span class="text-muted" data-like-count=id.to_string()>{label}</span> }
            .into_any();
    }
    view! {
        <form method="post" action="/api/like_post" data-like=id.to_string()>
            <input type="hidden" name="slug" value=slug.to_owned() />
            <input type="hidden" name="post" value=id.to_string() />
            <input type="hidden" name="liked" value=(!liked).to_string() />
            <input type="hidden" name="back" value=back.to_owned() />
            <button type="submit" aria-pressed=liked.to_string()
                class=if liked { "font-semibold text-accent" } else { "text-muted hover:text-ink" }>
                <span data-heart="" aria-hidden="true">{if liked { "♥ " } else { "♡ " }}</span>
                <span data-like-count=id.to_string()>{label}</span>
            </button>
        </form>
    }
    .into_any()
}

fn comment_item(
    frame: &FeedFrame,
    slug: &str,
    post: PostId,
    c: FeedComment,
    back: &str,
) -> impl IntoView + use<> {
    let rights = frame.rights;
    let mine = rights.user == Some(c.author_id);
    let time = crate::server::time::relative_label(c.created_at, frame.now);
    let moderation = rights.moderates.then(|| {
        let target = Target {
            slug,
            post,
            comment: Some(c.id),
            back,
        };
        view! {
            {hide_or_show(&target, c.hidden)}
            {decision_form(&target, "delete", "Delete", SMALL)}
        }
    });
    let report =
        (rights.user.is_some() && !mine).then(|| report_form(frame, slug, post, Some(c.id)));
    view! {
        <li id=format!("comment-{}", c.id) class="text-sm">
            <span class="font-semibold">{c.author}</span>
            {c.hidden.then(|| view! { <span class="ml-2 text-xs text-danger">"Hidden"</span> })}
            <span class="ml-2 text-xs text-muted">{time}</span>
            <div class="prose max-w-none break-words" inner_html=c.html></div>
            <div class="flex gap-3">{moderation}{report}</div>
        </li>
    }
}

fn comment_form(frame: &FeedFrame, slug: &str, post: PostId, back: &str) -> impl IntoView + use<> {
    let error = frame.refusal("comment_on_post", Some(post.to_string()));
    let message = error
        .as_ref()
        .and_then(|e| e.field_message("body").map(str::to_owned));
    let kept = error
        .as_ref()
        .and_then(|e| e.kept("body").map(str::to_owned))
        .unwrap_or_default();
    let field = format!("comment-{post}");
    view! {
        <form method="post" action="/api/comment_on_post" class="mt-3 flex gap-2" novalidate>
            <input type="hidden" name="slug" value=slug.to_owned() />
            <input type="hidden" name="post" value=post.to_string() />
            <input type="hidden" name="back" value=back.to_owned() />
            <div class="flex flex-1 flex-col gap-1">
                <label for=field.clone() class="sr-only">"Comment"</label>
                <input id=field.clone() name="body" value=kept placeholder="Write a comment…"
                    aria-invalid=message.as_ref().map(|_| "true")
                    aria-describedby=message.as_ref().map(|_| format!("{field}-error"))
                    class="rounded-lg border border-line bg-surface px-3 py-1 text-sm" />
                {message.map(|m| view! { <p id=format!("{field}-error") class="text-sm text-danger">{m}</p> })}
            </div>
            <button type="submit" class="rounded-lg border border-line px-3 py-1 text-sm">"Comment"</button>
        </form>
    }
}

fn report_form(
    frame: &FeedFrame,
    slug: &str,
    post: PostId,
    comment: Option<CommentId>,
) -> impl IntoView + use<> {
    let error = frame
        .refusal("report_content", Some(post.to_string()))
        .filter(|_| comment.is_none());
    let open = error.is_some();
    let message = error
        .as_ref()
        .and_then(|e| e.field_message("reason").map(str::to_owned));
    let id = match comment {
        Some(c) => format!("report-comment-{c}"),
        None => format!("report-post-{post}"),
    };
    view! {
        <details class="text-sm" open=open>
            <summary class="cursor-pointer text-muted underline">"Report"</summary>
            <form method="post" action="/api/report_content" class="mt-2 flex flex-col gap-2" novalidate>
                <input type="hidden" name="slug" value=slug.to_owned() />
                <input type="hidden" name="post" value=post.to_string() />
                {comment.map(|c| view! { <input type="hidden" name="comment" value=c.to_string() /> })}
                <label for=id.clone() class="font-semibold">"What is wrong with it?"</label>
                <input id=id.clone() name="reason" class="rounded-lg border border-line bg-surface px-3 py-1"
                    aria-invalid=message.as_ref().map(|_| "true") />
                {message.map(|m| view! { <p class="text-danger">{m}</p> })}
                <button type="submit" class="self-start rounded-lg border border-line px-3 py-1">"Send report"</button>
            </form>
        </details>
    }
}

/// `/e/{event}/feed/reports`: open reports, and the feed's settings.
pub fn reports(frame: &FeedFrame, reports: Vec<OpenReport>) -> RenderedPage {
    let slug = frame.slug.clone();
    let back = format!("/e/{slug}/feed/reports");
    let decide = |r: &OpenReport, decision: &'static str, label: &'static str| {
        let target = Target {
            slug: &slug,
            post: r.post,
            comment: r.comment,
            back: &back,
        };
        decision_form(
            &target,
            decision,
            label,
            "rounded-lg border border-line px-3 py-1",
        )
    };
    let rows = reports
        .iter()
        .map(|r| {
            let what = if r.comment.is_some() { "Comment" } else { "Post" };
            view! {
                <li class="rounded-xl border border-line bg-surface p-4">
                    <p class="text-sm text-muted">
                        {format!("{what} by {} · reported by {} · ", r.author, r.reporter)}
                        {crate::server::time::relative_label(r.created_at, frame.now)}
                        {r.hidden.then_some(" · hidden")}
                    </p>
                    <blockquote class="my-2 border-l-2 border-line pl-3 whitespace-pre-wrap break-words">{r.excerpt.clone()}</blockquote>
                    <p class="text-sm"><span class="font-semibold">"Reason: "</span>{r.reason.clone()}</p>
                    <div class="mt-3 flex flex-wrap gap-2 text-sm">
                        {(!r.hidden).then(|| decide(r, "hide", "Hide"))}
                        {decide(r, "delete", "Delete")}
                        {decide(r, "dismiss", "Keep it")}
                        <form method="post" action="/api/mute_in_feed">
                            <input type="hidden" name="slug" value=slug.clone() />
                            <input type="hidden" name="user" value=r.author_id.to_string() />
                            <input type="hidden" name="muted" value=(!r.author_muted).to_string() />
                            <input type="hidden" name="back" value=back.clone() />
                            <button type="submit" class="rounded-lg border border-line px-3 py-1">
                                {if r.author_muted { format!("Unmute {}", r.author) } else { format!("Mute {}", r.author) }}
                            </button>
                        </form>
                        <a href=format!("/e/{slug}/feed/posts/{}", r.post) class="self-center text-accent underline">"See in context"</a>
                    </div>
                </li>
            }
        })
        .collect_view();
    let count = reports.len();
    let access = frame.access;
    let html = view! {
        {header(frame)}
        {frame.notice.map(|text| view! { <p role="status" class="mb-4 rounded-lg border border-line bg-accent-soft px-3 py-2 text-sm">{text}</p> })}
        <div class="mx-auto flex max-w-2xl flex-col gap-8">
            <section aria-labelledby="reports-title">
                <h2 id="reports-title" class="mb-3 text-xl font-semibold">{format!("Open reports ({count})")}</h2>
                {(count == 0).then(|| view! { <p class="text-muted">"No open reports. All quiet."</p> })}
                <ol class="flex flex-col gap-4">{rows}</ol>
            </section>
            <section aria-labelledby="access-title" class="rounded-xl border border-line bg-surface p-4">
                <h2 id="access-title" class="mb-3 text-xl font-semibold">"Who can read the feed"</h2>
                <form method="post" action="/api/set_feed_access" class="flex flex-col gap-2">
                    <input type="hidden" name="slug" value=slug.clone() />
                    <label class="flex items-center gap-2"><input type="radio" name="access" value="public" checked=access == FeedAccess::Public />"Everyone who can see the event"</label>
                    <label class="flex items-center gap-2"><input type="radio" name="access" value="attendees" checked=access == FeedAccess::Attendees />"Only people who joined the event, and the organizers"</label>
                    <button type="submit" class=format!("{BUTTON} self-start")>"Save"</button>
                </form>
            </section>
        </div>
    }
    .to_html();
    RenderedPage {
        title: format!("Moderation · {}", frame.title),
        description: String::new(),
        canonical: None,
        json_ld: None,
        image: None,
        html,
    }
}
