//! What a platform admin does to organizations: list them, look one up, create one with its
//! first owner, rename it and assign further owners.

use domain::error::{AppError, Validation};
use domain::{
    AccountStatus, DisplayName, Email, OrgRole, OrganizationId, OrganizationSummary, Slug,
};

use crate::accounts::session::{Actor, Client};
use crate::db::{self, memberships, organizations, users};
use crate::{Services, workspace};

use super::{admin, record};

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
