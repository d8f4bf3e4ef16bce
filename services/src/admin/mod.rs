//! The platform admin console: accounts, organizations and the audit log. Every operation
//! starts with [`policy::authorize`] on the platform.

use domain::error::{AppError, Validation};
use domain::{
    AccountDetails, AccountListing, AccountPage, AccountQuery, AccountStatus, AuditEntry,
    DisplayName, Email, OrgRole, OrganizationId, OrganizationSummary, PlatformRole, Slug, UserId,
};

use crate::accounts::service;
use crate::accounts::session::{Actor, Client};
use crate::db::{self, accounts_search, audit, memberships, organizations, sessions, users};
use crate::policy::{self, Action, Grant, Resource};
use crate::{Services, time, workspace};

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

/// Organizations by id, a page after `after`.
pub async fn organizations(
    state: &Services,
    actor: &Actor,
    after: i64,
) -> Result<Vec<OrganizationSummary>, AppError> {
    admin(state, actor).await?;
    let rows = organizations::page(&state.db, after, 100)
        .await
        .map_err(AppError::db("cannot list organizations"))?;
    Ok(rows.iter().map(workspace::summary).collect())
}

/// One organization and its members.
pub async fn organization(
    state: &Services,
    actor: &Actor,
    id: OrganizationId,
) -> Result<(OrganizationSummary, Vec<domain::Member>), AppError> {
    admin(state, actor).await?;
    let row = organizations::by_id(&state.db, id)
        .await
        .map_err(AppError::db("cannot read an organization"))?
        .ok_or_else(|| AppError::NotFound("organization".into()))?;
    let members = memberships::members(&state.db, id)
        .await
        .map_err(AppError::db("cannot list members"))?;
    Ok((workspace::summary(&row), workspace::members(members)))
}

async fn owner_by_email(state: &Services, email: &str) -> Result<users::UserRow, AppError> {
    let parsed = Email::parse(email)
        .map_err(|m| AppError::invalid("owner_email", m).keeping(&[("owner_email", email)]))?;
    users::by_email(&state.db, parsed.as_str())
        .await
        .map_err(AppError::db("cannot look up an account"))?
        .filter(|u| u.status() == AccountStatus::Active)
        .ok_or_else(|| {
            AppError::invalid(
                "owner_email",
                "no active account uses this address; invite them after creating the organization",
            )
            .keeping(&[("owner_email", email)])
        })
        // Anyone can sign up with any address: only its confirmed owner becomes an owner.
        .and_then(|u| match u.email_verified_at {
            Some(_) => Ok(u),
            None => Err(AppError::invalid(
                "owner_email",
                "this account has not confirmed its address yet; ask them to confirm it, or \
                 invite the address after creating the organization",
            )
            .keeping(&[("owner_email", email)])),
        })
}

/// Creates an organization owned by the account with `owner_email`.
pub async fn create_organization(
    state: &Services,
    actor: &Actor,
    client: &Client,
    name: &str,
    slug: &str,
    owner_email: &str,
) -> Result<OrganizationId, AppError> {
    let grant = admin(state, actor).await?;
    let kept = [("name", name), ("slug", slug), ("owner_email", owner_email)];
    let mut v = Validation::default();
    let parsed_name = v.check(
        "name",
        DisplayName::parse(name).map_err(|_| "enter a name of 1 to 80 characters".to_owned()),
    );
    let parsed_slug = v.check("slug", Slug::parse(slug).map_err(|e| e.to_string()));
    v.check("owner_email", Email::parse(owner_email));
    let (Some(name), Some(slug)) = (parsed_name, parsed_slug) else {
        return Err(v.into_error().keeping(&kept));
    };
    let owner = owner_by_email(state, owner_email)
        .await
        .map_err(|e| e.keeping(&kept))?;
    let now = db::now();
    let mut tx = state.db.begin().await?;
    let id = match organizations::insert(&mut *tx, slug.as_str(), name.as_str(), now).await {
        Ok(id) => id,
        Err(e) if users::is_unique_violation(&e) => {
            return Err(
                AppError::invalid("slug", "another organization uses this address").keeping(&kept),
            );
        }
        Err(e) => return Err(AppError::database("cannot create an organization", e)),
    };
    memberships::upsert(&mut *tx, id, owner.id, OrgRole::Owner, now)
        .await
        .map_err(AppError::db("cannot add the owner"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot commit a new organization"))?;
    record(
        state,
        &grant,
        client,
        "organization.created",
        Some(owner.id),
        Some(id),
        slug.as_str(),
    )
    .await?;
    Ok(id)
}

/// Renames an organization.
pub async fn rename_organization(
    state: &Services,
    actor: &Actor,
    client: &Client,
    id: OrganizationId,
    name: &str,
) -> Result<(), AppError> {
    let grant = admin(state, actor).await?;
    let parsed = DisplayName::parse(name).map_err(|_| {
        AppError::invalid("name", "enter a name of 1 to 80 characters").keeping(&[("name", name)])
    })?;
    if !organizations::rename(&state.db, id, parsed.as_str())
        .await
        .map_err(AppError::db("cannot rename an organization"))?
    {
        return Err(AppError::NotFound("organization".into()));
    }
    record(
        state,
        &grant,
        client,
        "organization.renamed",
        None,
        Some(id),
        parsed.as_str(),
    )
    .await
}

/// Makes the account with `owner_email` an owner of the organization.
pub async fn assign_owner(
    state: &Services,
    actor: &Actor,
    client: &Client,
    id: OrganizationId,
    owner_email: &str,
) -> Result<(), AppError> {
    let grant = admin(state, actor).await?;
    organizations::by_id(&state.db, id)
        .await
        .map_err(AppError::db("cannot read an organization"))?
        .ok_or_else(|| AppError::NotFound("organization".into()))?;
    let owner = owner_by_email(state, owner_email).await?;
    memberships::upsert(state.db.pool(), id, owner.id, OrgRole::Owner, db::now())
        .await
        .map_err(AppError::db("cannot add an owner"))?;
    record(
        state,
        &grant,
        client,
        "organization.owner_assigned",
        Some(owner.id),
        Some(id),
        "",
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
