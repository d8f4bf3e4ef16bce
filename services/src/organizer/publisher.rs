//! Publishes drafts whose "publish at" time has come. The time is stored with the event, so
//! a restart loses nothing: the first check after start-up publishes whatever fell due while
//! the server was down. Several instances may run it at once; each event is published once.

use domain::EventId;

use crate::Services;
use crate::db::{self, managed_events};

/// Checks every `config.publish_check`, forever (the caller aborts the task on shutdown).
pub async fn run(state: Services) {
    let mut tick = tokio::time::interval(state.config.publish_check);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        publish_due(&state).await;
    }
}

/// Publishes what is due now and records it in each event's history; the ids published.
/// Failures are logged and retried at the next check.
pub async fn publish_due(state: &Services) -> Vec<EventId> {
    let now = db::now();
    let published = match managed_events::publish_due(&state.db, now).await {
        Ok(ids) => ids,
        Err(error) => {
            tracing::warn!(error = %error, "cannot publish scheduled events; retrying later");
            return Vec::new();
        }
    };
    for id in &published {
        tracing::info!(event.id = id.0, "published a scheduled event");
        if let Err(error) = managed_events::record_change(
            state.db.pool(),
            *id,
            None,
            "published the event as scheduled",
            now,
        )
        .await
        {
            tracing::warn!(error = %error, event.id = id.0, "cannot record a scheduled publication");
        }
    }
    published
}
