//! Feed data: a lively demo feed for the summit, and the brief's scale (1.3 million posts
//! with 10.7 million likes) for benchmarks, generated inside the database so it takes
//! minutes.

use anyhow::Context as _;

use domain::{EventId, PlatformRole, UserId};

use super::db::{self, Db, feed as feed_db, users};

/// How many posts and likes `seed --scale large` makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeedShape {
    /// Posts in each generated event's feed...
    pub posts_per_event: usize,
    /// ...except this event's, the busy one the benchmark reads and likes in (upcoming, so
    /// the benchmark's attendees can join it)...
    pub busy_event: &'static str,
    /// ...which has this many.
    pub posts_of_busy_event: usize,
}

impl FeedShape {
    /// 6,499 × 185 + 100,000 = 1,302,315 posts. Post `p` has `p % 17` likes, one more when
    /// `p` is a multiple of 3: 8.33 on average, 10.85 million in all.
    pub const BRIEF: Self = Self {
        posts_per_event: 185,
        busy_event: "load-event-400",
        posts_of_busy_event: 100_000,
    };
}

/// The number of likes of the generated post whose id is the SQL column `id`.
fn likes_of(id: &str) -> String {
    format!("({id} % 17 + CASE WHEN {id} % 3 = 0 THEN 1 ELSE 0 END)")
}

const BODIES: &[&str] = &[
    "Great talk this morning, thanks to the speakers!",
    "Anyone up for lunch near the main hall?",
    "The slides of the keynote are online: https://example.org/slides",
    "Loving the **hallway track** so far.",
    "Which workshop are you going to after the break?",
    "Coffee queue is short right now, go go go",
];

/// Generates the feeds of the generated events `load-event-*` of the organizations whose
/// slugs are `org_slugs`, one transaction per organization, skipping events that already
/// have posts (an interrupted run is completed by the next). Authors and likers are the
/// load-test accounts. Returns the posts created.
pub async fn large_feed(db: &Db, org_slugs: &[String], shape: FeedShape) -> anyhow::Result<usize> {
    let (first_user, last, users): (Option<i64>, Option<i64>, i64) = sqlx::query_as(
        "SELECT MIN(id), MAX(id), COUNT(*) FROM users WHERE email LIKE 'load-user-%'",
    )
    .fetch_one(db.pool())
    .await?;
    let (Some(first_user), Some(last)) = (first_user, last) else {
        return Ok(0);
    };
    // A generated post's text cycles through BODIES by its number.
    let body = (0..BODIES.len())
        .map(|i| format!("WHEN {i} THEN '{}'", BODIES[i].replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(" ");
    anyhow::ensure!(
        last - first_user + 1 == users,
        "the load-test accounts do not have consecutive ids; seed into a new database"
    );
    let now = db::now();
    let mut created = 0;
    for slug in org_slugs {
        // Read before the transaction: on SQLite, a transaction that reads first cannot take
        // the write lock once another connection (the search indexer) has written.
        let events: Vec<(EventId, String)> = sqlx::query_as(
            "SELECT e.id, e.slug FROM events e JOIN organizations o ON o.id = e.organization_id \
             WHERE o.slug = $1 AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.event_id = e.id) \
             ORDER BY e.id",
        )
        .bind(slug)
        .fetch_all(db.pool())
        .await?;
        if events.is_empty() {
            continue;
        }
        let mut tx = db.pool().begin().await?;
        for (event, event_slug) in events {
            let count = if event_slug == shape.busy_event {
                shape.posts_of_busy_event
            } else {
                shape.posts_per_event
            };
            // One post a minute back from now; authors cycle through the accounts.
            created += sqlx::query(&format!(
                "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < $2) \
                 INSERT INTO posts (event_id, author_id, kind, body, created_at) \
                 SELECT $1, $3 + ((n * 7919 + $1) % $4), 'post', \
                 CASE n % {} {body} END, $5 - n * 60 FROM s",
                BODIES.len()
            ))
            .bind(event)
            .bind(count as i64)
            .bind(first_user)
            .bind(users)
            .bind(now)
            .execute(&mut *tx)
            .await
            .context("generating posts")?
            .rows_affected() as usize;
            // Distinct likers for each post: k * 104729 % 100,000 differs for k < 18.
            sqlx::query(&format!(
                "WITH RECURSIVE s(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM s WHERE k < 17) \
                 INSERT INTO post_likes (post_id, user_id, created_at) \
                 SELECT p.id, $2 + ((p.id * 7919 + s.k * 104729) % $3), p.created_at + s.k \
                 FROM posts p JOIN s ON s.k < {} WHERE p.event_id = $1",
                likes_of("p.id")
            ))
            .bind(event)
            .bind(first_user)
            .bind(users)
            .execute(&mut *tx)
            .await
            .context("generating likes")?;
            sqlx::query(&format!(
                "UPDATE posts SET like_count = {} WHERE event_id = $1",
                likes_of("id")
            ))
            .bind(event)
            .execute(&mut *tx)
            .await
            .context("counting generated likes")?;
        }
        tx.commit().await.context("committing generated feeds")?;
    }
    Ok(created)
}

/// The people of the demo feed besides the demo accounts.
const DEMO_PEOPLE: &[&str] = &[
    "Maya Chen",
    "Jonas Weber",
    "Priya Raman",
    "Tomás Ortega",
    "Aiko Tanaka",
    "Sam Okafor",
    "Lena Novak",
    "Omar Haddad",
];

const DEMO_POSTS: &[&str] = &[
    "Just landed in Berlin. Who else is here already?",
    "The venue looks amazing. See you at the welcome drinks!",
    "Is anyone organizing a run before the first keynote?",
    "Slides for my lightning talk: https://example.org/async-in-practice",
    "First time at Rust Summit, any tips?",
    "The **async workshop** was packed. Great material.",
    "Found a charger in room B. Ask at the info desk.",
    "Who wants to pair on the embedded challenge tonight?",
    "The coffee here is *excellent*.",
    "Thank you to all the volunteers, you rock.",
];

/// The summit's feed for the demo: a pinned announcement by `organizer`, and two pages of
/// posts by the demo attendees (joined here) and `attendees`, with likes and comments.
pub async fn demo_feed(
    db: &Db,
    event: EventId,
    organizer: UserId,
    attendees: &[UserId],
) -> anyhow::Result<usize> {
    let now = db::now();
    let hash = super::accounts::password::hash(
        &domain::NewPassword::parse(&super::accounts::tokens::new_secret())
            .map_err(anyhow::Error::msg)?,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut people = attendees.to_vec();
    for (n, name) in DEMO_PEOPLE.iter().enumerate() {
        let email = format!("person-{n}@demo.convene.test");
        let user = users::insert(
            db.pool(),
            &users::NewUser {
                email: &email,
                display_name: name,
                password_hash: &hash,
                platform_role: PlatformRole::None,
                email_verified_at: Some(now),
            },
            now,
        )
        .await?;
        db::registrations::set(db.pool(), event, user, "joined", now).await?;
        people.push(user);
    }
    let mut posts = 0;
    for n in 0..30_usize {
        let author = people[n % people.len()];
        let id = feed_db::insert_post(
            db,
            feed_db::NewPost {
                event,
                author,
                kind: "post",
                body: DEMO_POSTS[n % DEMO_POSTS.len()],
                image: None,
                // Oldest first: one every 47 minutes, up to now.
                now: now - (30 - n as i64) * 47 * 60,
            },
        )
        .await?;
        posts += 1;
        for liker in people.iter().skip(n % 3).step_by(2).take(n % 7) {
            let like = super::db::post_likes::Like {
                event,
                post: id,
                user: *liker,
                like: true,
            };
            super::db::post_likes::set_like(db, like, now, super::feed::live::CHANNEL).await?;
        }
        if n % 4 == 0 {
            let commenter = people[(n + 1) % people.len()];
            feed_db::insert_comment(
                db,
                id,
                commenter,
                "Same here! Let's meet at the break.",
                now,
            )
            .await?;
        }
    }
    feed_db::insert_post(
        db,
        feed_db::NewPost {
            event,
            author: organizer,
            kind: "announcement",
            body: "Welcome to Rust Summit! Badges are at the front desk from 8:00. \
                   The first keynote starts at 9:30 in the main hall.",
            image: None,
            now: now - 3 * 3600,
        },
    )
    .await?;
    Ok(posts + 1)
}
