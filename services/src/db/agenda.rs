//! Rooms, tracks and agenda items of an event, and which speakers give each item. Reads for a
//! whole event take a fixed number of queries whatever its size (no query per item).

use sqlx::FromRow;

use domain::{AgendaItemId, EventId, RoomId, SpeakerId, TrackId};

use super::Db;

/// A room or track: id and name.
#[derive(Debug, Clone, FromRow)]
pub struct NamedRow {
    /// Primary key.
    pub id: i64,
    /// Name.
    pub name: String,
}

/// Rooms or tracks, the two tables that look alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// `rooms`, in column order.
    Rooms,
    /// `tracks`, by name.
    Tracks,
}

impl Place {
    fn table(self) -> &'static str {
        match self {
            Self::Rooms => "rooms",
            Self::Tracks => "tracks",
        }
    }

    fn order(self) -> &'static str {
        match self {
            Self::Rooms => "position, id",
            Self::Tracks => "name_key, id",
        }
    }

    fn item_column(self) -> &'static str {
        match self {
            Self::Rooms => "room_id",
            Self::Tracks => "track_id",
        }
    }
}

/// The event's rooms or tracks.
pub async fn places(db: &Db, event: EventId, place: Place) -> Result<Vec<NamedRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT id, name FROM {} WHERE event_id = $1 ORDER BY {}",
        place.table(),
        place.order()
    ))
    .bind(event)
    .fetch_all(db.pool())
    .await
}

/// Adds a room or track. The same name twice (ignoring case) fails with a unique violation.
pub async fn add_place<'c, E>(
    executor: E,
    event: EventId,
    place: Place,
    name: &str,
) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let sql = match place {
        Place::Rooms => {
            "INSERT INTO rooms (event_id, name, name_key, position) VALUES ($1, $2, $3, \
             (SELECT COALESCE(MAX(position), 0) + 1 FROM rooms WHERE event_id = $1)) RETURNING id"
        }
        Place::Tracks => {
            "INSERT INTO tracks (event_id, name, name_key) VALUES ($1, $2, $3) RETURNING id"
        }
    };
    let (id,): (i64,) = sqlx::query_as(sql)
        .bind(event)
        .bind(name)
        .bind(name.to_lowercase())
        .fetch_one(executor)
        .await?;
    Ok(id)
}

/// How many of the event's items use the room or track.
pub async fn place_use(db: &Db, place: Place, id: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM agenda_items WHERE {} = $1",
        place.item_column()
    ))
    .bind(id)
    .fetch_one(db.pool())
    .await?;
    Ok(n)
}

/// Deletes a room or track of `event`; sessions in it lose their room or track. False when
/// it is not the event's.
pub async fn delete_place<E>(
    executor: &mut E,
    event: EventId,
    place: Place,
    id: i64,
) -> Result<bool, sqlx::Error>
where
    for<'e> &'e mut E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(&format!(
        "UPDATE agenda_items SET {} = NULL WHERE event_id = $1 AND {} = $2",
        place.item_column(),
        place.item_column()
    ))
    .bind(event)
    .bind(id)
    .execute(&mut *executor)
    .await?;
    let done = sqlx::query(&format!(
        "DELETE FROM {} WHERE event_id = $1 AND id = $2",
        place.table()
    ))
    .bind(event)
    .bind(id)
    .execute(&mut *executor)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// An agenda item with its room's and track's names.
#[derive(Debug, Clone, FromRow)]
pub struct ItemRow {
    /// Primary key.
    pub id: AgendaItemId,
    /// Title.
    pub title: String,
    /// Markdown.
    #[sqlx(rename = "abstract")]
    pub abstract_text: String,
    /// Kind.
    pub kind: String,
    /// Unix seconds.
    pub starts_at: i64,
    /// Unix seconds.
    pub ends_at: i64,
    /// Room.
    pub room_id: Option<RoomId>,
    /// Room's name.
    pub room_name: Option<String>,
    /// Track.
    pub track_id: Option<TrackId>,
    /// Track's name.
    pub track_name: Option<String>,
}

const ITEM_SELECT: &str = "SELECT a.id, a.title, a.abstract, a.kind, a.starts_at, a.ends_at, \
    a.room_id, r.name AS room_name, a.track_id, t.name AS track_name FROM agenda_items a \
    LEFT JOIN rooms r ON r.id = a.room_id LEFT JOIN tracks t ON t.id = a.track_id";

/// The event's items, by start then room.
pub async fn items(db: &Db, event: EventId) -> Result<Vec<ItemRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{ITEM_SELECT} WHERE a.event_id = $1 ORDER BY a.starts_at, r.position, a.id"
    ))
    .bind(event)
    .fetch_all(db.pool())
    .await
}

/// One item of the event.
pub async fn item(
    db: &Db,
    event: EventId,
    id: AgendaItemId,
) -> Result<Option<ItemRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{ITEM_SELECT} WHERE a.event_id = $1 AND a.id = $2"
    ))
    .bind(event)
    .bind(id)
    .fetch_optional(db.pool())
    .await
}

/// A speaker of an item.
#[derive(Debug, Clone, FromRow)]
pub struct ItemSpeakerRow {
    /// The item.
    pub agenda_item_id: AgendaItemId,
    /// The speaker.
    pub speaker_id: SpeakerId,
    /// Their name.
    pub name: String,
}

/// Every (item, speaker) pair of the event, in billing order: one query for the whole agenda.
pub async fn item_speakers(db: &Db, event: EventId) -> Result<Vec<ItemSpeakerRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT x.agenda_item_id, x.speaker_id, s.name FROM agenda_item_speakers x \
         JOIN agenda_items a ON a.id = x.agenda_item_id JOIN speakers s ON s.id = x.speaker_id \
         WHERE a.event_id = $1 ORDER BY x.agenda_item_id, x.position, s.name",
    )
    .bind(event)
    .fetch_all(db.pool())
    .await
}

/// What the session form sets.
#[derive(Debug, Clone)]
pub struct ItemValues {
    /// Title.
    pub title: String,
    /// Markdown.
    pub abstract_text: String,
    /// Kind.
    pub kind: &'static str,
    /// Unix seconds.
    pub starts_at: i64,
    /// Unix seconds.
    pub ends_at: i64,
    /// Room of the same event.
    pub room: Option<RoomId>,
    /// Track of the same event.
    pub track: Option<TrackId>,
}

/// Adds an item to the event.
pub async fn create_item<'c, E>(
    executor: E,
    event: EventId,
    values: &ItemValues,
    now: i64,
) -> Result<AgendaItemId, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO agenda_items (event_id, title, abstract, kind, starts_at, ends_at, room_id, \
         track_id, search_text, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(event)
    .bind(&values.title)
    .bind(&values.abstract_text)
    .bind(values.kind)
    .bind(values.starts_at)
    .bind(values.ends_at)
    .bind(values.room)
    .bind(values.track)
    .bind(format!("{} {}", values.title, values.abstract_text).to_lowercase())
    .bind(now)
    .fetch_one(executor)
    .await?;
    Ok(AgendaItemId(id))
}

/// Saves an item of the event; false when it is not the event's.
pub async fn update_item<'c, E>(
    executor: E,
    event: EventId,
    id: AgendaItemId,
    values: &ItemValues,
    now: i64,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE agenda_items SET title = $3, abstract = $4, kind = $5, starts_at = $6, \
         ends_at = $7, room_id = $8, track_id = $9, search_text = $10, updated_at = $11 \
         WHERE event_id = $1 AND id = $2",
    )
    .bind(event)
    .bind(id)
    .bind(&values.title)
    .bind(&values.abstract_text)
    .bind(values.kind)
    .bind(values.starts_at)
    .bind(values.ends_at)
    .bind(values.room)
    .bind(values.track)
    .bind(format!("{} {}", values.title, values.abstract_text).to_lowercase())
    .bind(now)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Deletes an item of the event; false when it is not the event's.
pub async fn delete_item<'c, E>(
    executor: E,
    event: EventId,
    id: AgendaItemId,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let done = sqlx::query("DELETE FROM agenda_items WHERE event_id = $1 AND id = $2")
        .bind(event)
        .bind(id)
        .execute(executor)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Adds a speaker to an item, last in billing order; adding one twice changes nothing.
pub async fn attach_speaker<'c, E>(
    executor: E,
    item: AgendaItemId,
    speaker: SpeakerId,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO agenda_item_speakers (agenda_item_id, speaker_id, position) VALUES ($1, $2, \
         (SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_item_speakers WHERE agenda_item_id = $1)) \
         ON CONFLICT (agenda_item_id, speaker_id) DO NOTHING",
    )
    .bind(item)
    .bind(speaker)
    .execute(executor)
    .await?;
    Ok(())
}

/// Removes a speaker from an item.
pub async fn detach_speaker<'c, E>(
    executor: E,
    item: AgendaItemId,
    speaker: SpeakerId,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    sqlx::query("DELETE FROM agenda_item_speakers WHERE agenda_item_id = $1 AND speaker_id = $2")
        .bind(item)
        .bind(speaker)
        .execute(executor)
        .await?;
    Ok(())
}

/// Copies the rooms and tracks of `from` into `to` (duplicating an event).
pub async fn copy_places<E>(executor: &mut E, from: EventId, to: EventId) -> Result<(), sqlx::Error>
where
    for<'e> &'e mut E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO rooms (event_id, name, name_key, position) \
         SELECT $2, name, name_key, position FROM rooms WHERE event_id = $1",
    )
    .bind(from)
    .bind(to)
    .execute(&mut *executor)
    .await?;
    sqlx::query(
        "INSERT INTO tracks (event_id, name, name_key) SELECT $2, name, name_key FROM tracks \
         WHERE event_id = $1",
    )
    .bind(from)
    .bind(to)
    .execute(&mut *executor)
    .await?;
    Ok(())
}
