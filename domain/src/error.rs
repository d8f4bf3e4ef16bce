//! The one error type at the boundary between the server and its callers (server functions,
//! HTTP handlers, pages). Each variant says what the user can do about it; internal causes
//! are logged once where they are converted and never leave the server.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// A message about one input field, shown next to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's name, as in the request.
    pub field: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Everything a server function or handler can answer instead of a result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The input was refused: one message per offending field, and the values typed into
    /// the form (never a password), so a page rendered without JavaScript can show them again.
    #[error("Please correct the highlighted fields.")]
    Invalid {
        /// What is wrong, field by field.
        errors: Vec<FieldError>,
        /// What was typed, field by field.
        kept: Vec<(String, String)>,
    },
    /// The caller must sign in first.
    #[error("Please sign in to continue.")]
    Unauthenticated,
    /// Signed in, but not allowed to do this.
    #[error("You do not have permission to do that.")]
    Forbidden,
    /// Nothing by that name here (also the answer for another tenant's records).
    #[error("We could not find that {0}.")]
    NotFound(String),
    /// The change clashes with existing data, e.g. a slug already taken.
    #[error("{0}")]
    Conflict(String),
    /// Too many attempts in a short time (logins); the number is the minutes to wait.
    #[error("Too many attempts. Please try again in {} minute{}.", .0, if *.0 == 1 { "" } else { "s" })]
    Throttled(u64),
    /// The request body is larger than the server accepts.
    #[error("That is more data than Convene accepts in one request.")]
    TooLarge,
    /// The database is busy or unreachable; retrying later may work.
    #[error("Convene is temporarily unavailable. Please try again in a moment.")]
    Unavailable,
    /// A fault on our side, logged with its cause where it happened.
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
    /// The request never reached the server or its answer was unreadable (browser side).
    #[error("Could not reach Convene. Check your connection and try again.")]
    Transport,
}

impl AppError {
    /// An `Invalid` error about a single field.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid {
            errors: vec![FieldError {
                field: field.into(),
                message: message.into(),
            }],
            kept: Vec::new(),
        }
    }

    /// Remembers what was typed into the form's fields, so the form can be filled in again.
    /// Other errors are returned unchanged.
    pub fn keeping(mut self, values: &[(&str, &str)]) -> Self {
        if let Self::Invalid { kept, .. } = &mut self {
            kept.extend(
                values
                    .iter()
                    .map(|(f, v)| ((*f).to_owned(), (*v).to_owned())),
            );
        }
        self
    }

    /// The same error without what was typed (when that is too long to carry back).
    pub fn without_kept(mut self) -> Self {
        if let Self::Invalid { kept, .. } = &mut self {
            kept.clear();
        }
        self
    }

    /// What was typed into `field`, if the error kept it.
    pub fn kept(&self, field: &str) -> Option<&str> {
        match self {
            Self::Invalid { kept, .. } => kept
                .iter()
                .find(|(f, _)| f == field)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// The message for `field`, if the error names it.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        match self {
            Self::Invalid { errors, .. } => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.as_str()),
            _ => None,
        }
    }

    /// The HTTP status code that carries this error.
    pub fn status_code(&self) -> u16 {
        match self {
            Self::Invalid { .. } => 400,
            Self::Throttled(_) => 429,
            Self::Unauthenticated => 401,
            Self::Forbidden => 403,
            Self::NotFound(_) => 404,
            Self::Conflict(_) => 409,
            Self::TooLarge => 413,
            Self::Unavailable => 503,
            Self::Internal => 500,
            Self::Transport => 502,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// Failures of the server-function machinery itself. On the server they come from the
    /// request (arguments that do not parse, a body over the limit or not UTF-8) or from a
    /// fault; in the browser, from the network.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(message)
            | ServerFnErrorErr::MissingArg(message)
            | ServerFnErrorErr::Deserialization(message)
                if cfg!(feature = "server") =>
            {
                if message.contains("length limit exceeded") {
                    Self::TooLarge
                } else {
                    // Domain newtypes refuse bad arguments with a message on how to fix them.
                    Self::invalid("request", message)
                }
            }
            ServerFnErrorErr::Request(_)
            | ServerFnErrorErr::Response(_)
            | ServerFnErrorErr::Deserialization(_) => Self::Transport,
            other => {
                #[cfg(feature = "server")]
                tracing::error!(error = %other, "server function failed");
                #[cfg(not(feature = "server"))]
                let _ = other;
                Self::Internal
            }
        }
    }
}

/// Collects the problems of a form's fields, so all of them are reported at once.
#[derive(Debug, Default)]
pub struct Validation {
    errors: Vec<FieldError>,
}

impl Validation {
    /// Records `result`'s error against `field`; the value when it was valid.
    pub fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        result
            .map_err(|message| {
                self.errors.push(FieldError {
                    field: field.to_owned(),
                    message,
                })
            })
            .ok()
    }

    /// Whether no problem was found.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The error reporting every problem found.
    pub fn into_error(self) -> AppError {
        AppError::Invalid {
            errors: self.errors,
            kept: Vec::new(),
        }
    }
}

#[cfg(feature = "server")]
mod server {
    use super::AppError;
    use axum::http::StatusCode;
    use axum::response::{IntoResponse, Response};

    impl AppError {
        /// Logs an unexpected failure once, with its whole cause chain, and hides it from the
        /// user behind `Internal`.
        pub fn internal(context: &str, cause: impl Into<anyhow::Error>) -> Self {
            let cause = cause.into();
            tracing::error!(error = format!("{cause:#}"), "{context}");
            Self::Internal
        }

        /// [`AppError::database`] as a closure for `map_err`: `.map_err(AppError::db("…"))`.
        pub fn db(context: &'static str) -> impl FnOnce(sqlx::Error) -> Self {
            move |error| Self::database(context, error)
        }

        /// Converts a database failure: a busy, locked or unreachable database is
        /// `Unavailable` (a retry may work); anything else is `Internal`. Logged once here.
        pub fn database(context: &str, error: sqlx::Error) -> Self {
            if matches!(error, sqlx::Error::PoolClosed) {
                // Only during shutdown, for work whose client has already gone.
                tracing::debug!("{context}: the pool is closed (shutting down)");
                Self::Unavailable
            } else if is_unavailable(&error) {
                tracing::warn!(error = %error, "{context}: database unavailable");
                Self::Unavailable
            } else {
                Self::internal(context, error)
            }
        }
    }

    fn is_unavailable(error: &sqlx::Error) -> bool {
        match error {
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) => true,
            sqlx::Error::Database(db) => {
                let message = db.message();
                // SQLite: busy, locked, or its file gone. PostgreSQL: lock_timeout (55P03),
                // connection failures (class 08), too many connections (class 53), shutting
                // down (57P), and a database that no longer exists (3D000).
                message.contains("database is locked")
                    || message.contains("unable to open database file")
                    || message.contains("database table is locked")
                    || db.code().is_some_and(|c| {
                        ["55P03", "3D000"].contains(&c.as_ref())
                            || ["08", "53", "57P"].iter().any(|class| c.starts_with(class))
                    })
            }
            _ => false,
        }
    }

    impl AppError {
        /// How long a client should wait before trying again, for the errors that say so.
        pub fn retry_after_secs(&self) -> Option<u64> {
            match self {
                Self::Throttled(minutes) => Some(minutes * 60),
                Self::Unavailable => Some(5),
                _ => None,
            }
        }
    }

    impl IntoResponse for AppError {
        fn into_response(self) -> Response {
            let status = StatusCode::from_u16(self.status_code())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let retry_after = self.retry_after_secs();
            let mut response = (status, self.to_string()).into_response();
            if let Some(secs) = retry_after {
                response
                    .headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, secs.into());
            }
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_say_nothing_about_their_cause() {
        assert_eq!(
            AppError::Internal.to_string(),
            "Something went wrong on our side. Please try again in a moment."
        );
    }

    #[test]
    fn field_messages_are_found_by_field_name() {
        let error = AppError::invalid("title", "enter a title");
        assert_eq!(error.field_message("title"), Some("enter a title"));
        assert_eq!(error.field_message("slug"), None);
        assert_eq!(error.status_code(), 400);
    }

    #[test]
    fn throttling_says_how_long_to_wait() {
        assert_eq!(
            AppError::Throttled(1).to_string(),
            "Too many attempts. Please try again in 1 minute."
        );
        assert_eq!(
            AppError::Throttled(15).to_string(),
            "Too many attempts. Please try again in 15 minutes."
        );
    }

    #[test]
    fn a_validation_reports_every_field_and_keeps_what_was_typed() {
        let mut validation = Validation::default();
        assert_eq!(validation.check("a", Ok::<_, String>(1)), Some(1));
        assert_eq!(validation.check::<i32>("b", Err("bad b".into())), None);
        assert_eq!(validation.check::<i32>("c", Err("bad c".into())), None);
        let error = validation.into_error().keeping(&[("b", "typed")]);
        assert_eq!(error.field_message("b"), Some("bad b"));
        assert_eq!(error.field_message("c"), Some("bad c"));
        assert_eq!(error.kept("b"), Some("typed"));
        assert_eq!(AppError::Forbidden.keeping(&[("b", "x")]).kept("b"), None);
    }

    #[test]
    fn not_found_names_what_was_missing() {
        assert_eq!(
            AppError::NotFound("event".into()).to_string(),
            "We could not find that event."
        );
        assert_eq!(AppError::NotFound("event".into()).status_code(), 404);
    }
}
