//! Moving a campaign between its states (scheduled, paused, resumed, cancelled) as the
//! buttons of its page ask; the database refuses a move from a state it does not start from.

use domain::CampaignId;
use domain::campaign::CampaignStatus;
use domain::error::AppError;

use crate::Services;
use crate::accounts::session::Actor;
use crate::db::{self, campaigns};

use super::zone::CampaignZone;
use super::{authorized, found};

/// A change of a campaign's state, as the buttons post it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Send as soon as possible.
    SendNow,
    /// Send at a time.
    Schedule,
    /// Back to draft, before it starts.
    Unschedule,
    /// Stop sending for now.
    Pause,
    /// Go on sending.
    Resume,
    /// Stop for good.
    Cancel,
}

impl Change {
    /// From the posted name.
    pub fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "send" => Self::SendNow,
            "schedule" => Self::Schedule,
            "unschedule" => Self::Unschedule,
            "pause" => Self::Pause,
            "resume" => Self::Resume,
            "cancel" => Self::Cancel,
            _ => return None,
        })
    }
}

/// Schedules, pauses, resumes or cancels a campaign. `send_at` (a `datetime-local` value in
/// the campaign's zone: its event's, else its organization's) is read for
/// [`Change::Schedule`]. Sending now and cancelling cannot be taken back, so they take
/// `confirmed`: the page asks first, saying how many people the mail reaches.
pub async fn change(
    state: &Services,
    actor: &Actor,
    org: &str,
    id: CampaignId,
    change: Change,
    send_at: &str,
    confirmed: bool,
) -> Result<(), AppError> {
    let (organization, _) = authorized(state, actor, org).await?;
    let record = found(state, organization.id, id).await?;
    if matches!(change, Change::SendNow | Change::Cancel) && !confirmed {
        return Err(AppError::Conflict(
            "Please confirm first: the campaign's page says how many people this concerns.".into(),
        ));
    }
    let now = db::now();
    let (from, to, at): (&[&str], &str, Option<i64>) = match change {
        Change::SendNow => (&["draft", "scheduled"], "scheduled", Some(now)),
        Change::Schedule => {
            let zone = CampaignZone::load(state, &organization, record.event_id).await?;
            let at = zone
                .parse(send_at)
                .map_err(|m| AppError::invalid("send_at", m).keeping(&[("send_at", send_at)]))?;
            if at < now - 60 {
                return Err(AppError::invalid("send_at", "choose a time in the future")
                    .keeping(&[("send_at", send_at)]));
            }
            (&["draft", "scheduled"], "scheduled", Some(at))
        }
        Change::Unschedule => (&["scheduled"], "draft", None),
        Change::Pause => (&["scheduled", "sending"], "paused", None),
        // A campaign paused before it started is scheduled again, so it starts properly.
        Change::Resume => match record.started_at {
            Some(_) => (&["paused"], "sending", None),
            None => (&["paused"], "scheduled", None),
        },
        Change::Cancel => (
            &["draft", "scheduled", "sending", "paused"],
            "cancelled",
            None,
        ),
    };
    if matches!(change, Change::SendNow | Change::Schedule) && record.template_id.is_none() {
        return Err(AppError::Conflict(
            "Choose a template before sending this campaign.".into(),
        ));
    }
    let moved = campaigns::change_status(&state.db, organization.id, id, from, to, at)
        .await
        .map_err(AppError::db("cannot change a campaign"))?;
    if moved {
        Ok(())
    } else {
        Err(AppError::Conflict(format!(
            "This campaign is {}; that cannot be done now.",
            CampaignStatus::parse(&record.status).label().to_lowercase()
        )))
    }
}
