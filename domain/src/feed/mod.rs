//! An event's feed: what attendees and organizers post, like and comment, and what moderators
//! decide. The texts validate on parse, on both sides of the wire.

use serde::{Deserialize, Serialize};

use super::text;
use super::time::Written;
use super::{CommentId, PostId, UserId};

mod change;
mod page;

pub use change::FeedChange;
pub use page::{FeedFrame, FeedView, Readable};

/// The longest post, in characters.
pub const MAX_POST_CHARS: usize = 2_000;
/// The longest comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 1_000;
/// The longest report reason, in characters.
pub const MAX_REASON_CHARS: usize = 500;
/// How long after posting its author may still edit a post.
pub const EDIT_WINDOW_SECS: i64 = 15 * 60;
/// Posts on a timeline page when the caller does not say.
pub const DEFAULT_PAGE_SIZE: u32 = 20;
/// The most posts one timeline page holds, whatever the caller asks.
pub const MAX_PAGE_SIZE: u32 = 50;
/// Comments shown under each post of the timeline (the post's own page shows them all).
pub const COMMENTS_PER_POST: usize = 3;

macro_rules! feed_text {
    ($(#[$doc:meta])* $name:ident, $max:expr, $empty:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Trims and checks `raw`: the message to show next to the field if refused.
            pub fn parse(raw: &str) -> Result<Self, String> {
                match text::clean(raw, $max, true) {
                    Ok(clean) => Ok(Self(clean)),
                    Err(text::TextProblem::Empty) => Err($empty.to_owned()),
                    Err(text::TextProblem::TooLong { max }) => Err(format!(
                        "keep it to {max} characters or fewer ({} now)",
                        text::length(raw.trim())
                    )),
                    Err(text::TextProblem::ControlCharacter) => {
                        Err("remove the special characters".to_owned())
                    }
                }
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(raw: String) -> Result<Self, String> {
                Self::parse(&raw)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }
    };
}

feed_text!(
    /// The text of a post: Markdown-lite, up to [`MAX_POST_CHARS`] characters.
    PostBody,
    MAX_POST_CHARS,
    "write something to post"
);
feed_text!(
    /// The text of a comment: up to [`MAX_COMMENT_CHARS`] characters.
    CommentBody,
    MAX_COMMENT_CHARS,
    "write a comment first"
);
feed_text!(
    /// Why someone reports a post or comment, for the moderators.
    ReportReason,
    MAX_REASON_CHARS,
    "say what is wrong with it"
);

/// Who may read an event's feed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedAccess {
    /// Everyone who can see the event page.
    #[default]
    Public,
    /// Only the people who joined the event, and the organization's members.
    Attendees,
}

impl FeedAccess {
    /// The stored and posted name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Attendees => "attendees",
        }
    }

    /// The value named `raw`, if any.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "public" => Some(Self::Public),
            "attendees" => Some(Self::Attendees),
            _ => None,
        }
    }
}

/// What a post is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PostKind {
    /// Written by a person, in their name.
    Post,
    /// Written by an organizer, in the organization's name.
    Announcement,
}

impl PostKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Post => "post",
            Self::Announcement => "announcement",
        }
    }

    /// The kind stored as `raw`; anything unknown is a plain post.
    pub fn from_stored(raw: &str) -> Self {
        match raw {
            "announcement" => Self::Announcement,
            _ => Self::Post,
        }
    }
}

/// Which kinds of items a timeline shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum KindFilter {
    /// Everything.
    #[default]
    All,
    /// Only people's posts.
    Posts,
    /// Only announcements.
    Announcements,
}

impl KindFilter {
    /// Reads the `kind` query parameter; anything unknown shows everything.
    pub fn parse(raw: &str) -> Self {
        match raw {
            "posts" => Self::Posts,
            "announcements" => Self::Announcements,
            _ => Self::All,
        }
    }

    /// The query parameter's value (empty for everything).
    pub fn as_query(self) -> &'static str {
        match self {
            Self::All => "",
            Self::Posts => "posts",
            Self::Announcements => "announcements",
        }
    }

    /// The one kind shown, or `None` for both.
    pub fn only(self) -> Option<PostKind> {
        match self {
            Self::All => None,
            Self::Posts => Some(PostKind::Post),
            Self::Announcements => Some(PostKind::Announcement),
        }
    }
}

/// Where a timeline page starts: after the post with this id (ids only grow, so a page never
/// repeats or skips a post because newer ones arrived meanwhile).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor(pub PostId);

impl Cursor {
    /// Reads the `before` query parameter: `None` for the first page or anything unreadable.
    pub fn parse(raw: &str) -> Option<Self> {
        raw.parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .map(|id| Self(PostId(id)))
    }
}

/// The number of posts on a page: `requested`, within 1..=[`MAX_PAGE_SIZE`].
pub fn page_size(requested: Option<u32>) -> u32 {
    requested
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .clamp(1, MAX_PAGE_SIZE)
}

/// A comment as a reader sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedComment {
    /// Its id.
    pub id: CommentId,
    /// Its author.
    pub author_id: UserId,
    /// Its author's name.
    pub author: String,
    /// Its text, rendered and sanitized.
    pub html: String,
    /// When it was written.
    pub created: Written,
    /// Hidden by a moderator (only moderators still see it).
    pub hidden: bool,
}

/// A post as a reader sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedPost {
    /// Its id.
    pub id: PostId,
    /// Post or announcement.
    pub kind: PostKind,
    /// Its author.
    pub author_id: UserId,
    /// The name it is shown under: the author's, or the organization's for announcements.
    pub author: String,
    /// Its text as typed, for the edit form.
    pub body: String,
    /// Its text, rendered and sanitized.
    pub html: String,
    /// Its image's address, if any.
    pub image: Option<String>,
    /// Pinned at the top of the feed.
    pub pinned: bool,
    /// Hidden by a moderator (only moderators still see it).
    pub hidden: bool,
    /// How many people like it.
    pub like_count: i64,
    /// How many comments it has.
    pub comment_count: i64,
    /// Whether the reader likes it.
    pub liked: bool,
    /// When it was posted.
    pub created: Written,
    /// When it was last edited, if ever.
    pub edited_at: Option<i64>,
    /// The comments shown with it (the latest few on the timeline, all on its own page).
    pub comments: Vec<FeedComment>,
}

impl FeedPost {
    /// Whether its author may still edit it at `now`.
    pub fn editable_at(&self, now: i64) -> bool {
        now - self.created.at <= EDIT_WINDOW_SECS
    }
}

/// What the reader may do in a feed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedRights {
    /// The reader, when signed in.
    pub user: Option<UserId>,
    /// May post, comment and like (joined the event, or a member, and not muted).
    pub can_post: bool,
    /// Muted by a moderator.
    pub muted: bool,
    /// A member of the event's organization: announces and moderates.
    pub moderates: bool,
}

/// One page of an event's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelinePage {
    /// Pinned announcements (first page only).
    pub pinned: Vec<FeedPost>,
    /// Posts, newest first.
    pub posts: Vec<FeedPost>,
    /// Where the next page starts, if there is one.
    pub next: Option<Cursor>,
}

/// An open report, for the moderation queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenReport {
    /// The report's id.
    pub id: i64,
    /// The post reported, or the post under which the comment was.
    pub post: PostId,
    /// The comment reported, if it is a comment.
    pub comment: Option<CommentId>,
    /// The reported content's author and their name.
    pub author_id: UserId,
    /// The author's name.
    pub author: String,
    /// The reported text as written.
    pub excerpt: String,
    /// Whether the content is already hidden.
    pub hidden: bool,
    /// Why it was reported.
    pub reason: String,
    /// Who reported it.
    pub reporter: String,
    /// When, Unix seconds.
    pub created_at: i64,
    /// Whether the author is muted in this feed.
    pub author_muted: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_is_trimmed_and_bounded() {
        assert_eq!(
            PostBody::parse("  hello\nworld ").expect("ok").as_str(),
            "hello\nworld"
        );
        assert_eq!(
            PostBody::parse("   ").expect_err("refused"),
            "write something to post"
        );
        let long = "é".repeat(MAX_POST_CHARS + 1);
        assert!(
            PostBody::parse(&long)
                .expect_err("refused")
                .contains("2000 characters")
        );
        assert!(PostBody::parse(&"é".repeat(MAX_POST_CHARS)).is_ok());
        assert!(PostBody::parse("bell\u{7}").is_err());
        assert!(CommentBody::parse(&"x".repeat(MAX_COMMENT_CHARS + 1)).is_err());
        assert!(ReportReason::parse("").is_err());
    }

    #[test]
    fn page_sizes_have_an_upper_bound() {
        assert_eq!(page_size(None), DEFAULT_PAGE_SIZE);
        assert_eq!(page_size(Some(0)), 1);
        assert_eq!(page_size(Some(10_000)), MAX_PAGE_SIZE);
    }

    #[test]
    fn cursors_and_filters_read_the_query() {
        assert_eq!(Cursor::parse("42"), Some(Cursor(PostId(42))));
        for bad in ["", "-1", "0", "x", "1e3"] {
            assert_eq!(Cursor::parse(bad), None, "{bad}");
        }
        assert_eq!(
            KindFilter::parse("announcements").only(),
            Some(PostKind::Announcement)
        );
        assert_eq!(KindFilter::parse("anything"), KindFilter::All);
    }
}
