//! The platform admin console.

mod accounts;
mod audit_log;
mod organizations;
mod pages;

use domain::{PlatformRole, UserId};

use crate::fixtures::{given_user, session_for};
use crate::helpers::{Browser, TestApp};

async fn admin_browser(app: &TestApp) -> (Browser, UserId) {
    let admin = given_user(app, "admin@example.org", PlatformRole::Admin).await;
    (session_for(app, admin).await, admin)
}
