//! Reading and writing organizations (the tenants).

use domain::OrganizationId;

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

/// An organization as stored, with its member count.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrganizationRow {
    /// Its id.
    pub id: OrganizationId,
    /// Its slug.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// How many members it has.
    pub members: i64,
    /// The zone of its campaigns without an event (an IANA name).
    pub time_zone: String,
}

const ROW: &str = "SELECT o.id, o.slug, o.name, o.time_zone, \
     (SELECT COUNT(*) FROM memberships m WHERE m.organization_id = o.id) AS members \
     FROM organizations o";

/// The organization with this slug.
pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<OrganizationRow>, sqlx::Error> {
    sqlx::query_as(&format!("{ROW} WHERE o.slug = $1"))
        .bind(slug)
        .fetch_optional(db.pool())
        .await
}

/// The organization with this id.
pub async fn by_id(db: &Db, id: OrganizationId) -> Result<Option<OrganizationRow>, sqlx::Error> {
    sqlx::query_as(&format!("{ROW} WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
}

/// Organizations by id, `limit` after `after`.
pub async fn page(db: &Db, after: i64, limit: i64) -> Result<Vec<OrganizationRow>, sqlx::Error> {
    sqlx::query_as(&format!("{ROW} WHERE o.id > $1 ORDER BY o.id LIMIT $2"))
        .bind(after)
        .bind(limit)
        .fetch_all(db.pool())
        .await
}

/// Renames an organization (and refreshes the text the search matches).
pub async fn rename(db: &Db, id: OrganizationId, name: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE organizations SET name = $2, search_text = $3 WHERE id = $1")
        .bind(id)
        .bind(name)
        .bind(name.to_lowercase())
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Sets the zone of an organization's campaigns without an event.
pub async fn set_time_zone<'c, E>(
    executor: E,
    id: OrganizationId,
    zone: &str,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query("UPDATE organizations SET time_zone = $2 WHERE id = $1")
        .bind(id)
        .bind(zone)
        .execute(executor)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Takes the organization's row lock for the rest of the transaction, so membership
/// changes that must keep an owner run one after the other (on both databases).
pub async fn lock<'c, E>(executor: E, id: OrganizationId) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("UPDATE organizations SET name = name WHERE id = $1")
        .bind(id)
        .execute(executor)
        .await?;
    Ok(())
}
