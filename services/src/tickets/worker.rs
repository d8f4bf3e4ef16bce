//! The background work of tickets, on every instance: pending orders past their deadline
//! expire, transfers due a reminder get one, waitlist offers past theirs pass on, and the
//! mails about orders are sent. Every `CONVENE_TICKET_CHECK_SECS`, and at
//! once when a change queues a mail.

use crate::Services;

use super::{mails, settle, waitlist};

/// Runs until the task is aborted.
pub async fn run(state: Services) {
    let mut tick = tokio::time::interval(state.config.ticket_check);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {
                // A failure is logged where it happened; the next tick tries again.
                let _ = settle::expire_overdue(&state).await;
                let _ = settle::remind_due(&state).await;
                let _ = waitlist::pass_on_lapsed(&state).await;
            }
            () = state.ticket_mail_due.notified() => {}
        }
        while mails::send_due(&state).await >= mails::BATCH {}
    }
}
