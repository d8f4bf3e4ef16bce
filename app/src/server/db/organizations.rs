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

/// The slugs of all organizations whose slug starts with `prefix`.
pub async fn slugs_starting_with(db: &Db, prefix: &str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar::<_, String>("SELECT slug FROM organizations WHERE slug LIKE $1")
        .bind(format!("{prefix}%"))
        .fetch_all(db.pool())
        .await
}
