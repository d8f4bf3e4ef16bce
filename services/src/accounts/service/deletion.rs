//! Deleting one's own account, apart from the rest because it reaches everything that names
//! a person: memberships, sessions, the organizations' contacts and the account row itself.

use domain::PlatformRole;
use domain::error::AppError;

use crate::Services;
use crate::accounts::exchange::Exchange;
use crate::accounts::session::{self, Actor};
use crate::db::{self, audit, contacts, memberships, sessions, users};

use super::{confirm_password, load_user, record};

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
