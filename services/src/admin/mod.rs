//! The platform admin console: accounts, organizations and the audit log. Every operation
//! starts with [`policy::authorize`] on the platform.

mod accounts;
mod organizations;

pub use accounts::{
    account, accounts, resend_verification, send_password_reset, set_active, set_admin,
};
pub use organizations::{
    assign_owner, create_organization, organization, organizations, rename_organization,
};

use domain::error::AppError;
use domain::{AccountListing, AuditEntry, OrganizationId, PlatformRole, UserId};

use crate::accounts::service;
use crate::accounts::session::{Actor, Client};
use crate::db::{self, audit, users};
use crate::policy::{self, Action, Grant, Resource};
use crate::{Services, time};

async fn admin(state: &Services, actor: &Actor) -> Result<Grant, AppError> {
    policy::authorize(
        &state.db,
        actor,
        Action::AdministerPlatform,
        Resource::Platform,
    )
    .await
}

fn listing(row: &users::UserRow, now: i64) -> AccountListing {
    AccountListing {
        id: row.id,
        email: row.email.clone(),
        display_name: row.display_name.clone(),
        status: row.status(),
        is_admin: row.platform_role() == PlatformRole::Admin,
        created: time::relative_label(row.created_at, now),
    }
}

fn entry(row: audit::EntryRow, now: i64) -> AuditEntry {
    AuditEntry {
        id: row.id,
        at: time::relative_label(row.at, now),
        action: row.action,
        actor: row.actor,
        subject: row.subject,
        subject_id: row.subject_id.map(UserId),
        ip: row.ip,
        detail: row.detail,
    }
}

async fn record(
    state: &Services,
    grant: &Grant,
    client: &Client,
    action: &str,
    subject: Option<UserId>,
    organization: Option<OrganizationId>,
    detail: &str,
) -> Result<(), AppError> {
    let ip = client.ip.to_string();
    service::record(
        state,
        audit::Entry {
            actor: Some(grant.user),
            action,
            subject,
            organization,
            ip: &ip,
            detail,
        },
    )
    .await
}

/// The newest audit entries before `before`.
pub async fn audit_log(
    state: &Services,
    actor: &Actor,
    before: Option<i64>,
) -> Result<Vec<AuditEntry>, AppError> {
    admin(state, actor).await?;
    let now = db::now();
    Ok(audit::page(&state.db, None, before, 100)
        .await
        .map_err(AppError::db("cannot read the audit log"))?
        .into_iter()
        .map(|e| entry(e, now))
        .collect())
}
