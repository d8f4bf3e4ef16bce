//! An event's door staff: accounts its organizers let run the check-in app of that event,
//! and nothing else. Adding and removing them is a line of the event's history.

use domain::Email;
use domain::error::AppError;
use domain::tickets::door_desk::DoorStaffMember;

use crate::Services;
use crate::accounts::session::Actor;
use crate::db::{self, door, memberships, users};
use crate::organizer::scope;
use crate::policy::Action;

/// The door staff of the event.
pub async fn list(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
) -> Result<Vec<DoorStaffMember>, AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ViewWorkspace).await?;
    let rows = door::door_staff(state.db.pool(), scope.event.id)
        .await
        .map_err(AppError::db("cannot list door staff"))?;
    Ok(rows
        .into_iter()
        .map(|row| DoorStaffMember {
            user_id: row.user_id,
            name: row.display_name,
            email: row.email,
        })
        .collect())
}

/// Adds the account with address `email` to the event's door staff.
pub async fn add(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    email: &str,
) -> Result<(), AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let refuse = |message: &str| AppError::invalid("email", message).keeping(&[("email", email)]);
    let address =
        Email::parse(email).map_err(|problem| refuse(&format!("Check the address: {problem}.")))?;
    let user = users::by_email(&state.db, address.as_str())
        .await
        .map_err(AppError::db("cannot read an account"))?
        .filter(|user| user.status == "active")
        .ok_or_else(|| {
            refuse("No active Convene account uses this address: ask them to sign up first.")
        })?;
    let member = memberships::role_of(state.db.pool(), scope.organization.id, user.id)
        .await
        .map_err(AppError::db("cannot read a membership"))?;
    if member.is_some() {
        return Err(refuse(
            "They are a member of the organization and can already check in.",
        ));
    }
    let mut tx = state.db.begin().await?;
    let added = door::add_door_staff(
        &mut *tx,
        scope.event.id,
        user.id,
        scope.grant.user,
        db::now(),
    )
    .await
    .map_err(AppError::db("cannot add door staff"))?;
    if !added {
        return Err(refuse("They are already on the door staff."));
    }
    let summary = format!("Added {} to the door staff", user.display_name);
    scope.record(tx, &summary).await
}

/// Takes `user` off the event's door staff.
pub async fn remove(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    user: domain::UserId,
) -> Result<(), AppError> {
    let scope = scope(state, actor, org_slug, event_slug, Action::ManageEvents).await?;
    let person = users::by_id(&state.db, user)
        .await
        .map_err(AppError::db("cannot read an account"))?;
    let mut tx = state.db.begin().await?;
    let removed = door::remove_door_staff(&mut *tx, scope.event.id, user)
        .await
        .map_err(AppError::db("cannot remove door staff"))?;
    let Some(person) = person.filter(|_| removed) else {
        return Err(AppError::NotFound("door staff member".into()));
    };
    let summary = format!("Removed {} from the door staff", person.display_name);
    scope.record(tx, &summary).await
}
