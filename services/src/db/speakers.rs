//! Speaker profiles of an organization. Every query is scoped by organization.

use sqlx::FromRow;

use domain::{AgendaItemId, EventId, OrganizationId, SpeakerId};

use super::Db;

/// A `speakers` row.
#[derive(Debug, Clone, FromRow)]
pub struct SpeakerRow {
    /// Primary key.
    pub id: SpeakerId,
    /// Name.
    pub name: String,
    /// One line.
    pub headline: String,
    /// Company.
    pub company: String,
    /// Markdown.
    pub bio: String,
    /// Photo URL.
    pub photo: Option<String>,
    /// One link per line.
    pub links: String,
}

const COLUMNS: &str = "s.id, s.name, s.headline, s.company, s.bio, s.photo, s.links";

/// What the speaker form sets.
#[derive(Debug, Clone)]
pub struct SpeakerValues {
    /// Name.
    pub name: String,
    /// One line.
    pub headline: String,
    /// Company.
    pub company: String,
    /// Markdown.
    pub bio: String,
    /// One link per line.
    pub links: String,
}

impl SpeakerValues {
    fn search_text(&self) -> String {
        format!("{} {} {}", self.name, self.headline, self.company).to_lowercase()
    }
}

/// The organization's speakers by name, those matching every word of `words` (lower-cased).
pub async fn search(
    db: &Db,
    organization: OrganizationId,
    words: &[String],
    limit: i64,
) -> Result<Vec<SpeakerRow>, sqlx::Error> {
    let mut sql = format!("SELECT {COLUMNS} FROM speakers s WHERE s.organization_id = $1");
    for i in 0..words.len() {
        sql.push_str(&format!(" AND s.search_text LIKE ${} ESCAPE '\\'", i + 3));
    }
    sql.push_str(" ORDER BY s.name, s.id LIMIT $2");
    let mut q = sqlx::query_as(&sql).bind(organization).bind(limit);
    for word in words {
        q = q.bind(super::events::like_pattern(word));
    }
    q.fetch_all(db.pool()).await
}

/// One of the organization's speakers.
pub async fn by_id(
    db: &Db,
    organization: OrganizationId,
    id: SpeakerId,
) -> Result<Option<SpeakerRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM speakers s WHERE s.organization_id = $1 AND s.id = $2"
    ))
    .bind(organization)
    .bind(id)
    .fetch_optional(db.pool())
    .await
}

/// The speakers of the event's sessions, by name: one query.
pub async fn at_event(db: &Db, event: EventId) -> Result<Vec<SpeakerRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM speakers s WHERE s.id IN (SELECT x.speaker_id \
         FROM agenda_item_speakers x JOIN agenda_items a ON a.id = x.agenda_item_id \
         WHERE a.event_id = $1) ORDER BY s.name, s.id"
    ))
    .bind(event)
    .fetch_all(db.pool())
    .await
}

/// The speakers of one agenda item, in billing order.
pub async fn of_item(db: &Db, item: AgendaItemId) -> Result<Vec<SpeakerRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM speakers s JOIN agenda_item_speakers x ON x.speaker_id = s.id \
         WHERE x.agenda_item_id = $1 ORDER BY x.position, s.name"
    ))
    .bind(item)
    .fetch_all(db.pool())
    .await
}

/// The ids and names of all the organization's speakers (imports match names to them).
pub async fn names(
    db: &Db,
    organization: OrganizationId,
) -> Result<Vec<(SpeakerId, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM speakers WHERE organization_id = $1")
        .bind(organization)
        .fetch_all(db.pool())
        .await
}

/// Creates a profile.
pub async fn create<'c, E>(
    executor: E,
    organization: OrganizationId,
    values: &SpeakerValues,
    now: i64,
) -> Result<SpeakerId, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO speakers (organization_id, name, headline, company, bio, links, \
         search_text, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
         RETURNING id",
    )
    .bind(organization)
    .bind(&values.name)
    .bind(&values.headline)
    .bind(&values.company)
    .bind(&values.bio)
    .bind(&values.links)
    .bind(values.search_text())
    .bind(now)
    .fetch_one(executor)
    .await?;
    Ok(SpeakerId(id))
}

/// Saves a profile; false when it is not the organization's.
pub async fn update(
    db: &Db,
    organization: OrganizationId,
    id: SpeakerId,
    values: &SpeakerValues,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE speakers SET name = $3, headline = $4, company = $5, bio = $6, links = $7, \
         search_text = $8, updated_at = $9 WHERE organization_id = $1 AND id = $2",
    )
    .bind(organization)
    .bind(id)
    .bind(&values.name)
    .bind(&values.headline)
    .bind(&values.company)
    .bind(&values.bio)
    .bind(&values.links)
    .bind(values.search_text())
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Sets or removes a speaker's photo; false when the organization has no such speaker.
pub async fn set_photo(
    db: &Db,
    organization: OrganizationId,
    id: SpeakerId,
    photo: Option<&str>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "UPDATE speakers SET photo = $1, updated_at = $2 WHERE id = $3 AND organization_id = $4",
    )
    .bind(photo)
    .bind(now)
    .bind(id)
    .bind(organization)
    .execute(db.pool())
    .await
    .map(|done| done.rows_affected() == 1)
}

/// How many sessions the speaker gives, over all events.
pub async fn session_count(db: &Db, id: SpeakerId) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM agenda_item_speakers WHERE speaker_id = $1")
            .bind(id)
            .fetch_one(db.pool())
            .await?;
    Ok(n)
}

/// Deletes a profile and takes it off its sessions; false when it is not the organization's.
pub async fn delete<E>(
    executor: &mut E,
    organization: OrganizationId,
    id: SpeakerId,
) -> Result<bool, sqlx::Error>
where
    for<'e> &'e mut E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "DELETE FROM agenda_item_speakers WHERE speaker_id = (SELECT id FROM speakers \
         WHERE organization_id = $1 AND id = $2)",
    )
    .bind(organization)
    .bind(id)
    .execute(&mut *executor)
    .await?;
    let done = sqlx::query("DELETE FROM speakers WHERE organization_id = $1 AND id = $2")
        .bind(organization)
        .bind(id)
        .execute(&mut *executor)
        .await?;
    Ok(done.rows_affected() > 0)
}
