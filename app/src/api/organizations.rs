//! The organizer workspace: members, roles and invitations.

use leptos::prelude::*;

use domain::error::AppError;
use domain::{InvitationDetails, UserId, Workspace};

#[cfg(feature = "ssr")]
use services::{invitations, workspace};

#[cfg(feature = "ssr")]
use crate::context::{app_state, current_actor, current_client, exchange};

/// The workspace home of an organization the caller belongs to.
#[server(prefix = "/api", endpoint = "get_workspace")]
pub async fn get_workspace(slug: String) -> Result<Workspace, AppError> {
    workspace::workspace(&app_state()?, &current_actor()?, &slug).await
}

/// Sets the time zone of the organization's campaigns without an event (owners only).
#[server(prefix = "/api", endpoint = "set_organization_time_zone")]
pub async fn set_organization_time_zone(slug: String, time_zone: String) -> Result<(), AppError> {
    let (state, actor, client) = (app_state()?, current_actor()?, current_client()?);
    workspace::set_time_zone(&state, &actor, &client, &slug, &time_zone).await?;
    leptos_axum::redirect(&format!("/manage/{slug}?done=time_zone"));
    Ok(())
}

/// Mails an invitation (owners only).
#[server(prefix = "/api", endpoint = "invite_member")]
pub async fn invite_member(slug: String, email: String, role: String) -> Result<(), AppError> {
    invitations::invite(
        &app_state()?,
        &current_actor()?,
        &current_client()?,
        &slug,
        &email,
        &role,
    )
    .await?;
    leptos_axum::redirect(&format!("/manage/{slug}?done=invited"));
    Ok(())
}

/// Changes a member's role (owners only); an organization keeps at least one owner.
#[server(prefix = "/api", endpoint = "change_member_role")]
pub async fn change_member_role(
    slug: String,
    user_id: UserId,
    role: String,
) -> Result<(), AppError> {
    let role = domain::OrgRole::parse(&role).map_err(|m| AppError::invalid("role", m))?;
    workspace::set_member_role(
        &app_state()?,
        &current_actor()?,
        &current_client()?,
        &slug,
        user_id,
        Some(role),
    )
    .await?;
    leptos_axum::redirect(&format!("/manage/{slug}?done=role"));
    Ok(())
}

/// Removes a member (owners only); an organization keeps at least one owner.
#[server(prefix = "/api", endpoint = "remove_member")]
pub async fn remove_member(slug: String, user_id: UserId) -> Result<(), AppError> {
    workspace::set_member_role(
        &app_state()?,
        &current_actor()?,
        &current_client()?,
        &slug,
        user_id,
        None,
    )
    .await?;
    leptos_axum::redirect(&format!("/manage/{slug}?done=removed"));
    Ok(())
}

/// Withdraws a pending invitation (owners only).
#[server(prefix = "/api", endpoint = "revoke_invitation")]
pub async fn revoke_invitation(slug: String, id: i64) -> Result<(), AppError> {
    invitations::revoke(
        &app_state()?,
        &current_actor()?,
        &current_client()?,
        &slug,
        id,
    )
    .await?;
    leptos_axum::redirect(&format!("/manage/{slug}?done=revoked"));
    Ok(())
}

/// What an invitation link offers.
#[server(prefix = "/api", endpoint = "get_invitation")]
pub async fn get_invitation(token: String) -> Result<InvitationDetails, AppError> {
    invitations::invitation(&app_state()?, &token).await
}

/// Accepts an invitation, with a name and password when it creates the account.
#[server(prefix = "/api", endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    #[server(default)] display_name: String,
    #[server(default)] password: String,
) -> Result<(), AppError> {
    let slug = invitations::accept(
        &app_state()?,
        &current_actor()?,
        &exchange()?,
        &token,
        &display_name,
        &password,
    )
    .await?;
    leptos_axum::redirect(&format!("/manage/{slug}?done=joined"));
    Ok(())
}
