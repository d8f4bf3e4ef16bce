//! Publishing an event, now or at a chosen time, taking it back to draft and archiving it;
//! each change goes into the event's history.

use domain::EventStatus;
use domain::error::AppError;

use crate::Services;
use crate::accounts::session::Actor;
use crate::db::{self, managed_events};
use crate::organizer::scope;
use crate::policy::Action;
use crate::time;

/// What an organizer can do to an event's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusChange {
    /// Make it public now.
    Publish,
    /// Publish it by itself at a chosen time.
    Schedule,
    /// Back to draft.
    Unpublish,
    /// Withdraw it.
    Archive,
}

impl StatusChange {
    /// Reads the posted value.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        match raw {
            "publish" => Ok(Self::Publish),
            "schedule" => Ok(Self::Schedule),
            "unpublish" => Ok(Self::Unpublish),
            "archive" => Ok(Self::Archive),
            _ => Err(AppError::invalid("request", "choose a status")),
        }
    }
}

/// Changes the event's status (`change` as posted); `publish_at_local` is the time for
/// [`StatusChange::Schedule`].
pub async fn change_status(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    change: &str,
    publish_at_local: &str,
) -> Result<(), AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let change = StatusChange::parse(change)?;
    let now = db::now();
    let (status, publish_at, summary) = match change {
        StatusChange::Publish => (
            EventStatus::Published,
            None,
            "published the event".to_owned(),
        ),
        StatusChange::Unpublish => (
            EventStatus::Draft,
            None,
            "moved the event back to draft".to_owned(),
        ),
        StatusChange::Archive => (EventStatus::Archived, None, "archived the event".to_owned()),
        StatusChange::Schedule => {
            let at = time::parse_local(publish_at_local, &scope.tz)
                .and_then(|at| match at > now {
                    true => Ok(at),
                    false => Err("choose a time in the future".to_owned()),
                })
                .map_err(|m| {
                    AppError::invalid("publish_at", m).keeping(&[("publish_at", publish_at_local)])
                })?;
            let label = time::moment_label(at, &scope.tz);
            (
                EventStatus::Draft,
                Some(at),
                format!("scheduled publishing for {label}"),
            )
        }
    };
    let mut tx = state.db.begin().await?;
    managed_events::set_status(&mut *tx, scope.event.id, status.as_str(), publish_at, now)
        .await
        .map_err(AppError::db("cannot change an event's status"))?;
    scope.record(tx, &summary).await
}
