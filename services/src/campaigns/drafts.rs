//! Writing a campaign: its fields checked against the organization's templates, segments
//! and events, then saved as a new draft or over one that has not started sending.

use domain::campaign::CampaignForm;
use domain::error::{AppError, Validation};
use domain::{CampaignId, EventId, OrganizationId, SegmentId, TemplateId, text};

use crate::Services;
use crate::accounts::session::Actor;
use crate::db::campaigns::{self, CampaignFields};
use crate::db::{self, managed_events, segments};

use super::{authorized, found};

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
