//! What a campaign's recipients did (opens, clicks, unsubscriptions) and the counts its
//! statistics page is built from.

use domain::{CampaignId, ContactId};

use crate::db::Db;

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
