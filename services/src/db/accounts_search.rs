//! The console's account list: prefix search on address or name, role and status filters,
//! three orders, keyset pagination. Each combination is one indexed range scan.

use domain::{AccountQuery, AccountSort, RoleFilter, StatusFilter};

use super::Db;
use super::users::UserRow;

/// How many accounts one page holds.
pub const PAGE_SIZE: usize = 50;

/// The most matches one search reads per key (address, name): beyond that the console asks
/// for more letters (see [`is_broad`]).
pub const SEARCH_CANDIDATES: usize = 1_000;

/// Whether `q` matches more accounts by address or by name than a search reads, so the
/// results are the first [`SEARCH_CANDIDATES`] of each in alphabetical order. Two index-only
/// counts, bounded like the search itself.
pub async fn is_broad(db: &Db, q: &str) -> Result<bool, sqlx::Error> {
    let q = q.trim().to_lowercase();
    if q.is_empty() {
        return Ok(false);
    }
    let high = format!("{q}\u{10FFFF}");
    for column in ["email", "name_key"] {
        let n: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM users WHERE {column} >= $1 AND {column} < $2 \
             LIMIT {}) AS m",
            SEARCH_CANDIDATES + 1
        ))
        .bind(&q)
        .bind(&high)
        .fetch_one(db.pool())
        .await?;
        if n > SEARCH_CANDIDATES as i64 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Where a page ends: the sort key and id of its last row, as one opaque string.
pub fn cursor(sort: AccountSort, row: &UserRow) -> String {
    let key = match sort {
        AccountSort::Newest => row.created_at.to_string(),
        AccountSort::Email => row.email.clone(),
        AccountSort::Name => row.display_name.to_lowercase(),
    };
    format!("{}:{key}", row.id)
}

fn parse_cursor(cursor: &str) -> Option<(i64, &str)> {
    let (id, key) = cursor.split_once(':')?;
    Some((id.parse().ok()?, key))
}

/// One page of accounts (plus one row, to know whether there is a next page).
pub async fn page(db: &Db, query: &AccountQuery) -> Result<Vec<UserRow>, sqlx::Error> {
    let mut conditions: Vec<String> = Vec::new();
    let mut binds: Vec<Bind> = Vec::new();
    let param = |value: Bind, binds: &mut Vec<Bind>| {
        binds.push(value);
        format!("${}", binds.len())
    };
    let q = query.q.trim().to_lowercase();
    if !q.is_empty() {
        // Byte-wise range [q, q + U+10FFFF): every string that starts with q.
        let low = param(Bind::Text(q.clone()), &mut binds);
        let high = param(Bind::Text(format!("{q}\u{10FFFF}")), &mut binds);
        // Each key contributes its first SEARCH_CANDIDATES matches, read in index order, so
        // a short prefix that matches thousands of accounts costs no more than a long one.
        conditions.push(format!(
            "id IN (SELECT id FROM (SELECT id FROM users WHERE email >= {low} AND email < {high} \
             ORDER BY email LIMIT {SEARCH_CANDIDATES}) AS by_email \
             UNION SELECT id FROM (SELECT id FROM users WHERE name_key >= {low} \
             AND name_key < {high} ORDER BY name_key, id LIMIT {SEARCH_CANDIDATES}) AS by_name)"
        ));
    }
    match query.role {
        RoleFilter::Any => {}
        RoleFilter::Admin => conditions.push("platform_role = 'admin'".into()),
        RoleFilter::Member => conditions.push("platform_role = 'none'".into()),
    }
    match query.status {
        StatusFilter::Any => {}
        StatusFilter::Active => conditions.push("status = 'active'".into()),
        StatusFilter::Deactivated => conditions.push("status = 'deactivated'".into()),
        StatusFilter::Deleted => conditions.push("status = 'deleted'".into()),
    }
    let (order, key_column, descending) = match query.sort {
        AccountSort::Newest => ("created_at DESC, id DESC", "created_at", true),
        AccountSort::Email => ("email ASC, id ASC", "email", false),
        AccountSort::Name => ("name_key ASC, id ASC", "name_key", false),
    };
    if let Some((id, key)) = query.after.as_deref().and_then(parse_cursor) {
        let key = match query.sort {
            AccountSort::Newest => Bind::Int(key.parse().unwrap_or(i64::MAX)),
            _ => Bind::Text(key.to_owned()),
        };
        let key = param(key, &mut binds);
        let id = param(Bind::Int(id), &mut binds);
        let op = if descending { "<" } else { ">" };
        // A row comparison: both databases walk the (key, id) index from there.
        conditions.push(format!("({key_column}, id) {op} ({key}, {id})"));
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let sql = format!(
        "SELECT id, email, display_name, password_hash, status, platform_role, \
         email_verified_at, failed_logins, locked_until, created_at FROM users {filter} \
         ORDER BY {order} LIMIT {}",
        PAGE_SIZE + 1
    );
    let mut statement = sqlx::query_as::<_, UserRow>(&sql);
    for bind in binds {
        statement = match bind {
            Bind::Text(text) => statement.bind(text),
            Bind::Int(number) => statement.bind(number),
        };
    }
    statement.fetch_all(db.pool()).await
}

enum Bind {
    Text(String),
    Int(i64),
}
