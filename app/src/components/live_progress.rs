//! The progress bar of a background job (an import, a campaign's sending).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use domain::CampaignId;
use domain::progress::Progress;

/// The job a bar follows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Job {
    /// A CSV import of the organization `org`.
    Import { org: String, id: i64 },
    /// A campaign of the organization `org`.
    Campaign { org: String, id: CampaignId },
}

/// A bar and its sentence. While the job works, the island asks the server how far it has
/// come every two seconds and moves the bar; when the job reaches another stage (started,
/// finished), it loads the page again, since what the page offers changes with it. Without
/// JavaScript the page reloads itself every two seconds instead.
#[island(lazy)]
pub fn LiveProgress(job: Job, progress: Progress, name: String) -> impl IntoView {
    let working = progress.working;
    let shown = RwSignal::new(progress);
    #[cfg(feature = "hydrate")]
    if working {
        follow(job, shown);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = job;
    let percent = move || shown.with(|p| p.percent);
    view! {
        <div class="mb-2 h-3 w-full overflow-hidden rounded-full bg-accent-soft" role="progressbar"
            aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent aria-label=name>
            <div class="h-3 bg-accent" style=move || format!("width: {}%", percent())></div>
        </div>
        <p class="mb-4 text-sm text-muted">{move || shown.with(|p| p.label.clone())}</p>
        // Scripts off: the browser parses this and reloads; scripts on: it is inert text.
        {working.then(|| view! { <noscript><meta http-equiv="refresh" content="2" /></noscript> })}
    }
}

/// Asks for the job's progress every two seconds while it works; loads the page again when
/// the job changes stage.
#[cfg(feature = "hydrate")]
fn follow(job: Job, shown: RwSignal<Progress>) {
    use crate::api::campaigns::get_campaign_progress;
    use crate::api::manage_events::get_import_progress;

    let stage = shown.with_untracked(|p| p.stage.clone());
    leptos::task::spawn_local(async move {
        loop {
            crate::components::pause::pause(std::time::Duration::from_secs(2)).await;
            let answer = match job.clone() {
                Job::Import { org, id } => get_import_progress(org, id).await,
                Job::Campaign { org, id } => get_campaign_progress(org, id).await,
            };
            // Not answered (the network, a restart): ask again at the next tick.
            let Ok(progress) = answer else { continue };
            if progress.stage != stage {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
                return;
            }
            shown.set(progress);
        }
    });
}
