//! The signed-in account's sessions: listing them, and ending one or all the others (a device
//! lost or left signed in elsewhere).

use domain::error::AppError;
use domain::{SessionInfo, UserId};

use crate::Services;
use crate::accounts::exchange::Exchange;
use crate::accounts::session::{self, Actor, Client};
use crate::db::{self, audit, sessions};

use super::record;

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
