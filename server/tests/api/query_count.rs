//! The N+1 guard: the event page, its schedule, its speakers and its calendar run the same
//! number of SQL statements with 5 sessions as with 200. Counted from the statement log of a
//! separate `convene serve` process (SQLite runs statements on a worker thread, outside any
//! request span, so only a process of its own gives an exact count).

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use domain::{EventId, OrganizationId, PlatformRole, SpeakerId};
use services::db::agenda::{self, ItemValues, Place};
use services::db::speakers::{self, SpeakerValues};
use services::db::{self, Db};

use crate::fixtures::event;
use crate::helpers::{TestApp, convene_command};

/// A `convene serve` over the test's database that counts the statements it runs.
struct CountingServer {
    child: Child,
    address: String,
    /// Every statement line, and which request ids were answered: requests are sent one at
    /// a time, so the lines logged between two answers are what one request ran.
    log: Arc<Mutex<Log>>,
    requests: AtomicUsize,
    client: reqwest::Client,
}

#[derive(Default)]
struct Log {
    statements: Vec<String>,
    answered: HashSet<String>,
}

impl CountingServer {
    fn start(app: &TestApp) -> Self {
        let mut child = convene_command()
            .arg("serve")
            .env("CONVENE_DATABASE_URL", &app.database.url)
            .env("CONVENE_ADDR", "127.0.0.1:0")
            .env("CONVENE_DATA_DIR", app.database.dir.path())
            .env("CONVENE_LOG_FORMAT", "json")
            // Background work would add its own statements to the counts.
            .env("CONVENE_PUBLISH_CHECK_SECS", "3600")
            .env("CONVENE_IMPORT_CHECK_SECS", "3600")
            .env("CONVENE_SEARCH_CHECK_SECS", "3600")
            .env("CONVENE_CAMPAIGN_CHECK_SECS", "3600")
            // The rendering's own queries are counted, not the cache's one lookup.
            .env("CONVENE_PAGE_CACHE_MB", "0")
            .env(
                "RUST_LOG",
                "warn,server=info,tower_http=info,sqlx::query=debug",
            )
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("convene serve starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let log = Arc::new(Mutex::new(Log::default()));
        let (address_tx, address_rx) = mpsc::channel();
        let shared = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let Ok(mut log) = shared.lock() else { return };
                // Connection set-up (PRAGMA, SET) happens whenever the pool opens a
                // connection, not because of the page.
                let setup = ["\"summary\":\"PRAGMA", "\"summary\":\"SET "]
                    .iter()
                    .any(|prefix| line.contains(prefix));
                if line.contains("\"target\":\"sqlx::query\"") && !setup {
                    log.statements.push(line);
                } else if line.contains("finished processing request")
                    && let Some(rest) = line.split("\"request.id\":\"").nth(1)
                {
                    let id: String = rest.chars().take_while(|c| *c != '"').collect();
                    log.answered.insert(id);
                } else if let Some(rest) = line.split("listening on http://").nth(1) {
                    let address: String = rest
                        .chars()
                        .take_while(|c| !c.is_whitespace() && *c != '"')
                        .collect();
                    let _ = address_tx.send(address);
                }
            }
        });
        let address = address_rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the server reports its address");
        Self {
            child,
            address: format!("http://{address}"),
            log,
            requests: AtomicUsize::new(0),
            client: reqwest::Client::new(),
        }
    }

    /// Sends `GET path`; the number of statement lines logged once it is answered.
    async fn get(&self, path: &str) -> usize {
        let id = format!("count-{}", self.requests.fetch_add(1, Ordering::SeqCst));
        let response = self
            .client
            .get(format!("{}{path}", self.address))
            .header("x-request-id", &id)
            .send()
            .await
            .expect("request sent");
        assert_eq!(response.status(), 200, "{path}");
        response.text().await.expect("body");
        let statements = || self.log.lock().map(|l| l.statements.len()).unwrap_or(0);
        for _ in 0..200 {
            let answered = self
                .log
                .lock()
                .ok()
                .is_some_and(|l| l.answered.contains(&id));
            if answered {
                // SQLite's worker thread may log a statement just after the response: wait
                // until the log is quiet.
                let mut count = statements();
                loop {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    let now = statements();
                    if now == count {
                        return count;
                    }
                    count = now;
                }
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("no response line for {id} in the log");
    }

    /// The statements run while answering `GET path`, after a warm-up request (so
    /// prepared-statement caches and lazy start-up work do not count), with their lines.
    async fn statements_for(&self, path: &str) -> (usize, Vec<String>) {
        let before = self.get(path).await;
        let after = self.get(path).await;
        let lines = self
            .log
            .lock()
            .map(|l| l.statements[before..after].to_vec())
            .unwrap_or_default();
        (after - before, lines)
    }
}

impl Drop for CountingServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Gives the event `sessions` sessions over two rooms and a track, each with two of
/// `speakers` speakers, and one registration.
async fn program(
    db: &Db,
    organization: OrganizationId,
    event: EventId,
    sessions: i64,
    speakers_n: usize,
) {
    let (starts_at,): (i64,) = sqlx::query_as("SELECT starts_at FROM events WHERE id = $1")
        .bind(event)
        .fetch_one(db.pool())
        .await
        .expect("the event");
    let now = db::now();
    let mut rooms = Vec::new();
    for name in ["Hall A", "Hall B"] {
        let id = agenda::add_place(db.pool(), event, Place::Rooms, name).await;
        rooms.push(id.ok());
    }
    let track = agenda::add_place(db.pool(), event, Place::Tracks, "Systems")
        .await
        .ok();
    let mut people: Vec<SpeakerId> = Vec::new();
    for n in people.len()..speakers_n {
        let values = SpeakerValues {
            name: format!("Speaker {n}"),
            headline: "Engineer".into(),
            company: "Acme".into(),
            bio: "Builds things.".into(),
            links: String::new(),
        };
        people.push(
            speakers::create(db.pool(), organization, &values, now)
                .await
                .expect("speaker"),
        );
    }
    for n in 0..sessions {
        let values = ItemValues {
            title: format!("Session {n}"),
            abstract_text: "About *things*.".into(),
            kind: "talk",
            starts_at: starts_at + (n / 2) * 600,
            ends_at: starts_at + (n / 2) * 600 + 540,
            room: rooms[(n % 2) as usize].map(domain::RoomId),
            track: track.map(domain::TrackId),
        };
        let item = agenda::create_item(db.pool(), event, &values, now)
            .await
            .expect("item");
        for k in 0..2 {
            let speaker = people[(n as usize * 2 + k) % people.len()];
            agenda::attach_speaker(db.pool(), item, speaker)
                .await
                .expect("attached");
        }
    }
}

async fn event_id(db: &Db, slug: &str) -> EventId {
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM events WHERE slug = $1")
        .bind(slug)
        .fetch_one(db.pool())
        .await
        .expect("event");
    EventId(id)
}

#[tokio::test]
async fn public_pages_run_as_many_statements_for_200_sessions_as_for_5() {
    let app = TestApp::spawn().await;
    let small_org = app
        .given_events("small", [event("small-conf", "Small Conf")])
        .await;
    let large_org = app
        .given_events("large", [event("large-conf", "Large Conf")])
        .await;
    program(
        app.db(),
        small_org,
        event_id(app.db(), "small-conf").await,
        5,
        5,
    )
    .await;
    program(
        app.db(),
        large_org,
        event_id(app.db(), "large-conf").await,
        200,
        150,
    )
    .await;
    crate::fixtures::given_user(&app, "reader@example.org", PlatformRole::None).await;

    let server = CountingServer::start(&app);
    for page in ["", "/schedule", "/speakers", "/calendar.ics"] {
        let (small, small_statements) =
            server.statements_for(&format!("/e/small-conf{page}")).await;
        let (large, statements) = server.statements_for(&format!("/e/large-conf{page}")).await;
        assert!(small > 0, "the statement log is read ({page})");
        assert_eq!(
            small,
            large,
            "/e/…{page}: {small} statements for 5 sessions:\n{}\n{large} for 200:\n{}",
            small_statements.join("\n"),
            statements.join("\n")
        );
    }
}
