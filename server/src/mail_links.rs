//! The links inside campaign messages: `/m/o/…` (the open pixel), `/m/c/…` (a tracked
//! click, redirected to the address the campaign holds for it) and `/m/u/…` (the unsubscribe
//! page; a POST there unsubscribes, which is also RFC 8058's one-click request). Tokens are
//! checked in `services::campaigns::links`; a tampered one answers 404.
//!
//! Counting an open or a click on GET is what tracking is: it changes statistics only, never
//! anything a person chose. Unsubscribing, which is a choice, takes a POST.

use crate::state::AppState;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use domain::error::AppError;
use leptos::prelude::*;
use services::Services;
use services::campaigns::tracking;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/m/o/{token}", get(open))
        .route("/m/c/{token}", get(click))
        .route("/m/u/{token}", get(unsubscribe_page).post(unsubscribe))
}

/// A transparent 1×1 GIF.
const PIXEL: &[u8] = &[
    0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
    0xff, 0xff, 0xff, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x01, 0x44, 0x00, 0x3b,
];

async fn open(State(state): State<Services>, Path(token): Path<String>) -> Response {
    tracking::open(&state, &token).await;
    (
        [
            (header::CONTENT_TYPE, "image/gif"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        PIXEL,
    )
        .into_response()
}

async fn click(State(state): State<Services>, Path(token): Path<String>) -> Response {
    match tracking::click(&state, &token).await {
        Ok(url) => Redirect::to(&url).into_response(),
        Err(error) => page(
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::NOT_FOUND),
            "This link does not work",
            &refusal(&error),
            None,
        ),
    }
}

async fn unsubscribe_page(State(state): State<Services>, Path(token): Path<String>) -> Response {
    match tracking::unsubscribe_page(&state, &token).await {
        Ok(page_says) => {
            let question = format!(
                "Stop receiving campaigns from {} at {}?",
                page_says.organization, page_says.email
            );
            let message = if page_says.test {
                format!(
                    "This link comes from a test message. {question} Pressing the button shows \
                     what a recipient sees next; nobody is unsubscribed."
                )
            } else {
                question
            };
            page(StatusCode::OK, "Unsubscribe", &message, Some(&token))
        }
        Err(error) => page(
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::NOT_FOUND),
            "This link does not work",
            &refusal(&error),
            None,
        ),
    }
}

async fn unsubscribe(State(state): State<Services>, Path(token): Path<String>) -> Response {
    match tracking::unsubscribe(&state, &token).await {
        Ok(false) => page(
            StatusCode::OK,
            "You are unsubscribed",
            "You will not receive campaigns from this organization any more.",
            None,
        ),
        Ok(true) => page(
            StatusCode::OK,
            "You are unsubscribed",
            "A recipient reads this now and receives no more campaigns from the organization. \
             This was a test message: nobody was unsubscribed.",
            None,
        ),
        Err(error) => page(
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::NOT_FOUND),
            "This link does not work",
            &refusal(&error),
            None,
        ),
    }
}

fn refusal(error: &AppError) -> String {
    match error {
        AppError::NotFound(_) => {
            "The link is incomplete or was changed. Please use the link from the message itself."
                .into()
        }
        other => other.to_string(),
    }
}

/// A small standalone page in the site's style; `confirm` adds the unsubscribe button. Drawn
/// by Leptos like every other page (the text is escaped there), without the application's
/// shell: a mailed link needs no script.
fn page(status: StatusCode, title: &str, message: &str, confirm: Option<&str>) -> Response {
    let (title, message) = (title.to_owned(), message.to_owned());
    let action = confirm.map(|token| format!("/m/u/{token}"));
    let body = Owner::new().with(|| {
        view! {
            <!DOCTYPE html>
            <html lang="en">
                <head>
                    <meta charset="utf-8" />
                    <meta name="viewport" content="width=device-width, initial-scale=1" />
                    <meta name="robots" content="noindex" />
                    <title>{format!("{title} · Convene")}</title>
                    <link rel="stylesheet" href=app::STYLESHEET_HREF />
                </head>
                <body class="min-h-screen bg-canvas text-ink">
                    <main class="mx-auto max-w-md px-4 py-16">
                        <section class="rounded-xl border border-line bg-surface p-8">
                            <h1 class="mb-4 text-2xl font-bold tracking-tight">{title.clone()}</h1>
                            <p>{message}</p>
                            {action.map(|action| view! {
                                <form method="post" action=action class="mt-6">
                                    <button type="submit" class="rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink">"Unsubscribe"</button>
                                </form>
                            })}
                        </section>
                    </main>
                </body>
            </html>
        }
        .to_html()
    });
    (
        status,
        [(header::CACHE_CONTROL, "private, no-store")],
        Html(body),
    )
        .into_response()
}
