//! Which rows use a stored image (see `crate::media`).

use std::collections::HashSet;

use super::Db;

/// Whether anyone may see the image `name`: a post that is not hidden, an event's cover or a
/// speaker's photo uses it.
pub async fn visible(db: &Db, name: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT CAST(1 AS BIGINT) FROM posts WHERE image = $1 AND hidden = 0 \
         UNION ALL SELECT CAST(1 AS BIGINT) FROM events WHERE cover_image = $1 \
         UNION ALL SELECT CAST(1 AS BIGINT) FROM speakers WHERE photo = $1 LIMIT 1",
    )
    .bind(name)
    .fetch_optional(db.pool())
    .await?;
    Ok(found.is_some())
}

/// Every image some row uses, hidden posts included (a moderator may show them again).
pub async fn referenced(db: &Db) -> Result<HashSet<String>, sqlx::Error> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT image FROM posts WHERE image IS NOT NULL \
         UNION SELECT cover_image FROM events WHERE cover_image IS NOT NULL \
         UNION SELECT photo FROM speakers WHERE photo IS NOT NULL",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(names.into_iter().collect())
}
