//! The state shared by every request handler and server function.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

use super::{Config, Db};

/// Cloned into each request; everything inside is reference-counted.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    /// Where the compiled bundle lives and what it is called.
    pub leptos_options: LeptosOptions,
    /// The database pool.
    pub db: Db,
    /// The validated configuration.
    pub config: Arc<Config>,
}
