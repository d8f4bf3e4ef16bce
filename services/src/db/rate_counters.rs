//! Attempt counters in fixed windows (see `crate::throttle` for the limits).

use super::Db;

/// Counts one attempt in `bucket`'s window opening at `window_start`, atomically (concurrent
/// attempts each see their own count), and returns the window's count with it.
pub async fn hit(db: &Db, bucket: &str, window_start: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO rate_counters (bucket, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_counters.hits + 1 \
         RETURNING hits",
    )
    .bind(bucket)
    .bind(window_start)
    .fetch_one(db.pool())
    .await
}

/// The attempts counted in `bucket` in the windows opening at `previous` and `current`.
pub async fn hits(
    db: &Db,
    bucket: &str,
    previous: i64,
    current: i64,
) -> Result<(i64, i64), sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT window_start, hits FROM rate_counters \
         WHERE bucket = $1 AND window_start IN ($2, $3)",
    )
    .bind(bucket)
    .bind(previous)
    .bind(current)
    .fetch_all(db.pool())
    .await?;
    let of = |start: i64| rows.iter().find(|r| r.0 == start).map_or(0, |r| r.1);
    Ok((of(previous), of(current)))
}

/// Deletes the windows that opened before `before`: no limit looks back that far.
pub async fn forget_before(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM rate_counters WHERE window_start < $1")
        .bind(before)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}
