//! The content of the public program pages (schedule, session, speakers), rendered to HTML
//! on the server only. The hydrated pages show it as it is: it is links and plain forms
//! (filters are a GET form, stars a POST), so it needs no code in the browser, and the bundle
//! carries none of it.

use leptos::prelude::*;

use domain::agenda::{AgendaItem, SessionKind};
use domain::program::{RenderedPage, SchedulePage, SessionPage, SpeakersPage};
use domain::registration::{Attendance, RegistrationStatus};
use domain::speaker::SpeakerAtEvent;
use domain::text::is_web_link;
use domain::{EventDetails, SpeakerId};

use crate::components::event_nav::{EventNav, EventTab};
use crate::components::form::PostForm;

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

/// `/e/{event}/schedule`, filtered.
pub fn schedule(page: &SchedulePage, f: &Filters) -> RenderedPage {
    let slug = page.event.slug.to_string();
    let next = page.next_start();
    let select = "rounded-lg border border-line bg-surface px-3 py-2";
    let title = page.event.title.clone();
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
                        session_row(item, &slug, state, starred, page.signed_in)
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
    let html = view! {
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
    .to_html();
    RenderedPage {
        title: format!("Schedule · {title}"),
        description: format!("The schedule of {title}, day by day."),
        canonical: None,
        json_ld: None,
        image: None,
        html,
    }
}

fn session_row(
    item: AgendaItem,
    slug: &str,
    state: Option<&'static str>,
    starred: bool,
    signed_in: bool,
) -> impl IntoView + use<> {
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
            {(!is_break).then(|| star(slug, &item, starred, signed_in, &format!("/e/{slug}/schedule#session-{}", item.id)))}
        </li>
    }
}

/// The star of a session: a plain form post that comes `back` to the page, or a sign-in
/// link for visitors. Its name says which session, since a schedule has dozens of stars.
fn star(slug: &str, session: &AgendaItem, starred: bool, signed_in: bool, back: &str) -> AnyView {
    let (item, title) = (session.id, &session.title);
    let label = if starred {
        format!("Remove “{title}” from my agenda")
    } else {
        format!("Add “{title}” to my agenda")
    };
    let glyph = if starred { "★" } else { "☆" };
    if !signed_in {
        let next = back.split('#').next().unwrap_or_default().to_owned();
        return view! {
            <a href=format!("/login?next={next}") title="Sign in to build your agenda" aria-label=format!("Sign in to add “{title}” to your agenda") class="text-2xl text-muted no-underline">"☆"</a>
        }.into_any();
    }
    let (slug, back) = (slug.to_owned(), back.to_owned());
    view! {
        <PostForm endpoint="star_session">
            <input type="hidden" name="slug" value=slug />
            <input type="hidden" name="id" value=item.0 />
            <input type="hidden" name="starred" value=(!starred).to_string() />
            <input type="hidden" name="back" value=back />
            <button type="submit" title=label.clone() aria-label=label aria-pressed=starred.to_string() class="text-2xl text-accent">{glyph}</button>
        </PostForm>
    }.into_any()
}

/// `/e/{event}/sessions/{id}`.
pub fn session(page: SessionPage) -> RenderedPage {
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
    let html = view! {
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
                {star(&slug, &item, starred, signed_in, &back)}
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
    .to_html();
    RenderedPage {
        title,
        description: String::new(),
        canonical: None,
        json_ld: None,
        image: None,
        html,
    }
}

/// A speaker's photo, when they have one (decorative: their name is next to it).
fn portrait(src: Option<String>, size: u32, class: &'static str) -> impl IntoView + use<> {
    src.map(|src| view! {
        <img src=src alt="" width=size height=size loading="lazy" class=format!("{class} rounded-full border border-line object-cover") />
    })
}

/// `/e/{event}/speakers`, or one speaker's page; `None` when the event has no such speaker.
pub fn speakers(page: SpeakersPage, only: Option<SpeakerId>) -> Option<RenderedPage> {
    match only {
        None => Some(speaker_list(page)),
        Some(id) => {
            let slug = page.event.slug.to_string();
            let event_title = page.event.title.clone();
            let speaker = page.speakers.into_iter().find(|s| s.profile.id == id)?;
            Some(speaker_page(speaker, &slug, &event_title))
        }
    }
}

fn speaker_list(page: SpeakersPage) -> RenderedPage {
    let slug = page.event.slug.to_string();
    let title = format!("Speakers · {}", page.event.title);
    let html = view! {
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
    .to_html();
    RenderedPage {
        title,
        description: String::new(),
        canonical: None,
        json_ld: None,
        image: None,
        html,
    }
}

fn speaker_page(speaker: SpeakerAtEvent, slug: &str, event_title: &str) -> RenderedPage {
    let SpeakerAtEvent { profile, sessions } = speaker;
    let title = format!("{} · {event_title}", profile.name);
    let byline = profile.byline();
    let slug = slug.to_owned();
    let event_title = event_title.to_owned();
    let html = view! {
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
    .to_html();
    RenderedPage {
        title,
        description: String::new(),
        canonical: None,
        json_ld: None,
        image: None,
        html,
    }
}

/// `/e/{event}`: the event, the visitor's place at it, and `notice` (what their last join or
/// cancel did, or why it was refused).
pub fn event(
    details: EventDetails,
    attendance: Attendance,
    notice: Option<Notice>,
) -> RenderedPage {
    let EventDetails {
        summary,
        description_html,
        venue,
        online_url,
        canonical_url,
        cover,
        share_image,
        speakers,
        speaker_count,
        json_ld,
        ..
    } = details;
    let slug = summary.slug.to_string();
    let (title, description) = (summary.title.clone(), summary.summary.clone());
    let html = view! {
        {cover.map(|src| view! {
            // Decorative: the title below says what the event is.
            <img src=src alt="" width="1600" height="800" class="mb-6 max-h-96 w-full rounded-2xl border border-line object-cover" />
        })}
        <article class="rounded-2xl border border-line bg-surface p-6 sm:p-10">
            <p class="text-sm font-semibold uppercase tracking-wide text-accent">{summary.organization}</p>
            <h1 class="mt-2 text-3xl font-bold tracking-tight sm:text-4xl">{summary.title}</h1>
            <p class="mt-3 text-lg text-muted">{summary.summary}</p>
            <div class="mt-6"><EventNav slug=slug.clone() current=EventTab::About /></div>
            <div class="grid gap-4 sm:grid-cols-3">
                <dl class="contents">
                    <div class="rounded-xl bg-raised p-4">
                        <dt class="text-xs font-semibold uppercase tracking-wide text-muted">"When"</dt>
                        <dd class="mt-1">
                            // The zone first: the reader's own time, added after the event's,
                            // then cannot be read as the event's zone.
                            <span class="block text-sm text-muted">{format!("{} time", summary.schedule.time_zone)}</span>
                            <time datetime=summary.schedule.starts_at data-local="">{summary.schedule.label}</time>
                        </dd>
                    </div>
                    <div class="rounded-xl bg-raised p-4">
                        <dt class="text-xs font-semibold uppercase tracking-wide text-muted">"Where"</dt>
                        <dd class="mt-1">
                            {venue.unwrap_or_else(|| "Online".to_owned())}
                            {online_url.filter(|url| is_web_link(url)).map(|url| view! {
                                <a href=url rel="noopener nofollow" class="block text-sm text-accent underline">"Join online"</a>
                            })}
                        </dd>
                    </div>
                </dl>
                {join_box(&slug, attendance, notice)}
            </div>
            <div class="prose mt-8 max-w-none leading-relaxed" inner_html=description_html></div>
            {(!speakers.is_empty()).then(|| view! {
                <section class="mt-10">
                    <h2 class="mb-4 text-xl font-semibold">"Speakers"</h2>
                    <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
                        {speakers.into_iter().map(|s| view! {
                            <li class="rounded-xl border border-line p-4">
                                {portrait(s.thumbnail.clone(), 96, "mb-3 h-16 w-16")}
                                <a href=format!("/e/{slug}/speakers/{}", s.id) class="font-semibold no-underline hover:underline">{s.name}</a>
                                <p class="text-sm text-muted">{s.headline}</p>
                                <p class="text-sm text-muted">{s.company}</p>
                            </li>
                        }).collect_view()}
                    </ul>
                    {(speaker_count > 8).then(|| view! {
                        <p class="mt-3"><a href=format!("/e/{slug}/speakers") class="text-accent underline">{format!("All {speaker_count} speakers")}</a></p>
                    })}
                </section>
            })}
        </article>
    }
    .to_html();
    RenderedPage {
        title,
        description,
        canonical: Some(canonical_url),
        json_ld: Some(json_ld),
        image: share_image,
        html,
    }
}

/// What the visitor's last join or cancel did.
pub enum Notice {
    /// It worked: the sentence to show.
    Done(&'static str),
    /// It was refused: why.
    Refused(String),
}

/// "Join", "You're going", "Waitlist": plain form posts, so it works the same without
/// JavaScript.
fn join_box(slug: &str, attendance: Attendance, notice: Option<Notice>) -> impl IntoView + use<> {
    let places = attendance.places_label();
    let button = "mt-2 rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink";
    let slug = slug.to_owned();
    let action = match (attendance.signed_in, attendance.status) {
        (false, _) => view! {
            // A block of its own: an inline link's padding would be drawn over the line above.
            <a href=format!("/login?next=/e/{slug}") class=format!("{button} inline-block no-underline")>"Sign in to join"</a>
        }
        .into_any(),
        (true, None) => view! {
            <PostForm endpoint="join_event">
                <input type="hidden" name="slug" value=slug />
                <button type="submit" class=button>
                    {if attendance.is_full() { "Join the waitlist" } else { "Join" }}
                </button>
            </PostForm>
        }
        .into_any(),
        (true, Some(status)) => {
            let text = match (status, attendance.waitlist_position) {
                (RegistrationStatus::Waitlisted, Some(n)) => {
                    format!("You are number {n} on the waitlist.")
                }
                (RegistrationStatus::Waitlisted, None) => "You are on the waitlist.".to_owned(),
                _ => "You're going.".to_owned(),
            };
            view! {
                <p class="mt-1 font-semibold">{text}</p>
                <PostForm endpoint="leave_event">
                    <input type="hidden" name="slug" value=slug />
                    <button type="submit" class="text-sm text-danger underline">
                        {if status == RegistrationStatus::Waitlisted { "Leave the waitlist" } else { "Cancel my place" }}
                    </button>
                </PostForm>
            }.into_any()
        }
    };
    let notice = notice.map(|n| match n {
        Notice::Done(text) => view! {
            <p role="status" class="rounded-lg border border-line bg-accent-soft px-3 py-2 text-sm">{text}</p>
        }.into_any(),
        Notice::Refused(text) => view! {
            <p role="alert" class="rounded-lg border border-danger px-3 py-2 text-sm text-danger">{text}</p>
        }.into_any(),
    });
    view! {
        <div class="rounded-xl bg-raised p-4">
            <p class="text-xs font-semibold uppercase tracking-wide text-muted">"Attend"</p>
            {notice}
            <p class="mt-1 text-sm text-muted">{places}</p>
            {action}
        </div>
    }
}
