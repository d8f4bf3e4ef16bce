//! Live updates of open feeds. Each instance keeps one broadcast channel per event that has
//! readers connected to it; a change reaches every instance through PostgreSQL's
//! `LISTEN/NOTIFY` (or, on SQLite, where one process serves everything, directly).
//!
//! Memory stays bounded whatever the readers do: a channel holds the last [`BUFFER`]
//! changes, a reader that falls further behind is told to reload ([`FeedChange::Reset`])
//! instead of queueing more, and a channel goes away with its last reader.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sqlx::postgres::PgListener;
use tokio::sync::broadcast;

use domain::EventId;
use domain::feed::FeedChange;

use crate::db::{Backend, Db};

/// The PostgreSQL channel all instances listen on.
pub const CHANNEL: &str = "convene_feed";
/// Changes kept for a reader that is momentarily slow.
pub const BUFFER: usize = 64;

/// A change as sent to readers: its text ([`FeedChange::to_wire`]), made once for all.
pub type Message = Arc<str>;

/// The live channels of this instance.
#[derive(Debug, Default)]
pub struct FeedHub {
    channels: Mutex<HashMap<EventId, broadcast::Sender<Message>>>,
    closed: AtomicBool,
    /// The open streams, per reader and in all.
    pub slots: super::streams::StreamSlots,
}

impl FeedHub {
    /// A new reader of `event`'s changes; `None` once the server is shutting down.
    pub fn subscribe(&self, event: EventId) -> Option<broadcast::Receiver<Message>> {
        if self.closed.load(Ordering::Acquire) {
            return None;
        }
        let mut channels = self.lock();
        Some(
            channels
                .entry(event)
                .or_insert_with(|| broadcast::channel(BUFFER).0)
                .subscribe(),
        )
    }

    /// Hands `change` to this instance's readers of `event`.
    pub fn deliver(&self, event: EventId, change: &FeedChange) {
        let message: Message = change.to_wire().into();
        let mut channels = self.lock();
        if let Some(sender) = channels.get(&event)
            && sender.send(message).is_err()
        {
            // Nobody reads this event any more.
            channels.remove(&event);
        }
    }

    /// Tells every reader to reload: changes may have been lost.
    pub fn reset_all(&self) {
        let events: Vec<EventId> = self.lock().keys().copied().collect();
        for event in events {
            self.deliver(event, &FeedChange::Reset);
        }
    }

    /// Ends every reader's stream (at shutdown), so open connections let the server stop.
    pub fn close(&self) {
        self.closed.store(true, Ordering::Release);
        self.lock().clear();
    }

    /// How many readers this instance serves.
    pub fn readers(&self) -> usize {
        self.lock()
            .values()
            .map(broadcast::Sender::receiver_count)
            .sum()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<EventId, broadcast::Sender<Message>>> {
        // A panic while holding this lock cannot leave the map half-changed.
        self.channels.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Makes `change` (already committed) known to every reader of `event` on every instance.
/// A failure is logged, not returned: the change is saved, and readers see it on reload.
pub async fn announce(db: &Db, hub: &FeedHub, event: EventId, change: FeedChange) {
    match db.backend() {
        Backend::Sqlite => hub.deliver(event, &change),
        Backend::Postgres => {
            let payload = format!("{event} {}", change.to_wire());
            // `::text`: the `Any` driver cannot decode `void`.
            let sent = sqlx::query("SELECT pg_notify($1, $2)::text")
                .bind(CHANNEL)
                .bind(payload)
                .execute(db.pool())
                .await;
            if let Err(error) = sent {
                tracing::warn!(%error, "cannot announce a feed change");
            }
        }
    }
}

/// For a change whose statement announced it itself on PostgreSQL (a like: see
/// `db::feed::set_like`): on SQLite, hands it to this process's readers.
pub fn announced_by_statement(db: &Db, hub: &FeedHub, event: EventId, change: &FeedChange) {
    if db.backend() == Backend::Sqlite {
        hub.deliver(event, change);
    }
}

/// Reads `event_id change` as sent by [`announce`] (and by `db::feed::set_like`).
fn parse(payload: &str) -> Option<(EventId, FeedChange)> {
    let (event, change) = payload.split_once(' ')?;
    Some((EventId(event.parse().ok()?), FeedChange::from_wire(change)?))
}

/// On PostgreSQL, forwards every instance's changes to this instance's readers, for as long
/// as the server runs. A lost connection is opened again, and readers are told to reload
/// because changes may have been missed meanwhile.
pub async fn listen(database_url: String, hub: Arc<FeedHub>) {
    loop {
        match PgListener::connect(&database_url).await {
            Ok(mut listener) => {
                if let Err(error) = listener.listen(CHANNEL).await {
                    tracing::warn!(%error, "cannot listen for feed changes");
                } else {
                    hub.reset_all();
                    forward(&mut listener, &hub).await;
                }
            }
            Err(error) => tracing::warn!(%error, "cannot connect to listen for feed changes"),
        }
        hub.reset_all();
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

async fn forward(listener: &mut PgListener, hub: &FeedHub) {
    loop {
        match listener.try_recv().await {
            Ok(Some(notification)) => match parse(notification.payload()) {
                Some((event, change)) => hub.deliver(event, &change),
                None => tracing::warn!("ignored an unreadable feed notification"),
            },
            // The connection was lost; the next call reconnects.
            Ok(None) => hub.reset_all(),
            Err(error) => {
                tracing::warn!(%error, "lost the feed change listener");
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::PostId;

    #[tokio::test]
    async fn readers_get_changes_of_their_event_only() {
        let hub = FeedHub::default();
        let mut one = hub.subscribe(EventId(1)).expect("ok");
        let mut two = hub.subscribe(EventId(2)).expect("ok");
        hub.deliver(EventId(1), &FeedChange::Posted { id: PostId(5) });
        assert_eq!(&*one.recv().await.expect("ok"), "posted 5");
        assert!(two.try_recv().is_err());
        assert_eq!(hub.readers(), 2);
    }

    #[tokio::test]
    async fn a_slow_reader_is_told_it_lagged_instead_of_growing_memory() {
        let hub = FeedHub::default();
        let mut slow = hub.subscribe(EventId(1)).expect("ok");
        for n in 0..(BUFFER as i64 * 4) {
            hub.deliver(
                EventId(1),
                &FeedChange::Likes {
                    id: PostId(1),
                    count: n,
                },
            );
        }
        assert!(matches!(
            slow.recv().await,
            Err(broadcast::error::RecvError::Lagged(_))
        ));
    }

    #[tokio::test]
    async fn channels_go_with_their_last_reader_and_close_ends_streams() {
        let hub = FeedHub::default();
        drop(hub.subscribe(EventId(1)));
        hub.deliver(EventId(1), &FeedChange::Reset);
        assert!(hub.lock().is_empty());
        let mut reader = hub.subscribe(EventId(2)).expect("ok");
        hub.close();
        assert!(reader.recv().await.is_err());
        assert!(hub.subscribe(EventId(2)).is_none());
    }

    #[test]
    fn notifications_round_trip() {
        let change = FeedChange::Deleted { id: PostId(9) };
        let payload = format!("12 {}", change.to_wire());
        assert_eq!(parse(&payload), Some((EventId(12), change)));
        assert_eq!(parse("x {}"), None);
    }
}
