//! The search documents of `/events` (migration 0005): one per event, rebuilt from
//! `event_search_dirty`, which triggers fill with every change to an event, its sessions or
//! their speakers. A background task on every instance rebuilds what is out of date each
//! second; the seed rebuilds everything it made before returning.

use super::Services;
use super::db::{Backend, Db};

/// Rebuilds every out-of-date document; how many were rebuilt. Each event in its own short
/// transaction, so instances rebuilding at once only repeat work, never lose it.
pub async fn refresh(db: &Db) -> Result<usize, sqlx::Error> {
    let mut rebuilt = 0;
    loop {
        let dirty: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT event_id, mark FROM event_search_dirty ORDER BY event_id LIMIT 200",
        )
        .fetch_all(db.pool())
        .await?;
        if dirty.is_empty() {
            return Ok(rebuilt);
        }
        for (event, mark) in dirty {
            let mut tx = db.pool().begin().await?;
            // A write to a plain table first: on SQLite it takes the write lock (waiting for
            // it if needed) before the FTS5 statements, which would otherwise start as readers
            // and fail to upgrade when another connection wrote meanwhile.
            sqlx::query("UPDATE event_search_dirty SET mark = mark WHERE event_id = $1")
                .bind(event)
                .execute(&mut *tx)
                .await?;
            if db.backend() == Backend::Sqlite {
                sqlx::query("DELETE FROM event_search WHERE rowid = $1")
                    .bind(event)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(document_sql(db.backend()))
                .bind(event)
                .execute(&mut *tx)
                .await?;
            // Only when nothing changed meanwhile; otherwise the next round rebuilds it again.
            sqlx::query("DELETE FROM event_search_dirty WHERE event_id = $1 AND mark = $2")
                .bind(event)
                .bind(mark)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            rebuilt += 1;
        }
    }
}

/// Rebuilds out-of-date documents every `config.search_check` (a second by default), forever
/// (the caller aborts the task on shutdown). Failures are logged and retried.
pub async fn run(state: Services) {
    let mut tick = tokio::time::interval(state.config.search_check);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(error) = refresh(&state.db).await {
            tracing::warn!(error = %error, "cannot rebuild search documents; retrying");
        }
    }
}

/// The statement that writes event `$1`'s document: its text, its sessions' titles and
/// abstracts, its speakers' names, headlines and companies.
fn document_sql(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => {
            "INSERT INTO event_search (rowid, body) \
             SELECT e.id, e.title || ' ' || e.summary || ' ' || e.description || ' ' \
               || coalesce(e.venue, '') || ' ' \
               || coalesce((SELECT group_concat(i.title || ' ' || i.abstract, ' ') \
                            FROM agenda_items i WHERE i.event_id = $1), '') || ' ' \
               || coalesce((SELECT group_concat(who, ' ') FROM ( \
                            SELECT DISTINCT s.name || ' ' || s.headline || ' ' || s.company AS who \
                            FROM agenda_items i \
                            JOIN agenda_item_speakers l ON l.agenda_item_id = i.id \
                            JOIN speakers s ON s.id = l.speaker_id WHERE i.event_id = $1)), '') \
             FROM events e WHERE e.id = $1"
        }
        Backend::Postgres => {
            "INSERT INTO event_search (event_id, document) \
             SELECT e.id, to_tsvector('simple', e.title || ' ' || e.summary || ' ' \
               || e.description || ' ' || coalesce(e.venue, '') || ' ' \
               || coalesce((SELECT string_agg(i.title || ' ' || i.abstract, ' ') \
                            FROM agenda_items i WHERE i.event_id = $1), '') || ' ' \
               || coalesce((SELECT string_agg(DISTINCT s.name || ' ' || s.headline || ' ' \
                                              || s.company, ' ') \
                            FROM agenda_items i \
                            JOIN agenda_item_speakers l ON l.agenda_item_id = i.id \
                            JOIN speakers s ON s.id = l.speaker_id WHERE i.event_id = $1), '')) \
             FROM events e WHERE e.id = $1 \
             ON CONFLICT (event_id) DO UPDATE SET document = EXCLUDED.document"
        }
    }
}
