//! The `/events` query: public events by words (SQLite FTS5 or PostgreSQL full-text search
//! over each event's search document: its text, sessions and speakers), date and attendance,
//! one keyset page at a time.

use domain::discovery::{Attendance, Discovery, When};

use super::events::{PUBLIC_COLUMNS, PublicEventRow};
use super::{Backend, Db};

/// Up to `limit` events matching `query` at `now`.
pub async fn search(
    db: &Db,
    now: i64,
    query: &Discovery,
    limit: i64,
) -> Result<Vec<PublicEventRow>, sqlx::Error> {
    let mut sql = format!(
        "SELECT {PUBLIC_COLUMNS} FROM events e JOIN organizations o ON o.id = e.organization_id \
         WHERE e.status = 'published' AND e.visibility = 'public'"
    );
    let (ended, order, later) = match query.when {
        When::Upcoming => ("e.ends_at >= $1", "e.starts_at, e.id", '>'),
        When::Past => ("e.ends_at < $1", "e.starts_at DESC, e.id DESC", '<'),
    };
    sql.push_str(" AND ");
    sql.push_str(ended);
    match query.attendance {
        Attendance::Any => {}
        Attendance::InPerson => sql.push_str(" AND e.venue IS NOT NULL"),
        Attendance::Online => sql.push_str(" AND e.online_url IS NOT NULL"),
    }
    if query.after.is_some() {
        sql.push_str(&format!(
            " AND (e.starts_at {later} $3 OR (e.starts_at = $3 AND e.id {later} $4))"
        ));
    }
    let words = query.words();
    let text = if words.is_empty() {
        None
    } else {
        let p = if query.after.is_some() { 5 } else { 3 };
        sql.push_str(&format!(
            " AND e.id IN ({})",
            matching_events(db.backend(), p)
        ));
        Some(match db.backend() {
            // Each word quoted (letters and digits only, see `Discovery::words`) as a prefix.
            Backend::Sqlite => words
                .iter()
                .map(|w| format!("\"{w}\"*"))
                .collect::<Vec<_>>()
                .join(" "),
            Backend::Postgres => words
                .iter()
                .map(|w| format!("{w}:*"))
                .collect::<Vec<_>>()
                .join(" & "),
        })
    };
    sql.push_str(&format!(" ORDER BY {order} LIMIT $2"));
    let mut q = sqlx::query_as::<_, PublicEventRow>(&sql)
        .bind(now)
        .bind(limit);
    if let Some(after) = query.after {
        q = q.bind(after.starts_at).bind(after.id);
    }
    if let Some(text) = text {
        q = q.bind(text);
    }
    q.fetch_all(db.pool()).await
}

/// The ids of events whose search document (see `crate::search`) matches the full-text
/// query in parameter `$p`.
fn matching_events(backend: Backend, p: usize) -> String {
    match backend {
        Backend::Sqlite => format!("SELECT rowid FROM event_search WHERE event_search MATCH ${p}"),
        Backend::Postgres => format!(
            "SELECT event_id FROM event_search WHERE document @@ to_tsquery('simple', ${p})"
        ),
    }
}
