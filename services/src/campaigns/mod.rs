//! Email campaigns: an organization's contacts, segments, templates and campaigns, the
//! background sender, and the links inside messages. Every operation for organizers asks
//! the policy for [`Action::ManageCampaigns`] on the organization first; another
//! organization's records answer "not found".

pub mod contacts;
pub mod content;
mod drafts;
mod lanes;
pub mod links;
pub mod message;
pub mod mime;
mod overview;
mod scheduling;
pub mod sender;
pub mod smtp;
pub mod tracking;
mod zone;

pub use drafts::save;
pub use overview::{details, overview, progress};
pub use scheduling::{Change, change};

use domain::campaign::SegmentRules;
use domain::error::AppError;
use domain::{CampaignId, EventId, OrganizationId};

use crate::accounts::session::Actor;
use crate::db::campaigns::{self, CampaignRecord};
use crate::db::organizations::OrganizationRow;
use crate::db::{managed_events, organizations, segments};
use crate::policy::{Action, Grant};
use crate::{Services, time, workspace};

/// The organization `slug`, once the caller may manage its campaigns.
pub(crate) async fn authorized(
    state: &Services,
    actor: &Actor,
    slug: &str,
) -> Result<(OrganizationRow, Grant), AppError> {
    workspace::authorized(state, actor, slug, Action::ManageCampaigns).await
}

/// What the per-campaign placeholders of `campaign` become.
pub(crate) async fn campaign_values(
    state: &Services,
    campaign: &CampaignRecord,
) -> Result<message::CampaignValues, AppError> {
    let organization = organizations::by_id(&state.db, campaign.organization_id)
        .await
        .map_err(AppError::db("cannot read an organization"))?
        .map(|o| o.name)
        .unwrap_or_default();
    event_values(
        state,
        campaign.organization_id,
        organization,
        campaign.event_id,
    )
    .await
}

pub(crate) async fn event_values(
    state: &Services,
    organization_id: OrganizationId,
    organization: String,
    event: Option<EventId>,
) -> Result<message::CampaignValues, AppError> {
    let event = match event {
        Some(id) => managed_events::by_id(&state.db, organization_id, id)
            .await
            .map_err(AppError::db("cannot read an event"))?,
        None => None,
    };
    Ok(match event {
        Some(event) => message::CampaignValues {
            organization,
            event_date: time::day_label(&time::day_of(
                event.starts_at,
                &time::zone_or_utc(&event.time_zone),
            )),
            event_url: format!("{}/e/{}", state.config.base_url, event.slug),
            event_title: event.title,
            notice: String::new(),
        },
        None => message::CampaignValues {
            organization,
            ..message::CampaignValues::default()
        },
    })
}

/// A campaign's segment: its name (blank for none) and rules.
pub(crate) struct Segment {
    pub name: String,
    pub rules: SegmentRules,
}

/// The segment of a campaign; none (every mailable contact) without a segment.
pub(crate) async fn segment(
    state: &Services,
    campaign: &CampaignRecord,
) -> Result<Segment, AppError> {
    let Some(segment) = campaign.segment_id else {
        return Ok(Segment {
            name: String::new(),
            rules: SegmentRules::default(),
        });
    };
    let record = segments::find(&state.db, campaign.organization_id, segment)
        .await
        .map_err(AppError::db("cannot read a segment"))?
        .ok_or_else(|| AppError::NotFound("segment".into()))?;
    // Never "no rules" for rules that do not read: that would mail everyone.
    let rules = serde_json::from_str(&record.rules)
        .map_err(|e| AppError::internal("a segment's rules do not read", e))?;
    Ok(Segment {
        name: record.name,
        rules,
    })
}

/// `rules` in words, with the organization's event titles.
pub(crate) async fn describe(
    state: &Services,
    organization: OrganizationId,
    rules: &SegmentRules,
) -> Result<String, AppError> {
    let events = if rules.rules.is_empty() {
        Vec::new()
    } else {
        managed_events::list(&state.db, organization)
            .await
            .map_err(AppError::db("cannot list events"))?
    };
    Ok(rules.describe(|id| {
        events
            .iter()
            .find(|e| e.id == id)
            .map_or_else(|| format!("event {id}"), |e| e.title.clone())
    }))
}

async fn found(
    state: &Services,
    organization: OrganizationId,
    id: CampaignId,
) -> Result<CampaignRecord, AppError> {
    campaigns::find(&state.db, organization, id)
        .await
        .map_err(AppError::db("cannot read a campaign"))?
        .ok_or_else(|| AppError::NotFound("campaign".into()))
}
