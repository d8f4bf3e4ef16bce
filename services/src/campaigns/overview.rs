//! What organizers read: the campaigns page with its segments and templates, and one
//! campaign's page with its statistics.

use domain::campaign::{
    CampaignDetails, CampaignForm, CampaignStats, CampaignStatus, CampaignSummary,
    CampaignsOverview, Choice, HourActivity, SegmentRules, SegmentSummary, SentMessage,
    TemplateDetails,
};
use domain::error::AppError;
use domain::progress::Progress;
use domain::{CampaignId, EventId, OrganizationId};

use crate::Services;
use crate::accounts::session::Actor;
use crate::db::campaigns::{self, CampaignRecord};
use crate::db::managed_events::{self, ListedEventRow};
use crate::db::organizations::OrganizationRow;
use crate::db::{self, segments};

use super::message::{self, Personal};
use super::zone::CampaignZone;
use super::{authorized, found};

/// A stored segment's rules for listing; unreadable ones list as none.
fn parse_rules(json: &str) -> SegmentRules {
    serde_json::from_str(json).unwrap_or_default()
}

/// The events, segments and templates a campaign's form chooses from, `events` being the
/// organization's. Counting a segment reads the contacts, so `counted` is false where the
/// numbers are not shown.
async fn choices(
    state: &Services,
    organization: OrganizationId,
    events: &[ListedEventRow],
    counted: bool,
) -> Result<(Vec<Choice>, Vec<SegmentSummary>, Vec<TemplateDetails>), AppError> {
    let events = events
        .iter()
        .map(|e| Choice {
            id: e.id.0,
            label: e.title.clone(),
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
    let listed = events_of(state, organization.id).await?;
    let (events, segments, templates) = choices(state, organization.id, &listed, true).await?;
    let campaigns = campaigns::list(&state.db, organization.id)
        .await
        .map_err(AppError::db("cannot list campaigns"))?
        .into_iter()
        .map(|c| {
            // Each campaign's time in its zone: its event's, else the organization's.
            let zone = CampaignZone::new(&organization, zone_in(&listed, c.event_id));
            CampaignSummary {
                id: c.id,
                name: c.name,
                status: CampaignStatus::parse(&c.status),
                when: c
                    .finished_at
                    .or(c.started_at)
                    .or(c.send_at)
                    .map(|at| zone.moment(at))
                    .unwrap_or_default(),
                recipients: c.recipients,
                sent: c.sent,
            }
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

/// The organization's events.
async fn events_of(
    state: &Services,
    organization: OrganizationId,
) -> Result<Vec<ListedEventRow>, AppError> {
    managed_events::list(&state.db, organization)
        .await
        .map_err(AppError::db("cannot list events"))
}

/// The time zone of `event` among `events`.
fn zone_in(events: &[ListedEventRow], event: Option<EventId>) -> Option<&str> {
    event
        .and_then(|id| events.iter().find(|e| e.id == id))
        .map(|e| e.time_zone.as_str())
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
    assemble(state, &organization, record, true).await
}

/// How far a campaign's sending has come, for the bar that asks every two seconds: the page
/// without what the bar never shows (the form's choices, the message that went out).
pub async fn progress(
    state: &Services,
    actor: &Actor,
    org: &str,
    id: CampaignId,
) -> Result<Progress, AppError> {
    let (organization, _) = authorized(state, actor, org).await?;
    let record = found(state, organization.id, id).await?;
    Ok((&assemble(state, &organization, record, false).await?).into())
}

/// The page of `record`; without `full`, only what its progress bar shows.
async fn assemble(
    state: &Services,
    organization: &OrganizationRow,
    record: CampaignRecord,
    full: bool,
) -> Result<CampaignDetails, AppError> {
    let id = record.id;
    let status = CampaignStatus::parse(&record.status);
    // Before sending starts the recipients are not written yet: whom it would reach is its
    // segment as it stands, counted with the form's choices.
    let before_start = record.started_at.is_none() && status != CampaignStatus::Cancelled;
    let (zone, (events, segments, templates)) = if full {
        let listed = events_of(state, organization.id).await?;
        let zone = CampaignZone::new(organization, zone_in(&listed, record.event_id));
        let choices = choices(state, organization.id, &listed, before_start).await?;
        (zone, choices)
    } else {
        let zone = CampaignZone::load(state, organization, record.event_id).await?;
        (zone, Default::default())
    };
    let audience = if full && before_start {
        Some(audience_now(state, &record, &segments).await?)
    } else {
        None
    };
    let id_text = |id: Option<i64>| id.map(|i| i.to_string()).unwrap_or_default();
    let audience_label = match record.segment_id {
        Some(segment) => segments.iter().find(|s| s.id == segment).map_or_else(
            || "every subscribed contact".to_owned(),
            |s| format!("segment “{}”", s.name),
        ),
        None => "every subscribed contact".to_owned(),
    };
    let sent_message = match record.started_at {
        Some(_) if full => Some(sent_message(state, &record).await?),
        _ => None,
    };
    let now = crate::db::now();
    Ok(CampaignDetails {
        id,
        status,
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
        due: status == CampaignStatus::Scheduled && record.send_at.is_some_and(|at| at <= now + 5),
        started_at: record.started_at,
        finished_at: record.finished_at,
        times: zone.times(&record),
        audience,
        audience_label,
        sent_message,
        resume_note: (status == CampaignStatus::Sending)
            .then(|| resume_note(state, &zone, record.lease_until, now))
            .flatten(),
        stats: stats(state, &record, &zone).await?,
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

/// Whom the campaign would reach if it started now: its segment as `segments` counted it,
/// or every subscribed contact without one.
async fn audience_now(
    state: &Services,
    record: &CampaignRecord,
    segments: &[SegmentSummary],
) -> Result<i64, AppError> {
    if let Some(counted) = record
        .segment_id
        .and_then(|id| segments.iter().find(|s| s.id == id))
    {
        return Ok(counted.count);
    }
    segments::count(
        &state.db,
        record.organization_id,
        &SegmentRules::default(),
        crate::db::now(),
    )
    .await
    .map_err(AppError::db("cannot count a segment"))
}

/// What went out: the frozen body as a contact without a name received it.
async fn sent_message(state: &Services, record: &CampaignRecord) -> Result<SentMessage, AppError> {
    let values = super::campaign_values(state, record).await?;
    let unsubscribe = state
        .mail_links
        .test_unsubscribe_url(record.organization_id, None);
    let (text, html) = message::compile(&record.body, &values).personalize(&Personal {
        name: "",
        unsubscribe_url: &unsubscribe,
        open_url: None,
        link_url: None,
    });
    Ok(SentMessage {
        subject: record.subject.clone(),
        from_name: record.from_name.clone(),
        segment: record.segment_name.clone(),
        audience: match record.segment_rules.as_str() {
            "" => "not recorded (sent before Convene kept it)".to_owned(),
            words => words.to_owned(),
        },
        text,
        html,
    })
}

/// Why a sending campaign stands still. A live sender renews its lease every second; one
/// not renewed for a few seconds belongs to a sender that stopped (a crash, a restart), and
/// another takes the campaign up once the lease has run out and it next looks for work.
fn resume_note(
    state: &Services,
    zone: &CampaignZone,
    lease_until: Option<i64>,
    now: i64,
) -> Option<String> {
    let lease = state.config.campaign_lease.as_secs() as i64;
    let check = state.config.campaign_check.as_secs().max(1) as i64;
    match lease_until {
        Some(until) if until >= now + lease - 5 => None,
        Some(until) if until > now => Some(format!(
            "The sender stopped (the server may have restarted). Sending resumes by {}, in about \
             {} s, once its {lease}-second lease runs out; nobody gets a message twice.",
            zone.clock(until + check),
            until + check - now
        )),
        _ => Some(format!(
            "Waiting for a sender: sending resumes within {check} s; nobody gets a message twice."
        )),
    }
}

async fn stats(
    state: &Services,
    record: &CampaignRecord,
    zone: &CampaignZone,
) -> Result<CampaignStats, AppError> {
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
            .map_err(AppError::db("cannot read a campaign's statistics"))?
            .into_iter()
            .map(|(at, opens, clicks)| HourActivity {
                at,
                label: zone.hour(at),
                opens,
                clicks,
            })
            .collect(),
        links: campaigns::link_clicks(&state.db, record.id)
            .await
            .map_err(AppError::db("cannot read a campaign's statistics"))?,
    })
}
