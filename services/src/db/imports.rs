//! `imports` and `import_rows`: CSV imports, their rows and the worker's claims.

use sqlx::FromRow;

use domain::{EventId, OrganizationId, UserId};

use super::{Db, placeholders};

/// An import's row.
#[derive(Debug, Clone, FromRow)]
pub struct ImportRecord {
    /// Primary key.
    pub id: i64,
    /// Owning organization.
    pub organization_id: OrganizationId,
    /// The event, for sessions.
    pub event_id: Option<EventId>,
    /// `speakers` or `sessions`.
    pub kind: String,
    /// `preview`, `queued`, `running`, `done`.
    pub status: String,
    /// The uploaded file's name.
    pub file_name: String,
    /// Rows valid at preview.
    pub valid: i64,
    /// Rows handled by the worker.
    pub processed: i64,
    /// Rows created.
    pub imported: i64,
    /// Who uploaded it.
    pub created_by: Option<UserId>,
    /// Contacts: the file's column names, as JSON.
    pub columns: String,
    /// Contacts: which column holds what, as JSON.
    pub mapping: String,
}

const COLUMNS: &str = "id, organization_id, event_id, kind, status, file_name, valid, \
     processed, imported, created_by, columns, mapping";

/// One row of a file.
#[derive(Debug, Clone, FromRow)]
pub struct RowRecord {
    /// Its line in the file.
    pub line: i64,
    /// Its fields, as JSON.
    pub data: String,
    /// `valid`, `invalid`, `imported`, `failed`.
    pub status: String,
    /// Why it is not imported.
    pub message: String,
}

/// What an import is about.
pub struct NewImport<'a> {
    /// Owning organization.
    pub organization: OrganizationId,
    /// The event, for sessions.
    pub event: Option<EventId>,
    /// `speakers` or `sessions`.
    pub kind: &'a str,
    /// The uploaded file's name.
    pub file_name: &'a str,
    /// Who uploaded it.
    pub created_by: UserId,
    /// Contacts: the file's column names, as JSON.
    pub columns: &'a str,
    /// Contacts: which column holds what, as JSON.
    pub mapping: &'a str,
}

/// A new import in preview, with its checked rows `(line, data, status, message)`.
pub async fn create(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    new: &NewImport<'_>,
    rows: &[(i64, String, &'static str, String)],
    now: i64,
) -> Result<i64, sqlx::Error> {
    let valid = rows.iter().filter(|r| r.2 == "valid").count() as i64;
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO imports (organization_id, event_id, kind, status, file_name, valid, \
         created_by, created_at, columns, mapping) \
         VALUES ($1, $2, $3, 'preview', $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(new.organization)
    .bind(new.event)
    .bind(new.kind)
    .bind(new.file_name)
    .bind(valid)
    .bind(new.created_by)
    .bind(now)
    .bind(new.columns)
    .bind(new.mapping)
    .fetch_one(&mut **tx)
    .await?;
    // 5 values a row: well under both databases' limit on parameters per statement.
    for chunk in rows.chunks(500) {
        let sql = format!(
            "INSERT INTO import_rows (import_id, line, data, status, message) VALUES {}",
            placeholders(chunk.len(), 5, 1, |_| String::new())
        );
        let mut query = sqlx::query(&sql);
        for (line, data, status, message) in chunk {
            query = query
                .bind(id)
                .bind(*line)
                .bind(data)
                .bind(*status)
                .bind(message);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(id)
}

/// The organization's import `id`.
pub async fn find(
    db: &Db,
    organization: OrganizationId,
    id: i64,
) -> Result<Option<ImportRecord>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM imports WHERE id = $1 AND organization_id = $2"
    ))
    .bind(id)
    .bind(organization)
    .fetch_optional(db.pool())
    .await
}

/// Counts of rows by status.
pub async fn counts(db: &Db, id: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT status, COUNT(*) FROM import_rows WHERE import_id = $1 GROUP BY status")
        .bind(id)
        .fetch_all(db.pool())
        .await
}

/// Up to `limit` rows: those not imported first, then by line.
pub async fn rows(db: &Db, id: i64, limit: i64) -> Result<Vec<RowRecord>, sqlx::Error> {
    sqlx::query_as(
        "SELECT line, data, status, message FROM import_rows WHERE import_id = $1 \
         ORDER BY CASE WHEN status IN ('invalid', 'failed') THEN 0 ELSE 1 END, line LIMIT $2",
    )
    .bind(id)
    .bind(limit)
    .fetch_all(db.pool())
    .await
}

/// Every row of an import, in file order (a contacts preview checked again).
pub async fn all_rows(db: &Db, id: i64) -> Result<Vec<RowRecord>, sqlx::Error> {
    sqlx::query_as(
        "SELECT line, data, status, message FROM import_rows WHERE import_id = $1 ORDER BY line",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await
}

/// Stores a preview's new mapping and its rows' new outcomes `(line, status, message)`;
/// false when the import is no longer a preview.
pub async fn remap(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: i64,
    mapping: &str,
    rows: &[(i64, &'static str, String)],
) -> Result<bool, sqlx::Error> {
    let valid = rows.iter().filter(|r| r.1 == "valid").count() as i64;
    let done = sqlx::query(
        "UPDATE imports SET mapping = $1, valid = $2 WHERE id = $3 AND status = 'preview'",
    )
    .bind(mapping)
    .bind(valid)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    for (line, status, message) in rows {
        sqlx::query(
            "UPDATE import_rows SET status = $1, message = $2 WHERE import_id = $3 AND line = $4",
        )
        .bind(*status)
        .bind(message)
        .bind(id)
        .bind(*line)
        .execute(&mut **tx)
        .await?;
    }
    Ok(true)
}

/// Confirms a preview that has rows to import; false when it is not one.
pub async fn queue(db: &Db, organization: OrganizationId, id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "UPDATE imports SET status = 'queued' \
         WHERE id = $1 AND organization_id = $2 AND status = 'preview' AND valid > 0",
    )
    .bind(id)
    .bind(organization)
    .execute(db.pool())
    .await
    .map(|done| done.rows_affected() == 1)
}

/// Drops a preview; false when it is not one.
pub async fn discard(db: &Db, organization: OrganizationId, id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query("DELETE FROM imports WHERE id = $1 AND organization_id = $2 AND status = 'preview'")
        .bind(id)
        .bind(organization)
        .execute(db.pool())
        .await
        .map(|done| done.rows_affected() == 1)
}

/// Claims the oldest import waiting, or one whose worker stopped renewing its lease before
/// `stale_before`. One statement, so two instances never claim the same import.
pub async fn claim(
    db: &Db,
    now: i64,
    stale_before: i64,
) -> Result<Option<ImportRecord>, sqlx::Error> {
    let waiting = "(status = 'queued' OR (status = 'running' AND claimed_at < $2))";
    sqlx::query_as(&format!(
        "UPDATE imports SET status = 'running', claimed_at = $1 \
         WHERE id = (SELECT id FROM imports WHERE {waiting} ORDER BY id LIMIT 1) AND {waiting} \
         RETURNING {COLUMNS}"
    ))
    .bind(now)
    .bind(stale_before)
    .fetch_optional(db.pool())
    .await
}

/// Up to `limit` rows still to import, in file order.
pub async fn pending(db: &Db, id: i64, limit: i64) -> Result<Vec<RowRecord>, sqlx::Error> {
    sqlx::query_as(
        "SELECT line, data, status, message FROM import_rows \
         WHERE import_id = $1 AND status = 'valid' ORDER BY line LIMIT $2",
    )
    .bind(id)
    .bind(limit)
    .fetch_all(db.pool())
    .await
}

/// Records a row's outcome and counts it, renewing the lease; in the transaction that
/// created what the row describes. False when the row was handled already (by a worker
/// that lost its lease), and then the caller rolls back.
pub async fn finish_row(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: i64,
    line: i64,
    outcome: Result<(), &str>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let (status, message) = match outcome {
        Ok(()) => ("imported", ""),
        Err(message) => ("failed", message),
    };
    let done = sqlx::query(
        "UPDATE import_rows SET status = $1, message = $2 \
         WHERE import_id = $3 AND line = $4 AND status = 'valid'",
    )
    .bind(status)
    .bind(message)
    .bind(id)
    .bind(line)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query(
        "UPDATE imports SET processed = processed + 1, imported = imported + $1, \
         claimed_at = $2 WHERE id = $3",
    )
    .bind(i64::from(outcome.is_ok()))
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(true)
}

/// Marks an import finished.
pub async fn finish(db: &Db, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE imports SET status = 'done', finished_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(db.pool())
        .await
        .map(|_| ())
}
