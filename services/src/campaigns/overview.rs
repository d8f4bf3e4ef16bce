//! What organizers read: the campaigns page with its segments and templates, and one
//! campaign's page with its statistics.

use domain::campaign::{
    CampaignDetails, CampaignForm, CampaignStats, CampaignStatus, CampaignSummary,
    CampaignsOverview, Choice, SegmentRules, SegmentSummary, TemplateDetails,
};
use domain::error::AppError;
use domain::{CampaignId, OrganizationId};

use crate::Services;
use crate::accounts::session::Actor;
use crate::db::campaigns::{self, CampaignRecord};
use crate::db::{self, managed_events, segments};

use super::{authorized, found};

/// A stored segment's rules for listing; unreadable ones list as none.
fn parse_rules(json: &str) -> SegmentRules {
    serde_json::from_str(json).unwrap_or_default()
}

/// The events, segments and templates a campaign's form chooses from. Counting a segment
/// reads the contacts, so `counted` is false where the numbers are not shown.
async fn choices(
    state: &Services,
    organization: OrganizationId,
    counted: bool,
) -> Result<(Vec<Choice>, Vec<SegmentSummary>, Vec<TemplateDetails>), AppError> {
    let events = managed_events::list(&state.db, organization)
        .await
        .map_err(AppError::db("cannot list events"))?
        .into_iter()
        .map(|e| Choice {
            id: e.id.0,
            label: e.title,
        })
        .collect();
    let now = db::now();
    let mut segment_list = Vec::new();
    for record in segments::list(&state.db, organization)
        .await
        .map_err(AppError::db("cannot list segments"))?
    {
        let rules = parse_rules(&record.rules);
        let count = if counted {
            segments::count(&state.db, organization, &rules, now)
                .await
                .map_err(AppError::db("cannot count a segment"))?
        } else {
            -1
        };
        segment_list.push(SegmentSummary {
            id: record.id,
            name: record.name,
            rules,
            count,
        });
    }
    let templates = segments::templates(&state.db, organization)
        .await
        .map_err(AppError::db("cannot list templates"))?
        .into_iter()
        .map(|t| TemplateDetails {
            id: t.id,
            name: t.name,
            body: t.body,
        })
        .collect();
    Ok((events, segment_list, templates))
}

/// The campaigns page: campaigns, segments, templates.
pub async fn overview(
    state: &Services,
    actor: &Actor,
    org: &str,
) -> Result<CampaignsOverview, AppError> {
    let (organization, _) = authorized(state, actor, org).await?;
    let (events, segments, templates) = choices(state, organization.id, true).await?;
    let campaigns = campaigns::list(&state.db, organization.id)
        .await
        .map_err(AppError::db("cannot list campaigns"))?
        .into_iter()
        .map(|c| CampaignSummary {
            id: c.id,
            name: c.name,
            status: CampaignStatus::parse(&c.status),
            when: c.finished_at.or(c.started_at).or(c.send_at),
            recipients: c.recipients,
            sent: c.sent,
        })
        .collect();
    let tags = crate::db::contacts::all_tags(&state.db, organization.id)
        .await
        .map_err(AppError::db("cannot list tags"))?;
    Ok(CampaignsOverview {
        campaigns,
        segments,
        templates,
        events,
        tags,
    })
}

/// One campaign's page.
pub async fn details(
    state: &Services,
    actor: &Actor,
    org: &str,
    id: CampaignId,
) -> Result<CampaignDetails, AppError> {
    let (organization, _) = authorized(state, actor, org).await?;
    let record = found(state, organization.id, id).await?;
    // While it sends, the page reloads every two seconds: its form is not shown then.
    let editable = CampaignStatus::parse(&record.status).editable();
    let (events, segments, templates) = choices(state, organization.id, editable).await?;
    let id_text = |id: Option<i64>| id.map(|i| i.to_string()).unwrap_or_default();
    Ok(CampaignDetails {
        id,
        status: CampaignStatus::parse(&record.status),
        form: CampaignForm {
            name: record.name.clone(),
            subject: record.subject.clone(),
            from_name: record.from_name.clone(),
            template: id_text(record.template_id.map(|t| t.0)),
            segment: id_text(record.segment_id.map(|s| s.0)),
            event: id_text(record.event_id.map(|e| e.0)),
            throttle: if record.throttle > 0 {
                record.throttle.to_string()
            } else {
                String::new()
            },
        },
        send_at: record.send_at,
        due: CampaignStatus::parse(&record.status) == CampaignStatus::Scheduled
            && record.send_at.is_some_and(|at| at <= crate::db::now() + 5),
        started_at: record.started_at,
        finished_at: record.finished_at,
        stats: stats(state, &record).await?,
        templates: templates
            .into_iter()
            .map(|t| Choice {
                id: t.id.0,
                label: t.name,
            })
            .collect(),
        segments: segments
            .into_iter()
            .map(|s| Choice {
                id: s.id.0,
                label: if s.count >= 0 {
                    format!("{} ({} contacts)", s.name, s.count)
                } else {
                    s.name
                },
            })
            .collect(),
        events,
    })
}

async fn stats(state: &Services, record: &CampaignRecord) -> Result<CampaignStats, AppError> {
    let read = AppError::db("cannot read a campaign's statistics");
    let by_status = campaigns::recipient_counts(&state.db, record.id)
        .await
        .map_err(read)?;
    let status = |name: &str| {
        by_status
            .iter()
            .find(|(s, _)| s == name)
            .map_or(0, |(_, n)| *n)
    };
    let activity = campaigns::activity_counts(&state.db, record.id)
        .await
        .map_err(AppError::db("cannot read a campaign's statistics"))?;
    let kind = |name: &str| {
        activity
            .iter()
            .find(|(k, _)| k == name)
            .map_or(0, |(_, n)| *n)
    };
    Ok(CampaignStats {
        recipients: by_status.iter().map(|(_, n)| n).sum(),
        sent: status("sent"),
        failed: status("failed"),
        skipped: status("skipped"),
        opens: kind("open"),
        clicks: kind("click"),
        unsubscribes: kind("unsubscribe"),
        timeline: campaigns::activity_by_hour(&state.db, record.id)
            .await
            .map_err(AppError::db("cannot read a campaign's statistics"))?,
        links: campaigns::link_clicks(&state.db, record.id)
            .await
            .map_err(AppError::db("cannot read a campaign's statistics"))?,
    })
}
