//! Changing a password, knowing the current one or through a mailed reset link. Either way
//! the account's other sessions end and its owner hears of it.

use domain::error::AppError;
use domain::{Email, NewPassword};

use crate::Services;
use crate::accounts::exchange::Exchange;
use crate::accounts::session::{self, Actor, Client};
use crate::accounts::{letters, password, tokens};
use crate::db::account_tokens::Purpose;
use crate::db::{self, account_tokens, audit, sessions, users};
use crate::throttle;

use super::{confirm_password, expired_link, issue_link, link, load_user, record, tell_owner};

const RESET_PASSWORD_TTL: i64 = 3600;

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
