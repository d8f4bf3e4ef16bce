//! `/manage/{org}/events/{event}/dashboard`: the event's registration at a glance, seats
//! sold per ticket type against capacity, payments and waitlists, the door; the page loads
//! itself again every ten seconds, with or without JavaScript, until the organizer pauses it
//! (a page that changes by itself must offer that: WCAG 2.2.1).

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::error::AppError;
use domain::tickets::dashboard::SalesDashboard;

use crate::api::tickets::event_dashboard;
use crate::components::error_notice::ErrorNotice;
use crate::components::page_title::PageTitle;
use crate::pages::account::SignInPrompt;
use crate::pages::sales_chart::{SalesChart, SalesFigures};

const CARD: &str = "rounded-xl border border-line bg-surface p-6";

/// The page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let params = use_params_map();
    let org = params.read_untracked().get("slug").unwrap_or_default();
    let event = params.read_untracked().get("event").unwrap_or_default();
    let paused = use_query_map().read_untracked().get("updates").as_deref() == Some("paused");
    let board = Resource::new(
        {
            let (org, event) = (org.clone(), event.clone());
            move || (org.clone(), event.clone())
        },
        |(org, event)| event_dashboard(org, event),
    );
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || { let (org, event) = (org.clone(), event.clone()); Suspend::new(async move {
                match board.await {
                    Ok(board) => view! {
                        <PageTitle text=format!("Dashboard · {}", board.event_title) />
                        <p class="text-sm"><a href=format!("/manage/{org}/events/{event}") class="text-accent underline">{format!("← {}", board.event_title)}</a></p>
                        <div class="mb-6 flex flex-wrap items-center justify-between gap-3">
                            <h1 class="text-3xl font-bold tracking-tight">"Registration dashboard"</h1>
                            <p class="flex gap-4 text-sm">
                                <a href=format!("/manage/{org}/events/{event}/orders") class="text-accent underline">"Orders"</a>
                                <a href=format!("/manage/{org}/events/{event}/attendees") class="text-accent underline">"Attendees"</a>
                            </p>
                        </div>
                        <section class=CARD aria-label="Registration"><Counted board paused /></section>
                        // Counted again by the server: a live island here cost every page's shared
                        // bundle 1.2 KB and the feed 3.5 KB (docs/PERFORMANCE.md).
                        {(!paused).then(|| view! { <Meta http_equiv="refresh" content="10" /> })}
                        <p class="mt-3 text-sm">
                            {if paused {
                                view! { <a href=format!("/manage/{org}/events/{event}/dashboard") class="text-accent underline">"Resume the updates"</a> }.into_any()
                            } else {
                                view! { <a href=format!("/manage/{org}/events/{event}/dashboard?updates=paused") class="text-accent underline">"Pause the updates"</a> }.into_any()
                            }}
                        </p>
                    }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <PageTitle text="Dashboard" /><ErrorNotice error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

/// The figures and the chart as counted now, drawn on the server.
#[component]
fn Counted(board: SalesDashboard, paused: bool) -> impl IntoView {
    let then = if paused {
        "updates are paused"
    } else {
        "the page counts again every 10 seconds"
    };
    let counted_at = format!("Counted at {}; {then}.", board.counted_at);
    view! {
        <SalesFigures board=board.clone() />
        <SalesChart board />
        <p class="mt-4 text-xs text-muted">{counted_at}</p>
    }
}
