//! `convene`: serve the site, apply migrations, or seed data. See `convene --help`.

use std::process::ExitCode;

use clap::Parser as _;
use server::cli::{Cli, Command};
use server::{startup, telemetry};
use services::config::LogFormat;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match services::Config::load() {
        Ok(config) => config,
        Err(error) => {
            // One clear line, exit code 2: the operator's mistake, not a crash.
            eprintln!("convene: {error}");
            return ExitCode::from(2);
        }
    };
    let log_format = config.log_format;
    telemetry::init(log_format);
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => startup::serve(config).await,
        Command::Migrate => startup::migrate(config).await,
        Command::Seed { scale } => startup::seed(config, scale.into()).await,
        Command::CreateAdmin { email, name } => startup::create_admin(config, &email, &name).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Once: as a JSON object for a log collector, or as a plain line for a person.
            match log_format {
                LogFormat::Json => tracing::error!(error = format!("{error:#}"), "convene stopped"),
                LogFormat::Text => eprintln!("convene: {error:#}"),
            }
            ExitCode::FAILURE
        }
    }
}
