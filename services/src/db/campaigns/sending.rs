//! The sending worker's side of a campaign: the lease that keeps one worker on it, the
//! recipients it writes when sending starts, and the outcome of each message.

use sqlx::FromRow;

use domain::{CampaignId, ContactId};

use crate::db::Db;
use crate::db::segments::{Audience, bind_all};

use super::{COLUMNS, CampaignRecord};

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

/// What a campaign sends, frozen when it starts.
pub struct Frozen<'a> {
    /// The template's Markdown.
    pub body: &'a str,
    /// The segment's name; blank for every subscribed contact.
    pub segment_name: &'a str,
    /// Whom the segment picks, in words.
    pub segment_rules: &'a str,
    /// The message's web links, by position.
    pub links: &'a [String],
}

/// Starts sending a claimed, scheduled campaign: freezes what it sends, saves its links,
/// and writes one pending row per contact of `audience` (whose parameters start at `$2`).
/// Whether it started (it may have been paused or cancelled meanwhile).
pub async fn start(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: CampaignId,
    token: &str,
    frozen: &Frozen<'_>,
    audience: &Audience,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let started = sqlx::query(
        "UPDATE campaigns SET status = 'sending', body = $1, started_at = $2, \
         segment_name = $5, segment_rules = $6 \
         WHERE id = $3 AND status = 'scheduled' AND lease_token = $4",
    )
    .bind(frozen.body)
    .bind(now)
    .bind(id)
    .bind(token)
    .bind(frozen.segment_name)
    .bind(frozen.segment_rules)
    .execute(&mut **tx)
    .await?;
    let links = frozen.links;
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
