//! `/e/{event}/speakers` and `/e/{event}/speakers/{id}`.

use leptos::prelude::*;

use domain::SpeakerId;
use domain::program::SpeakersPage;
use domain::speaker::SpeakerAtEvent;

use super::{PageMeta, ProgramMeta, loaded, param, portrait};
use crate::api::program::get_speakers;
use crate::components::event_nav::{EventNav, EventTab};

/// `/e/{event}/speakers`.
#[component]
pub fn SpeakersRoute() -> impl IntoView {
    let slug = param("slug");
    let data = Resource::new(move || slug.clone(), get_speakers);
    loaded(data, |page| view! { <SpeakerList page /> })
}

/// `/e/{event}/speakers/{id}`: 404 unless `id` speaks at the event.
#[component]
pub fn SpeakerRoute() -> impl IntoView {
    let (slug, id) = (param("slug"), param("id"));
    let data = Resource::new(move || slug.clone(), get_speakers);
    loaded(data, move |page| {
        let speaker = id
            .parse()
            .ok()
            .map(SpeakerId)
            .and_then(|id| page.speakers.iter().find(|s| s.profile.id == id).cloned());
        match speaker {
            Some(speaker) => view! {
                <SpeakerView speaker slug=page.event.slug.to_string() event_title=page.event.title.clone() />
            }
            .into_any(),
            None => view! { <crate::pages::not_found::NotFound /> }.into_any(),
        }
    })
}

/// Every speaker of the event, with their sessions.
#[component]
fn SpeakerList(page: SpeakersPage) -> impl IntoView {
    let slug = page.event.slug.to_string();
    let title = format!("Speakers · {}", page.event.title);
    view! {
        <ProgramMeta meta=PageMeta::titled(title) />
        <h1 class="text-3xl font-bold tracking-tight">{page.event.title.clone()}</h1>
        <p class="mb-6 text-muted">{page.event.schedule.label.clone()}</p>
        <EventNav slug=slug.clone() current=EventTab::Speakers />
        {page.speakers.is_empty().then(|| view! { <p class="text-muted">"Speakers will be announced soon."</p> })}
        <ul class="grid gap-4 sm:grid-cols-2">
            {page.speakers.into_iter().map(|s| {
                let sessions = s.sessions.iter().map(|i| i.title.clone()).collect::<Vec<_>>().join(" · ");
                let byline = s.profile.byline();
                view! {
                    <li class="rounded-xl border border-line bg-surface p-5">
                        {portrait(s.profile.thumbnail.clone(), 96, "mb-3 h-16 w-16")}
                        <a href=format!("/e/{slug}/speakers/{}", s.profile.id) class="text-lg font-semibold no-underline hover:underline">{s.profile.name}</a>
                        <p class="text-sm text-muted">{byline}</p>
                        <p class="mt-2 text-sm">{sessions}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// One speaker: photo, bio, links and sessions.
#[component]
fn SpeakerView(speaker: SpeakerAtEvent, slug: String, event_title: String) -> impl IntoView {
    let SpeakerAtEvent { profile, sessions } = speaker;
    let title = format!("{} · {event_title}", profile.name);
    let byline = profile.byline();
    view! {
        <ProgramMeta meta=PageMeta::titled(title) />
        <p class="text-sm text-muted"><a href=format!("/e/{slug}") class="text-accent underline">{event_title}</a></p>
        <EventNav slug=slug.clone() current=EventTab::Speakers />
        <article class="rounded-2xl border border-line bg-surface p-6 sm:p-10">
            {portrait(profile.photo.clone(), 400, "mb-4 h-40 w-40")}
            <h1 class="text-3xl font-bold tracking-tight">{profile.name}</h1>
            <p class="text-muted">{byline}</p>
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
