//! `/e/{event}`: the public page of one event.

use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::events::get_event;
use crate::api::program::get_attendance;
use crate::components::error_notice::ErrorNotice;
use crate::components::event_nav::{EventNav, EventTab, LocalTime};
use crate::components::form::{FormError, Notice, PostForm, posted_error};
use crate::components::page_title::PageTitle;
use crate::domain::EventDetails;
use crate::domain::registration::{Attendance, RegistrationStatus};
use crate::domain::text::is_web_link;
use crate::error::AppError;
use crate::pages::not_found::NotFound;

/// The event page; unknown, draft and archived events answer 404.
#[component]
pub fn EventPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    // One resource for the event and the visitor's place at it: one suspense to wait for,
    // and nothing created (and fetched again) inside it when it re-renders.
    let page = Resource::new(slug, |slug| async move {
        let details = get_event(slug.clone()).await?;
        Ok((details, get_attendance(slug).await))
    });
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading event…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok((details, attendance)) => view! { <EventDetailsView details attendance /> }.into_any(),
                    Err(AppError::NotFound(_)) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EventDetailsView(
    details: EventDetails,
    attendance: Result<Attendance, AppError>,
) -> impl IntoView {
    let EventDetails {
        summary,
        description_html,
        venue,
        online_url,
        canonical_url,
        speakers,
        speaker_count,
        json_ld,
        ..
    } = details;
    let slug = summary.slug.to_string();
    view! {
        <PageTitle text=summary.title.clone() />
        <Meta name="description" content=summary.summary.clone() />
        <Meta property="og:title" content=summary.title.clone() />
        <Meta property="og:description" content=summary.summary.clone() />
        <Meta property="og:type" content="website" />
        <Meta property="og:url" content=canonical_url.clone() />
        <Meta name="twitter:card" content="summary" />
        <Meta name="twitter:title" content=summary.title.clone() />
        <Meta name="twitter:description" content=summary.summary.clone() />
        <Link rel="canonical" href=canonical_url />
        <Script type_="application/ld+json">{json_ld}</Script>
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
                            <LocalTime datetime=summary.schedule.starts_at label=summary.schedule.label />
                            <span class="block text-sm text-muted">{summary.schedule.time_zone}</span>
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
                <JoinBox slug=slug.clone() attendance />
            </div>
            <div class="prose mt-8 max-w-none leading-relaxed" inner_html=description_html></div>
            {(!speakers.is_empty()).then(|| view! {
                <section class="mt-10">
                    <h2 class="mb-4 text-xl font-semibold">"Speakers"</h2>
                    <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
                        {speakers.into_iter().map(|s| view! {
                            <li class="rounded-xl border border-line p-4">
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

/// "Join", "You're in", "Waitlist": the visitor's place at the event. Plain form posts, so
/// it works the same without JavaScript.
#[component]
fn JoinBox(slug: String, attendance: Result<Attendance, AppError>) -> impl IntoView {
    let query = use_query_map();
    let done = move || {
        query.read().get("done").and_then(|d| match d.as_str() {
            "joined" => Some("You are registered. See you there!"),
            "left" => Some("Your place has been released."),
            _ => None,
        })
    };
    let join_error = posted_error("join_event");
    view! {
        <div class="rounded-xl bg-raised p-4">
            <p class="text-xs font-semibold uppercase tracking-wide text-muted">"Attend"</p>
            {done().map(|text| view! { <Notice>{text}</Notice> })}
            <FormError error=join_error />
            {match attendance {
                Ok(a) => view! { <Attend attendance=a slug /> }.into_any(),
                Err(error) => view! { <ErrorNotice error /> }.into_any(),
            }}
        </div>
    }
}

#[component]
fn Attend(attendance: Attendance, slug: String) -> impl IntoView {
    let places = attendance.places_label();
    let button = "mt-2 rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink";
    let action = match (attendance.signed_in, attendance.status) {
        (false, _) => view! {
            <a href=format!("/login?next=/e/{slug}") class=button>"Sign in to join"</a>
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
    view! {
        <p class="mt-1 text-sm text-muted">{places}</p>
        {action}
    }
}
