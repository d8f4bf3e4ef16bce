//! `/manage/{org}/events/{event}/check-in`: the check-in app for an event's door staff and
//! organizers, made for a phone; and `…/check-in/staff`, where organizers say who runs the
//! door.

pub mod door_app;
pub mod staff;

#[cfg(feature = "hydrate")]
mod device;
mod parts;
#[cfg(feature = "hydrate")]
mod settings;
#[cfg(feature = "hydrate")]
mod store;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::error::AppError;
use domain::tickets::door_desk::{DoorDesk, DoorLookup, DoorRecorded};

use crate::api::door::{get_door_desk, get_door_scan, look_up_at_door};
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{FormError, posted_error};
use crate::components::page_title::PageTitle;
use crate::pages::account::SignInPrompt;

use door_app::DoorApp;

/// Everything the page shows, read in one go.
type Loaded = (DoorDesk, DoorLookup, Option<DoorRecorded>);

async fn load(org: String, event: String, q: String, scan: String) -> Result<Loaded, AppError> {
    let desk = get_door_desk(org.clone(), event.clone()).await?;
    let lookup = if q.trim().is_empty() {
        DoorLookup::default()
    } else {
        look_up_at_door(org.clone(), event.clone(), q).await?
    };
    let recorded = if scan.is_empty() {
        None
    } else {
        get_door_scan(org, event, scan).await?
    };
    Ok((desk, lookup, recorded))
}

/// The page.
#[component]
pub fn CheckInPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map().read_untracked().clone();
    let org = params.read_untracked().get("slug").unwrap_or_default();
    let event = params.read_untracked().get("event").unwrap_or_default();
    let q = query.get("q").unwrap_or_default();
    let scan = query.get("scan").unwrap_or_default();
    let page = Resource::new(
        {
            let (org, event, q) = (org.clone(), event.clone(), q.clone());
            move || (org.clone(), event.clone(), q.clone(), scan.clone())
        },
        |(org, event, q, scan)| load(org, event, q, scan),
    );
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || { let (org, event, q) = (org.clone(), event.clone(), q.clone()); Suspend::new(async move {
                match page.await {
                    Ok((desk, lookup, recorded)) => view! { <Desk desk lookup recorded org event q /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <PageTitle text="Check-in" /><ErrorNotice error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

#[component]
fn Desk(
    desk: DoorDesk,
    lookup: DoorLookup,
    recorded: Option<DoorRecorded>,
    org: String,
    event: String,
    q: String,
) -> impl IntoView {
    let refused = posted_error("door_scan");
    let counts = desk.counts;
    let doubles = (counts.double_entries > 0)
        .then(|| format!("{} double entries reported so far.", counts.double_entries));
    view! {
        <PageTitle text=format!("Check-in · {}", desk.event_title) />
        <div class="mx-auto max-w-xl">
            <p class="text-sm text-muted">{desk.organization_name.clone()}</p>
            <h1 class="text-2xl font-bold tracking-tight">{format!("Check-in: {}", desk.event_title)}</h1>
            <p class="mb-4 text-muted">{desk.event_dates.clone()}</p>
            {(!desk.sells_tickets).then(|| view! {
                <p role="status" class="mb-4 rounded-lg border border-line p-3">"This event has no ticket types yet, so there is nobody to check in."</p>
            })}
            {doubles.map(|line| view! { <p class="mb-4 text-sm">{line}</p> })}
            <FormError error=refused />
            <DoorApp org event event_id=desk.event_id device=desk.device.clone() zone=desk.time_zone.clone()
                counts q lookup recorded />
        </div>
    }
}

/// A time of day in the event's zone, for answers the server writes.
#[cfg(feature = "ssr")]
pub fn server_clock(at: i64, zone: &str) -> String {
    services::time::hour_label(at, &services::time::zone_or_utc(zone))
}
