//! What a platform admin does to accounts: find them, look one up, deactivate or reactivate
//! it, grant or revoke the admin role, and mail it a reset or verification link.

use domain::error::AppError;
use domain::{AccountDetails, AccountPage, AccountQuery, AccountStatus, PlatformRole, UserId};

use crate::Services;
use crate::accounts::service;
use crate::accounts::session::{Actor, Client};
use crate::db::{self, accounts_search, audit, sessions, users};

use super::{admin, entry, listing, record};

/// A page of accounts.
pub async fn accounts(
    state: &Services,
    actor: &Actor,
    query: &AccountQuery,
) -> Result<AccountPage, AppError> {
    admin(state, actor).await?;
    let mut rows = accounts_search::page(&state.db, query)
        .await
        .map_err(AppError::db("cannot list accounts"))?;
    let more = rows.len() > accounts_search::PAGE_SIZE;
    rows.truncate(accounts_search::PAGE_SIZE);
    let next = more
        .then(|| rows.last().map(|r| accounts_search::cursor(query.sort, r)))
        .flatten();
    let broad = accounts_search::is_broad(&state.db, &query.q)
        .await
        .map_err(AppError::db("cannot count matches"))?;
    let now = db::now();
    Ok(AccountPage {
        accounts: rows.iter().map(|r| listing(r, now)).collect(),
        next,
        broad,
    })
}

/// One account: profile, memberships, sessions and recent security events.
pub async fn account(
    state: &Services,
    actor: &Actor,
    id: UserId,
) -> Result<AccountDetails, AppError> {
    let grant = admin(state, actor).await?;
    let user = service::load_user(state, id).await?;
    let now = db::now();
    let sessions = service::sessions_of(state, id, None).await?;
    let memberships = service::memberships_of(state, id).await?;
    let events = audit::page(&state.db, Some(id), None, 20)
        .await
        .map_err(AppError::db("cannot read the audit log"))?
        .into_iter()
        .map(|e| entry(e, now))
        .collect();
    Ok(AccountDetails {
        account: listing(&user, now),
        email_verified: user.email_verified_at.is_some(),
        memberships,
        sessions,
        events,
        is_me: grant.user == id,
    })
}

/// Deactivates (ending every session at once) or reactivates an account. An admin cannot
/// deactivate themselves, which also keeps the last admin active.
pub async fn set_active(
    state: &Services,
    actor: &Actor,
    client: &Client,
    id: UserId,
    active: bool,
) -> Result<(), AppError> {
    let grant = admin(state, actor).await?;
    if grant.user == id {
        return Err(AppError::Conflict(
            "You cannot deactivate your own account.".into(),
        ));
    }
    let user = service::load_user(state, id).await?;
    if user.status() == AccountStatus::Deleted {
        return Err(AppError::Conflict(
            "A deleted account cannot be changed.".into(),
        ));
    }
    let status = if active {
        AccountStatus::Active
    } else {
        AccountStatus::Deactivated
    };
    let mut tx = state.db.begin().await?;
    users::set_status(&mut *tx, id, status, db::now())
        .await
        .map_err(AppError::db("cannot change an account's status"))?;
    if !active {
        sessions::delete_all_for_user(&mut *tx, id, None)
            .await
            .map_err(AppError::db("cannot end sessions"))?;
    }
    tx.commit()
        .await
        .map_err(AppError::db("cannot commit a status change"))?;
    let action = if active {
        "account.reactivated"
    } else {
        "account.deactivated"
    };
    record(state, &grant, client, action, Some(id), None, "").await
}

/// Grants or revokes platform admin. Nobody revokes their own, and the last admin stays.
pub async fn set_admin(
    state: &Services,
    actor: &Actor,
    client: &Client,
    id: UserId,
    admin_role: bool,
) -> Result<(), AppError> {
    let grant = admin(state, actor).await?;
    if grant.user == id && !admin_role {
        return Err(AppError::Conflict(
            "You cannot remove your own admin role. Ask another admin.".into(),
        ));
    }
    let user = service::load_user(state, id).await?;
    if user.status() == AccountStatus::Deleted {
        return Err(AppError::Conflict(
            "A deleted account cannot be changed.".into(),
        ));
    }
    let role = if admin_role {
        PlatformRole::Admin
    } else {
        PlatformRole::None
    };
    let mut tx = state.db.begin().await?;
    // Every admin row is locked first, so two admins revoking each other run one after
    // the other and the second sees the first's change.
    sqlx::query("UPDATE users SET updated_at = updated_at WHERE platform_role = 'admin'")
        .execute(&mut *tx)
        .await
        .map_err(AppError::db("cannot lock the admins"))?;
    users::set_platform_role(&mut *tx, id, role, db::now())
        .await
        .map_err(AppError::db("cannot change a platform role"))?;
    if users::count_active_admins(&mut *tx)
        .await
        .map_err(AppError::db("cannot count admins"))?
        == 0
    {
        return Err(AppError::Conflict(
            "Convene needs at least one platform admin.".into(),
        ));
    }
    tx.commit()
        .await
        .map_err(AppError::db("cannot commit a role change"))?;
    let action = if admin_role {
        "admin.granted"
    } else {
        "admin.revoked"
    };
    record(state, &grant, client, action, Some(id), None, "").await
}

/// Mails the account a password-reset link.
pub async fn send_password_reset(
    state: &Services,
    actor: &Actor,
    client: &Client,
    id: UserId,
) -> Result<(), AppError> {
    let grant = admin(state, actor).await?;
    let user = service::load_user(state, id).await?;
    if user.status() != AccountStatus::Active {
        return Err(AppError::Conflict(
            "Only an active account can reset its password.".into(),
        ));
    }
    service::send_password_reset(state, &user).await?;
    record(
        state,
        &grant,
        client,
        "password.reset_sent",
        Some(id),
        None,
        "",
    )
    .await
}

/// Mails the account its verification link again.
pub async fn resend_verification(
    state: &Services,
    actor: &Actor,
    client: &Client,
    id: UserId,
) -> Result<(), AppError> {
    let grant = admin(state, actor).await?;
    let user = service::load_user(state, id).await?;
    if user.email_verified_at.is_some() {
        return Err(AppError::Conflict(
            "This address is already confirmed.".into(),
        ));
    }
    service::send_verification(state, &user).await?;
    record(
        state,
        &grant,
        client,
        "verification.sent",
        Some(id),
        None,
        "",
    )
    .await
}
