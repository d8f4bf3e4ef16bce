//! Sign-ups waiting for their address to be confirmed (see migration 0012).

use super::Db;

/// What a person typed when signing up, checked and with the password already hashed.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct SignUpRequest {
    /// The address the link was mailed to.
    pub email: String,
    /// The name chosen.
    pub display_name: String,
    /// The argon2 hash of the password chosen.
    pub password_hash: String,
}

/// Stores a request under its link's digest, and deletes the requests that expired: they
/// hold an address and a password hash that nobody will use.
pub async fn insert(
    db: &Db,
    token_hash: &str,
    request: &SignUpRequest,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_up_requests WHERE expires_at <= $1")
        .bind(now)
        .execute(db.pool())
        .await?;
    sqlx::query(
        "INSERT INTO sign_up_requests (token_hash, email, display_name, password_hash, \
         created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash)
    .bind(&request.email)
    .bind(&request.display_name)
    .bind(&request.password_hash)
    .bind(now)
    .bind(expires_at)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Uses a link: deletes its request and returns it when it exists and has not expired.
/// One statement, so two clicks cannot both use it.
pub async fn consume<'c, E>(
    executor: E,
    token_hash: &str,
    now: i64,
) -> Result<Option<SignUpRequest>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(
        "DELETE FROM sign_up_requests WHERE token_hash = $1 AND expires_at > $2 \
         RETURNING email, display_name, password_hash",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(executor)
    .await
}
