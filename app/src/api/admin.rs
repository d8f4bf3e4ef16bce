//! The platform admin console.

use leptos::prelude::*;

use domain::error::AppError;
use domain::{
    AccountDetails, AccountPage, AccountSort, AuditEntry, Member, OrganizationId,
    OrganizationSummary, RoleFilter, StatusFilter, UserId,
};

#[cfg(feature = "ssr")]
use services::admin;

#[cfg(feature = "ssr")]
use crate::context::{app_state, current_actor, current_client};

/// A page of accounts: prefix search on address or name, filters, order, cursor.
#[server(prefix = "/api", endpoint = "admin_list_accounts")]
pub async fn admin_list_accounts(
    #[server(default)] q: String,
    #[server(default)] role: RoleFilter,
    #[server(default)] status: StatusFilter,
    #[server(default)] sort: AccountSort,
    #[server(default)] after: Option<String>,
) -> Result<AccountPage, AppError> {
    let query = domain::AccountQuery {
        q,
        role,
        status,
        sort,
        after,
    };
    admin::accounts(&app_state()?, &current_actor()?, &query).await
}

/// One account.
#[server(prefix = "/api", endpoint = "admin_get_account")]
pub async fn admin_get_account(id: UserId) -> Result<AccountDetails, AppError> {
    admin::account(&app_state()?, &current_actor()?, id).await
}

#[cfg(feature = "ssr")]
fn back_to_account(id: UserId, done: &str) {
    leptos_axum::redirect(&format!("/admin/accounts/{id}?done={done}"));
}

/// Deactivates (signing it out everywhere) or reactivates an account.
#[server(prefix = "/api", endpoint = "admin_set_account_active")]
pub async fn admin_set_account_active(id: UserId, active: bool) -> Result<(), AppError> {
    admin::set_active(
        &app_state()?,
        &current_actor()?,
        &current_client()?,
        id,
        active,
    )
    .await?;
    back_to_account(id, if active { "reactivated" } else { "deactivated" });
    Ok(())
}

/// Grants or revokes platform admin.
#[server(prefix = "/api", endpoint = "admin_set_platform_admin")]
pub async fn admin_set_platform_admin(id: UserId, admin: bool) -> Result<(), AppError> {
    admin::set_admin(
        &app_state()?,
        &current_actor()?,
        &current_client()?,
        id,
        admin,
    )
    .await?;
    back_to_account(id, if admin { "granted" } else { "revoked" });
    Ok(())
}

/// Mails the account a password-reset link.
#[server(prefix = "/api", endpoint = "admin_send_password_reset")]
pub async fn admin_send_password_reset(id: UserId) -> Result<(), AppError> {
    admin::send_password_reset(&app_state()?, &current_actor()?, &current_client()?, id).await?;
    back_to_account(id, "reset_sent");
    Ok(())
}

/// Mails the account its verification link again.
#[server(prefix = "/api", endpoint = "admin_resend_verification")]
pub async fn admin_resend_verification(id: UserId) -> Result<(), AppError> {
    admin::resend_verification(&app_state()?, &current_actor()?, &current_client()?, id).await?;
    back_to_account(id, "verification_sent");
    Ok(())
}

/// Organizations, 100 at a time, after the id `after`.
#[server(prefix = "/api", endpoint = "admin_list_organizations")]
pub async fn admin_list_organizations(
    #[server(default)] after: i64,
) -> Result<Vec<OrganizationSummary>, AppError> {
    admin::organizations(&app_state()?, &current_actor()?, after).await
}

/// One organization and its members.
#[server(prefix = "/api", endpoint = "admin_get_organization")]
pub async fn admin_get_organization(
    id: OrganizationId,
) -> Result<(OrganizationSummary, Vec<Member>), AppError> {
    admin::organization(&app_state()?, &current_actor()?, id).await
}

/// Creates an organization with an owner.
#[server(prefix = "/api", endpoint = "admin_create_organization")]
pub async fn admin_create_organization(
    name: String,
    slug: String,
    owner_email: String,
) -> Result<OrganizationId, AppError> {
    let id = admin::create_organization(
        &app_state()?,
        &current_actor()?,
        &current_client()?,
        &name,
        &slug,
        &owner_email,
    )
    .await?;
    leptos_axum::redirect(&format!("/admin/organizations/{id}?done=created"));
    Ok(id)
}

/// Renames an organization.
#[server(prefix = "/api", endpoint = "admin_rename_organization")]
pub async fn admin_rename_organization(id: OrganizationId, name: String) -> Result<(), AppError> {
    admin::rename_organization(
        &app_state()?,
        &current_actor()?,
        &current_client()?,
        id,
        &name,
    )
    .await?;
    leptos_axum::redirect(&format!("/admin/organizations/{id}?done=renamed"));
    Ok(())
}

/// Makes an account an owner of an organization.
#[server(prefix = "/api", endpoint = "admin_assign_owner")]
pub async fn admin_assign_owner(id: OrganizationId, owner_email: String) -> Result<(), AppError> {
    admin::assign_owner(
        &app_state()?,
        &current_actor()?,
        &current_client()?,
        id,
        &owner_email,
    )
    .await?;
    leptos_axum::redirect(&format!("/admin/organizations/{id}?done=owner"));
    Ok(())
}

/// The newest audit entries, 100 at a time, before the id `before`.
#[server(prefix = "/api", endpoint = "admin_audit_log")]
pub async fn admin_audit_log(
    #[server(default)] before: Option<i64>,
) -> Result<Vec<AuditEntry>, AppError> {
    admin::audit_log(&app_state()?, &current_actor()?, before).await
}
