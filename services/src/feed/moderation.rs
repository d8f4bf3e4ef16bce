//! Reports, the moderators' decisions, mutes, pins and the feed's access setting.

use domain::error::AppError;
use domain::feed::{FeedAccess, FeedChange, OpenReport, ReportReason};
use domain::{CommentId, PostId, UserId};

use super::live::announce;
use super::{Feed, visible_post};
use crate::Services;
use crate::db::feed::{self as feed_db, PostFlag};
use crate::db::feed_reports::{self, Reported};
use crate::db::{self};
use crate::policy::FeedAction;

/// What a moderator does with reported (or any) content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Nobody but moderators sees it any more.
    Hide,
    /// Everyone sees it again.
    Show,
    /// Gone for good.
    Delete,
    /// Leave it: the reports were unfounded.
    Dismiss,
}

impl Decision {
    /// The decision posted as `raw`.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "hide" => Some(Self::Hide),
            "show" => Some(Self::Show),
            "delete" => Some(Self::Delete),
            "dismiss" => Some(Self::Dismiss),
            _ => None,
        }
    }
}

/// The content a report or decision is about: a post, or a comment under it.
fn target(post: PostId, comment: Option<CommentId>) -> Reported {
    comment.map_or(Reported::Post(post), Reported::Comment)
}

/// Finds `what` in this feed as the caller may see it: the post it is, or is under.
async fn locate(state: &Services, feed: &Feed, what: Reported) -> Result<(PostId, i64), AppError> {
    match what {
        Reported::Post(id) => Ok((id, visible_post(state, feed, id).await?.hidden)),
        Reported::Comment(id) => {
            let (post, _author, hidden) = feed_db::comment(&state.db, feed.event.id, id)
                .await
                .map_err(AppError::db("cannot read a comment"))?
                .filter(|(_, _, hidden)| *hidden == 0 || feed.standing.member)
                .ok_or_else(|| AppError::NotFound("comment".into()))?;
            visible_post(state, feed, post).await?;
            Ok((post, hidden))
        }
    }
}

/// Reports a post, or a comment under it, to the moderators.
pub async fn report(
    state: &Services,
    feed: &Feed,
    post: PostId,
    comment: Option<CommentId>,
    reason: &str,
) -> Result<(), AppError> {
    let reporter = feed.caller(FeedAction::Report)?;
    let reason = ReportReason::parse(reason).map_err(|m| {
        AppError::invalid("reason", m).keeping(&[("reason", reason), ("post", &post.to_string())])
    })?;
    let what = target(post, comment);
    locate(state, feed, what).await?;
    // Each report asks the moderators' attention: a few an hour from one person.
    crate::throttle::REPORTS_PER_PERSON
        .take(&state.db, &reporter.to_string())
        .await?;
    feed_reports::report(
        &state.db,
        feed.event.id,
        what,
        reporter,
        reason.as_str(),
        db::now(),
    )
    .await
    .map_err(AppError::db("cannot save a report"))
}

/// Applies a moderator's `decision` to a post or a comment, and closes its reports.
pub async fn decide(
    state: &Services,
    feed: &Feed,
    post: PostId,
    comment: Option<CommentId>,
    decision: Decision,
) -> Result<(), AppError> {
    feed.allow(FeedAction::Moderate)?;
    let what = target(post, comment);
    let (post, _) = locate(state, feed, what).await?;
    let failed = AppError::db("cannot apply a moderation decision");
    match (what, decision) {
        (_, Decision::Dismiss) => {}
        (Reported::Post(id), Decision::Hide | Decision::Show) => {
            feed_db::set_post_flag(&state.db, id, PostFlag::Hidden, decision == Decision::Hide)
                .await
                .map_err(failed)?
        }
        (Reported::Post(id), Decision::Delete) => {
            feed_db::delete_post(&state.db, id).await.map_err(failed)?
        }
        (Reported::Comment(id), Decision::Hide | Decision::Show) => {
            feed_db::set_comment_hidden(&state.db, id, post, decision == Decision::Hide)
                .await
                .map_err(failed)?
        }
        (Reported::Comment(id), Decision::Delete) => feed_db::delete_comment(&state.db, id, post)
            .await
            .map_err(failed)?,
    }
    feed_reports::resolve_reports(&state.db, what, db::now())
        .await
        .map_err(AppError::db("cannot close reports"))?;
    let change = match (what, decision) {
        (_, Decision::Dismiss) => return Ok(()),
        (Reported::Post(id), Decision::Delete) => FeedChange::Deleted { id },
        _ => FeedChange::Changed { id: post },
    };
    announce(&state.db, &state.feed_hub, feed.event.id, change).await;
    Ok(())
}

/// Mutes (`muted` true) or unmutes `user` in this feed. Members cannot be muted: they
/// moderate it.
pub async fn mute(
    state: &Services,
    feed: &Feed,
    user: UserId,
    muted: bool,
) -> Result<(), AppError> {
    let moderator = feed.caller(FeedAction::Moderate)?;
    if user == moderator {
        return Err(AppError::Conflict("You cannot mute yourself.".into()));
    }
    feed_reports::set_muted(&state.db, feed.event.id, user, muted, moderator, db::now())
        .await
        .map_err(AppError::db("cannot save a mute"))
}

/// Pins or unpins an announcement.
pub async fn pin(state: &Services, feed: &Feed, id: PostId, pinned: bool) -> Result<(), AppError> {
    feed.allow(FeedAction::Moderate)?;
    let row = visible_post(state, feed, id).await?;
    if pinned && row.kind != "announcement" {
        return Err(AppError::Conflict(
            "Only announcements can be pinned.".into(),
        ));
    }
    feed_db::set_post_flag(&state.db, id, PostFlag::Pinned, pinned)
        .await
        .map_err(AppError::db("cannot pin a post"))?;
    announce(&state.db, &state.feed_hub, feed.event.id, FeedChange::Reset).await;
    Ok(())
}

/// Sets who may read the feed.
pub async fn set_access(state: &Services, feed: &Feed, access: FeedAccess) -> Result<(), AppError> {
    feed.allow(FeedAction::Moderate)?;
    feed_db::set_access(&state.db, feed.event.id, access.as_str())
        .await
        .map_err(AppError::db("cannot change a feed's access"))
}

/// The open reports, oldest first.
pub async fn reports(state: &Services, feed: &Feed) -> Result<Vec<OpenReport>, AppError> {
    feed.allow(FeedAction::Moderate)?;
    let rows = feed_reports::open_reports(&state.db, feed.event.id)
        .await
        .map_err(AppError::db("cannot read reports"))?;
    Ok(rows
        .into_iter()
        .map(|r| OpenReport {
            id: r.id,
            post: r.post_id,
            comment: r.comment_id,
            author_id: r.author_id,
            author: r.author_name,
            excerpt: r.body,
            hidden: r.hidden != 0,
            reason: r.reason,
            reporter: r.reporter_name,
            created_at: r.created_at,
            author_muted: r.author_muted != 0,
        })
        .collect())
}
