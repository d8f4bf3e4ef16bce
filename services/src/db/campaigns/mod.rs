//! `campaigns`, `campaign_recipients`, `campaign_links` and `campaign_activity`: campaigns,
//! the sending worker's lease and progress, and what recipients did.

use sqlx::FromRow;

use domain::{CampaignId, ContactId, EventId, OrganizationId, SegmentId, TemplateId, UserId};

use super::Db;
use super::segments::{Audience, bind_all};

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
}

const COLUMNS: &str = "id, organization_id, name, subject, from_name, template_id, segment_id, \
     event_id, status, send_at, throttle, body, recipients, sent, started_at, finished_at";

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

/// Claims a campaign that is due (scheduled and its time has come) or sending without a
/// live worker, for `token` until `until`.
pub async fn claim(
    db: &Db,
    now: i64,
    token: &str,
    until: i64,
) -> Result<Option<CampaignRecord>, sqlx::Error> {
    let due = "(status IN ('scheduled', 'sending') \
               AND (status = 'sending' OR send_at <= $3) \
               AND (lease_until IS NULL OR lease_until < $3))";
    sqlx::query_as(&format!(
        "UPDATE campaigns SET lease_token = $1, lease_until = $2 \
         WHERE id = (SELECT id FROM campaigns WHERE {due} ORDER BY id LIMIT 1) AND {due} \
         RETURNING {COLUMNS}"
    ))
    .bind(token)
    .bind(until)
    .bind(now)
    .fetch_optional(db.pool())
    .await
}

/// Starts sending a claimed, scheduled campaign: freezes `body`, saves its links, and
/// writes one pending row per contact of `audience` (whose parameters start at `$4`).
/// Whether it started (it may have been paused or cancelled meanwhile).
pub async fn start(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: CampaignId,
    token: &str,
    body: &str,
    links: &[String],
    audience: &Audience,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let started = sqlx::query(
        "UPDATE campaigns SET status = 'sending', body = $1, started_at = $2 \
         WHERE id = $3 AND status = 'scheduled' AND lease_token = $4",
    )
    .bind(body)
    .bind(now)
    .bind(id)
    .bind(token)
    .execute(&mut **tx)
    .await?;
    if started.rows_affected() == 0 {
        return Ok(false);
    }
    for (position, url) in links.iter().enumerate() {
        sqlx::query(
            "INSERT INTO campaign_links (campaign_id, position, url) VALUES ($1, $2, $3) \
             ON CONFLICT (campaign_id, position) DO NOTHING",
        )
        .bind(id)
        .bind(position as i64)
        .bind(url)
        .execute(&mut **tx)
        .await?;
    }
    // One statement, inside the database: the audience is never held in memory.
    let sql = format!(
        "INSERT INTO campaign_recipients (campaign_id, contact_id, status) \
         SELECT $1, c.id, 'pending' FROM contacts c WHERE {} \
         ON CONFLICT (campaign_id, contact_id) DO NOTHING",
        audience.condition
    );
    bind_all(sqlx::query(&sql).bind(id), &audience.binds)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "UPDATE campaigns SET recipients = \
         (SELECT COUNT(*) FROM campaign_recipients WHERE campaign_id = $1) WHERE id = $1",
    )
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(true)
}

/// Extends the worker's lease; the campaign's status, or `None` when the lease was lost.
pub async fn renew(
    db: &Db,
    id: CampaignId,
    token: &str,
    until: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE campaigns SET lease_until = $1 WHERE id = $2 AND lease_token = $3 RETURNING status",
    )
    .bind(until)
    .bind(id)
    .bind(token)
    .fetch_optional(db.pool())
    .await
}

/// A recipient due a message.
#[derive(Debug, Clone, FromRow)]
pub struct Recipient {
    /// The contact.
    pub contact_id: ContactId,
    /// Their address.
    pub email: String,
    /// Their name.
    pub name: String,
    /// Attempts so far.
    pub attempts: i64,
    /// 1 when they may still be mailed (subscribed, not suppressed).
    pub mailable: i64,
}

/// The next pending recipients after `after`, due by `now`, by contact id.
pub async fn due_recipients(
    db: &Db,
    id: CampaignId,
    after: ContactId,
    now: i64,
    limit: i64,
) -> Result<Vec<Recipient>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.contact_id, c.email, c.name, r.attempts, \
         CAST(CASE WHEN c.status = 'subscribed' AND NOT EXISTS (SELECT 1 FROM suppressions s \
         WHERE s.organization_id = c.organization_id AND s.email_key = c.email_key) \
         THEN 1 ELSE 0 END AS BIGINT) AS mailable \
         FROM campaign_recipients r JOIN contacts c ON c.id = r.contact_id \
         WHERE r.campaign_id = $1 AND r.status = 'pending' AND r.contact_id > $2 \
         AND r.next_attempt_at <= $3 ORDER BY r.contact_id LIMIT $4",
    )
    .bind(id)
    .bind(after)
    .bind(now)
    .bind(limit)
    .fetch_all(db.pool())
    .await
}

/// What became of one message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The SMTP server accepted it.
    Sent,
    /// Refused for good, or too many attempts; the reply code.
    Failed(String),
    /// Refused for now: try again at the time.
    Retry {
        /// When.
        at: i64,
        /// The reply code.
        code: String,
    },
    /// Not sent: the contact unsubscribed or was suppressed since the campaign started.
    Skipped,
}

/// Records outcomes, in one transaction; rows no longer pending are left alone. Messages sent
/// and recipients skipped (nearly all of them) are written by one statement each.
pub async fn record(
    db: &Db,
    id: CampaignId,
    outcomes: &[(ContactId, Outcome)],
    now: i64,
) -> Result<(), sqlx::Error> {
    let listed = |wanted: &Outcome| {
        outcomes
            .iter()
            .filter(|(_, o)| o == wanted)
            .map(|(c, _)| c.0.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut tx = db.pool().begin().await?;
    let mut sent = 0;
    for (status, contacts) in [
        ("sent", listed(&Outcome::Sent)),
        ("skipped", listed(&Outcome::Skipped)),
    ] {
        if contacts.is_empty() {
            continue;
        }
        // Ids are integers written by us, not input.
        let done = sqlx::query(&format!(
            "UPDATE campaign_recipients SET status = $1, attempts = attempts + 1, done_at = $2 \
             WHERE campaign_id = $3 AND status = 'pending' AND contact_id IN ({contacts})"
        ))
        .bind(status)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if status == "sent" {
            sent = done.rows_affected() as i64;
        }
    }
    for (contact, outcome) in outcomes {
        let (status, next, error) = match outcome {
            Outcome::Failed(code) => ("failed", 0, code.as_str()),
            Outcome::Retry { at, code } => ("pending", *at, code.as_str()),
            Outcome::Sent | Outcome::Skipped => continue,
        };
        sqlx::query(
            "UPDATE campaign_recipients SET status = $1, next_attempt_at = $2, error = $3, \
             attempts = attempts + 1, done_at = $4 \
             WHERE campaign_id = $5 AND contact_id = $6 AND status = 'pending'",
        )
        .bind(status)
        .bind(next)
        .bind(error)
        .bind(now)
        .bind(id)
        .bind(*contact)
        .execute(&mut *tx)
        .await?;
    }
    if sent > 0 {
        sqlx::query("UPDATE campaigns SET sent = sent + $1 WHERE id = $2")
            .bind(sent)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// Ends a worker's turn: the campaign is sent when nobody is pending; otherwise its lease
/// is let go until the earliest retry is due, and not before `resume_at` (`now` at the
/// earliest). Whether it is finished.
pub async fn finish_turn(
    db: &Db,
    id: CampaignId,
    token: &str,
    now: i64,
    resume_at: i64,
) -> Result<bool, sqlx::Error> {
    let next: Option<i64> = sqlx::query_scalar(
        "SELECT MIN(next_attempt_at) FROM campaign_recipients \
         WHERE campaign_id = $1 AND status = 'pending'",
    )
    .bind(id)
    .fetch_one(db.pool())
    .await?;
    match next {
        None => {
            let done = sqlx::query(
                "UPDATE campaigns SET status = 'sent', finished_at = $1, lease_token = NULL, \
                 lease_until = NULL WHERE id = $2 AND lease_token = $3 AND status = 'sending'",
            )
            .bind(now)
            .bind(id)
            .bind(token)
            .execute(db.pool())
            .await?;
            if done.rows_affected() == 0 {
                // Paused or cancelled as the last message went out: let go all the same.
                release(db, id, token).await?;
            }
            Ok(done.rows_affected() > 0)
        }
        Some(due) => {
            // `claim` takes a sending campaign whose lease has lapsed: it lapses when due.
            sqlx::query(
                "UPDATE campaigns SET lease_token = NULL, lease_until = $1 \
                 WHERE id = $2 AND lease_token = $3",
            )
            .bind(due.max(resume_at) - 1)
            .bind(id)
            .bind(token)
            .execute(db.pool())
            .await?;
            Ok(false)
        }
    }
}

/// Lets go of a campaign's lease, so it resumes as soon as it is sending again.
pub async fn release(db: &Db, id: CampaignId, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE campaigns SET lease_token = NULL, lease_until = NULL \
         WHERE id = $1 AND lease_token = $2",
    )
    .bind(id)
    .bind(token)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Recipients by status: (status, count).
pub async fn recipient_counts(db: &Db, id: CampaignId) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT status, COUNT(*) FROM campaign_recipients WHERE campaign_id = $1 GROUP BY status",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await
}

/// Unique recipients per kind of activity: (kind, count).
pub async fn activity_counts(db: &Db, id: CampaignId) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT kind, COUNT(DISTINCT contact_id) FROM campaign_activity \
         WHERE campaign_id = $1 GROUP BY kind",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await
}

/// First opens and first clicks per hour: (hour, opens, clicks).
pub async fn activity_by_hour(
    db: &Db,
    id: CampaignId,
) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT (at / 3600) * 3600 AS hour, \
         CAST(SUM(CASE WHEN kind = 'open' THEN 1 ELSE 0 END) AS BIGINT), \
         CAST(SUM(CASE WHEN kind = 'click' THEN 1 ELSE 0 END) AS BIGINT) \
         FROM campaign_activity WHERE campaign_id = $1 AND kind IN ('open', 'click') \
         GROUP BY (at / 3600) * 3600 ORDER BY hour",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await
}

/// Each link with its unique clicks, in the message's order.
pub async fn link_clicks(db: &Db, id: CampaignId) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT l.url, (SELECT COUNT(*) FROM campaign_activity a WHERE a.campaign_id = l.campaign_id \
         AND a.kind = 'click' AND a.link = l.position) FROM campaign_links l \
         WHERE l.campaign_id = $1 ORDER BY l.position",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await
}

/// The address behind link `position` of a campaign.
pub async fn link(db: &Db, id: CampaignId, position: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT url FROM campaign_links WHERE campaign_id = $1 AND position = $2")
        .bind(id)
        .bind(position)
        .fetch_optional(db.pool())
        .await
}

/// Records an open, a click or an unsubscription of a recipient of the campaign, once;
/// whether it was the first. Someone the campaign was not sent to records nothing.
pub async fn note_activity(
    db: &Db,
    id: CampaignId,
    contact: ContactId,
    kind: &str,
    link: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO campaign_activity (campaign_id, contact_id, kind, link, at) \
         SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM campaign_recipients \
         WHERE campaign_id = $1 AND contact_id = $2 AND status = 'sent') \
         ON CONFLICT (campaign_id, kind, contact_id, link) DO NOTHING",
    )
    .bind(id)
    .bind(contact)
    .bind(kind)
    .bind(link)
    .bind(now)
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
