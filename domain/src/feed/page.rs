//! What the feed's pages get from the server: the feed around the content (whose feed, what
//! the reader may do), and the content itself or why the reader may not see it.

use serde::{Deserialize, Serialize};

use super::{FeedAccess, FeedRights};

/// What every feed page shows around its content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedFrame {
    /// The event's URL name.
    pub slug: String,
    /// The event's title.
    pub title: String,
    /// What the reader may do.
    pub rights: FeedRights,
    /// Who may read the feed.
    pub access: FeedAccess,
    /// When the server answered, Unix seconds: "5 minutes ago" is counted from it.
    pub now: i64,
}

/// A feed's content, or what the reader must do first to read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Readable<T> {
    /// The reader may read it.
    Shown(T),
    /// The feed is for attendees and the reader is signed out.
    SignInFirst,
    /// The feed is for attendees and the reader has not joined.
    JoinFirst,
}

/// One of the feed's pages: its frame and its content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedView<T> {
    /// Whose feed, and what the reader may do.
    pub frame: FeedFrame,
    /// The content, if the reader may read it.
    pub content: Readable<T>,
}
