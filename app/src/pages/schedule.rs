//! `/e/{event}/schedule` and `/e/{event}/sessions/{id}`: the agenda by day, filterable by
//! track, room and text (a GET form, so filters are links that work without JavaScript), and
//! one session.

use leptos::prelude::*;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::program::{get_schedule, get_session};
use crate::components::error_notice::ErrorNotice;
use crate::components::event_nav::{EventNav, EventTab};
use crate::components::form::PostForm;
use crate::components::page_title::PageTitle;
use crate::domain::AgendaItemId;
use crate::domain::agenda::{AgendaItem, SessionKind};
use crate::domain::program::{SchedulePage, SessionPage};
use crate::error::AppError;
use crate::pages::not_found::NotFound;

/// The schedule.
#[component]
pub fn ScheduleRoute() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = Resource::new(slug, get_schedule);
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading the schedule…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Schedule page /> }.into_any(),
                    Err(AppError::NotFound(_)) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The filters, as read from the URL.
#[derive(Clone, Default, PartialEq)]
struct Filters {
    q: String,
    track: String,
    room: String,
}

impl Filters {
    fn keeps(&self, item: &AgendaItem) -> bool {
        let id_is = |wanted: &str, id: Option<i64>| {
            wanted.is_empty() || id.is_some_and(|id| id.to_string() == wanted)
        };
        id_is(&self.track, item.track.as_ref().map(|t| t.id.0))
            && id_is(&self.room, item.room.as_ref().map(|r| r.id.0))
            && item.matches(&self.q)
    }
}

#[component]
fn Schedule(page: SchedulePage) -> impl IntoView {
    let query = use_query_map();
    let filters = Memo::new(move |_| {
        let q = query.read();
        Filters {
            q: q.get("q").unwrap_or_default(),
            track: q.get("track").unwrap_or_default(),
            room: q.get("room").unwrap_or_default(),
        }
    });
    let slug = page.event.slug.to_string();
    let next = page.next_start();
    let page = StoredValue::new(page);
    let select = "rounded-lg border border-line bg-surface px-3 py-2";
    let title = page.with_value(|p| p.event.title.clone());
    view! {
        <PageTitle text=format!("Schedule · {title}") />
        <h1 class="text-3xl font-bold tracking-tight">{title}</h1>
        <p class="mb-6 text-muted">{page.with_value(|p| p.event.schedule.label.clone())}</p>
        <EventNav slug=slug.clone() current=EventTab::Schedule />
        <Form method="GET" action="" attr:class="mb-6 flex flex-wrap items-end gap-3" attr:role="search">
            <label class="flex flex-col gap-1 text-sm font-semibold">"Search"
                <input type="search" name="q" value=move || filters.get().q class=select placeholder="Title, speaker…" />
            </label>
            <label class="flex flex-col gap-1 text-sm font-semibold">"Track"
                <select name="track" class=select>
                    <option value="">"All tracks"</option>
                    {page.with_value(|p| p.tracks.clone()).into_iter().map(|t| {
                        let id = t.id.to_string();
                        let selected = { let id = id.clone(); move || filters.get().track == id };
                        view! { <option value=id selected=selected>{t.name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="flex flex-col gap-1 text-sm font-semibold">"Room"
                <select name="room" class=select>
                    <option value="">"All rooms"</option>
                    {page.with_value(|p| p.rooms.clone()).into_iter().map(|r| {
                        let id = r.id.to_string();
                        let selected = { let id = id.clone(); move || filters.get().room == id };
                        view! { <option value=id selected=selected>{r.name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <button type="submit" class="rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink">"Filter"</button>
        </Form>
        {move || {
            let f = filters.get();
            page.with_value(|p| {
                let mut shown = 0;
                let days = p.days.iter().map(|day| {
                    let items: Vec<_> = day.items.iter().filter(|i| f.keeps(i)).cloned().collect();
                    shown += items.len();
                    (!items.is_empty()).then(|| view! {
                        <section class="mb-8" aria-label=day.label.clone()>
                            <h2 class="mb-3 text-xl font-semibold">{day.label.clone()}</h2>
                            <ol class="flex flex-col gap-3">
                                {items.into_iter().map(|item| {
                                    let state = if p.is_now(&item) { Some("Now") } else if Some(item.starts_at) == next { Some("Next") } else { None };
                                    let starred = p.starred.contains(&item.id);
                                    view! { <SessionRow item slug=p.event.slug.to_string() state starred signed_in=p.signed_in /> }
                                }).collect_view()}
                            </ol>
                        </section>
                    })
                }).collect_view();
                view! {
                    {days}
                    {(shown == 0).then(|| view! { <p class="text-muted">"No sessions match these filters."</p> })}
                }
            })
        }}
    }
}

#[component]
fn SessionRow(
    item: AgendaItem,
    slug: String,
    state: Option<&'static str>,
    starred: bool,
    signed_in: bool,
) -> impl IntoView {
    let href = format!("/e/{slug}/sessions/{}", item.id);
    let place = item.place_label();
    let speakers = item
        .speakers
        .iter()
        .map(|s| s.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let is_break = item.kind == SessionKind::Break;
    view! {
        <li id=format!("session-{}", item.id)
            class="flex gap-4 rounded-xl border border-line bg-surface p-4"
            class:border-accent=state.is_some()
            class:opacity-75=is_break>
            <p class="w-28 shrink-0 text-sm font-semibold tabular-nums">
                {item.time_label.clone()}
                {state.map(|s| view! { <span class="mt-1 block w-fit rounded bg-accent px-2 text-xs text-accent-ink">{s}</span> })}
            </p>
            <div class="min-w-0 flex-1">
                <p class="text-xs uppercase tracking-wide text-muted">{item.kind.label()}</p>
                <a href=href class="font-semibold no-underline hover:underline">{item.title.clone()}</a>
                {(!speakers.is_empty()).then(|| view! { <p class="text-sm">{speakers}</p> })}
                {(!place.is_empty()).then(|| view! { <p class="text-sm text-muted">{place}</p> })}
            </div>
            {(!is_break).then(|| view! { <Star slug item=item.id starred signed_in /> })}
        </li>
    }
}

/// The star of a session: a plain form post (the page reloads at the same session), or a
/// sign-in link for visitors.
#[component]
fn Star(slug: String, item: AgendaItemId, starred: bool, signed_in: bool) -> impl IntoView {
    let label = if starred {
        "Remove from my agenda"
    } else {
        "Add to my agenda"
    };
    let glyph = if starred { "★" } else { "☆" };
    if !signed_in {
        let next = format!("/e/{slug}/schedule");
        return view! {
            <a href=format!("/login?next={next}") title="Sign in to build your agenda" aria-label="Sign in to star sessions" class="text-2xl text-muted no-underline">"☆"</a>
        }.into_any();
    }
    view! {
        <PostForm endpoint="star_session">
            <input type="hidden" name="slug" value=slug.clone() />
            <input type="hidden" name="id" value=item.0 />
            <input type="hidden" name="starred" value=(!starred).to_string() />
            <input type="hidden" name="back" value=format!("/e/{slug}/schedule#session-{item}") />
            <button type="submit" title=label aria-label=label aria-pressed=starred.to_string() class="text-2xl text-accent">{glyph}</button>
        </PostForm>
    }.into_any()
}

/// One session.
#[component]
pub fn SessionRoute() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        let id = p.get("id").and_then(|id| id.parse().ok()).unwrap_or(0);
        (p.get("slug").unwrap_or_default(), AgendaItemId(id))
    };
    let page = Resource::new(key, |(slug, id)| get_session(slug, id));
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading the session…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <Session page /> }.into_any(),
                    Err(AppError::NotFound(_)) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Session(page: SessionPage) -> impl IntoView {
    let SessionPage {
        event,
        item,
        abstract_html,
        speakers,
        starred,
        signed_in,
        day_label,
    } = page;
    let slug = event.slug.to_string();
    let place = item.place_label();
    view! {
        <PageTitle text=format!("{} · {}", item.title, event.title) />
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
                <Star slug=slug.clone() item=item.id starred signed_in />
            </div>
            <div class="prose mt-6 max-w-none" inner_html=abstract_html></div>
            <p class="mt-4"><a href=format!("/e/{slug}/sessions/{}/calendar.ics", item.id) rel="external" download class="text-sm text-accent underline">"Add this session to my calendar"</a></p>
            {(!speakers.is_empty()).then(|| view! {
                <h2 class="mt-8 mb-3 text-lg font-semibold">"Speakers"</h2>
                <ul class="grid gap-3 sm:grid-cols-2">
                    {speakers.into_iter().map(|s| view! {
                        <li class="rounded-xl border border-line p-4">
                            <a href=format!("/e/{slug}/speakers/{}", s.id) class="font-semibold no-underline hover:underline">{s.name}</a>
                            <p class="text-sm text-muted">{[s.headline, s.company].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(", ")}</p>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </article>
    }
}
