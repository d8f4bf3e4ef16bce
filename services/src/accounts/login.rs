//! Signing in with an address and a password, and what bounds guessing:
//!
//! - **Per account**: `login_lockout_failures` wrong passwords in a row, from anywhere, lock
//!   the account for `login_lockout`. A locked account answers exactly as a wrong password
//!   does (same status, text and cost), so the lock tells nobody that the address exists;
//!   the first failure after the lock expires starts counting afresh.
//! - **Per client address**: only failures are counted ([`throttle::login_failures_per_ip`]),
//!   so hundreds of attendees behind a venue's one address sign in freely, while one client
//!   guessing across many accounts is slowed down.

use domain::error::AppError;
use domain::{AccountStatus, CurrentUser, Email};

use crate::Services;
use crate::db::{self, audit, users};
use crate::throttle;

use super::exchange::Exchange;
use super::service::{current_user, record};
use super::{password, session};

/// One message for every failed login, so it never tells whether an address has an account.
pub const LOGIN_FAILED: &str = "email or password is wrong";

/// Why a login failed, for the audit log only (never shown).
fn detail(user: Option<&users::UserRow>, locked: bool, matches: bool) -> &'static str {
    match (user, locked, matches) {
        (None, _, _) => "unknown address",
        (Some(_), true, _) => "account locked",
        (Some(_), false, true) => "account not active",
        (Some(_), false, false) => "wrong password",
    }
}

/// Signs in with an address and password. Every failure gives the same answer and costs
/// the same single password verification.
pub async fn log_in(
    state: &Services,
    http: &Exchange,
    email: &str,
    password: &str,
) -> Result<CurrentUser, AppError> {
    let client = http.client()?;
    let ip = client.ip.to_string();
    let per_address = throttle::login_failures_per_ip(state.config.login_ip_failures);
    per_address.check(&state.db, &ip).await?;
    let fail = || AppError::invalid("password", LOGIN_FAILED).keeping(&[("email", email)]);
    let user = match Email::parse(email) {
        Ok(email) => users::by_email(&state.db, email.as_str())
            .await
            .map_err(AppError::db("cannot look up an account"))?,
        Err(_) => None,
    };
    let now = db::now();
    let locked = user
        .as_ref()
        .and_then(|u| u.locked_until)
        .is_some_and(|until| until > now);
    let usable = user.as_ref().filter(|u| !u.password_hash.is_empty());
    let matches = password::verify(
        &state.password_verifications,
        password,
        usable.map(|u| u.password_hash.clone()),
    )
    .await?;
    let active = user
        .as_ref()
        .is_some_and(|u| u.status() == AccountStatus::Active);
    if !(matches && active && !locked) {
        // A locked account's failures are not counted again: the lock ends when it said.
        if let Some(id) = user.as_ref().filter(|_| !locked).map(|u| u.id) {
            users::record_failed_login(
                &state.db,
                id,
                now,
                state.config.login_lockout_failures,
                state.config.login_lockout.as_secs() as i64,
            )
            .await
            .map_err(AppError::db("cannot count a failed login"))?;
        }
        // This answer is the same either way; the address's next attempt may be refused.
        per_address.take_or_wait(&state.db, &ip).await?;
        record(
            state,
            audit::Entry {
                action: "login.failed",
                subject: user.as_ref().map(|u| u.id),
                ip: &ip,
                detail: detail(user.as_ref(), locked, matches),
                ..Default::default()
            },
        )
        .await?;
        return Err(fail());
    }
    let Some(user) = user else { return Err(fail()) };
    users::clear_failed_logins(&state.db, user.id)
        .await
        .map_err(AppError::db("cannot reset the failed-login counter"))?;
    session::start(state, http, user.id).await?;
    record(
        state,
        audit::Entry {
            actor: Some(user.id),
            action: "login.succeeded",
            subject: Some(user.id),
            ip: &ip,
            ..Default::default()
        },
    )
    .await?;
    Ok(current_user(&user))
}
