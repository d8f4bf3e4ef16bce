//! Sign-up, login, sessions and the account page. Each function is a thin shell: it finds
//! out who is asking and hands over to `services::accounts::service`.

use leptos::prelude::*;

use domain::error::AppError;
use domain::{AccountOverview, CurrentUser};

#[cfg(feature = "ssr")]
use services::accounts::{login, service, session, sign_up};

#[cfg(feature = "ssr")]
use crate::context::{app_state, current_actor, current_client, exchange};

/// The signed-in person, or `None`.
#[server(prefix = "/api", endpoint = "get_current_user")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    let state = app_state()?;
    service::whoami(&state, &current_actor()?).await
}

/// Whether this browser came with a session that has just ended without it signing out
/// (expired, or ended elsewhere or by an administrator): said once, on the page it lands on.
#[server(prefix = "/api", endpoint = "session_just_ended")]
pub async fn session_just_ended() -> Result<bool, AppError> {
    let state = app_state()?;
    Ok(services::accounts::flash::session_just_ended(
        &state.config,
        &exchange()?,
    ))
}

/// Starts a sign-up: mails the address a link that creates the account (or, if it has one
/// already, a note to its owner). The answer is the same either way.
#[server(prefix = "/api", endpoint = "sign_up")]
pub async fn sign_up(
    email: String,
    display_name: String,
    password: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let form = sign_up::SignUp {
        email: &email,
        display_name: &display_name,
        password: &password,
    };
    sign_up::sign_up(&state, &current_client()?, form).await?;
    leptos_axum::redirect("/signup/sent");
    Ok(())
}

/// Signs in. `next` is where to go afterwards (a path on this site).
#[server(prefix = "/api", endpoint = "log_in")]
pub async fn log_in(
    email: String,
    password: String,
    #[server(default)] next: Option<String>,
) -> Result<CurrentUser, AppError> {
    let state = app_state()?;
    let user = login::log_in(&state, &exchange()?, &email, &password).await?;
    leptos_axum::redirect(&local_path(next.as_deref()));
    Ok(user)
}

/// Only same-site paths are followed after login, never another site (open redirect).
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && path.chars().all(|c| c.is_ascii_graphic() && c != '\\') =>
        {
            path.to_owned()
        }
        _ => "/account".to_owned(),
    }
}

/// Forgets that this browser runs the islands (see [`crate::viewer`]) and goes `back`, drawn
/// for the person: what the page shared by signed-in visitors offers when JavaScript is off.
#[server(prefix = "/api", endpoint = "forget_islands")]
pub async fn forget_islands(back: String) -> Result<(), AppError> {
    exchange()?.remove_cookie(crate::viewer::ISLANDS_COOKIE)?;
    leptos_axum::redirect(&local_path(Some(&back)));
    Ok(())
}

/// Signs this browser out.
#[server(prefix = "/api", endpoint = "log_out")]
pub async fn log_out() -> Result<(), AppError> {
    let state = app_state()?;
    session::end(&state, &exchange()?).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Signs out every other browser and device.
#[server(prefix = "/api", endpoint = "log_out_elsewhere")]
pub async fn log_out_elsewhere() -> Result<u64, AppError> {
    let state = app_state()?;
    let ended = service::log_out_elsewhere(&state, &current_actor()?, &current_client()?).await?;
    leptos_axum::redirect("/account?done=sessions");
    Ok(ended)
}

/// Ends one session of the signed-in account.
#[server(prefix = "/api", endpoint = "end_session")]
pub async fn end_session(id: i64) -> Result<(), AppError> {
    let state = app_state()?;
    service::end_session(&state, &current_actor()?, &exchange()?, id).await?;
    leptos_axum::redirect("/account?done=session");
    Ok(())
}

/// Profile, sessions and organizations of the signed-in account.
#[server(prefix = "/api", endpoint = "get_account_overview")]
pub async fn get_account_overview() -> Result<AccountOverview, AppError> {
    let state = app_state()?;
    service::overview(&state, &current_actor()?).await
}

/// Changes the password; other sessions are signed out.
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let actor = current_actor()?;
    service::change_password(
        &state,
        &actor,
        &current_client()?,
        &current_password,
        &new_password,
    )
    .await?;
    leptos_axum::redirect("/account?done=password");
    Ok(())
}

/// Mails a confirmation link to a new address.
#[server(prefix = "/api", endpoint = "request_email_change")]
pub async fn request_email_change(
    new_email: String,
    current_password: String,
) -> Result<(), AppError> {
    let state = app_state()?;
    let actor = current_actor()?;
    service::request_email_change(&state, &actor, &new_email, &current_password).await?;
    leptos_axum::redirect("/account?done=email");
    Ok(())
}

/// Follows the link mailed to a new address.
#[server(prefix = "/api", endpoint = "confirm_email_change")]
pub async fn confirm_email_change(token: String) -> Result<(), AppError> {
    let state = app_state()?;
    service::confirm_email_change(&state, &current_client()?, &token).await?;
    leptos_axum::redirect("/confirm-email?done=1");
    Ok(())
}

/// Deletes the signed-in account.
#[server(prefix = "/api", endpoint = "delete_account")]
pub async fn delete_account(current_password: String) -> Result<(), AppError> {
    let state = app_state()?;
    service::delete_account(&state, &current_actor()?, &exchange()?, &current_password).await?;
    leptos_axum::redirect("/?deleted=1");
    Ok(())
}

/// Follows a "confirm your address" link: the one mailed at sign-up creates the account
/// and signs it in; the one an existing account asked for confirms its address.
#[server(prefix = "/api", endpoint = "verify_email")]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let state = app_state()?;
    if sign_up::confirm_sign_up(&state, &exchange()?, &token)
        .await?
        .is_some()
    {
        leptos_axum::redirect("/account?welcome=1");
    } else {
        service::verify_email(&state, &current_client()?, &token).await?;
        leptos_axum::redirect("/verify-email?done=1");
    }
    Ok(())
}

/// Mails the verification link again.
#[server(prefix = "/api", endpoint = "resend_verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    let state = app_state()?;
    let me = current_actor()?;
    let user = service::load_user(&state, me.signed_in()?.user_id).await?;
    if user.email_verified_at.is_some() {
        return Err(AppError::Conflict(
            "Your address is already confirmed.".into(),
        ));
    }
    service::send_verification(&state, &user).await?;
    leptos_axum::redirect("/account?done=verification");
    Ok(())
}

/// Mails a password-reset link, if the address has an account (the answer is the same).
#[server(prefix = "/api", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    let state = app_state()?;
    service::request_password_reset(&state, &current_client()?, &email).await?;
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}

/// Sets a new password with a reset link, and signs in.
#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    let state = app_state()?;
    service::reset_password(&state, &exchange()?, &token, &password).await?;
    leptos_axum::redirect("/account?reset=1");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(local_path(Some("/manage")), "/manage");
        assert_eq!(local_path(Some("//evil.example")), "/account");
        assert_eq!(local_path(Some("https://evil.example")), "/account");
        assert_eq!(local_path(Some("/\\evil.example")), "/account");
        assert_eq!(local_path(Some("/a\r\nSet-Cookie: x")), "/account");
        assert_eq!(local_path(None), "/account");
    }
}
