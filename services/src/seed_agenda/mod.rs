//! The demo event's program: rooms, tracks, a dozen speakers and about twenty sessions over
//! its two days, and a few registrations, so a newcomer sees every page filled in.

mod large;
mod lineup;
mod portraits;

pub use large::{ProgramShape, large_program};

use anyhow::Context as _;

use domain::{EventId, OrganizationId, RoomId, SpeakerId, TrackId};

use super::db::agenda::{self, ItemValues, Place};
use super::db::speakers::{self, SpeakerValues};
use super::db::{self, Db, registrations};
use super::media;

use lineup::{SESSIONS, SPEAKERS};
use portraits::portrait;

/// Seeds the program of the event `slug` of `organization`; `attendees` join it. The
/// numbers of speakers and sessions created.
pub async fn demo_program(
    db: &Db,
    organization: OrganizationId,
    slug: &str,
    attendees: &[domain::UserId],
    media_dir: &std::path::Path,
) -> anyhow::Result<(usize, usize)> {
    let (event, starts_at, time_zone): (i64, i64, String) =
        sqlx::query_as("SELECT id, starts_at, time_zone FROM events WHERE slug = $1")
            .bind(slug)
            .fetch_one(db.pool())
            .await
            .context("the demo event is missing")?;
    let event = EventId(event);
    let tz = super::time::zone_or_utc(&time_zone);
    let first_day = super::time::day_of(starts_at, &tz);
    let now = db::now();
    let mut tx = db.pool().begin().await?;
    let mut rooms = Vec::new();
    for name in ["Main Hall", "Room Ferris", "Workshop Loft"] {
        rooms.push(RoomId(
            agenda::add_place(&mut *tx, event, Place::Rooms, name).await?,
        ));
    }
    let mut tracks = Vec::new();
    for name in ["Core language", "Ecosystem"] {
        tracks.push(TrackId(
            agenda::add_place(&mut *tx, event, Place::Tracks, name).await?,
        ));
    }
    tx.commit().await?;
    let mut speaker_ids: Vec<SpeakerId> = Vec::new();
    for (name, headline, company) in SPEAKERS {
        let values = SpeakerValues {
            name: (*name).to_owned(),
            headline: (*headline).to_owned(),
            company: (*company).to_owned(),
            bio: format!(
                "{name} works on {} at {company}.\n\nThey speak about what they build and what it taught them.",
                headline.to_lowercase()
            ),
            links: format!(
                "https://example.org/{}",
                name.to_lowercase().replace([' ', '\''], "-")
            ),
        };
        let id = speakers::create(db.pool(), organization, &values, now).await?;
        // Through the same checks and renditions as an upload.
        let photo = media::process(&portrait(speaker_ids.len()), media::Purpose::Photo)
            .map_err(anyhow::Error::msg)?;
        media::save(media_dir, &photo)
            .await
            .map_err(|_| anyhow::anyhow!("cannot write the demo photos"))?;
        speakers::set_photo(db, organization, id, Some(&photo.name), now).await?;
        speaker_ids.push(id);
    }
    let date: jiff::civil::Date = first_day.parse()?;
    let mut tx = db.pool().begin().await?;
    for (day, start, minutes, room, track, title, kind, who) in SESSIONS {
        let local = format!(
            "{}T{start}",
            date.checked_add(jiff::Span::new().days(*day))?
        );
        let starts = super::time::parse_local(&local, &tz).map_err(anyhow::Error::msg)?;
        let values = ItemValues {
            title: (*title).to_owned(),
            abstract_text: if *kind == "break" {
                String::new()
            } else {
                format!(
                    "**{title}**: what we learned, what broke, and what we would do again.\n\nBring questions."
                )
            },
            kind: domain::agenda::SessionKind::parse(kind)
                .map_err(anyhow::Error::msg)?
                .as_str(),
            starts_at: starts,
            ends_at: starts + minutes * 60,
            room: room.map(|r| rooms[r]),
            track: (*kind != "break").then(|| tracks[*track]),
        };
        let item = agenda::create_item(&mut *tx, event, &values, now).await?;
        for speaker in *who {
            agenda::attach_speaker(&mut *tx, item, speaker_ids[*speaker]).await?;
        }
    }
    for user in attendees {
        registrations::set(&mut *tx, event, *user, "joined", now).await?;
    }
    tx.commit().await?;
    Ok((SPEAKERS.len(), SESSIONS.len()))
}
