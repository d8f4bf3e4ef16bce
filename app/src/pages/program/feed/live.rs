//! The feed's posts as an island: the list is signals of typed posts, so the browser part is
//! the same components the server rendered.
//! - Changes arrive live from `/e/{event}/feed/live` (server-sent events, read through
//!   gloo-net): a new or changed post is fetched as the reader may see it and put in place,
//!   like counts change, deleted and hidden posts vanish.
//! - A like shows at once and is rolled back if the server refuses it (see
//!   [`super::post::PostItem`]).
//! - "Load more" appends the next page instead of opening it.
//!
//! After a gap in the stream (the server restarted, the connection dropped, the reader fell
//! behind) the list is fetched again, since changes may have been missed.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use domain::PostId;
use domain::feed::{Cursor, FeedFrame, FeedPost, KindFilter, Readable, TimelinePage};
#[cfg(feature = "hydrate")]
use {crate::api::feed_pages::get_feed_post, domain::error::AppError, domain::feed::FeedChange};

use super::Refusal;
use super::post::{PostItem, Shared};
use crate::api::feed_pages::get_feed_timeline;

/// What the island lists.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Listed {
    /// A page of the timeline; `first` when it is the first page.
    Timeline {
        page: TimelinePage,
        filter: KindFilter,
        first: bool,
    },
    /// One post, on its own page, with every comment.
    Single(FeedPost),
}

/// A post on the page.
#[derive(Clone, Copy)]
struct Shown {
    id: PostId,
    post: RwSignal<FeedPost>,
}

/// The feed's state in the browser: what is shown and how to ask for more.
#[derive(Clone)]
struct Live {
    shared: Shared,
    /// `None` on a post's own page.
    filter: Option<KindFilter>,
    pinned: RwSignal<Vec<Shown>>,
    posts: RwSignal<Vec<Shown>>,
    next: RwSignal<Option<Cursor>>,
    /// Where new signals belong (a live change arrives outside any component).
    owner: Owner,
}

/// The posts of a feed page, live.
#[island(lazy)]
pub fn LiveFeed(frame: FeedFrame, listed: Listed, refused: Option<Refusal>) -> impl IntoView {
    let slug = frame.slug.clone();
    let (back, filter, first, page) = match listed {
        Listed::Timeline {
            page,
            filter,
            first,
        } => (format!("/e/{slug}/feed"), Some(filter), first, page),
        Listed::Single(post) => {
            let back = format!("/e/{slug}/feed/posts/{}", post.id);
            let page = TimelinePage {
                pinned: Vec::new(),
                posts: vec![post],
                next: None,
            };
            (back, None, false, page)
        }
    };
    let shared = Shared {
        slug,
        rights: frame.rights,
        now: RwSignal::new(frame.now),
        refused,
        back,
        note: RwSignal::new(None),
    };
    let live = Live {
        shared: shared.clone(),
        filter,
        pinned: RwSignal::new(page.pinned.into_iter().map(Shown::new).collect()),
        posts: RwSignal::new(page.posts.into_iter().map(Shown::new).collect()),
        next: RwSignal::new(page.next),
        owner: Owner::current().unwrap_or_default(),
    };
    #[cfg(feature = "hydrate")]
    follow(live.clone());
    let Live {
        pinned,
        posts,
        next,
        ..
    } = live.clone();
    let note = shared.note;
    let list = move |shown: RwSignal<Vec<Shown>>| {
        let shared = shared.clone();
        view! {
            <For each=move || shown.get() key=|s| s.id let(s)>
                <PostItem shared=shared.clone() post=s.post />
            </For>
        }
    };
    let empty = move || first && posts.with(Vec::is_empty) && pinned.with(Vec::is_empty);
    view! {
        <section id="feed" aria-label=if filter.is_some() { "Posts" } else { "Post" }>
            {filter.is_some().then(|| view! { <ol id="feed-pinned" class="flex flex-col gap-4">{list(pinned)}</ol> })}
            <p role="status" class=move || if note.with(Option::is_some) { "mt-2 rounded-lg border border-danger px-3 py-2 text-sm text-danger" } else { "sr-only" }>
                {move || note.get()}
            </p>
            <ol id="feed-posts" class="mt-4 flex flex-col gap-4">{list(posts)}</ol>
            {move || empty().then(|| view! {
                <p class="rounded-xl border border-dashed border-line p-8 text-center text-muted">"Nothing here yet. Be the first to say hello!"</p>
            })}
            {move || next.get().map(|cursor| view! { <MoreLink live=live.clone() cursor /> })}
        </section>
    }
}

/// "Load more": a plain link to the next page, which the island turns into more posts on the
/// same page.
#[component]
fn MoreLink(live: Live, cursor: Cursor) -> impl IntoView {
    let kind = live.filter.unwrap_or_default().as_query();
    let feed = format!("/e/{}/feed?before={}", live.shared.slug, cursor.0);
    let href = if kind.is_empty() {
        feed
    } else {
        format!("{feed}&kind={kind}")
    };
    let busy = RwSignal::new(false);
    let on_click = move |event: leptos::ev::MouseEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let live = live.clone();
        leptos::task::spawn_local(async move {
            live.load_more(cursor).await;
            busy.set(false);
        });
    };
    view! {
        <nav class="mt-6 text-center">
            <a href=href on:click=on_click aria-busy=move || busy.get().then_some("true")
                class="rounded-lg border border-line px-4 py-2 no-underline hover:bg-raised">"Load more"</a>
        </nav>
    }
}

impl Shown {
    fn new(post: FeedPost) -> Self {
        Self {
            id: post.id,
            post: RwSignal::new(post),
        }
    }
}

impl Live {
    fn kind(&self) -> Option<String> {
        self.filter.map(|f| f.as_query().to_owned())
    }

    fn find(&self, id: PostId) -> Option<Shown> {
        let found = |list: &Vec<Shown>| list.iter().find(|s| s.id == id).copied();
        self.pinned.with(found).or_else(|| self.posts.with(found))
    }

    async fn timeline(&self, before: Option<Cursor>) -> Option<TimelinePage> {
        let slug = self.shared.slug.clone();
        let view = get_feed_timeline(slug, before.map(|c| c.0), self.kind())
            .await
            .ok()?;
        self.shared.now.set(view.frame.now);
        match view.content {
            Readable::Shown(page) => Some(page),
            _ => None,
        }
    }

    /// Appends the page after `cursor`, skipping posts already shown.
    async fn load_more(&self, cursor: Cursor) {
        let Some(page) = self.timeline(Some(cursor)).await else {
            return;
        };
        let added: Vec<Shown> = page
            .posts
            .into_iter()
            .filter(|p| self.find(p.id).is_none())
            .map(|p| self.owner.with(|| Shown::new(p)))
            .collect();
        self.posts.update(|list| list.extend(added));
        self.next.set(page.next);
    }
}

/// What only the browser does: follow the stream.
#[cfg(feature = "hydrate")]
impl Live {
    fn remove(&self, id: PostId) {
        for list in [self.pinned, self.posts] {
            list.update(|l| l.retain(|s| s.id != id));
        }
    }

    /// `post` as shown on the page: its signal, updated, if it is shown already.
    fn shown(&self, post: FeedPost) -> Shown {
        match self.find(post.id) {
            Some(shown) => {
                shown.post.set(post);
                shown
            }
            None => self.owner.with(|| Shown::new(post)),
        }
    }

    /// A post as the reader may see it now; `None` when they may not (any more).
    async fn fetch(&self, id: PostId) -> Result<Option<FeedPost>, AppError> {
        let single = self.filter.is_none();
        let view = get_feed_post(self.shared.slug.clone(), id, single).await?;
        self.shared.now.set(view.frame.now);
        Ok(match view.content {
            Readable::Shown(post) => post,
            _ => None,
        })
    }

    /// Shows the first page again, keeping the posts still on it (and what is typed in them).
    async fn reload(&self) {
        if self.filter.is_none() {
            return self
                .refresh(self.posts.with_untracked(|l| l.first().map(|s| s.id)))
                .await;
        }
        let Some(page) = self.timeline(None).await else {
            return;
        };
        let pinned = page.pinned.into_iter().map(|p| self.shown(p)).collect();
        let posts = page.posts.into_iter().map(|p| self.shown(p)).collect();
        self.pinned.set(pinned);
        self.posts.set(posts);
        self.next.set(page.next);
    }

    /// Fetches a shown post again: updated, or removed when the reader may no longer see it.
    async fn refresh(&self, id: Option<PostId>) {
        let Some(id) = id.filter(|id| self.find(*id).is_some()) else {
            return;
        };
        match self.fetch(id).await {
            Ok(Some(post)) => {
                self.shown(post);
            }
            Ok(None) => self.remove(id),
            // Not answered (the network): the post stays as it was until the next change.
            Err(_) => {}
        }
    }

    async fn apply(&self, change: FeedChange) {
        match change {
            FeedChange::Posted { id } => {
                let Some(filter) = self.filter.filter(|_| self.find(id).is_none()) else {
                    return;
                };
                if let Ok(Some(post)) = self.fetch(id).await
                    && filter.only().is_none_or(|kind| kind == post.kind)
                    && self.find(id).is_none()
                {
                    let shown = self.owner.with(|| Shown::new(post));
                    self.posts.update(|list| list.insert(0, shown));
                }
            }
            FeedChange::Changed { id } => self.refresh(Some(id)).await,
            FeedChange::Likes { id, count } => {
                if let Some(shown) = self.find(id) {
                    shown.post.update(|p| p.like_count = count);
                }
            }
            FeedChange::Deleted { id } => self.remove(id),
            FeedChange::Reset => self.reload().await,
        }
    }
}

/// Follows the feed's stream for as long as the page is open: applies each change; when the
/// stream ends (the server went away, the connection dropped), opens it again five seconds
/// later. Every stream starts with `reset`, which only matters after a reconnection.
#[cfg(feature = "hydrate")]
fn follow(live: Live) {
    use futures::StreamExt;
    use gloo_net::eventsource::futures::EventSource;

    let url = format!("/e/{}/feed/live", live.shared.slug);
    leptos::task::spawn_local(async move {
        let mut reconnected = false;
        loop {
            if let Ok(mut source) = EventSource::new(&url)
                && let Ok(mut messages) = source.subscribe("message")
            {
                let mut first = true;
                while let Some(Ok((_, message))) = messages.next().await {
                    let change = message.data().as_string();
                    let Some(change) = change.as_deref().and_then(FeedChange::from_wire) else {
                        continue;
                    };
                    let hello = first && !reconnected && change == FeedChange::Reset;
                    first = false;
                    if !hello {
                        live.apply(change).await;
                    }
                }
                source.close();
            }
            reconnected = true;
            crate::components::pause::pause(std::time::Duration::from_secs(5)).await;
        }
    });
}
