//! The audit log in the console records logins with their origin, and no addresses.

use domain::{AuditEntry, PlatformRole};

use super::admin_browser;
use crate::fixtures::given_user;
use crate::helpers::TestApp;

#[tokio::test]
async fn the_audit_log_records_logins_with_their_origin() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin_browser(&app).await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let browser = app.browser();
    browser
        .call(
            "log_in",
            &[
                ("email", "ann@example.org"),
                ("password", "wrong password!"),
            ],
        )
        .await;
    browser
        .call(
            "log_in",
            &[
                ("email", "ghost@example.org"),
                ("password", "wrong password!"),
            ],
        )
        .await;
    let entries: Vec<AuditEntry> = admin
        .ok("admin_audit_log", &[])
        .await
        .json()
        .await
        .expect("json");
    let failures: Vec<(&str, Option<&str>, &str)> = entries
        .iter()
        .filter(|e| e.action == "login.failed")
        .map(|e| (e.detail.as_str(), e.subject.as_deref(), e.ip.as_str()))
        .collect();
    assert_eq!(
        failures,
        [
            ("unknown address", None, "127.0.0.1"),
            ("wrong password", Some("ann"), "127.0.0.1")
        ]
    );
    assert!(
        entries.iter().all(|e| !e.detail.contains("ghost@")),
        "addresses are not written into details"
    );
}
