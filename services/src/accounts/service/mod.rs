//! The account operations: each checks its input, changes the database, writes the audit
//! log and sends mail. The server functions in `app::api::accounts` only call these.

mod addresses;
mod deletion;
mod passwords;
mod sessions;

pub use addresses::{confirm_email_change, request_email_change, send_verification, verify_email};
pub use deletion::delete_account;
pub use passwords::{change_password, request_password_reset, reset_password, send_password_reset};
pub use sessions::{end_session, log_out_elsewhere, sessions_of};

use domain::error::AppError;
use domain::{AccountOverview, CurrentUser, MembershipSummary, OrgRole, PlatformRole, UserId};

use crate::Services;
use crate::db::account_tokens::Purpose;
use crate::db::{self, account_tokens, audit, memberships, users};

use super::session::Actor;
use super::{password, tokens};

pub(super) const VERIFY_EMAIL_TTL: i64 = 24 * 3600;

/// Writes an audit entry; a failure is logged and fails the operation (an action that
/// cannot be recorded does not happen silently).
pub async fn record(state: &Services, entry: audit::Entry<'_>) -> Result<(), AppError> {
    audit::record(state.db.pool(), &entry, db::now())
        .await
        .map_err(AppError::db("cannot write the audit log"))
}

/// The link a mail carries: `{base_url}{path}?token=…`.
pub(super) fn link(state: &Services, path: &str, secret: &str) -> String {
    format!("{}{path}?token={secret}", state.config.base_url)
}

async fn issue_link(
    state: &Services,
    user: UserId,
    purpose: Purpose,
    new_email: Option<&str>,
    ttl: i64,
) -> Result<String, AppError> {
    let secret = tokens::new_secret();
    let now = db::now();
    account_tokens::insert(
        &state.db,
        &tokens::digest(&secret),
        user,
        purpose,
        new_email,
        now,
        now + ttl,
    )
    .await
    .map_err(AppError::db("cannot store a link"))?;
    Ok(secret)
}

/// Loads an account that must exist.
pub async fn load_user(state: &Services, id: UserId) -> Result<users::UserRow, AppError> {
    users::by_id(&state.db, id)
        .await
        .map_err(AppError::db("cannot read an account"))?
        .ok_or_else(|| AppError::NotFound("account".into()))
}

/// Whether `id`'s address is confirmed: what it takes to upload images or be made an owner,
/// since anyone can sign up with any address.
pub async fn address_confirmed(state: &Services, id: UserId) -> Result<bool, AppError> {
    Ok(load_user(state, id).await?.email_verified_at.is_some())
}

/// What the page header shows about the signed-in person.
pub fn current_user(row: &users::UserRow) -> CurrentUser {
    CurrentUser {
        id: row.id,
        display_name: row.display_name.clone(),
        email: row.email.clone(),
        email_verified: row.email_verified_at.is_some(),
        is_admin: row.platform_role() == PlatformRole::Admin,
    }
}

/// The signed-in account, if any.
pub async fn whoami(state: &Services, actor: &Actor) -> Result<Option<CurrentUser>, AppError> {
    match actor {
        Actor::Anonymous => Ok(None),
        Actor::User(user) => Ok(Some(current_user(&load_user(state, user.user_id).await?))),
    }
}

/// `user`'s organizations and roles.
pub async fn memberships_of(
    state: &Services,
    user: UserId,
) -> Result<Vec<MembershipSummary>, AppError> {
    Ok(memberships::for_user(&state.db, user)
        .await
        .map_err(AppError::db("cannot list memberships"))?
        .into_iter()
        .filter_map(|m| {
            Some(MembershipSummary {
                organization_id: m.organization_id,
                slug: m.slug,
                name: m.name,
                role: OrgRole::parse(&m.role).ok()?,
            })
        })
        .collect())
}

/// The account page: profile, sessions and memberships.
pub async fn overview(state: &Services, actor: &Actor) -> Result<AccountOverview, AppError> {
    let me = actor.signed_in()?;
    let user = load_user(state, me.user_id).await?;
    let mut sessions = sessions_of(state, me.user_id, Some(me.session_id)).await?;
    sessions.sort_by_key(|s| !s.current);
    let memberships = memberships_of(state, me.user_id).await?;
    Ok(AccountOverview {
        user: current_user(&user),
        sessions,
        memberships,
    })
}

/// Checks the signed-in account's current password (one verification).
async fn confirm_password(
    state: &Services,
    user: &users::UserRow,
    field: &str,
    typed: &str,
) -> Result<(), AppError> {
    if password::verify(
        &state.password_verifications,
        typed,
        Some(user.password_hash.clone()),
    )
    .await?
    {
        Ok(())
    } else {
        Err(AppError::invalid(
            field,
            "that is not your current password",
        ))
    }
}

/// Sends a notice about a change already made to an account. The change stands either
/// way, so a mail that cannot be sent is logged by the mailer and not reported.
async fn tell_owner(state: &Services, letter: crate::mail::Letter) {
    let _ = state.mailer.send(letter).await;
}

pub(super) fn expired_link() -> AppError {
    AppError::Conflict("This link has expired or was already used. Ask for a new one.".into())
}
