//! Work that costs a core and tens of megabytes (password hashing, image decoding) is bounded
//! process-wide: measured on the real `convene` binary, through /proc, while it is flooded.

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use futures_util::StreamExt as _;
use image::ImageEncoder as _;

use crate::feed::world_with;
use crate::fixtures::{PASSWORD, session_secret_for};
use crate::helpers::{TestApp, convene_command};

/// `convene serve` over the test's database, on a port of its own.
struct Server {
    child: Child,
    address: String,
}

impl Server {
    async fn start(app: &TestApp, extra: &[(&str, &str)]) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let mut command = convene_command();
        command
            .arg("serve")
            .env("CONVENE_DATABASE_URL", &app.database.url)
            .env("CONVENE_ADDR", format!("127.0.0.1:{port}"))
            .env("CONVENE_DATA_DIR", app.database.dir.path())
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (key, value) in extra {
            command.env(key, value);
        }
        let child = command.spawn().expect("convene serve starts");
        let address = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        while reqwest::get(format!("{address}/healthz")).await.is_err() {
            assert!(Instant::now() < deadline, "the server did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Self { child, address }
    }

    /// The most resident memory the process has held, in MiB (`VmHWM`).
    fn peak_mib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the process is alive");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .expect("VmHWM in /proc")
            / 1024
    }

    /// A browser of this server's, signed in with `secret` when given.
    fn client(&self, secret: Option<&str>) -> reqwest::Client {
        let mut headers = crate::helpers::same_origin(&self.address);
        if let Some(secret) = secret {
            let cookie = format!("convene_session={secret}");
            headers.insert("cookie", cookie.parse().expect("a header"));
        }
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(headers)
            .build()
            .expect("a client")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A PNG of 36 megapixels at 16 bits per channel, all zeros: 288 MB decoded as sent, about
/// a third of a megabyte on the wire.
fn bomb() -> Vec<u8> {
    const SIDE: u32 = 6_000;
    let pixels = vec![0u8; (SIDE * SIDE * 8) as usize];
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new_with_quality(
        &mut out,
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::NoFilter,
    )
    .write_image(&pixels, SIDE, SIDE, image::ExtendedColorType::Rgba16)
    .expect("encoded");
    out
}

#[tokio::test]
async fn a_burst_of_sign_ups_waits_for_the_hashing_places_instead_of_growing_memory() {
    let app = TestApp::spawn().await;
    let server = Server::start(&app, &[]).await;
    let before = server.peak_mib();
    let client = server.client(None);
    let url = format!("{}/api/sign_up", server.address);
    let created = futures_util::stream::iter(0..20)
        .map(|i| {
            let (client, url) = (client.clone(), url.clone());
            async move {
                let email = format!("burst{i}@example.org");
                let form = [
                    ("email", email.as_str()),
                    ("display_name", "Burst"),
                    ("password", PASSWORD),
                ];
                client
                    .post(&url)
                    .form(&form)
                    .send()
                    .await
                    .expect("answered")
                    .status()
            }
        })
        .buffer_unordered(20)
        .filter(|status| std::future::ready(status.is_success()))
        .count()
        .await;
    assert_eq!(
        created, 20,
        "every sign-up waited its turn and went through"
    );
    let peak = server.peak_mib();
    eprintln!("peak resident memory: {before} MiB before twenty sign-ups, {peak} MiB after");
    // Two hashes at a time take 38 MiB; twenty at once would take 380.
    assert!(
        peak < before + 100,
        "peak {peak} MiB, {before} MiB before the burst"
    );
}

#[tokio::test]
async fn eight_image_bombs_at_once_keep_memory_bounded_and_pages_answering() {
    let w = world_with(&[]).await;
    let secret = session_secret_for(&w.app, w.alice_id).await;
    let server = Server::start(&w.app, &[("CONVENE_FEED_POSTS_PER_MINUTE", "100")]).await;
    let before = server.peak_mib();
    let alice = server.client(Some(&secret));
    let bomb = bomb();
    assert!(bomb.len() < 2 * 1024 * 1024, "{} bytes", bomb.len());
    let mut truncated = bomb.clone();
    truncated.truncate(bomb.len() / 2);
    let url = format!("{}/e/conf/feed/posts", server.address);
    let bombs = futures_util::stream::iter(0..8)
        .map(|i| {
            let bytes = if i % 2 == 0 {
                bomb.clone()
            } else {
                truncated.clone()
            };
            let (alice, url) = (alice.clone(), url.clone());
            async move {
                let form = reqwest::multipart::Form::new()
                    .text("body", format!("Bomb {i}"))
                    .part(
                        "image",
                        reqwest::multipart::Part::bytes(bytes).file_name("bomb.png"),
                    );
                let response = alice
                    .post(&url)
                    .multipart(form)
                    .send()
                    .await
                    .expect("answered");
                let retry = response.headers().contains_key("retry-after");
                (response.status(), retry)
            }
        })
        .buffer_unordered(8)
        .collect::<Vec<_>>();
    let reader = server.client(None);
    let pages = async {
        let mut slowest = Duration::ZERO;
        for _ in 0..20 {
            let started = Instant::now();
            let page = reader
                .get(format!("{}/e/conf", server.address))
                .send()
                .await
                .expect("answered");
            assert_eq!(page.status(), 200);
            slowest = slowest.max(started.elapsed());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        slowest
    };
    let (statuses, slowest) = tokio::join!(bombs, pages);
    // Each bomb is processed in its turn (back to the feed), or, when its turn does not come
    // within the wait, refused with "try again later".
    for (status, retry) in &statuses {
        assert!(
            status.as_u16() == 303 || (status.as_u16() == 503 && *retry),
            "{status}"
        );
    }
    assert!(statuses.iter().any(|(s, _)| s.as_u16() == 303));
    assert!(
        slowest < Duration::from_secs(2),
        "the event page took {slowest:?}"
    );
    let peak = server.peak_mib();
    eprintln!("peak resident memory with eight image bombs: {peak} MiB, {before} MiB before");
    // What the bombs add is bounded by the image work's memory budget, plus a quarter for
    // what the allocator keeps around it (measured over six runs: 188 to 232 MiB added to a
    // 71 MiB start); eight bombs decoded at once would add over 2 GiB.
    let bound = services::media::MEMORY_BUDGET_MIB as u64 * 5 / 4;
    assert!(
        peak.saturating_sub(before) < bound,
        "peak resident memory {peak} MiB, {before} MiB before the bombs"
    );
}
