//! A real SMTP server for the mail tests: `scripts/smtp-sink.py` (aiosmtpd, installed by
//! `scripts/install-tools.sh --test`) in its own process, storing each message it accepts in
//! a maildir. Tests can make it stall, or refuse each recipient's first message.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The running server; killed when dropped.
pub struct SmtpSink {
    child: Child,
    /// Its port on 127.0.0.1.
    pub port: u16,
    dir: tempfile::TempDir,
}

impl SmtpSink {
    /// A sink that accepts everything.
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    /// A sink started with extra arguments (`--transient-first`).
    pub fn start_with(args: &[&str]) -> Self {
        Self::start_on(free_port(), args)
    }

    /// A sink on `port`, once nothing else listens there.
    pub fn start_on(port: u16, args: &[&str]) -> Self {
        let dir = tempfile::tempdir().expect("a directory for the maildir");
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/smtp-sink.py");
        let child = Command::new("python3")
            .arg(script)
            .args(["--port", &port.to_string()])
            .arg("--maildir")
            .arg(dir.path().join("box"))
            .arg("--control")
            .arg(dir.path())
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 scripts/smtp-sink.py starts (scripts/install-tools.sh --test installs aiosmtpd)");
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "the SMTP sink did not start listening"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { child, port, dir }
    }

    /// `smtp://127.0.0.1:port`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    fn new_dir(&self) -> PathBuf {
        self.dir.path().join("box").join("new")
    }

    /// How many messages were accepted.
    pub fn count(&self) -> usize {
        std::fs::read_dir(self.new_dir()).map_or(0, |dir| dir.count())
    }

    /// The messages accepted so far, with quoted-printable soft breaks and `=3D` undone.
    pub fn messages(&self) -> Vec<String> {
        std::fs::read_dir(self.new_dir())
            .map(|dir| {
                dir.filter_map(Result::ok)
                    .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
                    .map(|m| {
                        m.replace("=\r\n", "")
                            .replace("=\n", "")
                            .replace("=3D", "=")
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// While stalled, messages are received but not answered (nor stored).
    pub fn stall(&self, stalled: bool) {
        let file = self.dir.path().join("STALL");
        if stalled {
            std::fs::write(file, b"").expect("the stall file is written");
        } else {
            let _ = std::fs::remove_file(file);
        }
    }

    /// Waits up to `seconds` for at least `n` messages.
    pub async fn wait_for_count(&self, n: usize, seconds: u64) {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        while self.count() < n {
            assert!(
                Instant::now() < deadline,
                "only {} of {n} messages arrived",
                self.count()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits up to five seconds for a message to `to`.
    pub async fn wait_for_mail_to(&self, to: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            if let Some(message) = self
                .messages()
                .into_iter()
                .find(|m| m.contains(&format!("To: {to}")))
            {
                return message;
            }
            assert!(Instant::now() < deadline, "no mail to {to} arrived");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nobody listens on yet.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The `To:` address of a message.
pub fn recipient(message: &str) -> Option<String> {
    let line = message.lines().find(|l| l.starts_with("To: "))?;
    let address = line.trim_start_matches("To: ");
    Some(match (address.find('<'), address.find('>')) {
        (Some(start), Some(end)) => address[start + 1..end].to_owned(),
        _ => address.trim().to_owned(),
    })
}
