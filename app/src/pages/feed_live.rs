//! The feed page's script, in the browser only. The page works without it (every action is
//! a form); with it:
//! - changes arrive live from `/e/{event}/feed/live` (server-sent events, read through
//!   gloo-net): a new or changed post is fetched as the reader may see it and put in place,
//!   like counts change, deleted and hidden posts vanish;
//! - a like shows at once and is rolled back if the server refuses it;
//! - "Load more" appends the next page instead of opening it.
//!
//! After a gap in the stream (the server restarted, the connection dropped, the reader fell
//! behind) the list is fetched again, since changes may have been missed.
//!
//! It works on the server's markup directly (ids `feed`, `feed-posts`, `post-{id}`, …)
//! rather than through components, which keeps it small in the bundle.

use std::cell::{Cell, RefCell};

use futures::StreamExt;
use gloo_net::eventsource::futures::EventSource;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Document, Element};

use domain::PostId;
use domain::error::AppError;
use domain::feed::FeedChange;

use crate::api::feed_pages::render_feed;

thread_local! {
    /// The open stream and the event it follows; dropping it closes the connection.
    static LIVE: RefCell<Option<(String, EventSource)>> = const { RefCell::new(None) };
    /// Streams opened so far: every stream starts with `reset`, which only matters when it
    /// follows another (a reconnection).
    static CONNECTIONS: Cell<u32> = const { Cell::new(0) };
}

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// Wires the feed on the current page, if there is one (called after every render).
pub fn start() {
    let Some(doc) = document() else { return };
    let Some(feed) = doc.get_element_by_id("feed") else {
        LIVE.with(|live| live.borrow_mut().take());
        return;
    };
    let Some(slug) = feed.get_attribute("data-slug") else {
        return;
    };
    if feed.has_attribute("data-wired") {
        return;
    }
    let _ = feed.set_attribute("data-wired", "");
    listen(&feed, "submit", {
        let slug = slug.clone();
        move |event| {
            let form = event.target().and_then(|t| t.dyn_into::<Element>().ok());
            if let Some(form) = form.filter(|f| f.has_attribute("data-like")) {
                event.prevent_default();
                spawn_local(like(slug.clone(), form));
            }
        }
    });
    listen(&feed, "click", {
        let slug = slug.clone();
        move |event| {
            let link = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("a[data-more]").ok().flatten());
            if let Some(link) = link {
                event.prevent_default();
                spawn_local(load_more(slug.clone(), link));
            }
        }
    });
    let following = LIVE.with(|live| live.borrow().as_ref().map(|(s, _)| s.clone()));
    if following.as_deref() != Some(slug.as_str()) {
        connect(slug);
    }
}

fn listen(target: &Element, kind: &str, handler: impl FnMut(web_sys::Event) + 'static) {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
    // Lives as long as the element; the page replaces the element, not the listener.
    closure.forget();
}

/// Opens the stream of `slug`'s feed and applies its changes until it closes; then opens it
/// again a few seconds later if the reader is still on that feed.
fn connect(slug: String) {
    let Ok(mut source) = EventSource::new(&format!("/e/{slug}/feed/live")) else {
        return;
    };
    let Ok(mut messages) = source.subscribe("message") else {
        return;
    };
    LIVE.with(|live| *live.borrow_mut() = Some((slug.clone(), source)));
    CONNECTIONS.set(CONNECTIONS.get() + 1);
    let first_connection = CONNECTIONS.get() == 1;
    spawn_local(async move {
        let mut first_message = true;
        while let Some(Ok((_, message))) = messages.next().await {
            let Some(text) = message.data().as_string() else {
                continue;
            };
            let Some(change) = FeedChange::from_wire(&text) else {
                continue;
            };
            // The first `reset` of the first stream only says hello.
            let hello = first_message && first_connection && change == FeedChange::Reset;
            first_message = false;
            if !hello {
                apply(&slug, change).await;
            }
        }
        // Closed for good (not a browser retry): try again while the reader stays.
        let still_here = LIVE.with(|live| live.borrow().as_ref().is_some_and(|(s, _)| *s == slug));
        if still_here {
            LIVE.with(|live| live.borrow_mut().take());
            leptos::prelude::set_timeout(
                move || {
                    if document()
                        .and_then(|d| d.get_element_by_id("feed"))
                        .is_some()
                    {
                        connect(slug);
                    }
                },
                std::time::Duration::from_secs(5),
            );
        }
    });
}

async fn apply(slug: &str, change: FeedChange) {
    let Some(doc) = document() else { return };
    let timeline = doc.get_element_by_id("feed-pinned").is_some();
    match change {
        FeedChange::Posted { id } if timeline && post_element(&doc, id).is_none() => {
            if let Some(new) = fetch_item(slug, id).await
                && wanted_kind(&new)
                && let Some(list) = doc.get_element_by_id("feed-posts")
            {
                let _ = list.prepend_with_node_1(&new);
            }
        }
        FeedChange::Posted { .. } => {}
        FeedChange::Changed { id } => {
            let Some(old) = post_element(&doc, id) else {
                return;
            };
            match fetch_item(slug, id).await {
                Some(new) => replace_post(&doc, &old, &new, id),
                None => old.remove(),
            }
        }
        FeedChange::Likes { id, count } => set_like_count(&doc, id, count),
        FeedChange::Deleted { id } => {
            if let Some(old) = post_element(&doc, id) {
                old.remove();
            }
        }
        FeedChange::Reset => reload_list(slug).await,
    }
}

fn post_element(doc: &Document, id: PostId) -> Option<Element> {
    doc.get_element_by_id(&format!("post-{id}"))
}

/// The post's new markup as the reader may see it; `None` when it is gone or hidden.
async fn fetch_item(slug: &str, id: PostId) -> Option<Element> {
    let page = fetch(slug, "feed-item", id.to_string(), String::new()).await?;
    page.first_element_child()
}

async fn fetch(slug: &str, page: &str, id: String, before: String) -> Option<Element> {
    let rendered = render_feed(
        slug.to_owned(),
        page.to_owned(),
        id,
        before,
        current_kind(),
        String::new(),
        String::new(),
        String::new(),
    )
    .await
    .ok()?;
    let holder = document()?.create_element("div").ok()?;
    holder.set_inner_html(&rendered.html);
    Some(holder)
}

/// The kind filter in the address (`posts`, `announcements`, or blank).
fn current_kind() -> String {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("kind="))
        .unwrap_or_default()
        .to_owned()
}

fn wanted_kind(post: &Element) -> bool {
    let kind = current_kind();
    kind.is_empty()
        || post
            .get_attribute("data-kind")
            .is_some_and(|k| kind.starts_with(&k))
}

/// Puts `new` in place of `old`, except where the reader is typing: then only its comments
/// change, so no typed text is lost.
fn replace_post(doc: &Document, old: &Element, new: &Element, id: PostId) {
    let active = doc.active_element();
    let typing = active.is_some_and(|a| old.contains(Some(&a)))
        || old
            .query_selector("input[name=body]:not(:placeholder-shown), details[open]")
            .ok()
            .flatten()
            .is_some();
    if !typing {
        let _ = old.replace_with_with_node_1(new);
        return;
    }
    let selector = format!("#comments-{id}");
    if let (Ok(Some(old_comments)), Ok(Some(new_comments))) =
        (old.query_selector(&selector), new.query_selector(&selector))
    {
        let _ = old_comments.replace_with_with_node_1(&new_comments);
    }
}

fn set_like_count(doc: &Document, id: PostId, count: i64) {
    let Ok(counts) = doc.query_selector_all(&format!("[data-like-count=\"{id}\"]")) else {
        return;
    };
    let label = format!("{count} like{}", if count == 1 { "" } else { "s" });
    for index in 0..counts.length() {
        if let Some(node) = counts.item(index) {
            node.set_text_content(Some(&label));
        }
    }
}

/// Sends a like form in the background, showing its outcome at once and undoing it if the
/// server refuses.
async fn like(slug: String, form: Element) {
    let Some(doc) = document() else { return };
    let value = |name: &str| {
        form.query_selector(&format!("input[name={name}]"))
            .ok()
            .flatten()
            .and_then(|i| i.get_attribute("value"))
            .unwrap_or_default()
    };
    let Ok(id) = value("post").parse::<i64>().map(PostId) else {
        return;
    };
    let liked = value("liked") == "true";
    let count_now = |doc: &Document| {
        doc.query_selector(&format!("[data-like-count=\"{id}\"]"))
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
            .and_then(|t| t.split(' ').next().and_then(|n| n.parse::<i64>().ok()))
            .unwrap_or(0)
    };
    let before = count_now(&doc);
    show_liked(&form, liked);
    set_like_count(&doc, id, before + if liked { 1 } else { -1 });
    match crate::api::feed::like_post(slug, id, liked, None).await {
        Ok(count) => set_like_count(&doc, id, count),
        Err(error) => {
            show_liked(&form, !liked);
            set_like_count(&doc, id, before);
            say(&doc, &error);
        }
    }
}

/// Shows the like button as pressed (`liked`) or not; the form then sends the opposite.
fn show_liked(form: &Element, liked: bool) {
    if let Ok(Some(input)) = form.query_selector("input[name=liked]") {
        let _ = input.set_attribute("value", if liked { "false" } else { "true" });
    }
    if let Ok(Some(button)) = form.query_selector("button") {
        let _ = button.set_attribute("aria-pressed", if liked { "true" } else { "false" });
        button.set_class_name(if liked {
            "font-semibold text-accent"
        } else {
            "text-muted hover:text-ink"
        });
    }
    if let Ok(Some(heart)) = form.query_selector("[data-heart]") {
        heart.set_text_content(Some(if liked { "♥ " } else { "♡ " }));
    }
}

/// Says why something was refused, in the feed's status line.
fn say(doc: &Document, error: &AppError) {
    if let Some(note) = doc.get_element_by_id("feed-live-note") {
        note.set_text_content(Some(&error.to_string()));
        note.set_class_name("mt-2 rounded-lg border border-danger px-3 py-2 text-sm text-danger");
    }
}

/// Appends the next page of posts (skipping any already shown) and its "Load more".
async fn load_more(slug: String, link: Element) {
    let Some(doc) = document() else { return };
    let before = link.get_attribute("data-more").unwrap_or_default();
    let _ = link.set_attribute("aria-busy", "true");
    let Some(holder) = fetch(&slug, "feed-more", String::new(), before).await else {
        let _ = link.remove_attribute("aria-busy");
        return;
    };
    let (Some(list), Ok(posts)) = (
        doc.get_element_by_id("feed-posts"),
        holder.query_selector_all("ol > li[data-post]"),
    ) else {
        return;
    };
    for index in 0..posts.length() {
        let Some(post) = posts.item(index).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        if doc.get_element_by_id(&post.id()).is_none() {
            let _ = list.append_with_node_1(&post);
        }
    }
    replace_more(&doc, &holder);
}

/// Replaces "Load more" with the one in `holder`, or removes it on the last page.
fn replace_more(doc: &Document, holder: &Element) {
    let next = holder.query_selector("#feed-more").ok().flatten();
    match (doc.get_element_by_id("feed-more"), next) {
        (Some(old), Some(new)) => {
            let _ = old.replace_with_with_node_1(&new);
        }
        (Some(old), None) => old.remove(),
        (None, Some(new)) => {
            if let Some(feed) = doc.get_element_by_id("feed") {
                let _ = feed.append_with_node_1(&new);
            }
        }
        (None, None) => {}
    }
}

/// Fetches the first page again and shows it in place of the list (the form being typed
/// into stays as it is).
async fn reload_list(slug: &str) {
    let Some(doc) = document() else { return };
    if doc.get_element_by_id("feed-pinned").is_none() {
        return;
    }
    let Some(holder) = fetch(slug, "feed", String::new(), String::new()).await else {
        return;
    };
    for id in ["feed-pinned", "feed-posts"] {
        if let (Some(old), Ok(Some(new))) = (
            doc.get_element_by_id(id),
            holder.query_selector(&format!("#{id}")),
        ) {
            let _ = old.replace_with_with_node_1(&new);
        }
    }
    replace_more(&doc, &holder);
}
