//! What changes in a feed, as the server streams it to the pages that show the feed.

use super::PostId;

/// What changed in a feed, as sent to open browsers. Small on purpose: a browser asks for
/// the changed post as it may see it, so nothing hidden is ever broadcast.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedChange {
    /// A new post.
    Posted {
        /// The post.
        id: PostId,
    },
    /// A post changed: edited, commented, hidden or shown again.
    Changed {
        /// The post.
        id: PostId,
    },
    /// A post's like count.
    Likes {
        /// The post.
        id: PostId,
        /// Its new count.
        count: i64,
    },
    /// A post was deleted.
    Deleted {
        /// The post.
        id: PostId,
    },
    /// Changes were lost (a slow reader, a lost database connection) or reordered the feed
    /// (a pin): fetch the list again.
    Reset,
}

impl FeedChange {
    /// The change as text, as streamed to browsers and passed between instances:
    /// `posted 12`, `changed 12`, `likes 12 7`, `deleted 12`, `reset`. Plain words rather
    /// than JSON keep the browser's reader out of the bundle's JSON code.
    pub fn to_wire(&self) -> String {
        match self {
            Self::Posted { id } => format!("posted {id}"),
            Self::Changed { id } => format!("changed {id}"),
            Self::Likes { id, count } => format!("likes {id} {count}"),
            Self::Deleted { id } => format!("deleted {id}"),
            Self::Reset => "reset".to_owned(),
        }
    }

    /// Reads [`FeedChange::to_wire`]'s text; `None` for anything else.
    pub fn from_wire(text: &str) -> Option<Self> {
        let mut words = text.split(' ');
        let kind = words.next()?;
        let mut number = || words.next()?.parse::<i64>().ok();
        let change = match kind {
            "reset" => Self::Reset,
            "posted" => Self::Posted {
                id: PostId(number()?),
            },
            "changed" => Self::Changed {
                id: PostId(number()?),
            },
            "deleted" => Self::Deleted {
                id: PostId(number()?),
            },
            "likes" => Self::Likes {
                id: PostId(number()?),
                count: number()?,
            },
            _ => return None,
        };
        words.next().is_none().then_some(change)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_travel_as_a_few_words() {
        let changes = [
            FeedChange::Posted { id: PostId(1) },
            FeedChange::Changed { id: PostId(2) },
            FeedChange::Likes {
                id: PostId(3),
                count: 7,
            },
            FeedChange::Deleted { id: PostId(4) },
            FeedChange::Reset,
        ];
        for change in changes {
            assert_eq!(FeedChange::from_wire(&change.to_wire()), Some(change));
        }
        let likes = FeedChange::Likes {
            id: PostId(3),
            count: 7,
        };
        assert_eq!(likes.to_wire(), "likes 3 7");
        for bad in ["", "likes 3", "posted x", "posted 1 2", "boom 1"] {
            assert_eq!(FeedChange::from_wire(bad), None, "{bad}");
        }
    }
}
