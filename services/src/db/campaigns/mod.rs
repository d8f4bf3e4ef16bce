//! `campaigns`, `campaign_recipients`, `campaign_links` and `campaign_activity`: campaigns,
//! the sending worker's lease and progress, and what recipients did.

mod activity;
mod sending;

pub use activity::{
    activity_by_hour, activity_counts, link, link_clicks, note_activity, recipient_counts,
};
pub use sending::{
    Frozen, Outcome, Recipient, claim, due_recipients, finish_turn, record, release, renew, start,
};

use sqlx::FromRow;

use domain::{CampaignId, EventId, OrganizationId, SegmentId, TemplateId, UserId};

use super::Db;

/// A campaign as stored.
#[derive(Debug, Clone, FromRow)]
pub struct CampaignRecord {
    /// Primary key.
    pub id: CampaignId,
    /// Owning organization.
    pub organization_id: OrganizationId,
    /// For the organizers.
    pub name: String,
    /// The subject line.
    pub subject: String,
    /// The sender's name.
    pub from_name: String,
    /// Its template.
    pub template_id: Option<TemplateId>,
    /// Its segment; none for every mailable contact.
    pub segment_id: Option<SegmentId>,
    /// The event of the placeholders.
    pub event_id: Option<EventId>,
    /// A [`domain::campaign::CampaignStatus`] name.
    pub status: String,
    /// When it is due.
    pub send_at: Option<i64>,
    /// Messages per second; 0 for no limit.
    pub throttle: i64,
    /// The Markdown being sent, frozen when sending started.
    pub body: String,
    /// Recipients, messages sent and failed (kept by the worker, for the list).
    pub recipients: i64,
    /// Messages accepted.
    pub sent: i64,
    /// When sending started.
    pub started_at: Option<i64>,
    /// When sending ended.
    pub finished_at: Option<i64>,
    /// Until when the sending worker holds it; renewed every second while it lives.
    pub lease_until: Option<i64>,
    /// The segment's name when sending started; blank for every subscribed contact.
    pub segment_name: String,
    /// Whom the segment picked when sending started, in words; blank before.
    pub segment_rules: String,
}

const COLUMNS: &str = "id, organization_id, name, subject, from_name, template_id, segment_id, \
     event_id, status, send_at, throttle, body, recipients, sent, started_at, finished_at, \
     lease_until, segment_name, segment_rules";

/// The organization's campaigns, newest first.
pub async fn list(
    db: &Db,
    organization: OrganizationId,
) -> Result<Vec<CampaignRecord>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM campaigns WHERE organization_id = $1 ORDER BY id DESC LIMIT 200"
    ))
    .bind(organization)
    .fetch_all(db.pool())
    .await
}

/// The organization's campaign `id`.
pub async fn find(
    db: &Db,
    organization: OrganizationId,
    id: CampaignId,
) -> Result<Option<CampaignRecord>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM campaigns WHERE organization_id = $1 AND id = $2"
    ))
    .bind(organization)
    .bind(id)
    .fetch_optional(db.pool())
    .await
}

/// The campaign `id`, whoever owns it (the worker and the tracking links).
pub async fn by_id(db: &Db, id: CampaignId) -> Result<Option<CampaignRecord>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM campaigns WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
}

/// A campaign's editable fields, checked.
pub struct CampaignFields<'a> {
    /// For the organizers.
    pub name: &'a str,
    /// The subject line.
    pub subject: &'a str,
    /// The sender's name.
    pub from_name: &'a str,
    /// Its template.
    pub template: TemplateId,
    /// Its segment.
    pub segment: Option<SegmentId>,
    /// The event of the placeholders.
    pub event: Option<EventId>,
    /// Messages per second.
    pub throttle: i64,
}

/// A new draft.
pub async fn create(
    db: &Db,
    organization: OrganizationId,
    fields: &CampaignFields<'_>,
    by: UserId,
    now: i64,
) -> Result<CampaignId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO campaigns (organization_id, name, subject, from_name, template_id, \
         segment_id, event_id, status, throttle, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $9, $10) RETURNING id",
    )
    .bind(organization)
    .bind(fields.name)
    .bind(fields.subject)
    .bind(fields.from_name)
    .bind(fields.template)
    .bind(fields.segment)
    .bind(fields.event)
    .bind(fields.throttle)
    .bind(by)
    .bind(now)
    .fetch_one(db.pool())
    .await
}

/// Saves a draft, or a scheduled campaign no sender has claimed yet; whether it was (once a
/// sender holds it, what it sends is settled).
pub async fn update(
    db: &Db,
    organization: OrganizationId,
    id: CampaignId,
    fields: &CampaignFields<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE campaigns SET name = $1, subject = $2, from_name = $3, template_id = $4, \
         segment_id = $5, event_id = $6, throttle = $7 \
         WHERE organization_id = $8 AND id = $9 \
         AND (status = 'draft' OR (status = 'scheduled' AND lease_token IS NULL))",
    )
    .bind(fields.name)
    .bind(fields.subject)
    .bind(fields.from_name)
    .bind(fields.template)
    .bind(fields.segment)
    .bind(fields.event)
    .bind(fields.throttle)
    .bind(organization)
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Moves a campaign from one of `from` to `to`, setting `send_at` when given; whether it
/// moved. The states a change may start from are the caller's rules.
pub async fn change_status(
    db: &Db,
    organization: OrganizationId,
    id: CampaignId,
    from: &[&str],
    to: &str,
    send_at: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let from = from
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let done = sqlx::query(&format!(
        "UPDATE campaigns SET status = $1, send_at = COALESCE($2, send_at) \
         WHERE organization_id = $3 AND id = $4 AND status IN ({from})"
    ))
    .bind(to)
    .bind(send_at)
    .bind(organization)
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The shared secret for `purpose`, created with `fresh` the first time any instance asks.
pub async fn signing_key(db: &Db, purpose: &str, fresh: &str) -> Result<String, sqlx::Error> {
    sqlx::query(
        "INSERT INTO signing_keys (purpose, secret) VALUES ($1, $2) \
         ON CONFLICT (purpose) DO NOTHING",
    )
    .bind(purpose)
    .bind(fresh)
    .execute(db.pool())
    .await?;
    sqlx::query_scalar("SELECT secret FROM signing_keys WHERE purpose = $1")
        .bind(purpose)
        .fetch_one(db.pool())
        .await
}
