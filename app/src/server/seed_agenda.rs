//! The demo event's program: rooms, tracks, a dozen speakers and about twenty sessions over
//! its two days, and a few registrations, so a newcomer sees every page filled in.

use anyhow::Context as _;

use crate::domain::{EventId, OrganizationId, RoomId, SpeakerId, TrackId};

use super::db::agenda::{self, ItemValues, Place};
use super::db::speakers::{self, SpeakerValues};
use super::db::{self, Db, registrations};

const SPEAKERS: &[(&str, &str, &str)] = &[
    ("Amara Okafor", "Compiler engineer", "Ferrous Labs"),
    ("Lukas Becker", "Async runtime maintainer", "Tidewater"),
    ("Mei Tanaka", "Embedded systems lead", "Kumo Devices"),
    ("Diego Alvarez", "Database internals", "Quill DB"),
    ("Sofia Rossi", "Security researcher", "Aegis"),
    ("Noah Williams", "WebAssembly tooling", "Bytecode Co"),
    ("Priya Raman", "Distributed systems", "Lattice"),
    ("Jonas Lindqvist", "Game engine developer", "Northlight"),
    ("Fatima Zahra", "Developer experience", "Crate Works"),
    ("Tom O'Brien", "Observability", "Tracewell"),
    ("Hana Kim", "Type systems researcher", "University of Seoul"),
    ("Ravi Patel", "Web frameworks", "Leaflet"),
];

/// (day, start "HH:MM", minutes, room index or none, track index, title, kind, speakers)
type Slot = (
    i64,
    &'static str,
    i64,
    Option<usize>,
    usize,
    &'static str,
    &'static str,
    &'static [usize],
);

const SESSIONS: &[Slot] = &[
    (
        0,
        "09:00",
        45,
        Some(0),
        0,
        "Opening keynote: ten years of fearless systems",
        "keynote",
        &[0],
    ),
    (
        0,
        "10:00",
        45,
        Some(0),
        0,
        "Inside the borrow checker",
        "talk",
        &[10],
    ),
    (
        0,
        "10:00",
        45,
        Some(1),
        1,
        "Async Rust without the tears",
        "talk",
        &[1],
    ),
    (
        0,
        "10:00",
        90,
        Some(2),
        1,
        "Workshop: your first embedded driver",
        "workshop",
        &[2],
    ),
    (0, "11:00", 30, None, 0, "Coffee break", "break", &[]),
    (
        0,
        "11:30",
        45,
        Some(0),
        0,
        "Writing a storage engine in Rust",
        "talk",
        &[3],
    ),
    (
        0,
        "11:30",
        45,
        Some(1),
        1,
        "Fuzzing everything",
        "talk",
        &[4],
    ),
    (0, "12:30", 60, None, 0, "Lunch", "break", &[]),
    (
        0,
        "13:30",
        45,
        Some(0),
        1,
        "WebAssembly components in production",
        "talk",
        &[5],
    ),
    (
        0,
        "13:30",
        45,
        Some(1),
        0,
        "Consensus you can read",
        "talk",
        &[6],
    ),
    (
        0,
        "14:30",
        60,
        Some(0),
        0,
        "Panel: Rust in the browser and on the server",
        "panel",
        &[5, 11, 8],
    ),
    (
        0,
        "15:45",
        45,
        Some(1),
        1,
        "Game loops and ECS",
        "talk",
        &[7],
    ),
    (
        1,
        "09:30",
        45,
        Some(0),
        0,
        "Tracing a request through twelve services",
        "talk",
        &[9],
    ),
    (
        1,
        "09:30",
        90,
        Some(2),
        1,
        "Workshop: server functions with Leptos",
        "workshop",
        &[11],
    ),
    (
        1,
        "10:30",
        45,
        Some(1),
        0,
        "Making compile times bearable",
        "talk",
        &[8],
    ),
    (1, "11:15", 30, None, 0, "Coffee break", "break", &[]),
    (
        1,
        "11:45",
        45,
        Some(0),
        1,
        "Const generics in anger",
        "talk",
        &[10],
    ),
    (
        1,
        "11:45",
        45,
        Some(1),
        1,
        "Secure parsing of untrusted input",
        "talk",
        &[4],
    ),
    (
        1,
        "13:30",
        45,
        Some(0),
        0,
        "Scaling SQLite further than you think",
        "talk",
        &[3, 6],
    ),
    (
        1,
        "16:00",
        45,
        Some(0),
        0,
        "Closing keynote: the next ten years",
        "keynote",
        &[1],
    ),
];

/// Seeds the program of the event `slug` of `organization`; `attendees` join it.
pub async fn demo_program(
    db: &Db,
    organization: OrganizationId,
    slug: &str,
    attendees: &[crate::domain::UserId],
) -> anyhow::Result<()> {
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
        speaker_ids.push(speakers::create(db, organization, &values, now).await?);
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
            kind: crate::domain::agenda::SessionKind::parse(kind)
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
    Ok(())
}
