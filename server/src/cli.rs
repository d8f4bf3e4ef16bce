//! The command line.

use clap::{Parser, Subcommand, ValueEnum};
use services::seed::Scale;

/// Convene, the self-hosted event platform. Settings come from `convene.toml` and
/// `CONVENE_*` environment variables (see the README).
#[derive(Debug, Parser)]
#[command(name = "convene", version, about)]
pub struct Cli {
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations, then serve HTTP until SIGTERM or Ctrl-C.
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
    /// Create the first platform admin (or make an existing account one). A new account
    /// gets a generated password, printed once.
    CreateAdmin {
        /// The admin's email address.
        #[arg(long)]
        email: String,
        /// The name shown for them.
        #[arg(long, default_value = "Platform admin")]
        name: String,
    },
    /// Apply migrations, then add generated data unless it is already there.
    Seed {
        /// `demo`: a demo organization with a few events, only into an empty database.
        /// `large`: the scale of PRODUCT.md (6,500 events across 650 organizations) and
        /// 100,000 accounts.
        #[arg(long, value_enum, default_value_t = SeedScale::Demo)]
        scale: SeedScale,
    },
}

/// `--scale` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SeedScale {
    /// A small, lively demo.
    Demo,
    /// Benchmark-sized data.
    Large,
}

impl From<SeedScale> for Scale {
    fn from(value: SeedScale) -> Self {
        match value {
            SeedScale::Demo => Scale::Demo,
            SeedScale::Large => Scale::Large,
        }
    }
}
