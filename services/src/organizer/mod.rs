//! The organizer side of events: the event editor, the agenda and the speakers. Each
//! operation finds the organization by slug, asks the policy, and only then reads the event
//! through queries scoped to that organization.

pub mod agenda;
pub mod events;
pub mod export;
pub mod images;
pub mod imports;
pub mod publisher;
pub mod speakers;

use jiff::tz::TimeZone;

use domain::error::AppError;

use crate::Services;
use crate::accounts::session::Actor;
use crate::db::managed_events::{self, EventRow};
use crate::db::organizations::OrganizationRow;
use crate::db::{self, managed_events::record_change};
use crate::policy::{Action, Grant};
use crate::{time, workspace};

/// Why an uploaded file (an image, a CSV file) changed nothing.
#[derive(Debug)]
pub enum UploadError<Problem> {
    /// The file is not acceptable, for the reason `Problem`; the person can choose another.
    Refused(Problem),
    /// Something on our side failed (already logged).
    Failed(AppError),
}

impl<Problem> From<AppError> for UploadError<Problem> {
    fn from(error: AppError) -> Self {
        Self::Failed(error)
    }
}

/// An event the caller may work on, with its organization and time zone.
pub struct EventScope {
    /// The organization.
    pub organization: OrganizationRow,
    /// The event.
    pub event: EventRow,
    /// The caller, as the policy saw them.
    pub grant: Grant,
    /// The event's zone.
    pub tz: TimeZone,
}

/// Authorizes `action` on the organization `org_slug` and finds its event `event_slug`;
/// another organization's event is "not found" like a missing one.
pub async fn scope(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    action: Action,
) -> Result<EventScope, AppError> {
    let (organization, grant) = workspace::authorized(state, actor, org_slug, action).await?;
    let event = managed_events::by_slug(&state.db, organization.id, event_slug)
        .await
        .map_err(AppError::db("cannot read an event"))?
        .ok_or_else(|| AppError::NotFound("event".into()))?;
    let tz = time::zone_or_utc(&event.time_zone);
    Ok(EventScope {
        organization,
        event,
        grant,
        tz,
    })
}

/// An open transaction: a change and the history line that describes it are written in one.
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

impl EventScope {
    /// Writes one line of the event's change history in the change's own transaction, then
    /// commits both: a change is saved with its history line or not at all (a failure after
    /// the change alone would show an error for a saved change, and a retry would repeat it).
    pub async fn record(&self, mut tx: Tx, summary: &str) -> Result<(), AppError> {
        record_change(
            &mut *tx,
            self.event.id,
            Some(self.grant.user),
            summary,
            db::now(),
        )
        .await
        .map_err(AppError::db("cannot record an event change"))?;
        tx.commit()
            .await
            .map_err(AppError::db("cannot save an event change"))
    }
}
