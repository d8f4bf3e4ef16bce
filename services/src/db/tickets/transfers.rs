//! Tickets passed on to another attendee: the ticket takes the new holder and a new code,
//! and its old code is kept so its link can say what became of it.

use domain::tickets::transfer::NewHolder;

/// Gives the ticket `id`, still under `old_code`, to `holder` under `new_code`, and keeps
/// the old code; false, changing nothing, when it changed meanwhile: passed on already,
/// cancelled, or used to enter. Its answers go: they were the old holder's, consents
/// included.
pub async fn pass_on(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    old_code: &str,
    new_code: &str,
    holder: &NewHolder,
    now: i64,
) -> Result<bool, sqlx::Error> {
    // One conditional write, so it is the first statement of the transaction (SQLite takes
    // its write lock here) and holds the ticket's row lock on PostgreSQL. `entered_at` is on
    // the row itself, so PostgreSQL re-checks it against a check-in committed meanwhile,
    // which the subquery's snapshot would not see.
    let moved = sqlx::query(
        "UPDATE tickets SET code = $1, attendee_name = $2, attendee_email = $3 \
         WHERE id = $4 AND code = $5 AND status = 'valid' AND entered_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.ticket_id = tickets.id \
         AND c.outcome = 'entered' AND c.undone_at IS NULL)",
    )
    .bind(new_code)
    .bind(&holder.name)
    .bind(holder.email.as_str())
    .bind(id)
    .bind(old_code)
    .execute(&mut **tx)
    .await?;
    if moved.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO ticket_transfers (ticket_id, old_code, transferred_at) VALUES ($1, $2, $3)",
    )
    .bind(id)
    .bind(old_code)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM ticket_answers WHERE ticket_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

/// When the ticket whose code was `code` was passed on, with its event's time zone; none
/// when no ticket ever had that code.
pub async fn passed_on<'c, E>(executor: E, code: &str) -> Result<Option<(i64, String)>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT x.transferred_at, e.time_zone FROM ticket_transfers x \
         JOIN tickets t ON t.id = x.ticket_id JOIN events e ON e.id = t.event_id \
         WHERE x.old_code = $1",
    )
    .bind(code)
    .fetch_optional(executor)
    .await
}
