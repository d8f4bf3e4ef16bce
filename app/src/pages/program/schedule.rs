//! `/e/{event}/schedule`, filtered by words, track and room from the address.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use domain::agenda::{AgendaItem, SessionKind};
use domain::program::SchedulePage;

use super::{PageMeta, ProgramMeta, loaded, param};
use crate::api::program::get_schedule;
use crate::components::event_nav::{EventNav, EventTab};
use crate::components::star_toggle::{SignInToStar, StarToggle};
use crate::viewer::Viewer;

/// `/e/{event}/schedule?q=…&track=…&room=…`.
#[component]
pub fn ScheduleRoute() -> impl IntoView {
    let slug = param("slug");
    let query = use_query_map();
    let filters = {
        let query = query.read_untracked();
        let text = |name: &str| query.get(name).unwrap_or_default();
        Filters {
            q: text("q"),
            track: text("track"),
            room: text("room"),
        }
    };
    let data = Resource::new(move || slug.clone(), get_schedule);
    loaded(
        data,
        move |page| view! { <ScheduleView page filters=filters.clone() /> },
    )
}

/// The filters, as read from the URL.
#[derive(Clone, Default, PartialEq)]
pub struct Filters {
    /// Words.
    pub q: String,
    /// A track id, or blank.
    pub track: String,
    /// A room id, or blank.
    pub room: String,
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

/// The schedule, filtered.
#[component]
fn ScheduleView(page: SchedulePage, filters: Filters) -> impl IntoView {
    let (page, f) = (&page, &filters);
    let slug = page.event.slug.to_string();
    let next = page.next_start();
    let select = "rounded-lg border border-line bg-surface px-3 py-2";
    let title = page.event.title.clone();
    // Once for the page: each of its stars is drawn for the same viewer.
    let viewer = Viewer::of(page.signed_in);
    let mut shown = 0;
    let days = page
        .days
        .iter()
        .filter_map(|day| {
            let items: Vec<_> = day.items.iter().filter(|i| f.keeps(i)).cloned().collect();
            shown += items.len();
            (!items.is_empty()).then(|| {
                let rows = items
                    .into_iter()
                    .map(|item| {
                        let state = if page.is_now(&item) {
                            Some("Now")
                        } else if Some(item.starts_at) == next {
                            Some("Next")
                        } else {
                            None
                        };
                        let starred = page.starred.contains(&item.id);
                        view! { <SessionRow item slug=slug.clone() state starred viewer /> }
                    })
                    .collect_view();
                view! {
                    <section class="mb-8" aria-label=day.label.clone()>
                        <h2 class="mb-3 text-xl font-semibold">{day.label.clone()}</h2>
                        <ol class="flex flex-col gap-3">{rows}</ol>
                    </section>
                }
            })
        })
        .collect_view();
    let option = |id: String, name: String, chosen: &str| {
        let selected = id == chosen;
        view! { <option value=id selected=selected>{name}</option> }
    };
    let tracks = page
        .tracks
        .iter()
        .map(|t| option(t.id.to_string(), t.name.clone(), &f.track))
        .collect_view();
    let rooms = page
        .rooms
        .iter()
        .map(|r| option(r.id.to_string(), r.name.clone(), &f.room))
        .collect_view();
    let meta = PageMeta {
        description: format!("The schedule of {title}, day by day."),
        ..PageMeta::titled(format!("Schedule · {title}"))
    };
    view! {
        <ProgramMeta meta />
        <h1 class="text-3xl font-bold tracking-tight">{title.clone()}</h1>
        <p class="mb-6 text-muted">{page.event.schedule.label.clone()}</p>
        <EventNav slug=slug.clone() current=EventTab::Schedule />
        <form method="get" class="mb-6 flex flex-wrap items-end gap-3" role="search">
            <label class="flex flex-col gap-1 text-sm font-semibold">"Search"
                <input type="search" name="q" value=f.q.clone() class=select placeholder="Title, speaker…" />
            </label>
            <label class="flex flex-col gap-1 text-sm font-semibold">"Track"
                <select name="track" class=select>
                    <option value="">"All tracks"</option>
                    {tracks}
                </select>
            </label>
            <label class="flex flex-col gap-1 text-sm font-semibold">"Room"
                <select name="room" class=select>
                    <option value="">"All rooms"</option>
                    {rooms}
                </select>
            </label>
            <button type="submit" class="rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink">"Filter"</button>
        </form>
        {days}
        {(shown == 0).then(|| view! { <p class="text-muted">"No sessions match these filters."</p> })}
    }
}

/// One session of the schedule; `state` marks the one running now or next.
#[component]
fn SessionRow(
    item: AgendaItem,
    slug: String,
    state: Option<&'static str>,
    starred: bool,
    viewer: Viewer,
) -> impl IntoView {
    let slug = slug.as_str();
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
            {(!is_break).then(|| view! {
                <Star slug=slug.to_owned() session=item.clone() starred viewer back=format!("/e/{slug}/schedule#session-{}", item.id) />
            })}
        </li>
    }
}

/// The star of a session: the [`StarToggle`] island, or a sign-in link for visitors. Its name
/// says which session, since a schedule has dozens of stars.
#[component]
pub(super) fn Star(
    slug: String,
    session: AgendaItem,
    starred: bool,
    viewer: Viewer,
    back: String,
) -> impl IntoView {
    let title = session.title;
    match viewer {
        Viewer::Visitor => view! { <SignInToStar title back /> }.into_any(),
        Viewer::Members => {
            view! { <StarToggle slug id=session.id title starred=None back /> }.into_any()
        }
        Viewer::Person => {
            view! { <StarToggle slug id=session.id title starred=Some(starred) back /> }.into_any()
        }
    }
}
