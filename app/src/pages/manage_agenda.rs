//! The agenda part of the event editor: rooms and tracks, the day-by-day grid with one column
//! per room, and the session forms (create, edit, move, delete, speakers). Moving a session
//! is editing its room and times in its form, which works with a keyboard and without
//! JavaScript alike.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use domain::agenda::{AgendaItem, SessionKind};
use domain::error::AppError;
use domain::organizer::{EventEditor, SessionForm};

use crate::components::form::{
    Choice, Field, FormError, PostForm, Submit, TextArea, posted_error, posted_error_for,
};
use crate::pages::agenda_grid::AgendaGrid;

const CARD: &str = "rounded-xl border border-line bg-surface p-6";
const SMALL_BUTTON: &str =
    "rounded-lg border border-line px-3 py-1.5 text-sm font-semibold hover:border-accent";

/// When a delete needs confirming, the question and a button that confirms it.
#[component]
fn ConfirmPrompt(
    endpoint: &'static str,
    error: Signal<Option<AppError>>,
    org: String,
    event: String,
) -> impl IntoView {
    let question = error.get_untracked().and_then(|error| {
        let message = error.field_message("confirm")?.to_owned();
        let target = error.kept("confirm_target")?.to_owned();
        Some((message, target))
    });
    question.map(|(message, target)| {
        view! {
            <div role="alert" class="mb-4 rounded-lg border border-danger p-3 text-sm">
                <p>{message}</p>
                <PostForm endpoint=endpoint class="mt-2">
                    <input type="hidden" name="org" value=org />
                    <input type="hidden" name="event" value=event />
                    <input type="hidden" name="id" value=target />
                    <input type="hidden" name="confirm" value="yes" />
                    <button type="submit" class="font-semibold text-danger underline">"Yes, delete it"</button>
                </PostForm>
            </div>
        }
    })
}

/// The rooms or the tracks: each with a delete button, and a form to add one.
#[component]
fn PlaceList(
    org: String,
    event: String,
    names: Vec<(i64, String)>,
    delete: &'static str,
    add: &'static str,
    field: &'static str,
    label: &'static str,
) -> impl IntoView {
    let delete_error = posted_error(delete);
    let add_error = posted_error(add);
    let items = names
        .into_iter()
        .map(|(id, name)| {
            let (org, event) = (org.clone(), event.clone());
            let aria = format!("Delete {name}");
            view! {
                <li class="flex items-center gap-2 rounded-lg bg-raised px-3 py-1 text-sm">
                    {name}
                    <PostForm endpoint=delete>
                        <input type="hidden" name="org" value=org />
                        <input type="hidden" name="event" value=event />
                        <input type="hidden" name="id" value=id />
                        <button type="submit" class="text-danger" aria-label=aria>"×"</button>
                    </PostForm>
                </li>
            }
        })
        .collect_view();
    let (org_prompt, event_prompt) = (org.clone(), event.clone());
    view! {
        <ConfirmPrompt endpoint=delete error=delete_error org=org_prompt event=event_prompt />
        <FormError error=delete_error />
        <ul class="mb-3 flex flex-wrap gap-2">{items}</ul>
        <PostForm endpoint=add class="flex flex-wrap items-end gap-3">
            <input type="hidden" name="org" value=org />
            <input type="hidden" name="event" value=event />
            <Field label=label name=field error=add_error form=add />
            <button type="submit" class=SMALL_BUTTON>"Add"</button>
        </PostForm>
    }
}

/// Rooms and tracks.
#[component]
pub fn PlacesSection(editor: EventEditor) -> impl IntoView {
    let org = editor.organization_slug.clone();
    let event = editor.event.form.slug.clone();
    let rooms = editor
        .rooms
        .iter()
        .map(|r| (r.id.0, r.name.clone()))
        .collect();
    let tracks = editor
        .tracks
        .iter()
        .map(|t| (t.id.0, t.name.clone()))
        .collect();
    view! {
        <section id="places" class=CARD>
            <h2 class="mb-4 text-lg font-semibold">"Rooms and tracks"</h2>
            <div class="grid gap-6 sm:grid-cols-2">
                <div>
                    <h3 class="mb-2 font-semibold">"Rooms"</h3>
                    <PlaceList org=org.clone() event=event.clone() names=rooms delete="delete_room" add="add_room" field="room" label="New room" />
                </div>
                <div>
                    <h3 class="mb-2 font-semibold">"Tracks"</h3>
                    <PlaceList org event names=tracks delete="delete_track" add="add_track" field="track" label="New track" />
                </div>
            </div>
        </section>
    }
}

/// The agenda: day tabs, the grid of the chosen day, the session forms.
#[component]
pub fn AgendaSection(editor: EventEditor) -> impl IntoView {
    let query = use_query_map();
    let mut days: Vec<String> = editor.items.iter().map(|i| i.day.clone()).collect();
    days.dedup();
    let chosen = query
        .read_untracked()
        .get("day")
        .filter(|d| days.contains(d))
        .or_else(|| days.first().cloned());
    let org = editor.organization_slug.clone();
    let event = editor.event.form.slug.clone();
    let day_items: Vec<AgendaItem> = editor
        .items
        .iter()
        .filter(|i| Some(&i.day) == chosen.as_ref())
        .cloned()
        .collect();
    let export_href = format!("/manage/{org}/events/{event}/sessions.csv");
    let new_error = posted_error("save_session");
    let editing_id = move || {
        new_error
            .get()
            .and_then(|e| e.kept("id").map(str::to_owned))
            .unwrap_or_default()
    };
    let new_form = SessionForm {
        kind: "talk".into(),
        starts_local: editor.event.form.starts_local.clone(),
        ends_local: editor.event.form.starts_local.clone(),
        ..Default::default()
    };
    let is_new_error = move || editing_id().is_empty();
    let new_form_error = Signal::derive(move || new_error.get().filter(|_| is_new_error()));
    view! {
        <section id="agenda" class=CARD>
            <div class="mb-4 flex flex-wrap items-center justify-between gap-3">
                <h2 class="text-lg font-semibold">"Agenda"</h2>
                <a href=export_href download class="text-sm text-accent underline">"Export sessions (CSV)"</a>
            </div>
            <nav aria-label="Days" class="mb-4 flex flex-wrap gap-2">
                {days.iter().map(|d| {
                    let current = Some(d) == chosen.as_ref();
                    view! {
                        <a href=format!("?day={d}#agenda") aria-current=current.then_some("page")
                            class=if current { "rounded-lg bg-accent px-3 py-1 text-sm text-accent-ink no-underline" } else { "rounded-lg bg-raised px-3 py-1 text-sm no-underline" }>
                            {d.clone()}
                        </a>
                    }
                }).collect_view()}
            </nav>
            <AgendaGrid editor=editor.clone() items=day_items />
            <h3 class="mb-2 mt-8 font-semibold">"Sessions"</h3>
            <ul class="flex flex-col gap-3">
                {editor.items.iter().map(|item| view! { <SessionEditor editor=editor.clone() item=item.clone() /> }).collect_view()}
            </ul>
            <details class="mt-6" open=move || new_form_error.get().is_some()>
                <summary class="cursor-pointer font-semibold text-accent">"Add a session"</summary>
                <PostForm endpoint="save_session" class="mt-4 flex flex-col gap-4">
                    <FormError error=new_form_error />
                    <input type="hidden" name="org" value=org.clone() />
                    <input type="hidden" name="event" value=event.clone() />
                    <SessionFields editor=editor.clone() form=new_form error=new_form_error prefix="new-session".to_owned() />
                    <div><Submit label="Add the session" /></div>
                </PostForm>
            </details>
        </section>
    }
}

/// The fields of the session form.
#[component]
fn SessionFields(
    editor: EventEditor,
    form: SessionForm,
    error: Signal<Option<AppError>>,
    prefix: String,
) -> impl IntoView {
    let kinds = SessionKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect();
    let with_none = |none: &str, named: Vec<(String, String)>| {
        std::iter::once((String::new(), none.to_owned()))
            .chain(named)
            .collect::<Vec<_>>()
    };
    let rooms = with_none(
        "No room",
        editor
            .rooms
            .iter()
            .map(|r| (r.id.to_string(), r.name.clone()))
            .collect(),
    );
    let tracks = with_none(
        "No track",
        editor
            .tracks
            .iter()
            .map(|t| (t.id.to_string(), t.name.clone()))
            .collect(),
    );
    view! {
        <Field label="Title" name="title" error value=form.title form=prefix.clone() />
        <div class="grid gap-4 sm:grid-cols-3">
            <Choice label="Kind" name="kind" error options=kinds value=form.kind form=prefix.clone() />
            <Field label="Starts" name="starts_local" kind="datetime-local" error value=form.starts_local form=prefix.clone() />
            <Field label="Ends" name="ends_local" kind="datetime-local" error value=form.ends_local form=prefix.clone() />
        </div>
        <div class="grid gap-4 sm:grid-cols-2">
            <Choice label="Room" name="room" error options=rooms value=form.room form=prefix.clone() />
            <Choice label="Track" name="track" error options=tracks value=form.track form=prefix.clone() />
        </div>
        <TextArea label="Abstract" name="abstract_text" error value=form.abstract_text form=prefix rows=4 hint="Markdown." />
    }
}

/// One session: its summary, and a form to edit or move it, its speakers, delete.
#[component]
fn SessionEditor(editor: EventEditor, item: AgendaItem) -> impl IntoView {
    let org = editor.organization_slug.clone();
    let event = editor.event.form.slug.clone();
    let id = item.id.to_string();
    let mine = posted_error_for("save_session", id.clone());
    let speaker_error = posted_error_for("set_session_speaker", id.clone());
    let speaker_problem = move || {
        speaker_error.get().and_then(|e| {
            ["speaker", "new_speaker"]
                .into_iter()
                .find_map(|field| e.field_message(field).map(str::to_owned))
        })
    };
    let typed_speaker = move || {
        speaker_error
            .get()
            .and_then(|e| e.kept("new_speaker").map(str::to_owned))
            .unwrap_or_default()
    };
    let form = SessionForm {
        title: item.title.clone(),
        abstract_text: item.abstract_text.clone(),
        kind: item.kind.as_str().to_owned(),
        starts_local: item.starts_local.clone(),
        ends_local: item.ends_local.clone(),
        room: item
            .room
            .as_ref()
            .map(|r| r.id.to_string())
            .unwrap_or_default(),
        track: item
            .track
            .as_ref()
            .map(|t| t.id.to_string())
            .unwrap_or_default(),
    };
    let available: Vec<_> = editor
        .speakers
        .iter()
        .filter(|s| !item.speakers.contains(s))
        .cloned()
        .collect();
    let prefix = format!("session-{id}");
    let place = item
        .room
        .as_ref()
        .map(|r| r.name.clone())
        .unwrap_or_else(|| "No room".into());
    let summary = format!(
        "{} {} · {} · {}",
        item.day,
        item.time_label,
        place,
        item.kind.label()
    );
    let item_id = item.id.0;
    let attached = item.speakers.clone();
    let (org_add, event_add) = (org.clone(), event.clone());
    let (org_save, event_save) = (org.clone(), event.clone());
    let removals = attached
        .into_iter()
        .map(|s| {
            let (org, event) = (org.clone(), event.clone());
            let aria = format!("Remove {}", s.name);
            view! {
                <li class="flex items-center gap-1 rounded bg-raised px-2 py-0.5 text-sm">
                    {s.name}
                    <PostForm endpoint="set_session_speaker">
                        <input type="hidden" name="org" value=org />
                        <input type="hidden" name="event" value=event />
                        <input type="hidden" name="id" value=item_id />
                        <input type="hidden" name="speaker" value=s.id.0 />
                        <input type="hidden" name="attach" value="false" />
                        <button type="submit" class="text-danger" aria-label=aria>"×"</button>
                    </PostForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <li id=format!("session-{item_id}") class="rounded-lg border border-line p-4">
            <p class="font-semibold">{item.title.clone()}</p>
            <p class="text-sm text-muted">{summary}</p>
            <ul class="mt-2 flex flex-wrap gap-2">{removals}            </ul>
            // Starts on "choose": a select that opened on a real speaker would add them
            // to whoever pressed the button without looking.
            <PostForm endpoint="set_session_speaker" class="mt-2 flex flex-wrap items-end gap-2">
                <input type="hidden" name="org" value=org_add />
                <input type="hidden" name="event" value=event_add />
                <input type="hidden" name="id" value=item_id />
                <input type="hidden" name="attach" value="true" />
                {(!available.is_empty()).then(|| view! {
                    <label class="sr-only" for=format!("session-{item_id}-speaker")>{format!("Speaker to add to “{}”", item.title)}</label>
                    <select id=format!("session-{item_id}-speaker") name="speaker" class="rounded-lg border border-line bg-surface px-2 py-1 text-sm">
                        <option value="" selected>"Choose a speaker…"</option>
                        {available.into_iter().map(|s| view! { <option value=s.id.0>{s.name}</option> }).collect_view()}
                    </select>
                })}
                <label class="sr-only" for=format!("session-{item_id}-new-speaker")>{format!("New speaker for “{}”", item.title)}</label>
                <input id=format!("session-{item_id}-new-speaker") name="new_speaker" placeholder="or a new speaker's name"
                    value=typed_speaker class="rounded-lg border border-line bg-surface px-2 py-1 text-sm" />
                <button type="submit" class=SMALL_BUTTON>"Add speaker"</button>
            </PostForm>
            {move || speaker_problem().map(|message| view! {
                <p role="alert" class="mt-1 text-sm text-danger">{message}</p>
            })}
            <FormError error=speaker_error />
            <details class="mt-2" open=move || mine.get().is_some()>
                <summary class="cursor-pointer text-sm text-accent">"Edit or move"</summary>
                <PostForm endpoint="save_session" class="mt-3 flex flex-col gap-4">
                    <FormError error=mine />
                    <input type="hidden" name="org" value=org_save />
                    <input type="hidden" name="event" value=event_save />
                    <input type="hidden" name="id" value=item_id />
                    <SessionFields editor=editor.clone() form error=mine prefix=prefix />
                    <div><Submit label="Save the session" /></div>
                </PostForm>
                <PostForm endpoint="delete_session" class="mt-3">
                    <input type="hidden" name="org" value=org />
                    <input type="hidden" name="event" value=event />
                    <input type="hidden" name="id" value=item_id />
                    <button type="submit" class="text-sm text-danger underline">"Delete this session"</button>
                </PostForm>
            </details>
        </li>
    }
}
