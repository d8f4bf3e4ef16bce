//! Email campaigns: an organization's contacts, segments, templates and campaigns, the
//! background sender, and the links inside messages. Every operation for organizers asks
//! the policy for [`Action::ManageCampaigns`] on the organization first; another
//! organization's records answer "not found".

pub mod contacts;
pub mod content;
mod lanes;
pub mod links;
pub mod message;
pub mod mime;
pub mod sender;
pub mod smtp;
pub mod tracking;

use domain::campaign::{
    CampaignDetails, CampaignForm, CampaignStats, CampaignStatus, CampaignSummary,
    CampaignsOverview, Choice, SegmentRules, SegmentSummary, TemplateDetails,
};
use domain::error::{AppError, Validation};
use domain::{CampaignId, EventId, OrganizationId, SegmentId, TemplateId, text};

use crate::accounts::session::Actor;
use crate::db::campaigns::{self, CampaignFields, CampaignRecord};
use crate::db::organizations::OrganizationRow;
use crate::db::{self, managed_events, organizations, segments};
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
        },
        None => message::CampaignValues {
            organization,
            ..message::CampaignValues::default()
        },
    })
}

/// The rules of a campaign's segment; none (every mailable contact) without a segment.
pub(crate) async fn segment_rules(
    state: &Services,
    campaign: &CampaignRecord,
) -> Result<SegmentRules, AppError> {
    let Some(segment) = campaign.segment_id else {
        return Ok(SegmentRules::default());
    };
    let record = segments::find(&state.db, campaign.organization_id, segment)
        .await
        .map_err(AppError::db("cannot read a segment"))?
        .ok_or_else(|| AppError::NotFound("segment".into()))?;
    // Never "no rules" for rules that do not read: that would mail everyone.
    serde_json::from_str(&record.rules)
        .map_err(|e| AppError::internal("a segment's rules do not read", e))
}

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

/// Checks a campaign's fields; ids must be the organization's.
async fn checked_fields(
    state: &Services,
    organization: OrganizationId,
    form: &CampaignForm,
) -> Result<
    (
        String,
        String,
        String,
        TemplateId,
        Option<SegmentId>,
        Option<EventId>,
        i64,
    ),
    AppError,
> {
    let mut v = Validation::default();
    let name = v.check("name", text::required(&form.name, 120, false));
    let subject = v.check("subject", text::required(&form.subject, 200, false));
    let from_name = v.check("from_name", text::required(&form.from_name, 80, false));
    let id = |raw: &str| raw.trim().parse::<i64>().ok().filter(|n| *n > 0);
    let template = match id(&form.template) {
        Some(t) => segments::template(&state.db, organization, TemplateId(t))
            .await
            .map_err(AppError::db("cannot read a template"))?
            .map(|t| t.id),
        None => None,
    };
    let template = v.check(
        "template",
        template.ok_or_else(|| "choose a template".into()),
    );
    let segment = match id(&form.segment) {
        None => Ok(None),
        Some(s) => segments::find(&state.db, organization, SegmentId(s))
            .await
            .map_err(AppError::db("cannot read a segment"))?
            .map(|s| Some(s.id))
            .ok_or_else(|| "choose one of the segments".to_owned()),
    };
    let segment = v.check("segment", segment);
    let event = match id(&form.event) {
        None => Ok(None),
        Some(e) => managed_events::by_id(&state.db, organization, EventId(e))
            .await
            .map_err(AppError::db("cannot read an event"))?
            .map(|e| Some(e.id))
            .ok_or_else(|| "choose one of the events".to_owned()),
    };
    let event = v.check("event", event);
    let throttle = match form.throttle.trim() {
        "" => Ok(0),
        raw => raw
            .parse::<i64>()
            .ok()
            .filter(|n| (0..=10_000).contains(n))
            .ok_or_else(|| "enter messages per second from 0 (no limit) to 10000".to_owned()),
    };
    let throttle = v.check("throttle", throttle);
    match (name, subject, from_name, template, segment, event, throttle) {
        (Some(n), Some(s), Some(f), Some(t), Some(seg), Some(e), Some(th)) if v.is_empty() => {
            Ok((n, s, f, t, seg, e, th))
        }
        _ => Err(v.into_error().keeping(&[
            ("name", &form.name),
            ("subject", &form.subject),
            ("from_name", &form.from_name),
            ("template", &form.template),
            ("segment", &form.segment),
            ("event", &form.event),
            ("throttle", &form.throttle),
        ])),
    }
}

/// Creates a draft (`id` none) or saves a draft or scheduled campaign; its id.
pub async fn save(
    state: &Services,
    actor: &Actor,
    org: &str,
    id: Option<CampaignId>,
    form: &CampaignForm,
) -> Result<CampaignId, AppError> {
    let (organization, grant) = authorized(state, actor, org).await?;
    let (name, subject, from_name, template, segment, event, throttle) =
        checked_fields(state, organization.id, form).await?;
    let fields = CampaignFields {
        name: &name,
        subject: &subject,
        from_name: &from_name,
        template,
        segment,
        event,
        throttle,
    };
    match id {
        None => campaigns::create(&state.db, organization.id, &fields, grant.user, db::now())
            .await
            .map_err(AppError::db("cannot create a campaign")),
        Some(id) => {
            found(state, organization.id, id).await?;
            if campaigns::update(&state.db, organization.id, id, &fields)
                .await
                .map_err(AppError::db("cannot save a campaign"))?
            {
                Ok(id)
            } else {
                Err(AppError::Conflict(
                    "This campaign has started sending; its content can no longer change.".into(),
                ))
            }
        }
    }
}

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
/// the campaign's event's time zone, else UTC) is read for [`Change::Schedule`].
pub async fn change(
    state: &Services,
    actor: &Actor,
    org: &str,
    id: CampaignId,
    change: Change,
    send_at: &str,
) -> Result<(), AppError> {
    let (organization, _) = authorized(state, actor, org).await?;
    let record = found(state, organization.id, id).await?;
    let now = db::now();
    let (from, to, at): (&[&str], &str, Option<i64>) = match change {
        Change::SendNow => (&["draft", "scheduled"], "scheduled", Some(now)),
        Change::Schedule => {
            let zone = match record.event_id {
                Some(event) => managed_events::by_id(&state.db, organization.id, event)
                    .await
                    .map_err(AppError::db("cannot read an event"))?
                    .map(|e| time::zone_or_utc(&e.time_zone))
                    .unwrap_or(jiff::tz::TimeZone::UTC),
                None => jiff::tz::TimeZone::UTC,
            };
            let at = time::parse_local(send_at, &zone)
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
