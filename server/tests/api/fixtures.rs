//! Test data, inserted through the application's own database functions:
//! `app.given_events("acme", [event("rust-summit", "Rust Summit").in_days(10)])`.

use app::api::accounts::LogIn;
use domain::OrganizationId;
use domain::{NewPassword, OrgRole, PlatformRole, UserId};
use services::accounts::tokens;
use services::db::{self, Db, events, organizations};
use services::db::{memberships, sessions, users};

use crate::helpers::{Browser, TestApp};

/// An organization named after its slug ("Org acme").
pub async fn create_organization(db: &Db, slug: &str) -> OrganizationId {
    organizations::insert(db.pool(), slug, &format!("Org {slug}"), db::now())
        .await
        .expect("organization inserted")
}

/// An event to insert; [`event`] gives the defaults and the methods change one thing each.
pub struct EventSpec {
    slug: String,
    title: String,
    days_from_now: i64,
    status: &'static str,
    visibility: &'static str,
    venue: Option<String>,
    online_url: Option<String>,
}

/// A published, public event in Berlin, starting tomorrow and lasting eight hours.
pub fn event(slug: &str, title: &str) -> EventSpec {
    EventSpec {
        slug: slug.into(),
        title: title.into(),
        days_from_now: 1,
        status: "published",
        visibility: "public",
        venue: Some("Berlin".into()),
        online_url: None,
    }
}

impl EventSpec {
    /// Starts `days` days from now (negative: in the past).
    pub fn in_days(self, days: i64) -> Self {
        Self {
            days_from_now: days,
            ..self
        }
    }

    /// Not yet published.
    pub fn draft(self) -> Self {
        Self {
            status: "draft",
            ..self
        }
    }

    /// Withdrawn from public pages.
    pub fn archived(self) -> Self {
        Self {
            status: "archived",
            ..self
        }
    }

    /// Reachable by link only.
    pub fn unlisted(self) -> Self {
        Self {
            visibility: "unlisted",
            ..self
        }
    }

    /// Can also be joined online at `url`.
    pub fn online(self, url: &str) -> Self {
        Self {
            online_url: Some(url.into()),
            ..self
        }
    }

    /// Online only, at `url`.
    pub fn online_only(self, url: &str) -> Self {
        Self {
            venue: None,
            online_url: Some(url.into()),
            ..self
        }
    }

    /// Held at `venue`.
    pub fn at(self, venue: &str) -> Self {
        Self {
            venue: Some(venue.into()),
            ..self
        }
    }
}

impl TestApp {
    /// Creates the organization `org` and its `events`.
    pub async fn given_events(
        &self,
        org: &str,
        events: impl IntoIterator<Item = EventSpec>,
    ) -> OrganizationId {
        let org = create_organization(self.db(), org).await;
        let now = db::now();
        let specs: Vec<EventSpec> = events.into_iter().collect();
        let rows: Vec<events::NewEventRow<'_>> = specs
            .iter()
            .map(|spec| {
                let starts_at = now + spec.days_from_now * 86_400;
                events::NewEventRow {
                    organization_id: org,
                    slug: &spec.slug,
                    title: &spec.title,
                    summary: "A summary.",
                    description: "First paragraph.\n\nSecond paragraph.",
                    starts_at,
                    ends_at: starts_at + 8 * 3600,
                    time_zone: "Europe/Berlin",
                    venue: spec.venue.as_deref(),
                    online_url: spec.online_url.as_deref(),
                    status: spec.status,
                    visibility: spec.visibility,
                }
            })
            .collect();
        events::insert_many(self.db().pool(), &rows, now)
            .await
            .expect("events inserted");
        org
    }
}

/// The password every fixture account has.
pub const PASSWORD: &str = "violet kettle drums";

/// An active, verified account with [`PASSWORD`].
pub async fn given_user(app: &TestApp, email: &str, role: PlatformRole) -> UserId {
    let password = NewPassword::parse(PASSWORD).expect("a valid password");
    let hash = services::accounts::password::hash(&password)
        .await
        .expect("hashed");
    let name = email.split('@').next().unwrap_or(email);
    let new = users::NewUser {
        email,
        display_name: name,
        password_hash: &hash,
        platform_role: role,
        email_verified_at: Some(db::now()),
    };
    users::insert(app.db().pool(), &new, db::now())
        .await
        .expect("user inserted")
}

/// The login form filled in with `email` and `password`, as sent with JavaScript.
pub fn log_in(email: &str, password: &str) -> LogIn {
    LogIn {
        email: email.to_owned(),
        password: password.to_owned(),
        next: None,
    }
}

/// A browser signed in as `email` (with [`PASSWORD`]).
pub async fn logged_in(app: &TestApp, email: &str) -> Browser {
    let browser = app.browser();
    browser
        .run(log_in(email, PASSWORD))
        .await
        .expect("logged in");
    browser
}

/// Adds `user` to `organization` with `role`.
pub async fn given_member(
    app: &TestApp,
    organization: OrganizationId,
    user: UserId,
    role: OrgRole,
) {
    memberships::upsert(app.db().pool(), organization, user, role, db::now())
        .await
        .expect("member added");
}

/// A browser signed in as `user` through a session written straight into the database:
/// no password verification, for tests that need many signed-in people.
pub async fn session_for(app: &TestApp, user: UserId) -> Browser {
    app.browser_with_session(&session_secret_for(app, user).await)
}

/// A new session of `user`'s: the cookie's value.
pub async fn session_secret_for(app: &TestApp, user: UserId) -> String {
    let secret = tokens::new_secret();
    let session = sessions::NewSession {
        token_hash: &tokens::digest(&secret),
        user_id: user,
        user_agent: "test",
        ip: "127.0.0.1",
        expires_at: db::now() + 3600,
    };
    sessions::insert(app.db(), &session, db::now())
        .await
        .expect("session stored");
    secret
}
