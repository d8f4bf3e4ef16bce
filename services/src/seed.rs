//! Demo data, so a newcomer lands in a lively site, and large data at the scale the product
//! must hold, for benchmarks. Both are idempotent: seeding twice changes nothing.

use anyhow::Context as _;
use jiff::civil::Time;
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp, ToSpan as _};

use domain::OrganizationId;

use super::accounts::bootstrap::{self, Credentials};
use super::db::{self, Db, events, organizations};
use super::seed_agenda::ProgramShape;
use super::seed_feed::FeedShape;
pub use super::seed_progress::{ProgressLines, SeedProgress, SeedStep};

/// How much data to create.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// A demo organization with a handful of events.
    Demo,
    /// The scale in PRODUCT.md: 6,500 events across 650 organizations with 492,000
    /// speakers and their agendas, 100,000 accounts, and 1.3 million feed posts with 10.7
    /// million likes ([`LargeShape::BRIEF`]).
    Large,
}

/// How much `seed --scale large` creates; tests use a smaller shape of the same data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LargeShape {
    /// Generated organizations.
    pub organizations: usize,
    /// Events of each.
    pub events_per_organization: usize,
    /// Their speakers and agendas.
    pub program: ProgramShape,
    /// Load-test accounts.
    pub accounts: usize,
    /// Their feeds.
    pub feed: FeedShape,
}

impl LargeShape {
    /// The brief's figures: 650 × 10 = 6,500 events, 650 × 757 = 492,050 speakers.
    pub const BRIEF: Self = Self {
        organizations: 650,
        events_per_organization: 10,
        program: ProgramShape {
            speakers_per_organization: 757,
            sessions_per_event: 40,
            sessions_of_first_event: 200,
            speakers_of_first_event: 150,
        },
        accounts: bootstrap::LARGE_ACCOUNTS,
        feed: FeedShape::BRIEF,
    };
}

/// What seeding did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    /// Organizations created.
    pub organizations: usize,
    /// Events created.
    pub events: usize,
    /// Accounts created.
    pub accounts: usize,
    /// Speaker profiles created.
    pub speakers: usize,
    /// Agenda sessions created.
    pub sessions: usize,
    /// Feed posts created.
    pub posts: usize,
    /// Contacts created besides those registrations made.
    pub contacts: usize,
    /// The demo accounts' passwords, to print once.
    pub credentials: Vec<Credentials>,
}

/// Seeds `scale` unless it is already there (demo: only into a database without any
/// organization; large: each generated organization that is missing, so a run that was
/// interrupted is completed by the next). Speaker photos of the demo are written under
/// `media_dir`. The search documents of what was seeded are built before it returns.
pub async fn seed(
    db: &Db,
    scale: Scale,
    media_dir: &std::path::Path,
    progress: &(dyn Fn(SeedProgress) + Sync),
) -> anyhow::Result<SeedReport> {
    let report = match scale {
        Scale::Demo => {
            if organizations::count(db).await? > 0 {
                return Ok(SeedReport::default());
            }
            demo(db, media_dir).await?
        }
        Scale::Large => large(db, LargeShape::BRIEF, progress).await?,
    };
    // Statistics before the search documents: each document is read by a query planned from
    // them, and a freshly loaded PostgreSQL without them scanned every session's speakers
    // once per event (minutes at the large scale).
    progress(SeedProgress::Step(SeedStep::Statistics));
    db.analyze().await?;
    progress(SeedProgress::Step(SeedStep::SearchDocuments));
    super::search::refresh(db).await?;
    Ok(report)
}

struct DemoEvent {
    slug: &'static str,
    title: &'static str,
    summary: &'static str,
    description: &'static str,
    days_from_now: i64,
    days_long: i64,
    time_zone: &'static str,
    venue: Option<&'static str>,
    online_url: Option<&'static str>,
    status: &'static str,
    visibility: &'static str,
}

const DEMO_EVENTS: &[DemoEvent] = &[
    DemoEvent {
        slug: "rust-summit",
        title: "Rust Summit",
        summary: "Two days of talks and workshops on building reliable software in Rust.",
        description: "Rust Summit brings together people who build servers, browsers, databases and embedded devices in Rust.\n\nExpect deep technical talks, hands-on workshops and plenty of hallway conversations.\n\nEvery talk is recorded and published after the event.",
        days_from_now: 21,
        days_long: 2,
        time_zone: "Europe/Berlin",
        venue: Some("Kulturbrauerei, Berlin"),
        online_url: None,
        status: "published",
        visibility: "public",
    },
    DemoEvent {
        slug: "web-performance-day",
        title: "Web Performance Day",
        summary: "A single-track day about making the web fast for everyone.",
        description: "From server rendering to image formats: practical talks on shipping less and loading sooner.\n\nThe day ends with a live clinic where speakers audit sites submitted by attendees.",
        days_from_now: 45,
        days_long: 1,
        time_zone: "Europe/Amsterdam",
        venue: Some("Pakhuis de Zwijger, Amsterdam"),
        online_url: Some("https://stream.example.org/web-performance-day"),
        status: "published",
        visibility: "public",
    },
    DemoEvent {
        slug: "open-source-maintainers-meetup",
        title: "Open Source Maintainers Meetup",
        summary: "An evening for people who keep open-source projects alive.",
        description: "Short talks on funding, governance and avoiding burnout, followed by open discussion.",
        days_from_now: 9,
        days_long: 1,
        time_zone: "America/New_York",
        venue: None,
        online_url: Some("https://meet.example.org/maintainers"),
        status: "published",
        visibility: "public",
    },
    DemoEvent {
        slug: "data-engineering-forum",
        title: "Data Engineering Forum",
        summary: "Three days on pipelines, warehouses and streaming at scale.",
        description: "Case studies from teams moving billions of rows a day, and workshops on the tools they use.",
        days_from_now: 80,
        days_long: 3,
        time_zone: "Asia/Tokyo",
        venue: Some("Tokyo International Forum"),
        online_url: None,
        status: "published",
        visibility: "public",
    },
    DemoEvent {
        slug: "speaker-dinner",
        title: "Speaker Dinner",
        summary: "A private dinner for the Rust Summit speakers.",
        description: "Reachable by its link only: not listed on the home page.",
        days_from_now: 20,
        days_long: 1,
        time_zone: "Europe/Berlin",
        venue: Some("Prater Garten, Berlin"),
        online_url: None,
        status: "published",
        visibility: "unlisted",
    },
    DemoEvent {
        slug: "rust-summit-next-year",
        title: "Rust Summit (next year)",
        summary: "Still being planned.",
        description: "A draft: only the organization sees it.",
        days_from_now: 385,
        days_long: 2,
        time_zone: "Europe/Berlin",
        venue: Some("Berlin"),
        online_url: None,
        status: "draft",
        visibility: "public",
    },
];

async fn demo(db: &Db, media_dir: &std::path::Path) -> anyhow::Result<SeedReport> {
    let now = db::now();
    let mut tx = db.pool().begin().await?;
    let org = organizations::insert(&mut *tx, "convene-demo", "Convene Demo", now).await?;
    let rows: Vec<events::NewEventRow<'_>> = DEMO_EVENTS
        .iter()
        .map(|e| {
            let (starts_at, ends_at) = event_times(now, e.days_from_now, e.days_long, e.time_zone)?;
            Ok(events::NewEventRow {
                organization_id: org,
                slug: e.slug,
                title: e.title,
                summary: e.summary,
                description: e.description,
                starts_at,
                ends_at,
                time_zone: e.time_zone,
                venue: e.venue,
                online_url: e.online_url,
                status: e.status,
                visibility: e.visibility,
            })
        })
        .collect::<anyhow::Result<_>>()?;
    events::insert_many(&mut *tx, &rows, now).await?;
    tx.commit().await?;
    let credentials = bootstrap::demo_accounts(db, org).await?;
    // The attendee (and the organizer, to see the count) have joined the summit.
    let mut attendees = Vec::new();
    for c in credentials.iter().filter(|c| c.role != "admin") {
        if let Some(user) = super::db::users::by_email(db, &c.email).await? {
            attendees.push(user.id);
        }
    }
    let (speakers, sessions) =
        super::seed_agenda::demo_program(db, org, "rust-summit", &attendees, media_dir).await?;
    let summit = events::find_public_by_slug(db, "rust-summit")
        .await?
        .context("the demo summit is missing")?;
    let organizer = credentials
        .iter()
        .find(|c| c.role == "organizer")
        .context("the demo organizer is missing")?;
    let organizer = super::db::users::by_email(db, &organizer.email)
        .await?
        .context("the demo organizer account is missing")?;
    let posts = super::seed_feed::demo_feed(db, summit.id, organizer.id, &attendees).await?;
    let contacts = super::seed_campaigns::demo_campaigns(db, org, summit.id, organizer.id).await?;
    super::seed_tickets::demo_tickets(db).await?;
    Ok(SeedReport {
        organizations: 1,
        events: rows.len(),
        accounts: credentials.len(),
        speakers,
        sessions,
        posts,
        contacts,
        credentials,
    })
}

const ZONES: &[&str] = &[
    "Europe/Berlin",
    "America/New_York",
    "Asia/Tokyo",
    "Europe/London",
    "America/Los_Angeles",
];
const CITIES: &[&str] = &["Berlin", "New York", "Tokyo", "London", "San Francisco"];
const TOPICS: &[&str] = &[
    "Rust", "Data", "Design", "Security", "Cloud", "AI", "Web", "Mobile", "DevOps", "Games",
];

const LARGE_ORG_PREFIX: &str = "load-org-";

fn large_org_slug(i: usize) -> String {
    format!("{LARGE_ORG_PREFIX}{i}")
}

/// Organizations with their events spread over two years, their speakers and agendas, one
/// transaction per organization; organizations already there are skipped. `progress` hears
/// of each organization written and of each later step.
pub async fn large(
    db: &Db,
    shape: LargeShape,
    progress: &(dyn Fn(SeedProgress) + Sync),
) -> anyhow::Result<SeedReport> {
    let now = db::now();
    let mut report = SeedReport::default();
    // One query for what an earlier, interrupted run left, not one per organization.
    let existing: std::collections::HashSet<String> =
        organizations::slugs_starting_with(db, LARGE_ORG_PREFIX)
            .await?
            .into_iter()
            .collect();
    let missing: Vec<usize> = (0..shape.organizations)
        .filter(|o| !existing.contains(&large_org_slug(*o)))
        .collect();
    let of = missing.len() * shape.events_per_organization;
    for o in missing {
        let mut tx = db.pool().begin().await?;
        let org: OrganizationId = organizations::insert(
            &mut *tx,
            &large_org_slug(o),
            &format!("Load Test Org {o}"),
            now,
        )
        .await?;
        let owned: Vec<(String, String, i64, i64, usize)> = (0..shape.events_per_organization)
            .map(|e| {
                let n = o * shape.events_per_organization + e;
                let zone = n % ZONES.len();
                let (starts, ends) =
                    event_times(now, (n % 730) as i64 - 365, 1 + (n % 3) as i64, ZONES[zone])?;
                Ok((
                    format!("load-event-{n}"),
                    format!("{} Conference {n}", TOPICS[n % TOPICS.len()]),
                    starts,
                    ends,
                    zone,
                ))
            })
            .collect::<anyhow::Result<_>>()?;
        let rows: Vec<events::NewEventRow<'_>> = owned
            .iter()
            .map(
                |(slug, title, starts_at, ends_at, zone)| events::NewEventRow {
                    organization_id: org,
                    slug,
                    title,
                    summary: "A generated event for load testing.",
                    description: "Generated by `convene seed --scale large`.",
                    starts_at: *starts_at,
                    ends_at: *ends_at,
                    time_zone: ZONES[*zone],
                    venue: Some(CITIES[*zone]),
                    online_url: None,
                    status: "published",
                    visibility: "public",
                },
            )
            .collect();
        events::insert_many(&mut *tx, &rows, now).await?;
        let (speakers, sessions) =
            super::seed_agenda::large_program(&mut tx, org, shape.program, now).await?;
        tx.commit()
            .await
            .context("committing a batch of generated events")?;
        report.organizations += 1;
        report.events += rows.len();
        report.speakers += speakers;
        report.sessions += sessions;
        progress(SeedProgress::Events {
            done: report.events,
            of,
        });
    }
    progress(SeedProgress::Step(SeedStep::Accounts));
    report.accounts = bootstrap::large_accounts(db, shape.accounts).await?;
    // After the accounts: they write and like the posts.
    progress(SeedProgress::Step(SeedStep::FeedPosts));
    let slugs: Vec<String> = (0..shape.organizations).map(large_org_slug).collect();
    report.posts = super::seed_feed::large_feed(db, &slugs, shape.feed).await?;
    Ok(report)
}

/// Start and end instants for an event `days_from_now` days ahead (negative: in the past),
/// running 09:00 to 17:00 local time over `days_long` days in `time_zone`.
fn event_times(
    now: i64,
    days_from_now: i64,
    days_long: i64,
    time_zone: &str,
) -> anyhow::Result<(i64, i64)> {
    let tz = TimeZone::get(time_zone)?;
    let today = Timestamp::from_second(now)?.to_zoned(tz).date();
    let first = today.checked_add(days_from_now.days())?;
    let last = first.checked_add(Span::new().days(days_long - 1))?;
    let start = first
        .to_datetime(Time::constant(9, 0, 0, 0))
        .in_tz(time_zone)?;
    let end = last
        .to_datetime(Time::constant(17, 0, 0, 0))
        .in_tz(time_zone)?;
    Ok((start.timestamp().as_second(), end.timestamp().as_second()))
}
