//! The router's state: the services every handler works with, and what Leptos needs to
//! serve the pages and the bundle. Handlers take the part they need (`State<Services>`).

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use services::Services;

/// Cloned into each request; everything inside is reference-counted.
#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    /// The database, the configuration, the mailer and the shared in-process parts.
    pub services: Services,
    /// Where the compiled bundle lives and what it is called.
    pub leptos_options: LeptosOptions,
}
