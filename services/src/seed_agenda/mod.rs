//! The demo event's program: rooms, tracks, a dozen speakers and about twenty sessions over
//! its two days, and a few registrations, so a newcomer sees every page filled in.

use anyhow::Context as _;

use domain::{EventId, OrganizationId, RoomId, SpeakerId, TrackId};

use super::db::agenda::{self, ItemValues, Place};
use super::db::speakers::{self, SpeakerValues};
use super::db::{self, Db, registrations};
use super::media;

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

/// A generated portrait for the demo's speaker number `n`: a soft gradient in a hue of its
/// own with a lighter disc, as a PNG (no photographs of real people ship with the demo).
fn portrait(n: usize) -> Vec<u8> {
    let hue = (n as f32 * 47.0) % 360.0;
    let (r, g, b) = hsl(hue, 0.55, 0.5);
    let image = image::RgbImage::from_fn(256, 256, |x, y| {
        let (dx, dy) = (x as f32 - 128.0, y as f32 - 110.0);
        let disc = (dx * dx + dy * dy).sqrt() < 56.0 || (dy > 70.0 && dx.abs() < 100.0 - dy / 3.0);
        let shade = 0.75 + 0.25 * (y as f32 / 256.0);
        let light = if disc { 1.35 } else { shade };
        let c = |v: f32| (v * light).clamp(0.0, 255.0) as u8;
        image::Rgb([c(r), c(g), c(b)])
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("a PNG is written to memory");
    out
}

/// HSL (degrees, 0–1, 0–1) to RGB in 0–255.
fn hsl(h: f32, s: f32, l: f32) -> (f32, f32, f32) {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = match (h / 60.0) as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    ((r + m) * 255.0, (g + m) * 255.0, (b + m) * 255.0)
}

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

/// How much program each generated organization gets in `seed --scale large`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProgramShape {
    /// Speaker profiles per organization.
    pub speakers_per_organization: usize,
    /// Sessions of each event.
    pub sessions_per_event: usize,
    /// Sessions of the organization's first event (the benchmarks' "busy event").
    pub sessions_of_first_event: usize,
    /// Speakers of the organization's first event.
    pub speakers_of_first_event: usize,
}

const HEADLINES: &[&str] = &[
    "Staff engineer",
    "Researcher",
    "Founder",
    "Developer advocate",
    "Architect",
    "Maintainer",
];

/// Writes the program of one generated organization inside its transaction: its speakers,
/// and for each of its events rooms, tracks, sessions and their speakers. Multi-row
/// statements keep it to a few dozen statements per organization.
pub async fn large_program(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    organization: OrganizationId,
    shape: ProgramShape,
    now: i64,
) -> anyhow::Result<(usize, usize)> {
    let o = organization.0;
    for chunk in (0..shape.speakers_per_organization)
        .collect::<Vec<_>>()
        .chunks(500)
    {
        let sql = format!(
            "INSERT INTO speakers (organization_id, name, headline, company, bio, links, \
             search_text, created_at, updated_at) VALUES {}",
            db::placeholders(chunk.len(), 9, 3, |c| match c {
                1 => "$1".to_owned(),
                8 | 9 => "$2".to_owned(),
                _ => String::new(),
            })
        );
        let mut query = sqlx::query(&sql).bind(organization).bind(now);
        for s in chunk {
            let name = format!("Speaker {o}-{s}");
            let headline = HEADLINES[s % HEADLINES.len()];
            let company = format!("Company {}", s % 97);
            query = query
                .bind(name.clone())
                .bind(headline)
                .bind(company.clone())
                .bind("Generated by `convene seed --scale large`.")
                .bind("")
                .bind(format!("{name} {headline} {company}").to_lowercase());
        }
        query.execute(&mut **tx).await?;
    }
    let speakers: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM speakers WHERE organization_id = $1 ORDER BY id")
            .bind(organization)
            .fetch_all(&mut **tx)
            .await?;
    let events: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT id, starts_at, ends_at FROM events WHERE organization_id = $1 ORDER BY id",
    )
    .bind(organization)
    .fetch_all(&mut **tx)
    .await?;
    let mut sessions_created = 0;
    for (index, (event, starts_at, ends_at)) in events.iter().enumerate() {
        let (sessions, speakers_here) = match index {
            0 => (shape.sessions_of_first_event, shape.speakers_of_first_event),
            _ => (
                shape.sessions_per_event,
                shape.speakers_per_organization / events.len().max(1) + 1,
            ),
        };
        let event = EventId(*event);
        let days = ((ends_at - starts_at) / 86_400 + 1).max(1) as usize;
        // Eight one-hour slots a day per room, and as many rooms as that needs.
        let rooms_needed = sessions.div_ceil(8 * days).max(1);
        let mut rooms = Vec::new();
        for r in 0..rooms_needed {
            rooms.push(
                agenda::add_place(&mut **tx, event, Place::Rooms, &format!("Room {}", r + 1))
                    .await?,
            );
        }
        let mut tracks = Vec::new();
        for name in ["Main track", "Deep dives"] {
            tracks.push(agenda::add_place(&mut **tx, event, Place::Tracks, name).await?);
        }
        for chunk in (0..sessions).collect::<Vec<_>>().chunks(300) {
            let sql = format!(
                "INSERT INTO agenda_items (event_id, title, abstract, kind, starts_at, ends_at, \
                 room_id, track_id, search_text, created_at, updated_at) VALUES {}",
                db::placeholders(chunk.len(), 11, 3, |c| match c {
                    1 => "$1".to_owned(),
                    4 => "'talk'".to_owned(),
                    10 | 11 => "$2".to_owned(),
                    _ => String::new(),
                })
            );
            let mut query = sqlx::query(&sql).bind(event).bind(now);
            for k in chunk {
                let slot = k / rooms_needed;
                let (day, hour) = ((slot / 8) % days, slot % 8);
                let start = starts_at + (day * 86_400 + hour * 3_600) as i64;
                let title = format!("Session {k} of event {}", event.0);
                query = query
                    .bind(title.clone())
                    .bind("A generated session.")
                    .bind(start)
                    .bind(start + 45 * 60)
                    .bind(rooms[k % rooms_needed])
                    .bind(tracks[k % 2])
                    .bind(title.to_lowercase());
            }
            query.execute(&mut **tx).await?;
        }
        sessions_created += sessions;
        // Two speakers per session, drawn from this event's share of the organization's.
        let items: Vec<(i64,)> =
            sqlx::query_as("SELECT id FROM agenda_items WHERE event_id = $1 ORDER BY id")
                .bind(event)
                .fetch_all(&mut **tx)
                .await?;
        let pool = speakers.len().max(1);
        let first = (index * speakers_here) % pool;
        let mut pairs: Vec<(i64, i64, i64)> = Vec::with_capacity(items.len() * 2);
        for (k, (item,)) in items.iter().enumerate() {
            for p in 0..2 {
                let pick = (first + (k * 2 + p) % speakers_here.max(2)) % pool;
                if let Some((speaker,)) = speakers.get(pick) {
                    pairs.push((*item, *speaker, p as i64));
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup_by_key(|(item, speaker, _)| (*item, *speaker));
        for chunk in pairs.chunks(1_000) {
            let sql = format!(
                "INSERT INTO agenda_item_speakers (agenda_item_id, speaker_id, position) VALUES {} \
                 ON CONFLICT (agenda_item_id, speaker_id) DO NOTHING",
                db::placeholders(chunk.len(), 3, 1, |_| String::new())
            );
            let mut query = sqlx::query(&sql);
            for (item, speaker, position) in chunk {
                query = query.bind(*item).bind(*speaker).bind(*position);
            }
            query.execute(&mut **tx).await?;
        }
    }
    Ok((speakers.len(), sessions_created))
}
