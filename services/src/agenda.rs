//! Builds the agenda of an event from its rows, in a fixed number of queries: the items with
//! their rooms and tracks, then every item's speakers at once.

use std::collections::HashMap;

use jiff::tz::TimeZone;

use domain::agenda::{AgendaItem, Named, SessionKind};
use domain::error::AppError;
use domain::{AgendaItemId, EventId, SpeakerId};

use super::db::Db;
use super::db::agenda::{self, ItemRow, ItemSpeakerRow};
use super::time;

/// The event's items by start, labelled in `tz`.
pub async fn items(db: &Db, event: EventId, tz: &TimeZone) -> Result<Vec<AgendaItem>, AppError> {
    let rows = agenda::items(db, event)
        .await
        .map_err(AppError::db("cannot read an agenda"))?;
    let speakers = agenda::item_speakers(db, event)
        .await
        .map_err(AppError::db("cannot read an agenda's speakers"))?;
    Ok(assemble(rows, speakers, tz))
}

/// Joins items and their speakers (both as read from the database).
pub fn assemble(
    rows: Vec<ItemRow>,
    speakers: Vec<ItemSpeakerRow>,
    tz: &TimeZone,
) -> Vec<AgendaItem> {
    let mut by_item: HashMap<AgendaItemId, Vec<Named<SpeakerId>>> = HashMap::new();
    for s in speakers {
        by_item.entry(s.agenda_item_id).or_default().push(Named {
            id: s.speaker_id,
            name: s.name,
        });
    }
    rows.into_iter()
        .map(|row| {
            let speakers = by_item.remove(&row.id).unwrap_or_default();
            item(row, speakers, tz)
        })
        .collect()
}

/// One item, labelled in `tz`.
pub fn item(row: ItemRow, speakers: Vec<Named<SpeakerId>>, tz: &TimeZone) -> AgendaItem {
    AgendaItem {
        id: row.id,
        kind: SessionKind::parse(&row.kind).unwrap_or(SessionKind::Talk),
        day: time::day_of(row.starts_at, tz),
        starts_local: time::local_input(row.starts_at, tz),
        ends_local: time::local_input(row.ends_at, tz),
        time_label: time::time_range(row.starts_at, row.ends_at, tz),
        room: row
            .room_id
            .zip(row.room_name)
            .map(|(id, name)| Named { id, name }),
        track: row
            .track_id
            .zip(row.track_name)
            .map(|(id, name)| Named { id, name }),
        title: row.title,
        abstract_text: row.abstract_text,
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        speakers,
    }
}
