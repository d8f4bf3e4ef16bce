//! Reading and writing organizations (the tenants).

use crate::domain::OrganizationId;

use super::Db;

/// Creates an organization and returns its id.
pub async fn insert<'c, E>(
    executor: E,
    slug: &str,
    name: &str,
    now: i64,
) -> Result<OrganizationId, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO organizations (slug, name, search_text, created_at) VALUES ($1, $2, $3, $4) \
         RETURNING id",
    )
    .bind(slug)
    .bind(name)
    .bind(name.to_lowercase())
    .bind(now)
    .fetch_one(executor)
    .await
    .map(OrganizationId)
}

/// How many organizations exist; zero means a fresh database.
pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM organizations")
        .fetch_one(db.pool())
        .await
}

/// Whether an organization with this slug exists.
pub async fn exists(db: &Db, slug: &str) -> Result<bool, sqlx::Error> {
    let n = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM organizations WHERE slug = $1")
        .bind(slug)
        .fetch_one(db.pool())
        .await?;
    Ok(n > 0)
}
