//! An event's feed: the timeline, posting, liking and commenting ([`posts`]), moderation
//! ([`moderation`]) and live updates ([`live`]). Every function first opens the feed for its
//! caller ([`open`]), which loads what the policy decides on, and asks the policy.

pub mod live;
pub mod moderation;
pub mod posts;
pub mod streams;

use domain::error::AppError;
use domain::feed::{
    COMMENTS_PER_POST, Cursor, FeedAccess, FeedComment, FeedPost, FeedRights, KindFilter, PostKind,
    TimelinePage,
};
use domain::time::Written;
use domain::{PostId, Slug, UserId};

use super::accounts::session::Actor;
use super::db::events::PublicEventRow;
use super::db::feed::{self as feed_db, FeedRow, PostRow, Window};
use super::policy::{FeedAction, FeedStanding, decide_feed};
use super::{Services, markdown, media};

/// A published event's feed as one caller sees it.
pub struct Feed {
    /// The event.
    pub event: PublicEventRow,
    /// The caller, when signed in.
    pub user: Option<UserId>,
    /// What the policy decides on.
    pub standing: FeedStanding,
}

impl Feed {
    /// `Ok` when the caller may do `action`.
    pub fn allow(&self, action: FeedAction) -> Result<(), AppError> {
        decide_feed(self.standing, action)
    }

    /// The signed-in caller, allowed to do `action`.
    pub fn caller(&self, action: FeedAction) -> Result<UserId, AppError> {
        self.allow(action)?;
        self.user.ok_or(AppError::Unauthenticated)
    }

    /// What the caller may do, for the page.
    pub fn rights(&self) -> FeedRights {
        FeedRights {
            user: self.user,
            can_post: self.allow(FeedAction::Participate).is_ok(),
            muted: self.standing.muted && !self.standing.member,
            moderates: self.standing.member,
        }
    }
}

/// Loads the feed of the published event `slug` for `actor`. Unknown and unpublished events
/// are "not found"; whether the caller may read it is the caller's next check.
pub async fn open(state: &Services, actor: &Actor, slug: &str) -> Result<Feed, AppError> {
    let not_found = || AppError::NotFound("event".into());
    let slug = Slug::parse(slug).map_err(|_| not_found())?;
    let user = match actor {
        Actor::Anonymous => None,
        Actor::User(user) => Some(user.user_id),
    };
    let FeedRow { event, standing } = feed_db::open(&state.db, slug.as_str(), user)
        .await
        .map_err(AppError::db("cannot open a feed"))?
        .ok_or_else(not_found)?;
    Ok(Feed {
        event,
        user,
        standing: FeedStanding {
            signed_in: user.is_some(),
            joined: standing.joined == 1,
            member: standing.member == 1,
            muted: standing.muted == 1,
            access: FeedAccess::parse(&standing.feed_access).unwrap_or_default(),
        },
    })
}

/// One page of the timeline: pinned announcements first (on the first page), then posts
/// newest first, `size` at most.
pub async fn timeline(
    state: &Services,
    feed: &Feed,
    before: Option<Cursor>,
    filter: KindFilter,
    size: u32,
) -> Result<TimelinePage, AppError> {
    feed.allow(FeedAction::Read)?;
    let with_hidden = feed.standing.member;
    let pinned = if before.is_none() && filter != KindFilter::Posts {
        feed_db::pinned(&state.db, feed.event.id, with_hidden)
            .await
            .map_err(AppError::db("cannot read pinned announcements"))?
    } else {
        Vec::new()
    };
    let mut rows = feed_db::timeline(
        &state.db,
        Window {
            event: feed.event.id,
            before: before.map(|c| c.0),
            kind: filter.only().map(PostKind::as_str),
            with_hidden,
            limit: i64::from(size) + 1,
        },
    )
    .await
    .map_err(AppError::db("cannot read a timeline"))?;
    let next = if rows.len() > size as usize {
        rows.truncate(size as usize);
        rows.last().map(|r| Cursor(r.id))
    } else {
        None
    };
    let pinned_count = pinned.len();
    let mut all = assemble(
        state,
        feed,
        pinned.into_iter().chain(rows).collect(),
        Some(COMMENTS_PER_POST),
    )
    .await?;
    let posts = all.split_off(pinned_count);
    Ok(TimelinePage {
        pinned: all,
        posts,
        next,
    })
}

/// One post with its latest `comments` comments (all for `None`); "not found" when it is
/// hidden from the caller.
pub async fn post(
    state: &Services,
    feed: &Feed,
    id: PostId,
    comments: Option<usize>,
) -> Result<FeedPost, AppError> {
    feed.allow(FeedAction::Read)?;
    let row = visible_post(state, feed, id).await?;
    let mut posts = assemble(state, feed, vec![row], comments).await?;
    posts.pop().ok_or_else(|| AppError::NotFound("post".into()))
}

/// The post `id` of this feed as the caller may see it.
async fn visible_post(state: &Services, feed: &Feed, id: PostId) -> Result<PostRow, AppError> {
    feed_db::post(&state.db, feed.event.id, id)
        .await
        .map_err(AppError::db("cannot read a post"))?
        .filter(|row| row.hidden == 0 || feed.standing.member)
        .ok_or_else(|| AppError::NotFound("post".into()))
}

/// Adds comments and the caller's likes to `rows`: two queries whatever their number.
async fn assemble(
    state: &Services,
    feed: &Feed,
    rows: Vec<PostRow>,
    comments_per_post: Option<usize>,
) -> Result<Vec<FeedPost>, AppError> {
    let ids: Vec<PostId> = rows.iter().map(|r| r.id).collect();
    let with_hidden = feed.standing.member;
    let comments = feed_db::comments(&state.db, &ids, comments_per_post, with_hidden)
        .await
        .map_err(AppError::db("cannot read comments"))?;
    let liked = match feed.user {
        Some(user) => feed_db::liked(&state.db, user, &ids)
            .await
            .map_err(AppError::db("cannot read likes"))?,
        None => Vec::new(),
    };
    // Comments come ordered by post, but posts come newest first: group them by post.
    let mut by_post: std::collections::HashMap<PostId, Vec<FeedComment>> =
        std::collections::HashMap::new();
    for c in comments {
        by_post.entry(c.post_id).or_default().push(FeedComment {
            id: c.id,
            author_id: c.author_id,
            author: c.author_name,
            html: markdown::post_to_safe_html(&c.body),
            created: Written::new(c.created_at),
            hidden: c.hidden != 0,
        });
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let kind = PostKind::from_stored(&row.kind);
            FeedPost {
                id: row.id,
                kind,
                author_id: row.author_id,
                author: match kind {
                    PostKind::Announcement => feed.event.organization_name.clone(),
                    PostKind::Post => row.author_name,
                },
                html: markdown::post_to_safe_html(&row.body),
                body: row.body,
                image: row
                    .image
                    .filter(|name| media::is_stored_name(name))
                    .map(|name| media::url(&name, 1200)),
                pinned: row.pinned != 0,
                hidden: row.hidden != 0,
                like_count: row.like_count,
                comment_count: row.comment_count,
                liked: liked.contains(&row.id),
                created: Written::new(row.created_at),
                edited_at: row.edited_at,
                comments: by_post.remove(&row.id).unwrap_or_default(),
            }
        })
        .collect())
}
