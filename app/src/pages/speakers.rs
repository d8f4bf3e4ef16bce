//! `/e/{event}/speakers` and `/e/{event}/speakers/{id}`.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::program::get_speakers;
use crate::components::error_notice::ErrorNotice;
use crate::components::event_nav::{EventNav, EventTab};
use crate::components::page_title::PageTitle;
use crate::domain::program::SpeakersPage;
use crate::domain::speaker::SpeakerAtEvent;
use crate::error::AppError;
use crate::pages::not_found::NotFound;

/// Every speaker of the event, or one (`:id` in the route).
#[component]
pub fn SpeakersRoute() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let only = move || params.read().get("id");
    let page = Resource::new(slug, get_speakers);
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading the speakers…"</p> }>
            {move || Suspend::new(async move {
                match (page.await, only()) {
                    (Ok(page), None) => view! { <Speakers page /> }.into_any(),
                    (Ok(page), Some(id)) => {
                        let slug = page.event.slug.to_string();
                        let title = page.event.title.clone();
                        match page.speakers.into_iter().find(|s| s.profile.id.to_string() == id) {
                            Some(speaker) => view! { <Speaker speaker slug event_title=title /> }.into_any(),
                            None => view! { <NotFound /> }.into_any(),
                        }
                    }
                    (Err(AppError::NotFound(_)), _) => view! { <NotFound /> }.into_any(),
                    (Err(error), _) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Speakers(page: SpeakersPage) -> impl IntoView {
    let slug = page.event.slug.to_string();
    view! {
        <PageTitle text=format!("Speakers · {}", page.event.title) />
        <h1 class="text-3xl font-bold tracking-tight">{page.event.title.clone()}</h1>
        <p class="mb-6 text-muted">{page.event.schedule.label.clone()}</p>
        <EventNav slug=slug.clone() current=EventTab::Speakers />
        {page.speakers.is_empty().then(|| view! { <p class="text-muted">"Speakers will be announced soon."</p> })}
        <ul class="grid gap-4 sm:grid-cols-2">
            {page.speakers.into_iter().map(|s| {
                let sessions = s.sessions.iter().map(|i| i.title.clone()).collect::<Vec<_>>().join(" · ");
                view! {
                    <li class="rounded-xl border border-line bg-surface p-5">
                        <a href=format!("/e/{slug}/speakers/{}", s.profile.id) class="text-lg font-semibold no-underline hover:underline">{s.profile.name}</a>
                        <p class="text-sm text-muted">{[s.profile.headline, s.profile.company].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(", ")}</p>
                        <p class="mt-2 text-sm">{sessions}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn Speaker(speaker: SpeakerAtEvent, slug: String, event_title: String) -> impl IntoView {
    let SpeakerAtEvent { profile, sessions } = speaker;
    view! {
        <PageTitle text=format!("{} · {event_title}", profile.name) />
        <p class="text-sm text-muted"><a href=format!("/e/{slug}") class="text-accent underline">{event_title}</a></p>
        <EventNav slug=slug.clone() current=EventTab::Speakers />
        <article class="rounded-2xl border border-line bg-surface p-6 sm:p-10">
            <h1 class="text-3xl font-bold tracking-tight">{profile.name}</h1>
            <p class="text-muted">{[profile.headline, profile.company].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(", ")}</p>
            // The bio is shown as text: paragraphs split on blank lines, nothing interpreted.
            <div class="mt-4 flex flex-col gap-3">
                {profile.bio.split("\n\n").filter(|p| !p.trim().is_empty()).map(|p| view! { <p>{p.trim().to_owned()}</p> }).collect_view()}
            </div>
            {(!profile.links.is_empty()).then(|| view! {
                <ul class="mt-4 flex flex-wrap gap-3 text-sm">
                    {profile.links.into_iter().map(|l| view! { <li><a href=l.clone() rel="noopener nofollow ugc" class="text-accent underline">{l.clone()}</a></li> }).collect_view()}
                </ul>
            })}
            <h2 class="mt-8 mb-3 text-lg font-semibold">"Sessions"</h2>
            <ul class="flex flex-col gap-2">
                {sessions.into_iter().map(|i| view! {
                    <li><a href=format!("/e/{slug}/sessions/{}", i.id) class="font-semibold text-accent underline">{i.title}</a>
                        <span class="text-sm text-muted">{format!(" · {} {}", i.day, i.time_label)}</span></li>
                }).collect_view()}
            </ul>
        </article>
    }
}
