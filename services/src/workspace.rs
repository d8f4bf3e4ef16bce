//! The organizer workspace: an organization's members, roles and invitations. Every
//! operation is authorized by [`policy::authorize`] before it reads anything.

use domain::error::AppError;
use domain::{Member, OrgRole, OrganizationSummary, PendingInvitation, UserId, Workspace};

use crate::accounts::service;
use crate::accounts::session::{Actor, Client};
use crate::db::{self, audit, memberships, organizations, users};
use crate::policy::{self, Action, Grant, Resource};
use crate::{Services, time};

fn not_found() -> AppError {
    AppError::NotFound("organization".into())
}

/// Finds an organization by slug and checks `action` on it: a missing organization and
/// another tenant's look the same ("not found").
pub(crate) async fn authorized(
    state: &Services,
    actor: &Actor,
    slug: &str,
    action: Action,
) -> Result<(organizations::OrganizationRow, Grant), AppError> {
    actor.signed_in()?;
    let organization = organizations::by_slug(&state.db, slug)
        .await
        .map_err(AppError::db("cannot read an organization"))?
        .ok_or_else(not_found)?;
    let grant = policy::authorize(
        &state.db,
        actor,
        action,
        Resource::Organization(organization.id),
    )
    .await?;
    Ok((organization, grant))
}

pub(crate) fn summary(row: &organizations::OrganizationRow) -> OrganizationSummary {
    OrganizationSummary {
        id: row.id,
        slug: row.slug.clone(),
        name: row.name.clone(),
        members: row.members,
    }
}

pub(crate) fn members(rows: Vec<memberships::MemberRow>) -> Vec<Member> {
    rows.into_iter()
        .filter_map(|m| {
            Some(Member {
                user_id: m.user_id,
                display_name: m.display_name,
                email: m.email,
                role: OrgRole::parse(&m.role).ok()?,
            })
        })
        .collect()
}

/// The workspace home of the organization `slug`.
pub async fn workspace(state: &Services, actor: &Actor, slug: &str) -> Result<Workspace, AppError> {
    let (organization, grant) = authorized(state, actor, slug, Action::ViewWorkspace).await?;
    let my_role = grant.role.ok_or_else(not_found)?;
    let rows = memberships::members(&state.db, organization.id)
        .await
        .map_err(AppError::db("cannot list members"))?;
    let now = db::now();
    let invitations = if my_role == OrgRole::Owner {
        memberships::pending(&state.db, organization.id, now)
            .await
            .map_err(AppError::db("cannot list invitations"))?
            .into_iter()
            .filter_map(|i| {
                Some(PendingInvitation {
                    id: i.id,
                    email: i.email,
                    role: OrgRole::parse(&i.role).ok()?,
                    expires: time::relative_future_label(i.expires_at, now),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Workspace {
        organization: summary(&organization),
        my_role,
        members: members(rows),
        invitations,
        time_zone: organization.time_zone,
    })
}

/// Sets the time zone of the organization's campaigns without an event (owners only, like
/// its name). An unknown zone is refused next to the field, with what was typed.
pub async fn set_time_zone(
    state: &Services,
    actor: &Actor,
    client: &Client,
    slug: &str,
    zone: &str,
) -> Result<(), AppError> {
    let (organization, grant) = authorized(state, actor, slug, Action::ManageMembers).await?;
    let name = time::zone(zone)
        .map_err(|m| AppError::invalid("time_zone", m).keeping(&[("time_zone", zone)]))?
        .iana_name()
        .map(str::to_owned)
        .unwrap_or_else(|| zone.trim().to_owned());
    // The change and its audit entry together, or neither.
    let mut tx = state.db.begin().await?;
    organizations::set_time_zone(&mut *tx, organization.id, &name)
        .await
        .map_err(AppError::db("cannot change an organization's time zone"))?;
    let ip = client.ip.to_string();
    let entry = audit::Entry {
        actor: Some(grant.user),
        action: "organization.time_zone_changed",
        subject: None,
        organization: Some(organization.id),
        ip: &ip,
        detail: &name,
    };
    audit::record(&mut *tx, &entry, db::now())
        .await
        .map_err(AppError::db("cannot write the audit log"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot change an organization's time zone"))
}

/// Changes a member's role, or removes them (`role` none); the organization always keeps
/// at least one owner. Runs under the organization's lock, so two owners demoting each
/// other at once cannot leave it without one.
pub async fn set_member_role(
    state: &Services,
    actor: &Actor,
    client: &Client,
    slug: &str,
    member: UserId,
    role: Option<OrgRole>,
) -> Result<(), AppError> {
    let (organization, grant) = authorized(state, actor, slug, Action::ManageMembers).await?;
    let mut tx = state.db.begin().await?;
    organizations::lock(&mut *tx, organization.id)
        .await
        .map_err(AppError::db("cannot lock an organization"))?;
    let current = memberships::role_of(&mut *tx, organization.id, member)
        .await
        .map_err(AppError::db("cannot read a membership"))?;
    if current.is_none() {
        return Err(AppError::NotFound("member".into()));
    }
    match role {
        Some(role) => memberships::upsert(&mut *tx, organization.id, member, role, db::now())
            .await
            .map(drop),
        None => memberships::remove(&mut *tx, organization.id, member)
            .await
            .map(drop),
    }
    .map_err(AppError::db("cannot change a membership"))?;
    if role.is_none() {
        let email = users::by_id(&state.db, member)
            .await
            .map_err(AppError::db("cannot read an account"))?
            .map(|u| u.email)
            .unwrap_or_default();
        memberships::void_invitations_of(&mut *tx, organization.id, member, &email)
            .await
            .map_err(AppError::db("cannot void invitations"))?;
    }
    let owners = memberships::count_owners(&mut *tx, organization.id)
        .await
        .map_err(AppError::db("cannot count owners"))?;
    if owners == 0 {
        return Err(AppError::Conflict(
            "An organization needs at least one owner. Make someone else an owner first.".into(),
        ));
    }
    tx.commit()
        .await
        .map_err(AppError::db("cannot commit a membership change"))?;
    let ip = client.ip.to_string();
    let (action, detail) = match role {
        Some(role) => ("member.role_changed", role.as_str()),
        None => ("member.removed", ""),
    };
    service::record(
        state,
        audit::Entry {
            actor: Some(grant.user),
            action,
            subject: Some(member),
            organization: Some(organization.id),
            ip: &ip,
            detail,
        },
    )
    .await
}
