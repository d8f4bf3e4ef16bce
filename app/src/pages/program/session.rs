//! `/e/{event}/sessions/{id}`.

use leptos::prelude::*;

use domain::AgendaItemId;
use domain::error::AppError;
use domain::program::SessionPage;

use super::schedule::Star;
use super::{PageMeta, ProgramMeta, loaded, param};
use crate::api::program::get_session;
use crate::components::event_nav::{EventNav, EventTab};
use crate::viewer::Viewer;

/// `/e/{event}/sessions/{id}`; an id that is not a number is a session not found.
#[component]
pub fn SessionRoute() -> impl IntoView {
    let (slug, id) = (param("slug"), param("id"));
    let data = Resource::new(
        move || (slug.clone(), id.clone()),
        |(slug, id)| async move {
            let id = id
                .parse()
                .map_err(|_| AppError::NotFound("session".into()))?;
            get_session(slug, AgendaItemId(id)).await
        },
    );
    loaded(data, |page| view! { <SessionView page /> })
}

/// One session, its abstract and speakers.
#[component]
fn SessionView(page: SessionPage) -> impl IntoView {
    let SessionPage {
        event,
        item,
        abstract_html,
        speakers,
        starred,
        signed_in,
        day_label,
    } = page;
    let title = format!("{} · {}", item.title, event.title);
    let back = format!("/e/{}/sessions/{}", event.slug, item.id);
    let slug = event.slug.to_string();
    let place = item.place_label();
    view! {
        <ProgramMeta meta=PageMeta::titled(title) />
        <p class="text-sm text-muted"><a href=format!("/e/{slug}") class="text-accent underline">{event.title.clone()}</a></p>
        <EventNav slug=slug.clone() current=EventTab::Schedule />
        <article class="rounded-2xl border border-line bg-surface p-6 sm:p-10">
            <div class="flex items-start justify-between gap-4">
                <div>
                    <p class="text-xs uppercase tracking-wide text-muted">{item.kind.label()}</p>
                    <h1 class="text-3xl font-bold tracking-tight">{item.title.clone()}</h1>
                    <p class="mt-2 text-muted">{format!("{} · {}", day_label, item.time_label)}</p>
                    {(!place.is_empty()).then(|| view! { <p class="text-muted">{place}</p> })}
                </div>
                <Star slug=slug.clone() session=item.clone() starred viewer=Viewer::of(signed_in) back />
            </div>
            <div class="prose mt-6 max-w-none" inner_html=abstract_html></div>
            <p class="mt-4"><a href=format!("/e/{slug}/sessions/{}/calendar.ics", item.id) rel="external" download class="text-sm text-accent underline">"Add this session to my calendar"</a></p>
            {(!speakers.is_empty()).then(|| view! {
                <h2 class="mt-8 mb-3 text-lg font-semibold">"Speakers"</h2>
                <ul class="grid gap-3 sm:grid-cols-2">
                    {speakers.into_iter().map(|s| {
                        let byline = s.byline();
                        view! {
                            <li class="rounded-xl border border-line p-4">
                                <a href=format!("/e/{slug}/speakers/{}", s.id) class="font-semibold no-underline hover:underline">{s.name}</a>
                                <p class="text-sm text-muted">{byline}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </article>
    }
}
