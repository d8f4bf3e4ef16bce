//! Confirming an account's address and moving it to a new one: both go through a link mailed
//! to the address in question, since only its owner can follow it.

use domain::Email;
use domain::error::AppError;

use crate::Services;
use crate::accounts::session::{Actor, Client};
use crate::accounts::{letters, tokens};
use crate::db::account_tokens::Purpose;
use crate::db::{self, account_tokens, audit, memberships, users};
use crate::throttle;

use super::{
    VERIFY_EMAIL_TTL, confirm_password, expired_link, issue_link, link, load_user, record,
    tell_owner,
};

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
