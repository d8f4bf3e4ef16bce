//! `contacts`, `contact_tags`, `contact_consent` and `suppressions`: an organization's
//! audience. Consent history is written by triggers (migration 0008), so every path that
//! changes a contact's status leaves a record.

use sqlx::FromRow;

use domain::{ContactId, OrganizationId};

use super::Db;

/// A contact as stored.
#[derive(Debug, Clone, FromRow)]
pub struct ContactRecord {
    /// Primary key.
    pub id: ContactId,
    /// The address as given.
    pub email: String,
    /// The name, possibly blank.
    pub name: String,
    /// `subscribed`, `unsubscribed`, `bounced`, `complained`.
    pub status: String,
    /// 1 when the suppression list holds the address.
    pub suppressed: i64,
    /// Where the contact came from.
    pub source: String,
}

const SELECT: &str = "SELECT c.id, c.email, c.name, c.status, \
     CAST(CASE WHEN EXISTS (SELECT 1 FROM suppressions s WHERE s.organization_id = c.organization_id \
     AND s.email_key = c.email_key) THEN 1 ELSE 0 END AS BIGINT) AS suppressed, \
     (SELECT h.source FROM contact_consent h WHERE h.contact_id = c.id ORDER BY h.id LIMIT 1) AS source \
     FROM contacts c";

/// Contacts whose address or name contains `q` (all when blank), optionally with `tag`, by
/// address; at most `limit`.
pub async fn search(
    db: &Db,
    organization: OrganizationId,
    q: &str,
    tag: Option<&str>,
    limit: i64,
) -> Result<Vec<ContactRecord>, sqlx::Error> {
    // Wildcards and PostgreSQL's escape character are dropped from what was typed.
    let pattern = format!("%{}%", q.to_lowercase().replace(['%', '_', '\\'], ""));
    sqlx::query_as(&format!(
        "{SELECT} WHERE c.organization_id = $1 AND (c.email_key LIKE $2 OR c.name_key LIKE $2) \
         AND ($3 = '' OR EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag = $3)) \
         ORDER BY c.email_key LIMIT $4"
    ))
    .bind(organization)
    .bind(pattern)
    .bind(tag.unwrap_or(""))
    .bind(limit)
    .fetch_all(db.pool())
    .await
}

/// The organization's contact `id`.
pub async fn find(
    db: &Db,
    organization: OrganizationId,
    id: ContactId,
) -> Result<Option<ContactRecord>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE c.organization_id = $1 AND c.id = $2"
    ))
    .bind(organization)
    .bind(id)
    .fetch_optional(db.pool())
    .await
}

/// The tags of `contacts`, as (contact, tag) pairs.
pub async fn tags_of(
    db: &Db,
    contacts: &[ContactId],
) -> Result<Vec<(ContactId, String)>, sqlx::Error> {
    if contacts.is_empty() {
        return Ok(Vec::new());
    }
    let list = contacts
        .iter()
        .map(|c| c.0.to_string())
        .collect::<Vec<_>>()
        .join(",");
    sqlx::query_as(&format!(
        "SELECT contact_id, tag FROM contact_tags WHERE contact_id IN ({list}) ORDER BY tag"
    ))
    .fetch_all(db.pool())
    .await
}

/// Every tag the organization uses.
pub async fn all_tags(db: &Db, organization: OrganizationId) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT t.tag FROM contact_tags t JOIN contacts c ON c.id = t.contact_id \
         WHERE c.organization_id = $1 ORDER BY t.tag",
    )
    .bind(organization)
    .fetch_all(db.pool())
    .await
}

/// (all contacts, contacts that may be mailed).
pub async fn counts(db: &Db, organization: OrganizationId) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN c.status = 'subscribed' AND NOT EXISTS \
         (SELECT 1 FROM suppressions s WHERE s.organization_id = c.organization_id \
         AND s.email_key = c.email_key) THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM contacts c WHERE c.organization_id = $1",
    )
    .bind(organization)
    .fetch_one(db.pool())
    .await
}

/// Which of `emails` (lower-cased) are contacts of the organization already.
pub async fn existing(
    db: &Db,
    organization: OrganizationId,
    emails: &[String],
) -> Result<Vec<String>, sqlx::Error> {
    let mut found = Vec::new();
    for chunk in emails.chunks(500) {
        let list = (0..chunk.len())
            .map(|i| format!("${}", i + 2))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT email_key FROM contacts WHERE organization_id = $1 AND email_key IN ({list})"
        );
        let mut query = sqlx::query_scalar(&sql).bind(organization);
        for email in chunk {
            query = query.bind(email.as_str());
        }
        found.extend(query.fetch_all(db.pool()).await?);
    }
    Ok(found)
}

/// A new contact, or `None` when the address is already one.
pub async fn create<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    organization: OrganizationId,
    email: &str,
    name: &str,
    source: &str,
    now: i64,
) -> Result<Option<ContactId>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO contacts (organization_id, email, email_key, name, name_key, status, \
         status_at, status_source, created_at) \
         VALUES ($1, $2, $3, $4, $7, 'subscribed', $5, $6, $5) \
         ON CONFLICT (organization_id, email_key) DO NOTHING RETURNING id",
    )
    .bind(organization)
    .bind(email)
    .bind(email.to_lowercase())
    .bind(name)
    .bind(now)
    .bind(source)
    .bind(name.to_lowercase())
    .fetch_optional(executor)
    .await
}

/// Changes consent; whether the contact exists in the organization. A change to the same
/// state records nothing.
pub async fn set_status<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    organization: OrganizationId,
    id: ContactId,
    status: &str,
    source: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE contacts SET status = $1, status_source = $2, status_at = $3 \
         WHERE organization_id = $4 AND id = $5",
    )
    .bind(status)
    .bind(source)
    .bind(now)
    .bind(organization)
    .bind(id)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Replaces a contact's tags.
pub async fn set_tags(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: ContactId,
    tags: &[&str],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM contact_tags WHERE contact_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for tag in tags {
        sqlx::query("INSERT INTO contact_tags (contact_id, tag) VALUES ($1, $2)")
            .bind(id)
            .bind(*tag)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// The consent history of a contact, newest first: (status, source, at).
pub async fn history(db: &Db, id: ContactId) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT status, source, at FROM contact_consent WHERE contact_id = $1 ORDER BY id DESC",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await
}

/// Adds an address to the suppression list (no change when it is there).
pub async fn suppress(
    db: &Db,
    organization: OrganizationId,
    email: &str,
    reason: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO suppressions (organization_id, email_key, reason, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (organization_id, email_key) DO NOTHING",
    )
    .bind(organization)
    .bind(email.to_lowercase())
    .bind(reason)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Takes an address off the suppression list; whether it was on it.
pub async fn unsuppress(
    db: &Db,
    organization: OrganizationId,
    email: &str,
) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("DELETE FROM suppressions WHERE organization_id = $1 AND email_key = $2")
            .bind(organization)
            .bind(email.to_lowercase())
            .execute(db.pool())
            .await?;
    Ok(done.rows_affected() > 0)
}

/// The suppression list, by address.
pub async fn suppressions(
    db: &Db,
    organization: OrganizationId,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT email_key FROM suppressions WHERE organization_id = $1 ORDER BY email_key",
    )
    .bind(organization)
    .fetch_all(db.pool())
    .await
}

/// Erases a person from every organization's audience (their account is being deleted):
/// the contacts linked to the account or holding its address lose the address, the name and
/// the tags, and are unsubscribed; what campaigns counted of them stays, anonymous. The
/// number of contacts erased.
pub async fn erase_person(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user: domain::UserId,
    email_key: &str,
    now: i64,
) -> Result<u64, sqlx::Error> {
    sqlx::query(
        "DELETE FROM contact_tags WHERE contact_id IN \
         (SELECT id FROM contacts WHERE user_id = $1 OR email_key = $2)",
    )
    .bind(user)
    .bind(email_key)
    .execute(&mut **tx)
    .await?;
    let erased = sqlx::query(
        "UPDATE contacts SET email = 'erased-' || id || '@erased.invalid', \
         email_key = 'erased-' || id || '@erased.invalid', name = '', name_key = '', \
         user_id = NULL, status = 'unsubscribed', status_at = $3, \
         status_source = 'account deleted' \
         WHERE user_id = $1 OR email_key = $2",
    )
    .bind(user)
    .bind(email_key)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(erased.rows_affected())
}
