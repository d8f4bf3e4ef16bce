//! Single-use links sent by mail.

use domain::UserId;

use super::Db;

/// What a link does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Confirms the account's address.
    VerifyEmail,
    /// Lets the owner choose a new password.
    ResetPassword,
    /// Moves the account to a new address.
    ChangeEmail,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::ResetPassword => "reset_password",
            Self::ChangeEmail => "change_email",
        }
    }
}

/// Stores a link's digest.
pub async fn insert(
    db: &Db,
    token_hash: &str,
    user_id: UserId,
    purpose: Purpose,
    new_email: Option<&str>,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO account_tokens (token_hash, user_id, purpose, new_email, created_at, \
         expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(new_email)
    .bind(now)
    .bind(expires_at)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Uses a link: marks it used and returns its user (and new address) when it exists, has
/// this purpose, is unused and unexpired. One statement, so two clicks cannot both use it.
pub async fn consume<'c, E>(
    executor: E,
    token_hash: &str,
    purpose: Purpose,
    now: i64,
) -> Result<Option<(UserId, Option<String>)>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let row: Option<(i64, Option<String>)> = sqlx::query_as(
        "UPDATE account_tokens SET used_at = $3 \
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3 \
         RETURNING user_id, new_email",
    )
    .bind(token_hash)
    .bind(purpose.as_str())
    .bind(now)
    .fetch_optional(executor)
    .await?;
    Ok(row.map(|(user, email)| (UserId(user), email)))
}

/// Voids a user's unused links of one purpose (after a password change, say).
pub async fn void<'c, E>(
    executor: E,
    user_id: UserId,
    purpose: Purpose,
    now: i64,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "UPDATE account_tokens SET used_at = $3 WHERE user_id = $1 AND purpose = $2 \
         AND used_at IS NULL",
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(now)
    .execute(executor)
    .await?;
    Ok(())
}
