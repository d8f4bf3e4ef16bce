//! Check-in: door staff, the door list, and the scans that let people in and out.

use sqlx::FromRow;

use domain::{EventId, UserId};

/// Whether `user` is on the door staff of `event`.
pub async fn is_door_staff<'c, E>(
    executor: E,
    event: EventId,
    user: UserId,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM event_door_staff WHERE event_id = $1 AND user_id = $2")
            .bind(event)
            .bind(user)
            .fetch_optional(executor)
            .await?;
    Ok(found.is_some())
}

/// A member of an event's door staff.
#[derive(Debug, Clone, FromRow)]
pub struct DoorStaffRow {
    /// Their account.
    pub user_id: UserId,
    /// Their name.
    pub display_name: String,
    /// Their address.
    pub email: String,
}

/// The door staff of `event`, by name.
pub async fn door_staff<'c, E>(
    executor: E,
    event: EventId,
) -> Result<Vec<DoorStaffRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT u.id AS user_id, u.display_name, u.email FROM event_door_staff s \
         JOIN users u ON u.id = s.user_id WHERE s.event_id = $1 ORDER BY u.display_name, u.id",
    )
    .bind(event)
    .fetch_all(executor)
    .await
}

/// Adds `user` to the door staff of `event`; false when they already were.
pub async fn add_door_staff<'c, E>(
    executor: E,
    event: EventId,
    user: UserId,
    by: UserId,
    now: i64,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "INSERT INTO event_door_staff (event_id, user_id, added_by, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (event_id, user_id) DO NOTHING",
    )
    .bind(event)
    .bind(user)
    .bind(by)
    .bind(now)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes `user` from the door staff of `event`; false when they were not on it.
pub async fn remove_door_staff<'c, E>(
    executor: E,
    event: EventId,
    user: UserId,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query("DELETE FROM event_door_staff WHERE event_id = $1 AND user_id = $2")
        .bind(event)
        .bind(user)
        .execute(executor)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// What the door needs of a ticket.
#[derive(Debug, Clone, FromRow)]
pub struct DoorTicketRow {
    /// Its id.
    pub id: i64,
    /// Its code.
    pub code: String,
    /// The attendee.
    pub attendee_name: String,
    /// Its type.
    pub ticket_type_id: i64,
    /// Its type's name.
    pub type_name: String,
    /// `valid` or `cancelled`.
    pub status: String,
    /// Its order's state.
    pub order_status: String,
    /// The entry in force, if inside.
    pub entered_at: Option<i64>,
    /// The device of that entry.
    pub entered_by: Option<String>,
    /// Its order's note for the door.
    pub door_note: String,
}

const DOOR_COLUMNS: &str = "t.id, t.code, t.attendee_name, t.ticket_type_id, \
     y.name AS type_name, t.status, o.status AS order_status, t.entered_at, t.entered_by, o.door_note \
     FROM tickets t JOIN orders o ON o.id = t.order_id \
     JOIN ticket_types y ON y.id = t.ticket_type_id";

/// Every ticket of `event`, in the order they were sold.
pub async fn door_list<'c, E>(
    executor: E,
    event: EventId,
) -> Result<Vec<DoorTicketRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(&format!(
        "SELECT {DOOR_COLUMNS} WHERE t.event_id = $1 ORDER BY t.id"
    ))
    .bind(event)
    .fetch_all(executor)
    .await
}

/// The ticket `code` of `event`.
pub async fn door_ticket<'c, E>(
    executor: E,
    event: EventId,
    code: &str,
) -> Result<Option<DoorTicketRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(&format!(
        "SELECT {DOOR_COLUMNS} WHERE t.event_id = $1 AND t.code = $2"
    ))
    .bind(event)
    .bind(code)
    .fetch_optional(executor)
    .await
}

/// The tickets of `event` whose attendee's name contains `needle`, at most `limit`.
pub async fn search<'c, E>(
    executor: E,
    event: EventId,
    needle: &str,
    limit: i64,
) -> Result<Vec<DoorTicketRow>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let pattern = super::events::like_pattern(needle);
    sqlx::query_as(&format!(
        "SELECT {DOOR_COLUMNS} WHERE t.event_id = $1 AND LOWER(t.attendee_name) LIKE $2 \
         ESCAPE '\\' ORDER BY t.attendee_name, t.id LIMIT $3"
    ))
    .bind(event)
    .bind(pattern)
    .bind(limit)
    .fetch_all(executor)
    .await
}

/// Whether a ticket of another event has `code`: which one.
pub async fn event_of_code<'c, E>(executor: E, code: &str) -> Result<Option<EventId>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar("SELECT event_id FROM tickets WHERE code = $1")
        .bind(code)
        .fetch_optional(executor)
        .await
}

/// A scan to write.
#[derive(Debug, Clone)]
pub struct NewScan<'a> {
    /// The event.
    pub event: EventId,
    /// The ticket.
    pub ticket: i64,
    /// The device's id for the scan.
    pub scan_id: &'a str,
    /// The device's name.
    pub device: &'a str,
    /// Who scanned (none for the demo's).
    pub user: Option<UserId>,
    /// `entered`, `left` or `double_entry`.
    pub outcome: &'a str,
    /// The device's time.
    pub scanned_at: i64,
}

/// Writes a scan; false when the device already sent `scan_id`.
pub async fn insert_scan<'c, E>(
    executor: E,
    scan: &NewScan<'_>,
    now: i64,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "INSERT INTO check_ins (event_id, ticket_id, scan_id, device, user_id, outcome, \
         scanned_at, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (event_id, scan_id) DO NOTHING",
    )
    .bind(scan.event)
    .bind(scan.ticket)
    .bind(scan.scan_id)
    .bind(scan.device)
    .bind(scan.user)
    .bind(scan.outcome)
    .bind(scan.scanned_at)
    .bind(now)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks ticket `id` inside since `at` through `device`, unless it already is: false then.
pub async fn enter<'c, E>(executor: E, id: i64, at: i64, device: &str) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE tickets SET entered_at = $1, entered_by = $2 WHERE id = $3 AND entered_at IS NULL",
    )
    .bind(at)
    .bind(device)
    .bind(id)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks ticket `id` outside, if it was inside: false when it was not.
pub async fn leave<'c, E>(executor: E, id: i64) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE tickets SET entered_at = NULL, entered_by = NULL \
         WHERE id = $1 AND entered_at IS NOT NULL",
    )
    .bind(id)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes back the scan `scan_id` of `event` made on `device`: the ticket it concerned, or
/// none when there is no such scan or it was already undone.
pub async fn undo_scan<'c, E>(
    executor: E,
    event: EventId,
    scan_id: &str,
    device: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "UPDATE check_ins SET undone_at = $1 WHERE event_id = $2 AND scan_id = $3 \
         AND device = $4 AND undone_at IS NULL RETURNING ticket_id",
    )
    .bind(now)
    .bind(event)
    .bind(scan_id)
    .bind(device)
    .fetch_optional(executor)
    .await
}

/// Sets ticket `id` inside or outside as its latest scan still in force says.
pub async fn settle_presence<'c, E>(executor: E, id: i64) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "UPDATE tickets SET \
         entered_at = (SELECT CASE WHEN c.outcome = 'entered' THEN c.scanned_at END \
            FROM check_ins c WHERE c.ticket_id = $1 AND c.undone_at IS NULL \
            AND c.outcome IN ('entered', 'left') ORDER BY c.id DESC LIMIT 1), \
         entered_by = (SELECT CASE WHEN c.outcome = 'entered' THEN c.device END \
            FROM check_ins c WHERE c.ticket_id = $1 AND c.undone_at IS NULL \
            AND c.outcome IN ('entered', 'left') ORDER BY c.id DESC LIMIT 1) \
         WHERE id = $1",
    )
    .bind(id)
    .execute(executor)
    .await?;
    Ok(())
}

/// The door's counters: valid tickets, of them inside, double entries reported.
pub async fn counts<'c, E>(executor: E, event: EventId) -> Result<(i64, i64, i64), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT \
         CAST(COALESCE(SUM(CASE WHEN t.status = 'valid' AND o.status = 'paid' THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN t.entered_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT), \
         (SELECT COUNT(*) FROM check_ins c WHERE c.event_id = $1 \
            AND c.outcome = 'double_entry' AND c.undone_at IS NULL) \
         FROM tickets t JOIN orders o ON o.id = t.order_id WHERE t.event_id = $1",
    )
    .bind(event)
    .fetch_one(executor)
    .await
}

/// The scan `scan_id` of `event`: its ticket's code, its outcome, and whether it was undone.
pub async fn scan<'c, E>(
    executor: E,
    event: EventId,
    scan_id: &str,
) -> Result<Option<(String, String, bool)>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let row: Option<(String, String, Option<i64>)> = sqlx::query_as(
        "SELECT t.code, c.outcome, c.undone_at FROM check_ins c \
         JOIN tickets t ON t.id = c.ticket_id WHERE c.event_id = $1 AND c.scan_id = $2",
    )
    .bind(event)
    .bind(scan_id)
    .fetch_optional(executor)
    .await?;
    Ok(row.map(|(code, outcome, undone)| (code, outcome, undone.is_some())))
}

/// A write that changes nothing, run first in a check-in's transaction: on SQLite it takes
/// the write lock (waiting for it if needed) before the reads, which would otherwise start
/// as a reader and fail to upgrade when another connection wrote meanwhile. On PostgreSQL
/// it touches no row and locks nothing.
pub async fn take_writer<'c, E>(executor: E, event: EventId) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("UPDATE check_ins SET undone_at = undone_at WHERE event_id = $1 AND 1 = 0")
        .bind(event)
        .execute(executor)
        .await?;
    Ok(())
}
