//! The background work of tickets, on every instance: pending orders past their deadline
//! expire, and the mails about orders are sent. Every `CONVENE_TICKET_CHECK_SECS`, and at
//! once when a change queues a mail.

use crate::Services;

use super::{mails, settle};

/// Runs until the task is aborted.
pub async fn run(state: Services) {
    let mut tick = tokio::time::interval(state.config.ticket_check);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {
                // A failure is logged where it happened; the next tick tries again.
                let _ = settle::expire_overdue(&state).await;
            }
            () = state.ticket_mail_due.notified() => {}
        }
        while mails::send_due(&state).await >= mails::BATCH {}
    }
}
