//! Building the application (database, migrations, router, listener) separately from
//! running it, so tests can build it on port 0 and drive it.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use leptos::prelude::LeptosOptions;
use services::accounts::bootstrap::{self, AdminCreated};
use services::accounts::password;
use services::mail::Mailer;
use services::seed::{self, Scale};
use services::{Config, Db, Services};

use crate::state::AppState;
use tokio::net::TcpListener;

/// A built application, bound to its address but not yet serving.
pub struct Application {
    listener: TcpListener,
    state: AppState,
}

impl Application {
    /// Opens and migrates the database, then binds the listener.
    pub async fn build(mut config: Config) -> anyhow::Result<Self> {
        let db = open_database(&config).await?;
        let listener = TcpListener::bind(config.addr)
            .await
            .with_context(|| format!("cannot listen on {} (CONVENE_ADDR)", config.addr))?;
        let local_addr = listener.local_addr()?;
        // With port 0 the default base URL can only be known once the port is chosen.
        if config.base_url == format!("http://{}", config.addr) {
            config.base_url = format!("http://{local_addr}");
        }
        let leptos_options = leptos_options(&config, local_addr);
        let mailer = Mailer::new(&config)?;
        let mail_links = services::campaigns::links::load(&db, &config.base_url).await?;
        let ticket_codes = services::tickets::codes::load(&db).await?;
        // The first login for an unknown address must not be slower than the others.
        // On the hashing threads, whose memory it then shares (see `heavy_work`).
        services::heavy_work::PASSWORDS
            .run(password::warm_up)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let services = Services {
            db,
            config: Arc::new(config),
            mailer,
            password_verifications: Arc::default(),
            feed_hub: Arc::default(),
            mail_links: Arc::new(mail_links),
            ticket_codes: Arc::new(ticket_codes),
            ticket_mail_due: Arc::default(),
        };
        let state = AppState {
            services,
            leptos_options,
        };
        Ok(Self { listener, state })
    }

    /// The address actually bound (useful with port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or(self.state.services.config.addr)
    }

    /// The services, for tests that need the database.
    pub fn state(&self) -> &Services {
        &self.state.services
    }

    /// Serves until `shutdown` completes, then stops accepting connections, lets requests
    /// in flight finish (up to the configured shutdown timeout) and closes the pool.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let Self { listener, state } = self;
        let router = crate::http::router(state.clone());
        let state = state.services;
        let publisher = tokio::spawn(services::organizer::publisher::run(state.clone()));
        let importer = tokio::spawn(services::organizer::imports::run(state.clone()));
        let indexer = tokio::spawn(services::search::run(state.clone()));
        let media_sweep = tokio::spawn(services::media::sweep::run(state.clone()));
        // A mail cut off here is claimed again once its claim runs out (a restart included);
        // an expiry is one transaction.
        let ticket_work = tokio::spawn(services::tickets::worker::run(state.clone()));
        let (stop_sending, sending_stopped) = tokio::sync::watch::channel(false);
        let sender = tokio::spawn(services::campaigns::sender::run(
            state.clone(),
            sending_stopped,
        ));
        let feed_listener = (state.db.backend() == services::db::Backend::Postgres).then(|| {
            tokio::spawn(services::feed::live::listen(
                state.config.database_url.clone(),
                state.feed_hub.clone(),
            ))
        });
        // How long requests in flight get once shutdown starts, at most.
        let deadline = state.config.shutdown_timeout.max(Duration::from_secs(1));
        let (started_tx, started_rx) = tokio::sync::oneshot::channel::<()>();
        let hub = state.feed_hub.clone();
        let server = axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            shutdown.await;
            tracing::info!("shutting down: draining requests in flight");
            // Live feed streams never end by themselves.
            hub.close();
            let _ = started_tx.send(());
        });
        let forced = async move {
            if started_rx.await.is_ok() {
                tokio::time::sleep(deadline).await;
            } else {
                std::future::pending::<()>().await;
            }
        };
        tokio::select! {
            result = server => result.context("the HTTP server failed")?,
            () = forced => tracing::warn!("requests still running after the shutdown timeout were cut off"),
        }
        publisher.abort();
        // The campaign sender finishes the messages in flight and records them; whatever
        // it had not reached is sent after the next start.
        let _ = stop_sending.send(true);
        let sender_abort = sender.abort_handle();
        if tokio::time::timeout(Duration::from_secs(10), sender)
            .await
            .is_err()
        {
            sender_abort.abort();
        }
        // An import cut off here resumes on the next start (its rows are committed one by one).
        importer.abort();
        indexer.abort();
        media_sweep.abort();
        ticket_work.abort();
        if let Some(listener) = feed_listener {
            listener.abort();
        }
        // Connections still held by work that outlived its request must not hold up exit.
        if tokio::time::timeout(Duration::from_secs(5), state.db.close())
            .await
            .is_err()
        {
            tracing::warn!("closed the database pool with connections still in use");
        }
        tracing::info!("stopped");
        Ok(())
    }
}

/// `convene serve`.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let app = Application::build(config).await?;
    tracing::info!(address = %app.local_addr(), "listening on http://{}", app.local_addr());
    app.run_until(shutdown_signal()).await
}

/// `convene migrate`.
pub async fn migrate(config: Config) -> anyhow::Result<()> {
    let db = open_database(&config).await?;
    db.close().await;
    tracing::info!("migrations applied");
    Ok(())
}

/// `convene seed`.
pub async fn seed(config: Config, scale: Scale) -> anyhow::Result<()> {
    let db = open_database(&config).await?;
    let started = std::time::Instant::now();
    let media = services::media::directory(&config.data_dir);
    // Progress goes to standard error, so the summary and the demo passwords stay the only
    // output a script reads.
    let lines = std::sync::Mutex::new(seed::ProgressLines::new(started));
    let progress = |news| {
        let line = match lines.lock() {
            Ok(mut lines) => lines.line(news, std::time::Instant::now()),
            Err(_) => None,
        };
        if let Some(line) = line {
            eprintln!("{line}");
        }
    };
    let report = seed::seed(&db, scale, &media, &progress)
        .await
        .context("seeding failed")?;
    db.close().await;
    if report == seed::SeedReport::default() {
        println!("Seed data is already present; nothing to do.");
    } else {
        println!(
            "Seeded {} organizations, {} events, {} speakers, {} sessions, {} accounts, \
             {} feed posts and {} contacts in {:.1} s.",
            report.organizations,
            report.events,
            report.speakers,
            report.sessions,
            report.accounts,
            report.posts,
            report.contacts,
            started.elapsed().as_secs_f64()
        );
    }
    if !report.credentials.is_empty() {
        println!("\nDemo accounts (shown once; change the passwords on /account):");
        for login in &report.credentials {
            println!(
                "  {:<10} {:<30} {}",
                login.role, login.email, login.password
            );
        }
        println!();
    }
    Ok(())
}

/// `convene create-admin`.
pub async fn create_admin(config: Config, email: &str, name: &str) -> anyhow::Result<()> {
    let db = open_database(&config).await?;
    let created = bootstrap::create_admin(&db, email, name).await;
    db.close().await;
    match created? {
        AdminCreated::New(login) => println!(
            "Created the platform admin {}.\nPassword (shown once): {}\nLog in at {}/login and change it on /account.",
            login.email, login.password, config.base_url
        ),
        AdminCreated::Promoted => println!("{email} is now a platform admin."),
        AdminCreated::Reclaimed(login) => println!(
            "{} had an account whose address nobody had confirmed: it now has a new password, \
             every session of it ended, and it is a platform admin.\nPassword (shown once): {}\n\
             Log in at {}/login and change it on /account.",
            login.email, login.password, config.base_url
        ),
        AdminCreated::AlreadyAdmin => println!("{email} already is a platform admin."),
    }
    Ok(())
}

async fn open_database(config: &Config) -> anyhow::Result<Db> {
    let db = Db::connect(config).await?;
    db.migrate().await?;
    Ok(db)
}

/// cargo-leptos writes `hash.txt` beside the binary when it content-hashes the bundle's file
/// names (release builds); its presence is what tells us to link the hashed names.
fn leptos_options(config: &Config, addr: SocketAddr) -> LeptosOptions {
    let hash_files = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt").exists()))
        .unwrap_or(false);
    LeptosOptions::builder()
        .output_name("convene")
        .site_root(config.site_root.to_string_lossy().as_ref())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .hash_files(hash_files)
        .build()
}

/// Completes on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
