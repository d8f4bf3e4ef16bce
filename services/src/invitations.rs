//! Invitations to an organization: sent by its owners to an address, accepted only by the
//! account that owns that address (verified), listed and revocable while pending, and voided
//! when the member they concern leaves or the address changes owner.

use domain::account::masked_email;
use domain::error::{AppError, Validation};
use domain::{DisplayName, Email, InvitationDetails, NewPassword, OrgRole, PlatformRole};

use crate::accounts::exchange::Exchange;
use crate::accounts::session::{self, Actor, Client};
use crate::accounts::{letters, password, service, tokens};
use crate::db::{self, audit, memberships, users};
use crate::policy::Action;
use crate::workspace::authorized;
use crate::{Services, throttle};

/// How long an invitation link works.
const INVITATION_TTL: i64 = 7 * 86_400;

/// Mails an invitation to join `slug` with `role`.
pub async fn invite(
    state: &Services,
    actor: &Actor,
    client: &Client,
    slug: &str,
    email: &str,
    role: &str,
) -> Result<(), AppError> {
    let (organization, grant) = authorized(state, actor, slug, Action::ManageMembers).await?;
    let keep = [("email", email), ("role", role)];
    let mut v = Validation::default();
    let parsed_email = v.check("email", Email::parse(email));
    let parsed_role = v.check("role", OrgRole::parse(role));
    let (Some(email), Some(role)) = (parsed_email, parsed_role) else {
        return Err(v.into_error().keeping(&keep));
    };
    throttle::INVITATIONS_PER_ORGANIZATION
        .take(&state.db, &organization.id.to_string())
        .await
        .map_err(|e| e.keeping(&keep))?;
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
    let ip = client.ip.to_string();
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

async fn open_invitation(
    state: &Services,
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
pub async fn invitation(state: &Services, token: &str) -> Result<InvitationDetails, AppError> {
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
    state: &Services,
    actor: &Actor,
    http: &Exchange,
    token: &str,
    display_name: &str,
    new_password: &str,
) -> Result<String, AppError> {
    let invitation = open_invitation(state, token).await?;
    let role = OrgRole::parse(&invitation.role)
        .map_err(|m| AppError::internal("bad stored role", anyhow::anyhow!(m)))?;
    let now = db::now();
    let user = match actor {
        Actor::User(me) => {
            let account = service::load_user(state, me.user_id).await?;
            invited_account(&account, &invitation)?;
            me.user_id
        }
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
        session::start(state, http, user).await?;
    }
    let ip = http.client()?.ip.to_string();
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

/// Whether `account` may accept `invitation`: a link is forwarded, leaked or guessed from a
/// shared inbox more easily than an account is taken over, so the link alone is not enough.
fn invited_account(
    account: &users::UserRow,
    invitation: &memberships::InvitationRow,
) -> Result<(), AppError> {
    if account.email != invitation.email {
        return Err(AppError::Conflict(format!(
            "This invitation was sent to {}. Log out, then open the link again to sign in or \
             create an account with that address.",
            masked_email(&invitation.email)
        )));
    }
    if account.email_verified_at.is_none() {
        return Err(AppError::Conflict(
            "Confirm your address first: open the link in the mail we sent you (your account \
             page sends it again), then accept the invitation."
                .into(),
        ));
    }
    Ok(())
}

/// Withdraws a pending invitation of `slug` (owners only); its link stops working at once.
pub async fn revoke(
    state: &Services,
    actor: &Actor,
    client: &Client,
    slug: &str,
    id: i64,
) -> Result<(), AppError> {
    let (organization, grant) = authorized(state, actor, slug, Action::ManageMembers).await?;
    let revoked = memberships::revoke_invitation(&state.db, organization.id, id)
        .await
        .map_err(AppError::db("cannot revoke an invitation"))?;
    if !revoked {
        return Err(AppError::NotFound("invitation".into()));
    }
    let ip = client.ip.to_string();
    service::record(
        state,
        audit::Entry {
            actor: Some(grant.user),
            action: "invitation.revoked",
            organization: Some(organization.id),
            ip: &ip,
            ..Default::default()
        },
    )
    .await
}
