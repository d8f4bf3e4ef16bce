//! Mail through a real SMTP server: aiosmtpd (installed by `scripts/install-tools.sh --test`)
//! in its own process, storing what it receives in a maildir.

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use app::error::AppError;

use crate::fixtures::PASSWORD;
use crate::helpers::{TestApp, app_error, link_token};

struct SmtpServer {
    child: Child,
    port: u16,
    maildir: tempfile::TempDir,
}

impl SmtpServer {
    fn start() -> Self {
        let port = free_port();
        let maildir = tempfile::tempdir().expect("a maildir");
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            // A directory that does not exist yet: Python's Maildir creates its cur/new/tmp.
            .arg(maildir.path().join("box"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m aiosmtpd starts (scripts/install-tools.sh --test installs it)");
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "aiosmtpd did not start listening"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Self {
            child,
            port,
            maildir,
        }
    }

    /// The messages received so far.
    fn messages(&self) -> Vec<String> {
        std::fs::read_dir(self.maildir.path().join("box").join("new"))
            .map(|dir| {
                dir.filter_map(Result::ok)
                    .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Waits up to five seconds for a message to `to`.
    async fn wait_for_mail_to(&self, to: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            if let Some(message) = self
                .messages()
                .into_iter()
                .find(|m| m.contains(&format!("To: {to}")))
            {
                return message
                    .replace("=\r\n", "")
                    .replace("=\n", "")
                    .replace("=3D", "=");
            }
            assert!(Instant::now() < deadline, "no mail to {to} arrived");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

#[tokio::test]
async fn sign_up_mail_goes_through_a_real_smtp_server() {
    let smtp = SmtpServer::start();
    let url = format!("smtp://127.0.0.1:{}", smtp.port);
    let app = TestApp::spawn_with(&[
        ("smtp_url", &url),
        ("mail_from", "Convene <events@example.org>"),
    ])
    .await;
    let browser = app.browser();
    browser
        .ok(
            "sign_up",
            &[
                ("email", "ann@example.org"),
                ("display_name", "Ann"),
                ("password", PASSWORD),
            ],
        )
        .await;
    let message = smtp.wait_for_mail_to("ann@example.org").await;
    assert!(
        message.contains("From: Convene <events@example.org>"),
        "{message}"
    );
    assert!(message.contains("Subject: Confirm your email address for Convene"));
    assert_eq!(
        app.mail_count(),
        0,
        "nothing goes to the development folder"
    );
    let token = link_token(&message, "/verify-email");
    browser.ok("verify_email", &[("token", &token)]).await;
    assert!(
        browser
            .current_user()
            .await
            .expect("signed in")
            .email_verified
    );
}

#[tokio::test]
async fn an_unreachable_smtp_server_loses_no_account_and_says_so() {
    let url = format!("smtp://127.0.0.1:{}", free_port());
    let app = TestApp::spawn_with(&[("smtp_url", &url)]).await;
    let browser = app.browser();
    browser
        .ok(
            "sign_up",
            &[
                ("email", "ann@example.org"),
                ("display_name", "Ann"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert!(
        browser.current_user().await.is_some(),
        "the account exists and is signed in"
    );
    let resend = browser.call("resend_verification", &[]).await;
    assert_eq!(app_error(resend, 503).await, AppError::Unavailable);
}
