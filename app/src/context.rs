//! The Leptos glue of the services: what a server function or a page render reads from the
//! context Leptos gives it (the [`Services`] the server provided, the request's head after
//! the session middleware, the response being prepared), in the form the services take
//! (an [`Actor`], a [`Client`], an [`Exchange`]). Compiled only with `ssr`.

use std::sync::Arc;

use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue};
use domain::error::AppError;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use services::Services;
use services::accounts::exchange::{self, Exchange, ResponseHeaders};
use services::accounts::session::{Actor, Client};

/// The services, provided to every server function and page render.
pub fn app_state() -> Result<Services, AppError> {
    use_context::<Services>().ok_or_else(|| {
        AppError::internal(
            "the services are missing from the context",
            anyhow::anyhow!("no Services"),
        )
    })
}

fn request_parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| {
        AppError::internal("request missing from context", anyhow::anyhow!("no Parts"))
    })
}

/// Who is making the current request.
pub fn current_actor() -> Result<Actor, AppError> {
    Ok(exchange::actor_of(&request_parts()?))
}

/// Where the current request comes from.
pub fn current_client() -> Result<Client, AppError> {
    exchange::client_of(&request_parts()?).cloned()
}

/// The current request and its response, for the services that read or set cookies.
pub fn exchange() -> Result<Exchange, AppError> {
    let response = use_context::<ResponseOptions>().ok_or_else(|| {
        AppError::internal(
            "response options missing",
            anyhow::anyhow!("no ResponseOptions"),
        )
    })?;
    Ok(Exchange::new(
        request_parts()?,
        Arc::new(Response(response)),
    ))
}

/// The response as leptos_axum prepares it.
struct Response(ResponseOptions);

impl ResponseHeaders for Response {
    fn append(&self, name: HeaderName, value: HeaderValue) {
        self.0.append_header(name, value);
    }
}
