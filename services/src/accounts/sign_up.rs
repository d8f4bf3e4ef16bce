//! Creating an account. Signing up answers "check your inbox" whatever the address: a new
//! address gets a link that creates the account, an address that already has one gets a
//! note telling its owner how to log in. The page therefore tells nobody which addresses
//! have accounts, and nobody can hold an address they do not read.

use domain::error::{AppError, Validation};
use domain::{DisplayName, Email, NewPassword, PlatformRole, UserId};

use crate::Services;
use crate::db::sign_up_requests::{self, SignUpRequest};
use crate::db::{self, audit, users};
use crate::throttle;

use super::exchange::Exchange;
use super::service::{VERIFY_EMAIL_TTL, link};
use super::session::Client;
use super::{letters, password, session, tokens};

/// The fields of a sign-up form, as typed.
pub struct SignUp<'a> {
    /// Address.
    pub email: &'a str,
    /// Name.
    pub display_name: &'a str,
    /// Password.
    pub password: &'a str,
}

impl SignUp<'_> {
    /// What the form shows again after a refusal (never the password).
    fn kept(&self, error: AppError) -> AppError {
        error.keeping(&[("email", self.email), ("display_name", self.display_name)])
    }
}

/// Checks a new account's fields, all at once.
pub fn validate_sign_up(form: &SignUp<'_>) -> Result<(Email, DisplayName, NewPassword), AppError> {
    let mut v = Validation::default();
    let email = v.check("email", Email::parse(form.email));
    let name = v.check("display_name", DisplayName::parse(form.display_name));
    let password = v
        .check("password", NewPassword::parse(form.password))
        .and_then(|p| {
            let strength = password::check_strength(
                &p,
                email.as_ref().map_or(form.email, Email::as_str),
                name.as_ref().map_or(form.display_name, DisplayName::as_str),
            );
            v.check("password", strength.map(|()| p))
        });
    match (email, name, password) {
        (Some(e), Some(n), Some(p)) => Ok((e, n, p)),
        _ => Err(form.kept(v.into_error())),
    }
}

/// Checks the form and mails its address: the link that creates the account, or, when the
/// address already has an account, a note to its owner. Both take the same work (the
/// password is hashed either way) and give the same answer.
pub async fn sign_up(state: &Services, client: &Client, form: SignUp<'_>) -> Result<(), AppError> {
    let (email, name, password) = validate_sign_up(&form)?;
    throttle::SIGN_UPS_PER_IP
        .take(&state.db, &client.ip.to_string())
        .await
        .map_err(|e| form.kept(e))?;
    throttle::SIGN_UP_MAILS_PER_ADDRESS
        .take(&state.db, &throttle::address_key(email.as_str()))
        .await
        .map_err(|e| form.kept(e))?;
    let password_hash = password::hash(&password).await?;
    let existing = users::by_email(&state.db, email.as_str())
        .await
        .map_err(AppError::db("cannot look up an account"))?;
    let letter = match existing {
        Some(user) => {
            // A suspended or deactivated account is not invited to log in.
            if user.status() != domain::AccountStatus::Active {
                return Ok(());
            }
            letters::already_signed_up(
                &user.email,
                &user.display_name,
                &format!("{}/login", state.config.base_url),
                &format!("{}/forgot-password", state.config.base_url),
            )
        }
        None => {
            let secret = tokens::new_secret();
            let now = db::now();
            let request = SignUpRequest {
                email: email.as_str().to_owned(),
                display_name: name.as_str().to_owned(),
                password_hash,
            };
            sign_up_requests::insert(
                &state.db,
                &tokens::digest(&secret),
                &request,
                now,
                now + VERIFY_EMAIL_TTL,
            )
            .await
            .map_err(AppError::db("cannot store a sign-up"))?;
            letters::finish_sign_up(
                email.as_str(),
                name.as_str(),
                &link(state, "/verify-email", &secret),
            )
        }
    };
    // Undeliverable mail is logged by the mailer. Both cases send one, so saying that it
    // failed tells nothing about the address, and the person knows to try again.
    state
        .mailer
        .send(letter)
        .await
        .map_err(|_| AppError::Unavailable)
}

/// Follows the link mailed at sign-up: creates the account, with its address confirmed, and
/// signs it in on this browser; `None` when `token` is not a sign-up's (it may be another
/// "confirm your address" link). The request, the account and the audit entry are written
/// together or not at all.
pub async fn confirm_sign_up(
    state: &Services,
    http: &Exchange,
    token: &str,
) -> Result<Option<UserId>, AppError> {
    let now = db::now();
    let ip = http.client()?.ip.to_string();
    let mut tx = state.db.begin().await?;
    let Some(request) = sign_up_requests::consume(&mut *tx, &tokens::digest(token), now)
        .await
        .map_err(AppError::db("cannot use a link"))?
    else {
        return Ok(None);
    };
    let new = users::NewUser {
        email: &request.email,
        display_name: &request.display_name,
        password_hash: &request.password_hash,
        platform_role: PlatformRole::None,
        email_verified_at: Some(now),
    };
    let id = match users::insert(&mut *tx, &new, now).await {
        Ok(id) => id,
        // Two sign-ups with one address, both confirmed: the first made the account.
        Err(e) if users::is_unique_violation(&e) => {
            return Err(AppError::Conflict(
                "This address already has an account: log in, or reset your password if you \
                 forgot it."
                    .into(),
            ));
        }
        Err(e) => return Err(AppError::database("cannot create an account", e)),
    };
    let entry = audit::Entry {
        actor: Some(id),
        action: "account.created",
        subject: Some(id),
        ip: &ip,
        ..Default::default()
    };
    audit::record(&mut *tx, &entry, now)
        .await
        .map_err(AppError::db("cannot write the audit log"))?;
    tx.commit()
        .await
        .map_err(AppError::db("cannot commit a new account"))?;
    session::start(state, http, id).await?;
    Ok(Some(id))
}
