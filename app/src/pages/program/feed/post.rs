//! One post as the feed shows it, inside the [`super::live::LiveFeed`] island: its text,
//! image, likes and comments from the post's signal (a live change redraws only what
//! changed), and the forms its reader may use (like, comment, edit, delete, report, and a
//! moderator's decisions). Forms that are being typed into are drawn once, so a live change
//! never loses typed text.

use leptos::prelude::*;

use domain::error::AppError;
use domain::feed::{FeedComment, FeedPost, FeedRights, PostKind};
use domain::text::counted;
use domain::{CommentId, PostId};

use super::{BUTTON, Refusal};
use crate::components::form::TextArea;

const SMALL: &str = "text-sm text-muted underline hover:text-ink";

/// What every post in the island shares.
#[derive(Clone)]
pub(super) struct Shared {
    /// The event's URL name.
    pub slug: String,
    /// What the reader may do.
    pub rights: FeedRights,
    /// The server's clock at its last answer: "5 minutes ago" counts from it.
    pub now: RwSignal<i64>,
    /// A form refused without JavaScript.
    pub refused: Option<Refusal>,
    /// The page every form comes back to.
    pub back: String,
    /// The feed's status line: why a like was refused.
    pub note: RwSignal<Option<String>>,
}

impl Shared {
    fn refusal(&self, endpoint: &str, post: PostId) -> Option<AppError> {
        Refusal::of(self.refused.as_ref(), endpoint, Some(post))
    }
}

/// One post of the list.
#[component]
pub(super) fn PostItem(shared: Shared, post: RwSignal<FeedPost>) -> impl IntoView {
    let (id, author_id, kind, author) =
        post.with_untracked(|p| (p.id, p.author_id, p.kind, p.author.clone()));
    let rights = shared.rights;
    let mine = rights.user == Some(author_id);
    let editable = mine
        && rights.can_post
        && post.with_untracked(|p| p.editable_at(shared.now.get_untracked()));
    let html = Memo::new(move |_| post.with(|p| p.html.clone()));
    let comments = Memo::new(move |_| post.with(|p| (p.comment_count, p.comments.clone())));
    let slug = shared.slug.clone();
    let link = format!("/e/{slug}/feed/posts/{id}");
    let style = if kind == PostKind::Announcement {
        "rounded-xl border-2 border-accent bg-accent-soft p-4"
    } else {
        "rounded-xl border border-line bg-surface p-4"
    };
    let moderation = rights.moderates.then(|| {
        let target = Target::post(&shared, id);
        view! {
            {move || hide_or_show(&target, post.with(|p| p.hidden))}
            {(kind == PostKind::Announcement).then(|| view! { <PinForm slug=slug.clone() post /> })}
        }
    });
    let report = (rights.user.is_some() && !mine).then(|| report_form(&shared, id, None));
    let comment_list = {
        let (shared, link) = (shared.clone(), link.clone());
        move || {
            let (count, list) = comments.get();
            let more = count > list.len() as i64;
            view! {
                {more.then(|| view! {
                    <li><a href=format!("{link}#comments") class="text-sm text-accent underline">
                        {format!("See all {count} comments")}
                    </a></li>
                })}
                {list.into_iter().map(|c| comment_item(&shared, id, c)).collect_view()}
            }
        }
    };
    view! {
        <li id=format!("post-{id}") data-post=id.to_string() data-kind=kind.as_str()>
            <article class=style aria-label=format!("Post by {author}")>
                <PostHeader post now=shared.now link=link.clone() />
                <div class="prose mt-2 max-w-none break-words" inner_html=move || html.get()></div>
                {move || post.with(|p| p.image.clone()).map(|src| view! {
                    <img src=src alt="Image attached to the post" loading="lazy" class="mt-3 max-h-[32rem] w-full rounded-lg border border-line object-contain" />
                })}
                <div class="mt-3 flex flex-wrap items-center gap-4 text-sm">
                    <LikeButton shared=shared.clone() post />
                    <a href=format!("{link}#comments") class="text-muted no-underline hover:underline">
                        {move || counted(comments.with(|(count, _)| *count), "comment")}
                    </a>
                    {editable.then(|| edit_form(&shared, post))}
                    {(mine || rights.moderates).then(|| view! {
                        <form method="post" action="/api/delete_post">
                            <input type="hidden" name="slug" value=shared.slug.clone() />
                            <input type="hidden" name="post" value=id.to_string() />
                            <button type="submit" class=SMALL>"Delete"</button>
                        </form>
                    })}
                    {moderation}
                    {report}
                </div>
                <ol id=format!("comments-{id}") class="mt-3 flex flex-col gap-2 border-l-2 border-line pl-3">
                    {comment_list}
                </ol>
                {rights.can_post.then(|| comment_form(&shared, id))}
            </article>
        </li>
    }
}

/// Who wrote the post, when, and its badges.
#[component]
fn PostHeader(post: RwSignal<FeedPost>, now: RwSignal<i64>, link: String) -> impl IntoView {
    let badges =
        Memo::new(move |_| post.with(|p| (p.kind, p.pinned, p.hidden, p.edited_at.is_some())));
    let (author, created) = post.with_untracked(|p| (p.author.clone(), p.created.clone()));
    move || {
        let (kind, pinned, hidden, edited) = badges.get();
        view! {
            <header class="flex flex-wrap items-baseline gap-x-2 text-sm">
                <span class="font-semibold">{author.clone()}</span>
                {(kind == PostKind::Announcement).then(|| view! { <span class="rounded-full bg-accent px-2 text-xs font-semibold text-accent-ink">"Announcement"</span> })}
                {pinned.then(|| view! { <span class="text-xs font-semibold text-accent">"Pinned"</span> })}
                {hidden.then(|| view! { <span class="rounded-full border border-danger px-2 text-xs text-danger">"Hidden from readers"</span> })}
                <a href=link.clone() class="text-muted no-underline hover:underline">
                    <time datetime=created.iso.clone() title=created.moment.clone()>{
                        let created = created.clone();
                        move || created.relative(now.get())
                    }</time>
                    {edited.then_some(" · edited")}
                </a>
            </header>
        }
    }
}

/// The like button: a form that works alone; in the island it shows the new count at once,
/// then the server's, and rolls back with the reason if the server refuses.
#[component]
fn LikeButton(shared: Shared, post: RwSignal<FeedPost>) -> impl IntoView {
    let likes = Memo::new(move |_| post.with(|p| (p.liked, p.like_count)));
    let label = move || counted(likes.get().1, "like");
    if !shared.rights.can_post {
        return view! { <span class="text-muted">{label}</span> }.into_any();
    }
    let id = post.with_untracked(|p| p.id);
    let liked = move || likes.get().0;
    let Shared {
        slug, note, back, ..
    } = shared;
    let on_submit = {
        let slug = slug.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let before = likes.get_untracked();
            let wanted = !before.0;
            post.update(|p| {
                p.liked = wanted;
                p.like_count += if wanted { 1 } else { -1 };
            });
            note.set(None);
            let slug = slug.clone();
            leptos::task::spawn_local(async move {
                match crate::api::feed::like_post(slug, id, wanted, None).await {
                    Ok(count) => post.update(|p| p.like_count = count),
                    Err(error) => {
                        post.update(|p| (p.liked, p.like_count) = before);
                        note.set(Some(error.to_string()));
                    }
                }
            });
        }
    };
    view! {
        <form method="post" action="/api/like_post" on:submit=on_submit>
            <input type="hidden" name="slug" value=slug />
            <input type="hidden" name="post" value=id.to_string() />
            <input type="hidden" name="liked" value=move || (!liked()).to_string() />
            <input type="hidden" name="back" value=back />
            <button type="submit" aria-pressed=move || liked().to_string()
                class=move || if liked() { "font-semibold text-accent" } else { "text-muted hover:text-ink" }>
                <span aria-hidden="true">{move || if liked() { "♥ " } else { "♡ " }}</span>
                {label}
            </button>
        </form>
    }
    .into_any()
}

/// A moderator's "Pin" or "Unpin" of an announcement.
#[component]
fn PinForm(slug: String, post: RwSignal<FeedPost>) -> impl IntoView {
    let (id, pinned) = (
        post.with_untracked(|p| p.id),
        Memo::new(move |_| post.with(|p| p.pinned)),
    );
    view! {
        <form method="post" action="/api/pin_post">
            <input type="hidden" name="slug" value=slug />
            <input type="hidden" name="post" value=id.to_string() />
            <input type="hidden" name="pinned" value=move || (!pinned.get()).to_string() />
            <button type="submit" class=SMALL>{move || if pinned.get() { "Unpin" } else { "Pin" }}</button>
        </form>
    }
}

/// The post, or comment under it, that a moderator's form acts on.
#[derive(Clone)]
pub(super) struct Target {
    pub slug: String,
    pub post: PostId,
    pub comment: Option<CommentId>,
    /// The page to come back to.
    pub back: String,
}

impl Target {
    fn post(shared: &Shared, post: PostId) -> Self {
        Self {
            slug: shared.slug.clone(),
            post,
            comment: None,
            back: shared.back.clone(),
        }
    }
}

/// A moderator's button: `decision` (`hide`, `show`, `delete`, `dismiss`) on `target`.
pub(super) fn decision_form(
    target: &Target,
    decision: &'static str,
    label: &'static str,
    class: &'static str,
) -> impl IntoView + use<> {
    view! {
        <form method="post" action="/api/moderate_content">
            <input type="hidden" name="slug" value=target.slug.clone() />
            <input type="hidden" name="post" value=target.post.to_string() />
            {target.comment.map(|c| view! { <input type="hidden" name="comment" value=c.to_string() /> })}
            <input type="hidden" name="decision" value=decision />
            <input type="hidden" name="back" value=target.back.clone() />
            <button type="submit" class=class>{label}</button>
        </form>
    }
}

/// "Hide", or "Show again" for hidden content.
fn hide_or_show(target: &Target, hidden: bool) -> impl IntoView + use<> {
    if hidden {
        decision_form(target, "show", "Show again", SMALL)
    } else {
        decision_form(target, "hide", "Hide", SMALL)
    }
}

fn comment_item(shared: &Shared, post: PostId, c: FeedComment) -> impl IntoView + use<> {
    let rights = shared.rights;
    let mine = rights.user == Some(c.author_id);
    let now = shared.now;
    let moderation = rights.moderates.then(|| {
        let target = Target {
            comment: Some(c.id),
            ..Target::post(shared, post)
        };
        view! {
            {hide_or_show(&target, c.hidden)}
            {decision_form(&target, "delete", "Delete", SMALL)}
        }
    });
    let report = (rights.user.is_some() && !mine).then(|| report_form(shared, post, Some(c.id)));
    let created = c.created;
    view! {
        <li id=format!("comment-{}", c.id) class="text-sm">
            <span class="font-semibold">{c.author}</span>
            {c.hidden.then(|| view! { <span class="ml-2 text-xs text-danger">"Hidden"</span> })}
            <span class="ml-2 text-xs text-muted">{move || created.relative(now.get())}</span>
            <div class="prose max-w-none break-words" inner_html=c.html></div>
            <div class="flex gap-3">{moderation}{report}</div>
        </li>
    }
}

fn edit_form(shared: &Shared, post: RwSignal<FeedPost>) -> impl IntoView + use<> {
    let (id, body) = post.with_untracked(|p| (p.id, p.body.clone()));
    let error = shared.refusal("edit_post", id);
    let open = error.is_some();
    let error = Signal::stored(error);
    view! {
        <details class="text-sm" open=open>
            <summary class="cursor-pointer text-muted underline">"Edit"</summary>
            <form method="post" action="/api/edit_post" class="mt-2 flex flex-col gap-2" novalidate>
                <input type="hidden" name="slug" value=shared.slug.clone() />
                <input type="hidden" name="post" value=id.to_string() />
                <input type="hidden" name="back" value=shared.back.clone() />
                <TextArea label="Your post" name="body" error rows=3 value=body form=format!("edit-{id}") />
                <button type="submit" class=BUTTON>"Save"</button>
            </form>
        </details>
    }
}

fn comment_form(shared: &Shared, post: PostId) -> impl IntoView + use<> {
    let error = shared.refusal("comment_on_post", post);
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
            <input type="hidden" name="slug" value=shared.slug.clone() />
            <input type="hidden" name="post" value=post.to_string() />
            <input type="hidden" name="back" value=shared.back.clone() />
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

fn report_form(shared: &Shared, post: PostId, comment: Option<CommentId>) -> impl IntoView + use<> {
    let error = shared
        .refusal("report_content", post)
        .filter(|_| comment.is_none());
    let open = error.is_some();
    let message = error
        .as_ref()
        .and_then(|e| e.field_message("reason").map(str::to_owned));
    let id = match comment {
        Some(c) => format!("report-comment-{c}"),
        None => format!("report-post-{post}"),
    };
    // Folded like the edit form, and written out rather than shared through a component
    // taking children: that component cost the feed's download 10 KB (measured).
    view! {
        <details class="text-sm" open=open>
            <summary class="cursor-pointer text-muted underline">"Report"</summary>
            <form method="post" action="/api/report_content" class="mt-2 flex flex-col gap-2" novalidate>
                <input type="hidden" name="slug" value=shared.slug.clone() />
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
