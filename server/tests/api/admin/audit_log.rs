//! The audit log in the console records logins with their origin, and no addresses.

use app::api::admin::AdminAuditLog;
use domain::PlatformRole;

use super::admin_browser;
use crate::fixtures::{given_user, log_in};
use crate::helpers::TestApp;

#[tokio::test]
async fn the_audit_log_records_logins_with_their_origin() {
    let app = TestApp::spawn().await;
    let (admin, _) = admin_browser(&app).await;
    given_user(&app, "ann@example.org", PlatformRole::None).await;
    let browser = app.browser();
    for email in ["ann@example.org", "ghost@example.org"] {
        browser
            .run(log_in(email, "wrong password!"))
            .await
            .expect_err("a wrong password");
    }
    let entries = admin
        .run(AdminAuditLog { before: None })
        .await
        .expect("the audit log");
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
