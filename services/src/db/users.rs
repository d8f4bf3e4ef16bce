//! Reading and writing user accounts.

use domain::{AccountStatus, PlatformRole, UserId};

use super::Db;

/// A user as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserRow {
    /// The id.
    pub id: UserId,
    /// Lower-cased address.
    pub email: String,
    /// Name as typed.
    pub display_name: String,
    /// PHC string, empty for a deleted account.
    pub password_hash: String,
    /// `active`, `deactivated` or `deleted`.
    pub status: String,
    /// `none` or `admin`.
    pub platform_role: String,
    /// When the address was confirmed.
    pub email_verified_at: Option<i64>,
    /// Consecutive failed logins.
    pub failed_logins: i64,
    /// Logins are refused until then.
    pub locked_until: Option<i64>,
    /// When the account was created.
    pub created_at: i64,
}

impl UserRow {
    /// The account's status.
    pub fn status(&self) -> AccountStatus {
        AccountStatus::from_db(&self.status)
    }

    /// The account's platform role.
    pub fn platform_role(&self) -> PlatformRole {
        PlatformRole::from_db(&self.platform_role)
    }
}

const COLUMNS: &str = "id, email, display_name, password_hash, status, platform_role, \
     email_verified_at, failed_logins, locked_until, created_at";

/// A new account's fields.
pub struct NewUser<'a> {
    /// Lower-cased address.
    pub email: &'a str,
    /// Name as typed.
    pub display_name: &'a str,
    /// PHC string.
    pub password_hash: &'a str,
    /// Platform role.
    pub platform_role: PlatformRole,
    /// Set when the address is known to be real (created by an admin, seeded).
    pub email_verified_at: Option<i64>,
}

/// Creates an account. A taken address fails with a unique violation.
pub async fn insert<'c, E>(executor: E, user: &NewUser<'_>, now: i64) -> Result<UserId, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar::<_, i64>(
        "INSERT INTO users (email, display_name, name_key, password_hash, platform_role, \
         email_verified_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
         RETURNING id",
    )
    .bind(user.email)
    .bind(user.display_name)
    .bind(user.display_name.to_lowercase())
    .bind(user.password_hash)
    .bind(user.platform_role.as_str())
    .bind(user.email_verified_at)
    .bind(now)
    .fetch_one(executor)
    .await
    .map(UserId)
}

/// The account with this (lower-cased) address.
pub async fn by_email(db: &Db, email: &str) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE email = $1"))
        .bind(email)
        .fetch_optional(db.pool())
        .await
}

/// The account with this id.
pub async fn by_id(db: &Db, id: UserId) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
}

/// Counts a failed login; at `limit` consecutive failures the account refuses logins
/// until `now + lockout_secs`.
pub async fn record_failed_login(
    db: &Db,
    id: UserId,
    now: i64,
    limit: u32,
    lockout_secs: i64,
) -> Result<(), sqlx::Error> {
    // A lock that has run out is over: counting starts again at this failure, instead of
    // one more failure locking the account again, and again, forever.
    sqlx::query(
        "UPDATE users SET \
         failed_logins = CASE WHEN locked_until <= $4 THEN 1 ELSE failed_logins + 1 END, \
         locked_until = CASE \
           WHEN (CASE WHEN locked_until <= $4 THEN 1 ELSE failed_logins + 1 END) >= $2 THEN $3 \
           WHEN locked_until <= $4 THEN NULL \
           ELSE locked_until END \
         WHERE id = $1",
    )
    .bind(id)
    .bind(i64::from(limit))
    .bind(now + lockout_secs)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Clears the failed-login counter after a successful login.
pub async fn clear_failed_logins(db: &Db, id: UserId) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1")
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Replaces the password hash (and lifts any lockout: the owner proved who they are).
pub async fn set_password<'c, E>(
    executor: E,
    id: UserId,
    password_hash: &str,
    now: i64,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL, \
         updated_at = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(password_hash)
    .bind(now)
    .execute(executor)
    .await?;
    Ok(())
}

/// Marks the address as confirmed.
pub async fn set_email_verified<'c, E>(executor: E, id: UserId, now: i64) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $2), updated_at = $2 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .execute(executor)
    .await?;
    Ok(())
}

/// Moves the account to a confirmed new address. A taken address fails with a unique
/// violation.
pub async fn set_email(db: &Db, id: UserId, email: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET email = $2, email_verified_at = $3, updated_at = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(email)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Sets the account's status.
pub async fn set_status<'c, E>(
    executor: E,
    id: UserId,
    status: AccountStatus,
    now: i64,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("UPDATE users SET status = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(status.as_str())
        .bind(now)
        .execute(executor)
        .await?;
    Ok(())
}

/// Sets the account's platform role.
pub async fn set_platform_role<'c, E>(
    executor: E,
    id: UserId,
    role: PlatformRole,
    now: i64,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("UPDATE users SET platform_role = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(role.as_str())
        .bind(now)
        .execute(executor)
        .await?;
    Ok(())
}

/// Active platform admins.
pub async fn count_active_admins<'c, E>(executor: E) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE platform_role = 'admin' AND status = 'active'",
    )
    .fetch_one(executor)
    .await
}

/// Deletes what identifies a person and keeps the row, so what they wrote stays attributed
/// to "Deleted user" and the audit log keeps its references.
pub async fn anonymize<'c, E>(executor: E, id: UserId, now: i64) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "UPDATE users SET email = $2, display_name = 'Deleted user', name_key = 'deleted user', \
         password_hash = '', status = 'deleted', platform_role = 'none', \
         email_verified_at = NULL, updated_at = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(format!("deleted-{id}@deleted.invalid"))
    .bind(now)
    .execute(executor)
    .await?;
    Ok(())
}

/// Whether `error` is a unique-constraint violation (an address already taken).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(db) => {
            db.code()
                .is_some_and(|c| c == "23505" || c == "2067" || c == "1555")
                || db.message().contains("UNIQUE constraint failed")
        }
        _ => false,
    }
}
