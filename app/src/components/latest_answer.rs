//! Following what a person types with the server's answer: asked once typing pauses, and an
//! older answer never replaces a newer one (answers may arrive out of order).

use std::future::Future;
use std::time::Duration;

use leptos::prelude::*;

/// How long typing must pause before the server is asked.
const PAUSE: Duration = Duration::from_millis(250);

/// The questions one field (or form) asked, and which answer is shown.
#[derive(Clone, Copy)]
pub struct LatestAnswer {
    pending: StoredValue<Option<TimeoutHandle>>,
    asked: StoredValue<u32>,
    shown: StoredValue<u32>,
}

impl LatestAnswer {
    /// Nothing asked yet.
    pub fn new() -> Self {
        Self {
            pending: StoredValue::new(None),
            asked: StoredValue::new(0),
            shown: StoredValue::new(0),
        }
    }

    /// Once typing pauses, calls `ask`, and hands its answer to `show` unless an answer to a
    /// later question was shown first. A call before the pause ends replaces the one waiting.
    pub fn ask<T, Q>(self, ask: impl FnOnce() -> Q + 'static, show: impl FnOnce(T) + 'static)
    where
        Q: Future<Output = T> + 'static,
        T: 'static,
    {
        if let Some(waiting) = self.pending.get_value() {
            waiting.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                self.asked.update_value(|n| *n += 1);
                let ticket = self.asked.get_value();
                leptos::task::spawn_local(async move {
                    let answer = ask().await;
                    if ticket >= self.shown.get_value() {
                        self.shown.set_value(ticket);
                        show(answer);
                    }
                });
            },
            PAUSE,
        );
        self.pending.set_value(handle.ok());
    }
}

impl Default for LatestAnswer {
    fn default() -> Self {
        Self::new()
    }
}
