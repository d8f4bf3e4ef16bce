//! The application started for a test on a free port, on a runtime of its own, and the plain
//! requests its tests send.

use std::sync::Arc;

use server::startup::Application;
use services::db::Db;
use services::{Config, Services};
use tokio::sync::oneshot;

use super::{TestDatabase, same_origin};

/// A running application and a client pointed at it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    /// A client that does not follow redirects.
    pub client: reqwest::Client,
    /// The application's services (database pool, configuration).
    pub state: Services,
    /// The database, kept alive for the test (shared with any other instance on it).
    pub database: Arc<TestDatabase>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl TestApp {
    /// Starts the application over a fresh, migrated database.
    pub async fn spawn() -> Self {
        Self::spawn_with(&[]).await
    }

    /// Starts the application with configuration overrides (keys as in `convene.toml`).
    pub async fn spawn_with(overrides: &[(&str, &str)]) -> Self {
        Self::start(Arc::new(TestDatabase::new().await), overrides).await
    }

    /// A second instance of the application on this one's database, as several stateless
    /// instances run in production.
    pub async fn another_instance(&self) -> Self {
        self.another_instance_with(&[]).await
    }

    /// The same, with configuration overrides.
    pub async fn another_instance_with(&self, overrides: &[(&str, &str)]) -> Self {
        Self::start(self.database.clone(), overrides).await
    }

    async fn start(database: Arc<TestDatabase>, overrides: &[(&str, &str)]) -> Self {
        // TEST_LOG=1 shows the application's logs (RUST_LOG filters them).
        if std::env::var_os("TEST_LOG").is_some() {
            server::telemetry::init(services::config::LogFormat::Text);
        }
        let data_dir = database.dir.path().to_string_lossy().into_owned();
        let site_root = database
            .dir
            .path()
            .join("site")
            .to_string_lossy()
            .into_owned();
        let mut pairs = vec![
            ("database_url", database.url.as_str()),
            ("addr", "127.0.0.1:0"),
            ("data_dir", data_dir.as_str()),
            ("site_root", site_root.as_str()),
            ("database_max_connections", "4"),
        ];
        pairs.extend_from_slice(overrides);
        let config = Config::from_pairs(pairs).expect("test configuration is valid");
        // The application runs on a multi-threaded runtime of its own, as in production,
        // not on the test's single-threaded one: a test awaiting a response then never
        // competes with the server for its only thread.
        let (ready_tx, ready_rx) = oneshot::channel();
        let (tx, rx) = oneshot::channel::<()>();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("a runtime for the application");
            runtime.block_on(async move {
                let app = Application::build(config)
                    .await
                    .expect("the application builds");
                let _ = ready_tx.send((app.local_addr(), app.state().clone()));
                let _ = app
                    .run_until(async move {
                        let _ = rx.await;
                    })
                    .await;
            });
        });
        let (local_addr, state) = ready_rx.await.expect("the application started");
        let address = format!("http://{local_addr}");
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .default_headers(same_origin(&address))
            .build()
            .expect("a client");
        Self {
            address,
            client,
            state,
            database,
            shutdown: Some(tx),
        }
    }

    /// The database pool.
    pub fn db(&self) -> &Db {
        &self.state.db
    }

    /// `GET path`.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request sent")
    }

    /// Calls a server function by name without a session: a form-encoded POST to `/api/NAME`,
    /// for requests no generated type can make (missing or malformed arguments, oversized
    /// bodies, unknown functions).
    pub async fn call(&self, name: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{name}", self.address))
            .form(form)
            .send()
            .await
            .expect("request sent")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
