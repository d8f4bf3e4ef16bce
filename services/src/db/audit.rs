//! The audit log: append-only (the schema refuses updates and deletes).

use domain::{OrganizationId, UserId};

use super::Db;

/// One entry to write.
#[derive(Clone, Debug, Default)]
pub struct Entry<'a> {
    /// Who acted; none for an anonymous attempt (a failed login).
    pub actor: Option<UserId>,
    /// What happened, e.g. `login.failed`, `account.deactivated`.
    pub action: &'a str,
    /// Whose account it concerned.
    pub subject: Option<UserId>,
    /// Which organization it concerned.
    pub organization: Option<OrganizationId>,
    /// From which address.
    pub ip: &'a str,
    /// Extra facts (never a secret).
    pub detail: &'a str,
}

/// Appends an entry.
pub async fn record<'c, E>(executor: E, entry: &Entry<'_>, now: i64) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, action, subject_id, organization_id, ip, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(now)
    .bind(entry.actor)
    .bind(entry.action)
    .bind(entry.subject)
    .bind(entry.organization)
    .bind(entry.ip)
    .bind(entry.detail)
    .execute(executor)
    .await?;
    Ok(())
}

/// An entry as the console shows it, with the names of the people involved.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EntryRow {
    /// Its id (newest is highest).
    pub id: i64,
    /// When.
    pub at: i64,
    /// What.
    pub action: String,
    /// Who acted, by name.
    pub actor: Option<String>,
    /// Whom it concerned, by name.
    pub subject: Option<String>,
    /// The subject's id.
    pub subject_id: Option<i64>,
    /// From where.
    pub ip: String,
    /// Extra facts.
    pub detail: String,
}

/// The newest entries before `before` (an id), optionally about one account.
pub async fn page(
    db: &Db,
    subject: Option<UserId>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<EntryRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.at, a.action, actor.display_name AS actor, \
         subject.display_name AS subject, a.subject_id, a.ip, a.detail FROM audit_log a \
         LEFT JOIN users actor ON actor.id = a.actor_id \
         LEFT JOIN users subject ON subject.id = a.subject_id \
         WHERE ($1 = -1 OR a.subject_id = $1) AND a.id < $2 ORDER BY a.id DESC LIMIT $3",
    )
    .bind(subject.map_or(-1, |s| s.0))
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(db.pool())
    .await
}
