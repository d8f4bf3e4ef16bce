//! The organizer workspace: an organization's members, roles and invitations. Every
//! operation is authorized by [`policy::authorize`] before it reads anything.

use crate::domain::{
    DisplayName, Email, InvitationDetails, Member, NewPassword, OrgRole, OrganizationSummary,
    PendingInvitation, PlatformRole, UserId, Workspace,
};
use crate::error::{AppError, Validation};
use crate::server::accounts::session::{self, Actor};
use crate::server::accounts::{letters, password, service, tokens};
use crate::server::db::{self, audit, memberships, organizations, users};
use crate::server::policy::{self, Action, Grant, Resource};
use crate::server::{AppState, time};

/// How long an invitation link works.
const INVITATION_TTL: i64 = 7 * 86_400;

fn not_found() -> AppError {
    AppError::NotFound("organization".into())
}

/// Finds an organization by slug and checks `action` on it: a missing organization and
/// another tenant's look the same ("not found").
pub(crate) async fn authorized(
    state: &AppState,
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
pub async fn workspace(state: &AppState, actor: &Actor, slug: &str) -> Result<Workspace, AppError> {
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
    })
}

/// Mails an invitation to join `slug` with `role`.
pub async fn invite(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    email: &str,
    role: &str,
) -> Result<(), AppError> {
    let (organization, grant) = authorized(state, actor, slug, Action::ManageMembers).await?;
    let mut v = Validation::default();
    let parsed_email = v.check("email", Email::parse(email));
    let parsed_role = v.check("role", OrgRole::parse(role));
    let (Some(email), Some(role)) = (parsed_email, parsed_role) else {
        return Err(v.into_error().keeping(&[("email", email), ("role", role)]));
    };
    let secret = tokens::new_secret();
    let now = db::now();
    let invitation = memberships::NewInvitation {
        organization: organization.id,
        email: email.as_str(),
        role,
        token_hash: &tokens::digest(&secret),
        invited_by: grant.user,
        expires_at: now + INVITATION_TTL,
    };
    memberships::invite(&state.db, &invitation, now)
        .await
        .map_err(AppError::db("cannot store an invitation"))?;
    let inviter = service::load_user(state, grant.user).await?;
    let link = format!("{}/invitations?token={secret}", state.config.base_url);
    let letter = letters::invitation(
        email.as_str(),
        &inviter.display_name,
        &organization.name,
        role.label(),
        &link,
    );
    let ip = session::current_client()?.ip.to_string();
    service::record(
        state,
        audit::Entry {
            actor: Some(grant.user),
            action: "member.invited",
            organization: Some(organization.id),
            ip: &ip,
            detail: role.as_str(),
            ..Default::default()
        },
    )
    .await?;
    state
        .mailer
        .send(letter)
        .await
        .map_err(|_| AppError::Unavailable)
}

/// Changes a member's role, or removes them (`role` none); the organization always keeps
/// at least one owner. Runs under the organization's lock, so two owners demoting each
/// other at once cannot leave it without one.
pub async fn set_member_role(
    state: &AppState,
    actor: &Actor,
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
    let ip = session::current_client()?.ip.to_string();
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

async fn open_invitation(
    state: &AppState,
    token: &str,
) -> Result<memberships::InvitationRow, AppError> {
    memberships::open_invitation(&state.db, &tokens::digest(token), db::now())
        .await
        .map_err(AppError::db("cannot read an invitation"))?
        .ok_or_else(|| {
            AppError::Conflict(
                "This invitation has expired or was already accepted. Ask for a new one.".into(),
            )
        })
}

/// What an invitation link offers.
pub async fn invitation(state: &AppState, token: &str) -> Result<InvitationDetails, AppError> {
    let invitation = open_invitation(state, token).await?;
    let account_exists = users::by_email(&state.db, &invitation.email)
        .await
        .map_err(AppError::db("cannot look up an account"))?
        .is_some();
    Ok(InvitationDetails {
        organization: invitation.organization_name,
        slug: invitation.organization_slug,
        email: invitation.email,
        role: OrgRole::parse(&invitation.role)
            .map_err(|m| AppError::internal("bad stored role", anyhow::anyhow!(m)))?,
        account_exists,
    })
}

/// Accepts an invitation: attaches it to the signed-in account, or creates an account for
/// the invited address (the link proves the address) and signs it in. Returns the slug.
pub async fn accept(
    state: &AppState,
    actor: &Actor,
    token: &str,
    display_name: &str,
    new_password: &str,
) -> Result<String, AppError> {
    let invitation = open_invitation(state, token).await?;
    let role = OrgRole::parse(&invitation.role)
        .map_err(|m| AppError::internal("bad stored role", anyhow::anyhow!(m)))?;
    let now = db::now();
    let user = match actor {
        Actor::User(me) => me.user_id,
        Actor::Anonymous => {
            if users::by_email(&state.db, &invitation.email)
                .await
                .map_err(AppError::db("cannot look up an account"))?
                .is_some()
            {
                return Err(AppError::Unauthenticated);
            }
            let mut v = Validation::default();
            let name = v.check("display_name", DisplayName::parse(display_name));
            let password = v
                .check("password", NewPassword::parse(new_password))
                .and_then(|p| {
                    let strength = password::check_strength(&p, &invitation.email, display_name);
                    v.check("password", strength.map(|()| p))
                });
            let (Some(name), Some(password)) = (name, password) else {
                return Err(v.into_error().keeping(&[("display_name", display_name)]));
            };
            let hash = password::hash(&password).await?;
            let new = users::NewUser {
                email: &invitation.email,
                display_name: name.as_str(),
                password_hash: &hash,
                platform_role: PlatformRole::None,
                email_verified_at: Some(now),
            };
            users::insert(state.db.pool(), &new, now)
                .await
                .map_err(AppError::db("cannot create an account"))?
        }
    };
    let mut tx = state.db.begin().await?;
    if !memberships::mark_accepted(&mut *tx, invitation.id, now)
        .await
        .map_err(AppError::db("cannot accept an invitation"))?
    {
        return Err(AppError::Conflict(
            "This invitation was already accepted.".into(),
        ));
    }
    // Accepting never lowers a role someone already has.
    let existing = memberships::role_of(&mut *tx, invitation.organization_id, user)
        .await
        .map_err(AppError::db("cannot read a membership"))?;
    if existing != Some(OrgRole::Owner) {
        memberships::upsert(&mut *tx, invitation.organization_id, user, role, now)
            .await
            .map_err(AppError::db("cannot add a member"))?;
    }
    tx.commit()
        .await
        .map_err(AppError::db("cannot commit an invitation"))?;
    if matches!(actor, Actor::Anonymous) {
        session::start(state, user).await?;
    }
    let ip = session::current_client()?.ip.to_string();
    service::record(
        state,
        audit::Entry {
            actor: Some(user),
            action: "member.joined",
            subject: Some(user),
            organization: Some(invitation.organization_id),
            ip: &ip,
            detail: role.as_str(),
        },
    )
    .await?;
    Ok(invitation.organization_slug)
}
