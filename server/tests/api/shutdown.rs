//! SIGTERM stops the server gracefully: no new connections, requests in flight finish.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::helpers::{TestDatabase, convene_command};

#[tokio::test]
async fn sigterm_lets_a_slow_request_finish_and_refuses_new_connections() {
    let database = TestDatabase::new().await;
    let mut child = convene_command()
        .arg("serve")
        .env("CONVENE_DATABASE_URL", &database.url)
        .env("CONVENE_ADDR", "127.0.0.1:0")
        .env("CONVENE_DATA_DIR", database.dir.path())
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("convene serve starts");
    let stderr = child.stderr.take().expect("stderr is piped");
    let (port_tx, port_rx) = mpsc::channel();
    let log = std::thread::spawn(move || {
        let mut lines = Vec::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("listening on http://").nth(1) {
                let addr: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
                let _ = port_tx.send(addr);
            }
            lines.push(line);
        }
        lines
    });
    let Ok(addr) = port_rx.recv_timeout(Duration::from_secs(30)) else {
        let _ = child.kill();
        panic!("the server did not start: {:?}", log.join());
    };

    // A client that sends its headers and half its body, then stalls: a slow request.
    let mut slow = TcpStream::connect(&addr).expect("connect");
    slow.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    write!(
        slow,
        "POST /api/list_upcoming_events HTTP/1.1\r\nHost: {addr}\r\n\
         Sec-Fetch-Site: same-origin\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\n\r\nquery="
    )
    .expect("write headers");
    std::thread::sleep(Duration::from_millis(300));

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        TcpStream::connect(&addr).is_err(),
        "a new connection was accepted after SIGTERM"
    );
    assert!(
        child.try_wait().expect("status").is_none(),
        "the server exited with a request in flight"
    );

    slow.write_all(b"rust").expect("write the rest of the body");
    let mut response = String::new();
    slow.read_to_string(&mut response)
        .expect("the response arrives");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.ends_with("[]"), "{response}");

    let exit = wait_with_timeout(&mut child, Duration::from_secs(10));
    assert_eq!(exit.and_then(|s| s.code()), Some(0));
    let lines = log.join().expect("log reader");
    assert!(
        lines.iter().any(|l| l.contains("shutting down")),
        "{lines:?}"
    );
}

fn wait_with_timeout(
    child: &mut std::process::Child,
    limit: Duration,
) -> Option<std::process::ExitStatus> {
    let started = std::time::Instant::now();
    while started.elapsed() < limit {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    None
}
