//! The account operations: each checks its input, changes the database, writes the audit
//! log and sends mail. The server functions in `app::api::accounts` only call these.

use domain::error::AppError;
use domain::{
    AccountOverview, CurrentUser, Email, MembershipSummary, NewPassword, OrgRole, PlatformRole,
    SessionInfo, UserId,
};

use crate::Services;
use crate::db::account_tokens::Purpose;
use crate::db::{self, account_tokens, audit, contacts, memberships, sessions, users};
use crate::throttle;

use super::exchange::Exchange;
use super::session::{self, Actor, Client};
use super::{letters, password, tokens};

pub(super) const VERIFY_EMAIL_TTL: i64 = 24 * 3600;
const RESET_PASSWORD_TTL: i64 = 3600;

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

/// Sends the "confirm your address" mail (a few an hour at most, however asked for).
pub async fn send_verification(state: &Services, user: &users::UserRow) -> Result<(), AppError> {
    throttle::VERIFICATION_MAILS_PER_ACCOUNT
        .take(&state.db, &user.id.to_string())
        .await?;
    let secret = issue_link(state, user.id, Purpose::VerifyEmail, None, VERIFY_EMAIL_TTL).await?;
    let letter = letters::verify_email(
        &user.email,
        &user.display_name,
        &link(state, "/verify-email", &secret),
    );
    state
        .mailer
        .send(letter)
        .await
        .map_err(|_| AppError::Unavailable)
}

/// Sends a "choose a new password" mail.
pub async fn send_password_reset(state: &Services, user: &users::UserRow) -> Result<(), AppError> {
    let secret = issue_link(
        state,
        user.id,
        Purpose::ResetPassword,
        None,
        RESET_PASSWORD_TTL,
    )
    .await?;
    let letter = letters::reset_password(
        &user.email,
        &user.display_name,
        &link(state, "/reset-password", &secret),
    );
    state
        .mailer
        .send(letter)
        .await
        .map_err(|_| AppError::Unavailable)
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

/// `user`'s live sessions as the account page and the console show them, most recent
/// first; `current` marks the session making the request.
pub async fn sessions_of(
    state: &Services,
    user: UserId,
    current: Option<i64>,
) -> Result<Vec<SessionInfo>, AppError> {
    let now = db::now();
    let idle = state.config.session_idle.as_secs() as i64;
    Ok(sessions::list_for_user(&state.db, user, now, idle)
        .await
        .map_err(AppError::db("cannot list sessions"))?
        .into_iter()
        .map(|s| SessionInfo {
            id: s.id,
            device: session::describe_device(&s.user_agent),
            ip: s.ip,
            last_seen: crate::time::relative_label(s.last_seen_at, now),
            current: Some(s.id) == current,
        })
        .collect())
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

/// Ends every session of the signed-in account but this one.
pub async fn log_out_elsewhere(
    state: &Services,
    actor: &Actor,
    client: &Client,
) -> Result<u64, AppError> {
    let me = actor.signed_in()?;
    let ended = sessions::delete_all_for_user(state.db.pool(), me.user_id, Some(me.session_id))
        .await
        .map_err(AppError::db("cannot end sessions"))?;
    let ip = client.ip.to_string();
    record(
        state,
        audit::Entry {
            actor: Some(me.user_id),
            action: "sessions.ended_elsewhere",
            subject: Some(me.user_id),
            ip: &ip,
            ..Default::default()
        },
    )
    .await?;
    Ok(ended)
}

/// Ends one of the signed-in account's sessions.
pub async fn end_session(
    state: &Services,
    actor: &Actor,
    http: &Exchange,
    id: i64,
) -> Result<(), AppError> {
    let me = actor.signed_in()?;
    if id == me.session_id {
        return session::end(state, http).await;
    }
    if sessions::delete(&state.db, me.user_id, id)
        .await
        .map_err(AppError::db("cannot end a session"))?
    {
        Ok(())
    } else {
        Err(AppError::NotFound("session".into()))
    }
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

/// Changes the password after checking the current one; other sessions are ended.
pub async fn change_password(
    state: &Services,
    actor: &Actor,
    client: &Client,
    current: &str,
    new: &str,
) -> Result<(), AppError> {
    let me = actor.signed_in()?;
    let user = load_user(state, me.user_id).await?;
    let new = NewPassword::parse(new)
        .and_then(|p| password::check_strength(&p, &user.email, &user.display_name).map(|()| p))
        .map_err(|m| AppError::invalid("new_password", m))?;
    confirm_password(state, &user, "current_password", current).await?;
    let hash = password::hash(&new).await?;
    let now = db::now();
    let mut tx = state.db.begin().await?;
    users::set_password(&mut *tx, user.id, &hash, now)
        .await
        .map_err(AppError::db("cannot change a password"))?;
    sessions::delete_all_for_user(&mut *tx, user.id, Some(me.session_id))
        .await
        .map_err(AppError::db("cannot end sessions"))?;
    account_tokens::void(&mut *tx, user.id, Purpose::ResetPassword, now)
        .await
        .map_err(AppError::db("cannot void reset links"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot commit a password change"))?;
    tell_owner(
        state,
        letters::password_changed(&user.email, &user.display_name),
    )
    .await;
    let ip = client.ip.to_string();
    record(
        state,
        audit::Entry {
            actor: Some(user.id),
            action: "password.changed",
            subject: Some(user.id),
            ip: &ip,
            ..Default::default()
        },
    )
    .await
}

/// Sends a confirmation link to a new address; the account moves when it is followed.
pub async fn request_email_change(
    state: &Services,
    actor: &Actor,
    new_email: &str,
    current_password: &str,
) -> Result<(), AppError> {
    let me = actor.signed_in()?;
    let user = load_user(state, me.user_id).await?;
    let email = Email::parse(new_email)
        .map_err(|m| AppError::invalid("new_email", m).keeping(&[("new_email", new_email)]))?;
    throttle::EMAIL_CHANGES_PER_ACCOUNT
        .take(&state.db, &user.id.to_string())
        .await
        .map_err(|e| e.keeping(&[("new_email", new_email)]))?;
    confirm_password(state, &user, "current_password", current_password)
        .await
        .map_err(|e| e.keeping(&[("new_email", new_email)]))?;
    if email.as_str() == user.email {
        return Err(
            AppError::invalid("new_email", "this is already your address")
                .keeping(&[("new_email", new_email)]),
        );
    }
    let secret = issue_link(
        state,
        user.id,
        Purpose::ChangeEmail,
        Some(email.as_str()),
        VERIFY_EMAIL_TTL,
    )
    .await?;
    let letter = letters::change_email(
        email.as_str(),
        &user.display_name,
        &link(state, "/confirm-email", &secret),
    );
    state
        .mailer
        .send(letter)
        .await
        .map_err(|_| AppError::Unavailable)
}

/// Follows a "confirm your new address" link.
pub async fn confirm_email_change(
    state: &Services,
    client: &Client,
    token: &str,
) -> Result<(), AppError> {
    let now = db::now();
    let (user, new_email) = account_tokens::consume(
        state.db.pool(),
        &tokens::digest(token),
        Purpose::ChangeEmail,
        now,
    )
    .await
    .map_err(AppError::db("cannot use a link"))?
    .ok_or_else(expired_link)?;
    let new_email = new_email.ok_or_else(expired_link)?;
    let before = load_user(state, user).await?;
    match users::set_email(&state.db, user, &new_email, now).await {
        Ok(()) => {}
        Err(e) if users::is_unique_violation(&e) => {
            return Err(AppError::Conflict(
                "Another account now uses that address.".into(),
            ));
        }
        Err(e) => return Err(AppError::database("cannot change an address", e)),
    }
    // Links sent to the old address no longer name this account's owner.
    memberships::void_invitations_to(&state.db, &before.email)
        .await
        .map_err(AppError::db("cannot void invitations"))?;
    // The old address hears of it: if someone else made the change, its owner knows.
    tell_owner(
        state,
        letters::email_changed(&before.email, &before.display_name, &new_email),
    )
    .await;
    let ip = client.ip.to_string();
    record(
        state,
        audit::Entry {
            actor: Some(user),
            action: "email.changed",
            subject: Some(user),
            ip: &ip,
            ..Default::default()
        },
    )
    .await
}

/// Sends a notice about a change already made to an account. The change stands either
/// way, so a mail that cannot be sent is logged by the mailer and not reported.
async fn tell_owner(state: &Services, letter: crate::mail::Letter) {
    let _ = state.mailer.send(letter).await;
}

pub(super) fn expired_link() -> AppError {
    AppError::Conflict("This link has expired or was already used. Ask for a new one.".into())
}

/// Follows a "confirm your address" link.
pub async fn verify_email(state: &Services, client: &Client, token: &str) -> Result<(), AppError> {
    let now = db::now();
    let (user, _) = account_tokens::consume(
        state.db.pool(),
        &tokens::digest(token),
        Purpose::VerifyEmail,
        now,
    )
    .await
    .map_err(AppError::db("cannot use a link"))?
    .ok_or_else(expired_link)?;
    users::set_email_verified(state.db.pool(), user, now)
        .await
        .map_err(AppError::db("cannot verify an address"))?;
    let ip = client.ip.to_string();
    record(
        state,
        audit::Entry {
            actor: Some(user),
            action: "email.verified",
            subject: Some(user),
            ip: &ip,
            ..Default::default()
        },
    )
    .await
}

/// Sends a reset link if the address has an active account; says the same either way.
pub async fn request_password_reset(
    state: &Services,
    client: &Client,
    email: &str,
) -> Result<(), AppError> {
    let parsed = Email::parse(email)
        .map_err(|m| AppError::invalid("email", m).keeping(&[("email", email)]))?;
    let keep = |e: AppError| e.keeping(&[("email", email)]);
    throttle::RESETS_PER_IP
        .take(&state.db, &client.ip.to_string())
        .await
        .map_err(keep)?;
    // Counted for every address, with or without an account: the answer tells nothing.
    throttle::RESETS_PER_ADDRESS
        .take(&state.db, &throttle::address_key(parsed.as_str()))
        .await
        .map_err(keep)?;
    let user = users::by_email(&state.db, parsed.as_str())
        .await
        .map_err(AppError::db("cannot look up an account"))?;
    if let Some(user) = user.filter(|u| u.status() == domain::AccountStatus::Active) {
        let _ = send_password_reset(state, &user).await;
    }
    Ok(())
}

/// Follows a reset link: sets the new password, ends every session, and signs in here.
pub async fn reset_password(
    state: &Services,
    http: &Exchange,
    token: &str,
    new: &str,
) -> Result<(), AppError> {
    let new = NewPassword::parse(new).map_err(|m| AppError::invalid("password", m))?;
    let now = db::now();
    let mut tx = state.db.begin().await?;
    let (user_id, _) = account_tokens::consume(
        &mut *tx,
        &tokens::digest(token),
        Purpose::ResetPassword,
        now,
    )
    .await
    .map_err(AppError::db("cannot use a link"))?
    .ok_or_else(expired_link)?;
    let user = load_user(state, user_id).await?;
    password::check_strength(&new, &user.email, &user.display_name)
        .map_err(|m| AppError::invalid("password", m))?;
    let hash = password::hash(&new).await?;
    users::set_password(&mut *tx, user_id, &hash, now)
        .await
        .map_err(AppError::db("cannot change a password"))?;
    sessions::delete_all_for_user(&mut *tx, user_id, None)
        .await
        .map_err(AppError::db("cannot end sessions"))?;
    // The link reached this address: it is the owner's, confirmed (and whoever signed up
    // with it before, without reading its mail, loses the account with the sessions above).
    users::set_email_verified(&mut *tx, user_id, now)
        .await
        .map_err(AppError::db("cannot confirm an address"))?;
    // Every other reset link sent before this one stops working with it.
    account_tokens::void(&mut *tx, user_id, Purpose::ResetPassword, now)
        .await
        .map_err(AppError::db("cannot void reset links"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot commit a password reset"))?;
    tell_owner(
        state,
        letters::password_changed(&user.email, &user.display_name),
    )
    .await;
    let ip = http.client()?.ip.to_string();
    record(
        state,
        audit::Entry {
            actor: Some(user_id),
            action: "password.reset",
            subject: Some(user_id),
            ip: &ip,
            ..Default::default()
        },
    )
    .await?;
    if user.status() == domain::AccountStatus::Active {
        session::start(state, http, user_id).await?;
    }
    Ok(())
}

/// Deletes the signed-in account after checking its password: what identifies the person
/// is erased, the row stays so what they wrote remains attributed to "Deleted user".
pub async fn delete_account(
    state: &Services,
    actor: &Actor,
    http: &Exchange,
    current_password: &str,
) -> Result<(), AppError> {
    let me = actor.signed_in()?;
    let user = load_user(state, me.user_id).await?;
    confirm_password(state, &user, "current_password", current_password).await?;
    let sole = memberships::solely_owned_by(&state.db, user.id)
        .await
        .map_err(AppError::db("cannot list owned organizations"))?;
    if !sole.is_empty() {
        return Err(AppError::Conflict(format!(
            "You are the only owner of {}. Make someone else an owner first.",
            sole.join(", ")
        )));
    }
    if user.platform_role() == PlatformRole::Admin
        && users::count_active_admins(state.db.pool())
            .await
            .map_err(AppError::db("cannot count admins"))?
            <= 1
    {
        return Err(AppError::Conflict(
            "You are the last platform admin. Make someone else an admin first.".into(),
        ));
    }
    let now = db::now();
    let mut tx = state.db.begin().await?;
    memberships::remove_all_for_user(&mut *tx, user.id)
        .await
        .map_err(AppError::db("cannot remove memberships"))?;
    sessions::delete_all_for_user(&mut *tx, user.id, None)
        .await
        .map_err(AppError::db("cannot end sessions"))?;
    // Erased from every organization's audience too (GDPR): before the account loses the
    // address the contacts are found by.
    let erased = contacts::erase_person(&mut tx, user.id, &user.email.to_lowercase(), now)
        .await
        .map_err(AppError::db("cannot erase contacts"))?;
    users::anonymize(&mut *tx, user.id, now)
        .await
        .map_err(AppError::db("cannot anonymize an account"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot commit an account deletion"))?;
    let ip = http.client()?.ip.to_string();
    record(
        state,
        audit::Entry {
            actor: Some(user.id),
            action: "account.deleted",
            subject: Some(user.id),
            ip: &ip,
            ..Default::default()
        },
    )
    .await?;
    let erased = erased.to_string();
    record(
        state,
        audit::Entry {
            actor: Some(user.id),
            action: "contacts.erased",
            subject: Some(user.id),
            ip: &ip,
            detail: &erased,
            ..Default::default()
        },
    )
    .await?;
    http.set_header(
        axum::http::header::SET_COOKIE,
        &session::removal_cookie(&state.config),
    )
}
