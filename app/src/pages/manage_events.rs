//! The organizer's event pages: the list on the workspace home, a new event, and the event
//! editor (details, status, rooms and tracks, the agenda grid, sessions, history). Rendered
//! by the server only; every action is a form post answered by a redirect.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::EventStatus;
use domain::error::AppError;
use domain::import::ImportKind;
use domain::organizer::{EventEditor, EventForm};

use crate::api::manage_events::{get_event_editor, list_events};
use crate::api::organizations::get_workspace;
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{Choice, Field, FormError, Notice, PostForm, Submit, posted_error};
use crate::components::image_upload::ImageUpload;
use crate::components::page_title::PageTitle;
use crate::pages::account::SignInPrompt;
use crate::pages::description_editor::DescriptionEditor;
use crate::pages::manage_agenda::{AgendaSection, PlacesSection};
use crate::pages::manage_imports::ImportForm;

const CARD: &str = "rounded-xl border border-line bg-surface p-6";
const LINK_BUTTON: &str = "rounded-lg border border-line px-3 py-1.5 text-sm font-semibold no-underline hover:border-accent";

/// The status as a small badge.
#[component]
pub fn StatusBadge(status: EventStatus) -> impl IntoView {
    let (text, class) = match status {
        EventStatus::Draft => ("Draft", "bg-raised text-muted"),
        EventStatus::Published => ("Published", "bg-accent text-accent-ink"),
        EventStatus::Archived => ("Archived", "bg-raised text-muted line-through"),
    };
    view! { <span class=format!("rounded px-2 py-0.5 text-xs font-semibold {class}")>{text}</span> }
}

/// The organization's events, as [`EventsSection`] shows them.
pub type EventsResource = Resource<Result<Vec<domain::organizer::EventListItem>, AppError>>;

/// The events of `org`, to create where the page's other resources are created (not
/// inside a `Suspend`, which would create and fetch it again on every re-render).
pub fn events_resource(org: impl Fn() -> String + Send + Sync + 'static) -> EventsResource {
    Resource::new(org, list_events)
}

/// The events section of the workspace home.
#[component]
pub fn EventsSection(org: String, events: EventsResource) -> impl IntoView {
    view! {
        <section class=CARD>
            <div class="mb-4 flex flex-wrap items-center justify-between gap-3">
                <h2 class="text-lg font-semibold">"Events"</h2>
                <div class="flex flex-wrap gap-3">
                    <a href=format!("/manage/{org}/speakers") class=LINK_BUTTON>"Speakers"</a>
                    <a href=format!("/manage/{org}/contacts") class=LINK_BUTTON>"Contacts"</a>
                    <a href=format!("/manage/{org}/campaigns") class=LINK_BUTTON>"Campaigns"</a>
                    <a href=format!("/manage/{org}/new-event") class="rounded-lg bg-accent px-3 py-1.5 text-sm font-semibold text-accent-ink no-underline">"New event"</a>
                </div>
            </div>
            <Suspense fallback=|| ()>
                {move || { let org = org.clone(); Suspend::new(async move {
                    match events.await {
                        Ok(list) if list.is_empty() => view! { <p class="text-muted">"No events yet. Create the first one."</p> }.into_any(),
                        Ok(list) => view! {
                            <div class="overflow-x-auto"><table class="w-full text-left text-sm">
                                <thead class="text-muted"><tr><th class="py-2">"Event"</th><th>"Status"</th><th>"Dates"</th><th class="text-right">"Sessions"</th><th class="text-right">"Attendees"</th></tr></thead>
                                <tbody class="divide-y divide-line">
                                    {list.into_iter().map(|e| view! {
                                        <tr>
                                            <td class="py-2"><a href=format!("/manage/{org}/events/{}", e.slug) class="font-semibold text-accent underline">{e.title}</a></td>
                                            <td><StatusBadge status=e.status /></td>
                                            <td class="text-muted">{e.dates}</td>
                                            <td class="text-right tabular-nums">{e.sessions}</td>
                                            <td class="text-right tabular-nums">{e.registrations}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table></div>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}}
            </Suspense>
        </section>
    }
}

/// The event's fields, shared by the new-event page and the editor.
#[component]
fn EventFields(
    form: EventForm,
    error: Signal<Option<AppError>>,
    /// The saved description, rendered; blank for a new event.
    #[prop(optional)]
    preview: String,
) -> impl IntoView {
    let visibility = vec![
        (
            "public".to_owned(),
            "Listed: on the home page and in search".to_owned(),
        ),
        (
            "unlisted".to_owned(),
            "Unlisted: only people with the link".to_owned(),
        ),
    ];
    view! {
        <Field label="Title" name="title" error value=form.title form="event" />
        <Field label="Address" name="slug" error value=form.slug form="event" required=false
            hint="The event's URL: /e/your-address. Lowercase letters, digits and hyphens; left blank, it is made from the title." />
        <Field label="Summary" name="summary" error value=form.summary form="event" required=false hint="One or two sentences for cards and search results." />
        <DescriptionEditor value=form.description.clone() error=error.get_untracked()
            html=preview />
        <div class="grid gap-4 sm:grid-cols-3">
            <Field label="Starts" name="starts_local" kind="datetime-local" error value=form.starts_local form="event" />
            <Field label="Ends" name="ends_local" kind="datetime-local" error value=form.ends_local form="event" />
            <Field label="Time zone" name="time_zone" error value=form.time_zone form="event" hint="Such as Europe/Berlin or America/New_York." />
        </div>
        <div class="grid gap-4 sm:grid-cols-2">
            <Field label="Venue" name="venue" error value=form.venue form="event" required=false hint="Name and address; blank for an online-only event." />
            <Field label="Online link" name="online_url" kind="url" error value=form.online_url form="event" required=false />
        </div>
        <div class="grid gap-4 sm:grid-cols-2">
            <Choice label="Visibility" name="visibility" error options=visibility value=form.visibility form="event" />
            <Field label="Capacity" name="capacity" kind="number" error value=form.capacity form="event" required=false hint="Blank for no limit. When full, people join a waitlist." />
        </div>
    }
}

/// `/manage/{org}/new-event`: only for the organization's members (404 for anyone else, as
/// every page of a workspace one does not belong to).
#[component]
pub fn NewEventPage() -> impl IntoView {
    let params = use_params_map();
    let org = move || params.read().get("slug").unwrap_or_default();
    let workspace = Resource::new(org, get_workspace);
    let error = posted_error("save_event");
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match workspace.await {
                    Ok(workspace) => {
                        let org = workspace.organization.slug.clone();
                        let form = EventForm {
                            time_zone: "UTC".into(),
                            visibility: "public".into(),
                            ..Default::default()
                        };
                        view! {
                            <PageTitle text="New event" />
                            <p class="text-sm"><a href=format!("/manage/{org}") class="text-accent underline">"← Workspace"</a></p>
                            <h1 class="mb-6 text-3xl font-bold tracking-tight">"New event"</h1>
                            <section class=CARD>
                                <PostForm endpoint="save_event" class="flex flex-col gap-4">
                                    <FormError error />
                                    <input type="hidden" name="org" value=org />
                                    <EventFields form error />
                                    <p class="text-sm text-muted">"It starts as a draft: nobody else sees it until you publish it."</p>
                                    <div><Submit label="Create the draft" /></div>
                                </PostForm>
                            </section>
                        }
                        .into_any()
                    }
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <PageTitle text="Not found" /><ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/manage/{org}/events/{event}`.
#[component]
pub fn EventEditorPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("slug").unwrap_or_default(),
            p.get("event").unwrap_or_default(),
        )
    };
    let editor = Resource::new(key, |(org, event)| get_event_editor(org, event));
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading the event…"</p> }>
            {move || Suspend::new(async move {
                match editor.await {
                    Ok(editor) => view! { <Editor editor /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <PageTitle text="Not found" /><ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn done_message(done: &str) -> Option<&'static str> {
    Some(match done {
        "created" => "Draft created. Add rooms, speakers and sessions, then publish it.",
        "saved" => "Changes saved.",
        "status" => "Status changed.",
        "copied" => {
            "This is the copy, as a draft: dates, rooms and tracks came along; sessions did not."
        }
        "room" => "Room added.",
        "track" => "Track added.",
        "deleted" => "Deleted.",
        "session" => "Session saved.",
        "speakers" => "Speakers updated.",
        "image" => "Image saved. The public page shows it now.",
        _ => return None,
    })
}

#[component]
fn Editor(editor: EventEditor) -> impl IntoView {
    let query = use_query_map();
    let notice = move || query.read().get("done").and_then(|d| done_message(&d));
    let org = editor.organization_slug.clone();
    let event = editor.event.form.slug.clone();
    let details_error = posted_error("save_event");
    let status_error = posted_error("change_event_status");
    let duplicate_error = posted_error("duplicate_event");
    let e = editor.event.clone();
    let warnings = editor.warnings.clone();
    let preview = editor.description_html.clone();
    let (org_copy, event_copy) = (org.clone(), event.clone());
    let (org_status, event_status) = (org.clone(), event.clone());
    let (org_details, event_details) = (org.clone(), event.clone());
    let back = format!("/manage/{org}");
    let public_link = (e.status == EventStatus::Published).then(|| format!("/e/{event}"));
    let cover_action = format!("/manage/{org}/events/{event}/cover");
    let import_action = format!("/manage/{org}/events/{event}/sessions/import");
    let cover_alt = format!("Cover of {}", e.form.title);
    view! {
        <PageTitle text=format!("{} · {}", e.form.title, editor.organization_name) />
        <div class="flex flex-col gap-8">
            <header>
                <p class="text-sm"><a href=back class="text-accent underline">{format!("← {}", editor.organization_name)}</a></p>
                <div class="mt-2 flex flex-wrap items-center gap-3">
                    <h1 class="text-3xl font-bold tracking-tight">{e.form.title.clone()}</h1>
                    <StatusBadge status=e.status />
                </div>
                <p class="text-muted">{e.dates.clone()}</p>
                <p class="text-sm text-muted">{format!("{} going · {} waiting", e.joined, e.waitlisted)}
                    {e.publish_at.clone().map(|at| format!(" · publishes itself on {at}"))}</p>
                <div class="mt-3 flex flex-wrap gap-3">
                    {public_link.map(|href| view! { <a href=href class=LINK_BUTTON>"View the public page"</a> })}
                    <a href=format!("/manage/{org}/events/{event}/tickets") class=LINK_BUTTON>"Tickets"</a>
                    <a href=format!("/manage/{org}/events/{event}/dashboard") class=LINK_BUTTON>"Dashboard"</a>
                    <a href=format!("/manage/{org}/events/{event}/orders") class=LINK_BUTTON>"Orders"</a>
                    <a href=format!("/manage/{org}/events/{event}/attendees") class=LINK_BUTTON>"Attendees"</a>
                    <a href=format!("/manage/{org}/events/{event}/check-in") class=LINK_BUTTON>"Check-in"</a>
                    <a href=format!("/manage/{org}/events/{event}/check-in/staff") class=LINK_BUTTON>"Door staff"</a>
                    <PostForm endpoint="duplicate_event">
                        <input type="hidden" name="org" value=org_copy />
                        <input type="hidden" name="event" value=event_copy />
                        <button type="submit" class=LINK_BUTTON>"Duplicate"</button>
                    </PostForm>
                </div>
            </header>
            {notice().map(|text| view! { <Notice>{text}</Notice> })}
            <FormError error=duplicate_error />
            {(!warnings.is_empty()).then(|| view! {
                <section aria-labelledby="warnings" class="rounded-xl border border-danger p-4">
                    <h2 id="warnings" class="mb-2 font-semibold text-danger">"Check the agenda"</h2>
                    <ul class="list-disc pl-5 text-sm">
                        {warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                    </ul>
                </section>
            })}
            <StatusSection org=org_status event=event_status status=e.status error=status_error />
            <section class=CARD>
                <h2 class="mb-4 text-lg font-semibold">"Details"</h2>
                <PostForm endpoint="save_event" class="flex flex-col gap-4">
                    <FormError error=details_error />
                    <input type="hidden" name="org" value=org_details />
                    <input type="hidden" name="event" value=event_details />
                    <EventFields form=e.form.clone() error=details_error preview=preview.clone() />
                    <div><Submit label="Save changes" /></div>
                </PostForm>
            </section>
            <ImageUpload
                title="Cover image"
                action=cover_action
                current=e.cover.clone()
                alt=cover_alt
                hint="JPEG, PNG, WebP or GIF, up to 10 MB. A wide picture works best (at least 1600 pixels)."
            />
            <PlacesSection editor=editor.clone() />
            <AgendaSection editor=editor.clone() />
            <ImportForm action=import_action kind=ImportKind::Sessions />
            <section class=CARD>
                <h2 class="mb-4 text-lg font-semibold">"History"</h2>
                <ol class="flex flex-col gap-1 text-sm">
                    {editor.history.into_iter().map(|c| view! {
                        <li><span class="text-muted">{c.at}</span>" · "<strong>{c.who}</strong>" "{c.summary}</li>
                    }).collect_view()}
                </ol>
            </section>
        </div>
    }
}

#[component]
fn StatusSection(
    org: String,
    event: String,
    status: EventStatus,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let button = |change: &'static str, label: &'static str| {
        let (org, event) = (org.clone(), event.clone());
        view! {
            <PostForm endpoint="change_event_status">
                <input type="hidden" name="org" value=org />
                <input type="hidden" name="event" value=event />
                <input type="hidden" name="change" value=change />
                <button type="submit" class=LINK_BUTTON>{label}</button>
            </PostForm>
        }
    };
    view! {
        <section class=CARD>
            <h2 class="mb-4 text-lg font-semibold">"Status"</h2>
            <FormError error />
            <div class="flex flex-wrap items-end gap-3">
                {(status != EventStatus::Published).then(|| button("publish", "Publish now"))}
                {(status != EventStatus::Draft).then(|| button("unpublish", "Back to draft"))}
                {(status != EventStatus::Archived).then(|| button("archive", "Archive"))}
            </div>
            {(status == EventStatus::Draft).then(|| view! {
                <PostForm endpoint="change_event_status" class="mt-4 flex flex-wrap items-end gap-3">
                    <input type="hidden" name="org" value=org.clone() />
                    <input type="hidden" name="event" value=event.clone() />
                    <input type="hidden" name="change" value="schedule" />
                    <Field label="Publish automatically at" name="publish_at" kind="datetime-local" error form="status" />
                    <button type="submit" class=LINK_BUTTON>"Schedule"</button>
                </PostForm>
            })}
        </section>
    }
}
