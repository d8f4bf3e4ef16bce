//! `/e/{event}`: the event, and joining it.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use domain::EventDetails;
use domain::registration::Attendance;
use domain::text::is_web_link;

use super::join_box::JoinBox;
use super::{PageMeta, ProgramMeta, loaded, param, portrait};
use crate::api::program::get_event_page;
use crate::components::event_nav::{EventNav, EventTab};
use crate::components::form::posted_error;
use crate::components::reader_time::ReaderTime;
use crate::viewer::Viewer;

/// `/e/{event}`, with `?done=joined|left` after a join or cancel without JavaScript, or the
/// error of a refused one.
#[component]
pub fn EventRoute() -> impl IntoView {
    let slug = param("slug");
    let query = use_query_map();
    let done = query.read_untracked().get("done").unwrap_or_default();
    let refused = posted_error("join_event")
        .get_untracked()
        .or_else(|| posted_error("leave_event").get_untracked());
    let notice = match (done.as_str(), refused) {
        (_, Some(error)) => Some(Notice::Refused(error.to_string())),
        ("joined", None) => Some(Notice::Done("You are registered. See you there!")),
        ("left", None) => Some(Notice::Done("Your place has been released.")),
        _ => None,
    };
    let data = Resource::new(move || slug.clone(), get_event_page);
    loaded(data, move |(details, attendance)| {
        view! { <EventView details attendance notice=notice.clone() /> }
    })
}

/// The event, the visitor's place at it, and `notice` (what their last join or cancel did,
/// or why it was refused).
#[component]
fn EventView(
    details: EventDetails,
    attendance: Attendance,
    notice: Option<Notice>,
) -> impl IntoView {
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
        sells_tickets,
        ..
    } = details;
    let slug = summary.slug.to_string();
    let meta = PageMeta {
        title: summary.title.clone(),
        description: summary.summary.clone(),
        canonical: Some(canonical_url),
        json_ld: Some(json_ld),
        image: share_image,
    };
    let starts_at = summary.schedule.starts_at.clone();
    view! {
        <ProgramMeta meta />
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
                            <time datetime=summary.schedule.starts_at>{summary.schedule.label}</time>
                            <ReaderTime instant=starts_at />
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
                {if sells_tickets {
                    tickets_box(&slug).into_any()
                } else {
                    join_box(&slug, attendance, notice).into_any()
                }}
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
}

/// The "Tickets" box of an event that sells them: where to get them.
fn tickets_box(slug: &str) -> impl IntoView + use<> {
    view! {
        <div class="rounded-xl bg-raised p-4">
            <p class="text-xs font-semibold uppercase tracking-wide text-muted">"Tickets"</p>
            <a href=format!("/e/{slug}/register") class="mt-2 inline-block rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink no-underline">"Get tickets"</a>
        </div>
    }
}

/// What the visitor's last join or cancel did.
#[derive(Clone)]
enum Notice {
    /// It worked: the sentence to show.
    Done(&'static str),
    /// It was refused: why.
    Refused(String),
}

/// The "Attend" box: `notice` (what the visitor's last join or cancel did, or why it was
/// refused), then the [`JoinBox`] island.
fn join_box(slug: &str, attendance: Attendance, notice: Option<Notice>) -> impl IntoView + use<> {
    let ask = Viewer::of(attendance.signed_in) == Viewer::Members;
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
            <JoinBox slug=slug.to_owned() attendance ask />
        </div>
    }
}
