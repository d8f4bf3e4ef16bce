//! `/manage/{org}/speakers` (search, add) and `/manage/{org}/speakers/{id}` (edit, delete):
//! the organization's speaker profiles, reused by all its events.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::SpeakerId;
use domain::error::AppError;
use domain::import::ImportKind;
use domain::speaker::SpeakerForm;

use crate::api::manage_events::{get_speaker_directory, get_speaker_profile};
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{Field, FormError, Notice, PostForm, Submit, TextArea, posted_error};
use crate::components::image_upload::ImageUpload;
use crate::components::page_title::PageTitle;
use crate::pages::account::SignInPrompt;
use crate::pages::manage_imports::ImportForm;

const CARD: &str = "rounded-xl border border-line bg-surface p-6";

#[component]
fn SpeakerFields(form: SpeakerForm, error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <Field label="Name" name="name" error value=form.name form="speaker" />
        <div class="grid gap-4 sm:grid-cols-2">
            <Field label="Headline" name="headline" error value=form.headline form="speaker" required=false hint="Such as “Compiler engineer”." />
            <Field label="Company" name="company" error value=form.company form="speaker" required=false />
        </div>
        <TextArea label="Biography" name="bio" error value=form.bio form="speaker" rows=5 />
        <TextArea label="Links" name="links" error value=form.links form="speaker" rows=3 hint="One https:// link per line, at most 10." />
    }
}

/// The directory.
#[component]
pub fn SpeakerDirectoryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let org = params.read_untracked().get("slug").unwrap_or_default();
    let q = query.read_untracked().get("q").unwrap_or_default();
    let directory = Resource::new(
        {
            let (org, q) = (org.clone(), q.clone());
            move || (org.clone(), q.clone())
        },
        |(org, q)| get_speaker_directory(org, q),
    );
    let error = posted_error("save_speaker");
    let done = query.read_untracked().get("done");
    let export_href = format!("/manage/{org}/speakers.csv");
    let import_action = format!("/manage/{org}/speakers/import");
    view! {
        <PageTitle text="Speakers" />
        <p class="text-sm"><a href=format!("/manage/{org}") class="text-accent underline">"← Workspace"</a></p>
        <div class="mb-6 flex flex-wrap items-center justify-between gap-3">
            <h1 class="text-3xl font-bold tracking-tight">"Speakers"</h1>
            <a href=export_href download class="text-sm text-accent underline">"Export all (CSV)"</a>
        </div>
        {(done.as_deref() == Some("deleted")).then(|| view! { <Notice>"Speaker deleted."</Notice> })}
        <div class="flex flex-col gap-8">
            <section class=CARD>
                <form method="get" class="mb-4 flex flex-wrap items-end gap-3" role="search">
                    <label class="flex flex-col gap-1 text-sm font-semibold">"Search by name, headline or company"
                        <input type="search" name="q" value=q class="rounded-lg border border-line bg-surface px-3 py-2" />
                    </label>
                    <button type="submit" class="rounded-lg border border-line px-3 py-2 text-sm font-semibold">"Search"</button>
                </form>
                <Suspense fallback=|| ()>
                    {move || { let org = org.clone(); Suspend::new(async move {
                        match directory.await {
                            Ok(d) if d.speakers.is_empty() => view! { <p class="text-muted">"No speakers found."</p> }.into_any(),
                            Ok(d) => view! {
                                <ul class="divide-y divide-line">
                                    {d.speakers.into_iter().map(|s| view! {
                                        <li class="py-2">
                                            <a href=format!("/manage/{org}/speakers/{}", s.id) class="font-semibold text-accent underline">{s.name}</a>
                                            <span class="text-sm text-muted">{format!(" {} {}", s.headline, s.company)}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                                {d.truncated.then(|| view! { <p class="mt-2 text-sm text-muted">"More speakers match; refine the search to see them."</p> })}
                            }.into_any(),
                            Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                            Err(error) => view! { <ErrorNotice error /> }.into_any(),
                        }
                    })}}
                </Suspense>
            </section>
            <section class=CARD>
                <h2 class="mb-4 text-lg font-semibold">"Add a speaker"</h2>
                <PostForm endpoint="save_speaker" class="flex flex-col gap-4">
                    <FormError error />
                    <input type="hidden" name="org" value=params.read_untracked().get("slug").unwrap_or_default() />
                    <SpeakerFields form=SpeakerForm::default() error />
                    <div><Submit label="Add the speaker" /></div>
                </PostForm>
            </section>
            <ImportForm action=import_action kind=ImportKind::Speakers />
        </div>
    }
}

/// One profile.
#[component]
pub fn SpeakerEditPage() -> impl IntoView {
    let params = use_params_map();
    let org = params.read_untracked().get("slug").unwrap_or_default();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse().ok())
        .map(SpeakerId)
        .unwrap_or(SpeakerId(0));
    let profile = Resource::new(
        {
            let org = org.clone();
            move || (org.clone(), id)
        },
        |(org, id)| get_speaker_profile(org, id),
    );
    let save_error = posted_error("save_speaker");
    let delete_error = posted_error("delete_speaker");
    let saved = use_query_map().read_untracked().get("done").is_some();
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || { let org = org.clone(); Suspend::new(async move {
                match profile.await {
                    Ok(p) => {
                        let form = SpeakerForm {
                            name: p.name.clone(),
                            headline: p.headline,
                            company: p.company,
                            bio: p.bio,
                            links: p.links.join("\n"),
                        };
                        let back = format!("/manage/{org}/speakers");
                        let org_delete = org.clone();
                        let photo_action = format!("/manage/{org}/speakers/{}/photo", id.0);
                        let photo_alt = format!("Photo of {}", p.name);
                        let confirm = delete_error.get().and_then(|e| e.field_message("confirm").map(str::to_owned));
                        view! {
                            <PageTitle text=p.name.clone() />
                            <p class="text-sm"><a href=back class="text-accent underline">"← Speakers"</a></p>
                            <h1 class="mb-6 text-3xl font-bold tracking-tight">{p.name}</h1>
                            {saved.then(|| view! { <Notice>"Saved."</Notice> })}
                            <section class=CARD>
                                <PostForm endpoint="save_speaker" class="flex flex-col gap-4">
                                    <FormError error=save_error />
                                    <input type="hidden" name="org" value=org.clone() />
                                    <input type="hidden" name="id" value=id.0 />
                                    <SpeakerFields form error=save_error />
                                    <div><Submit label="Save" /></div>
                                </PostForm>
                            </section>
                            <div class="mt-8">
                                <ImageUpload
                                    title="Photo"
                                    action=photo_action
                                    current=p.photo
                                    alt=photo_alt
                                    hint="JPEG, PNG, WebP or GIF, up to 10 MB. It is cropped to a centred square."
                                />
                            </div>
                            <section class="mt-8 rounded-xl border border-danger p-6">
                                <FormError error=delete_error />
                                {confirm.clone().map(|m| view! { <p role="alert" class="mb-2 text-sm">{m}</p> })}
                                <PostForm endpoint="delete_speaker">
                                    <input type="hidden" name="org" value=org_delete />
                                    <input type="hidden" name="id" value=id.0 />
                                    {confirm.is_some().then(|| view! { <input type="hidden" name="confirm" value="yes" /> })}
                                    <button type="submit" class="font-semibold text-danger underline">
                                        {if confirm.is_some() { "Yes, delete the profile" } else { "Delete this speaker" }}
                                    </button>
                                </PostForm>
                            </section>
                        }.into_any()
                    }
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <PageTitle text="Not found" /><ErrorNotice error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}
