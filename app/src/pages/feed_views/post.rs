//! One post as the feed shows it: its text, image, likes, comments, and the forms its reader
//! may use (like, comment, edit, delete, report, and a moderator's decisions).

use leptos::prelude::*;

use domain::feed::{FeedComment, FeedPost, PostKind};
use domain::text::counted;
use domain::{CommentId, PostId};

use super::{BUTTON, FeedFrame, SMALL};
use crate::components::form::TextArea;

pub(super) fn post_item(frame: &FeedFrame, post: FeedPost, back: &str) -> impl IntoView + use<> {
    let slug = frame.slug.clone();
    let rights = frame.rights;
    let id = post.id;
    let mine = rights.user == Some(post.author_id);
    let announcement = post.kind == PostKind::Announcement;
    let edited = post.edited_at.map(|_| " · edited");
    let time = services::time::relative_label(post.created_at, frame.now);
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
                        {counted(comment_count, "comment")}
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
pub(super) struct Target<'a> {
    pub slug: &'a str,
    pub post: PostId,
    pub comment: Option<CommentId>,
    /// The page to come back to.
    pub back: &'a str,
}

/// A moderator's button: `decision` (`hide`, `show`, `delete`, `dismiss`) on `target`.
pub(super) fn decision_form(
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
    let label = counted(count, "like");
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
    let time = services::time::relative_label(c.created_at, frame.now);
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
