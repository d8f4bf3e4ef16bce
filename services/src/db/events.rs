//! Reading and writing events.

use sqlx::FromRow;

use domain::event::search_text;
use domain::{EventId, OrganizationId, SearchQuery};

use super::Db;

/// An `events` row joined with its organization's name and slug, as the public pages need it.
#[derive(Debug, Clone, FromRow)]
pub struct PublicEventRow {
    /// Primary key.
    pub id: EventId,
    /// URL name.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Short summary.
    pub summary: String,
    /// Markdown description.
    pub description: String,
    /// Start, Unix seconds.
    pub starts_at: i64,
    /// End, Unix seconds.
    pub ends_at: i64,
    /// IANA time zone.
    pub time_zone: String,
    /// Venue name and address.
    pub venue: Option<String>,
    /// Online link.
    pub online_url: Option<String>,
    /// Organization's name.
    pub organization_name: String,
    /// Organization's URL name.
    pub organization_slug: String,
    /// Lower-cased searchable text.
    pub search_text: String,
    /// Most attendees, if limited.
    pub capacity: Option<i64>,
    /// ISO code of its prices.
    pub currency: String,
    /// How many ticket types it has: with any, registration is by ticket.
    pub ticket_types: i64,
    /// The stored name of its cover image.
    pub cover_image: Option<String>,
}

pub(super) const PUBLIC_COLUMNS: &str = "e.id, e.slug, e.title, e.summary, e.description, e.starts_at, \
     e.ends_at, e.time_zone, e.venue, e.online_url, o.name AS organization_name, \
     o.slug AS organization_slug, e.search_text, e.capacity, e.currency, e.cover_image, \
     (SELECT COUNT(*) FROM ticket_types t WHERE t.event_id = e.id) AS ticket_types";

/// Published, publicly listed events that have not ended by `now`, soonest first; with a
/// query, only those whose title, summary, venue or organization contains every word.
pub async fn list_upcoming(
    db: &Db,
    now: i64,
    query: &SearchQuery,
    limit: i64,
) -> Result<Vec<PublicEventRow>, sqlx::Error> {
    let mut sql = format!(
        "SELECT {PUBLIC_COLUMNS} FROM events e JOIN organizations o ON o.id = e.organization_id \
         WHERE e.status = 'published' AND e.visibility = 'public' AND e.ends_at >= $1"
    );
    // The same rule as `EventSummary::matches` in the browser: every word, in the event's
    // search text or the organization's, both lower-cased by the application.
    let words: Vec<String> = query
        .as_str()
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(like_pattern)
        .collect();
    for i in 0..words.len() {
        let p = i + 3;
        sql.push_str(&format!(
            " AND (e.search_text LIKE ${p} ESCAPE '\\' OR o.search_text LIKE ${p} ESCAPE '\\')"
        ));
    }
    sql.push_str(" ORDER BY e.starts_at, e.id LIMIT $2");
    let mut q = sqlx::query_as::<_, PublicEventRow>(&sql)
        .bind(now)
        .bind(limit);
    for word in words {
        q = q.bind(word);
    }
    q.fetch_all(db.pool()).await
}

/// A published event (listed or unlisted) by its slug; drafts and archived events are not
/// public and so are not found.
pub async fn find_public_by_slug(
    db: &Db,
    slug: &str,
) -> Result<Option<PublicEventRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {PUBLIC_COLUMNS} FROM events e JOIN organizations o ON o.id = e.organization_id \
         WHERE e.slug = $1 AND e.status = 'published'"
    );
    sqlx::query_as::<_, PublicEventRow>(&sql)
        .bind(slug)
        .fetch_optional(db.pool())
        .await
}

/// The content version of a published event (kept by the triggers of migration 0004): it
/// changes with anything the event's public pages show. `None` for an unknown or unpublished
/// slug.
pub async fn content_version(db: &Db, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT content_version FROM events WHERE slug = $1 AND status = 'published'",
    )
    .bind(slug)
    .fetch_optional(db.pool())
    .await
}

/// Slugs and last changes of the published, listed events, for `sitemap.xml`.
pub async fn listed_slugs(db: &Db, limit: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT slug, updated_at FROM events WHERE status = 'published' \
         AND visibility = 'public' ORDER BY starts_at DESC, id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db.pool())
    .await
}

/// What a new event is made of (seeding and, later, the organizer's editor).
#[derive(Debug, Clone)]
pub struct NewEventRow<'a> {
    /// Owning organization.
    pub organization_id: OrganizationId,
    /// URL name, unique across the site.
    pub slug: &'a str,
    /// Title.
    pub title: &'a str,
    /// Short summary.
    pub summary: &'a str,
    /// Markdown description.
    pub description: &'a str,
    /// Start, Unix seconds.
    pub starts_at: i64,
    /// End, Unix seconds.
    pub ends_at: i64,
    /// IANA time zone.
    pub time_zone: &'a str,
    /// Venue name and address.
    pub venue: Option<&'a str>,
    /// Online link.
    pub online_url: Option<&'a str>,
    /// `draft`, `published` or `archived`.
    pub status: &'a str,
    /// `public` or `unlisted`.
    pub visibility: &'a str,
}

/// Inserts events in one multi-row statement per call (callers batch them in a transaction).
pub async fn insert_many<'c, E>(
    executor: E,
    rows: &[NewEventRow<'_>],
    now: i64,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    if rows.is_empty() {
        return Ok(());
    }
    const COLUMNS: usize = 15;
    let mut sql = String::from(
        "INSERT INTO events (organization_id, slug, title, summary, description, starts_at, \
         ends_at, time_zone, venue, online_url, status, visibility, search_text, created_at, \
         updated_at) VALUES ",
    );
    for i in 0..rows.len() {
        let params: Vec<String> = (1..=COLUMNS)
            .map(|c| format!("${}", i * COLUMNS + c))
            .collect();
        sql.push_str(if i == 0 { "(" } else { ", (" });
        sql.push_str(&params.join(", "));
        sql.push(')');
    }
    let mut q = sqlx::query(&sql);
    for r in rows {
        q = q
            .bind(r.organization_id)
            .bind(r.slug)
            .bind(r.title)
            .bind(r.summary)
            .bind(r.description)
            .bind(r.starts_at)
            .bind(r.ends_at)
            .bind(r.time_zone)
            .bind(r.venue)
            .bind(r.online_url)
            .bind(r.status)
            .bind(r.visibility)
            .bind(search_text(
                r.title,
                r.summary,
                r.venue,
                r.online_url.is_some(),
            ))
            .bind(now)
            .bind(now);
    }
    q.execute(executor).await.map(|_| ())
}

/// Turns a search word into a case-insensitive `LIKE` pattern, escaping `%`, `_` and `\` so
/// they match themselves.
pub(crate) fn like_pattern(word: &str) -> String {
    let mut pattern = String::with_capacity(word.len() + 2);
    pattern.push('%');
    for c in word.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::like_pattern;

    #[test]
    fn like_wildcards_in_search_words_match_literally() {
        assert_eq!(like_pattern("100%"), "%100\\%%");
        assert_eq!(like_pattern("a_b\\c"), "%a\\_b\\\\c%");
        assert_eq!(like_pattern("Rust"), "%rust%");
    }
}
