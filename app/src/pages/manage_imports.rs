//! CSV imports in the workspace: the upload form (on the speakers page and the event editor)
//! and `/manage/{org}/imports/{id}`, which shows the preview with every row's problems, then a
//! progress bar while the background job runs ([`LiveProgress`]), then what was imported and
//! what was not, and why.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::error::AppError;
use domain::import::{ImportKind, ImportPage, ImportProblem, ImportStatus, RowStatus};

use crate::api::manage_events::get_import;
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{FormError, PostForm, posted_error};
use crate::components::live_progress::{Job, LiveProgress};
use crate::components::page_title::PageTitle;
use crate::pages::account::SignInPrompt;

const CARD: &str = "rounded-xl border border-line bg-surface p-6";
const BUTTON: &str = "rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink";

/// The upload form: `action` is the import route; `kind` says which columns it reads.
#[component]
pub fn ImportForm(action: String, kind: ImportKind) -> impl IntoView {
    let query = use_query_map();
    let problem = move || {
        query
            .read()
            .get("import_error")
            .and_then(|code| ImportProblem::from_code(&code))
    };
    let (what, columns) = (kind.as_str(), kind.columns().join(", "));
    let hint = match kind {
        ImportKind::Contacts => "A CSV file with a header line, such as a spreadsheet's export. \
            You choose which column holds the address, the name and the tags on the next page, \
            and see every row checked before anything is imported. Import only people who \
            agreed to receive your campaigns."
            .to_owned(),
        _ => format!(
            "A CSV file with a header line. Columns: {columns} (the first is required; others \
             may be left out). It is the format of the CSV export. You will see every row \
             checked before anything is imported."
        ),
    };
    view! {
        <section id="import" class=CARD>
            <h2 class="mb-4 text-lg font-semibold">{format!("Import {what} from CSV")}</h2>
            <form method="post" action=action enctype="multipart/form-data" class="flex flex-col gap-2">
                <label for="import-file" class="text-sm font-semibold">"CSV file"</label>
                <input id="import-file" type="file" name="file" accept=".csv,text/csv" required
                    aria-invalid=move || problem().map(|_| "true")
                    aria-describedby=move || if problem().is_some() { "import-hint import-error" } else { "import-hint" }
                    class="text-sm" />
                <p id="import-hint" class="text-xs text-muted">{hint}</p>
                {move || problem().map(|p| view! {
                    <p id="import-error" role="alert" class="text-sm text-danger">{p.to_string()}</p>
                })}
                <div><button type="submit" class=BUTTON>"Check the file"</button></div>
            </form>
        </section>
    }
}

/// `/manage/{org}/imports/{id}`.
#[component]
pub fn ImportStatusPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("slug").unwrap_or_default(),
            p.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0),
        )
    };
    let import = Resource::new(key, |(org, id)| get_import(org, id));
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading the import…"</p> }>
            {move || Suspend::new(async move {
                match import.await {
                    Ok(page) => view! { <ImportView page /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <PageTitle text="Not found" /><ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Which column of a contacts file holds the address, the name and the tags; applying it
/// checks every row again.
#[component]
fn ColumnMapping(page: ImportPage) -> impl IntoView {
    let error = posted_error("map_import");
    let select = move |field: &'static str,
                       label: &'static str,
                       current: String,
                       optional: bool| {
        let message = error
            .get_untracked()
            .and_then(|e| e.field_message(field).map(str::to_owned));
        let id = format!("mapping-{field}");
        view! {
            <div class="flex flex-col gap-1">
                <label for=id.clone() class="text-sm font-semibold">{label}</label>
                <select id=id name=field class="rounded-lg border border-line bg-surface px-3 py-2">
                    {optional.then(|| view! { <option value="">"Not imported"</option> })}
                    {(!optional && current.is_empty()).then(|| view! { <option value="" selected>"Choose a column…"</option> })}
                    {page.columns.iter().map(|c| view! { <option value=c.clone() selected=*c == current>{c.clone()}</option> }).collect_view()}
                </select>
                {message.map(|m| view! { <p class="text-sm text-danger">{m}</p> })}
            </div>
        }
    };
    let tag_all = error
        .get_untracked()
        .and_then(|e| e.kept("tag_all").map(str::to_owned))
        .unwrap_or_else(|| page.mapping.tag_all.clone());
    let tag_all_error = error
        .get_untracked()
        .and_then(|e| e.field_message("tag_all").map(str::to_owned));
    view! {
        <section class=format!("{CARD} mb-8")>
            <h2 class="mb-2 text-lg font-semibold">"Columns"</h2>
            <p class="mb-4 text-sm text-muted">"Which column of the file holds what. Applying checks every row again."</p>
            <PostForm endpoint="map_import" class="flex flex-col gap-4">
                <FormError error />
                <input type="hidden" name="org" value=page.organization_slug.clone() />
                <input type="hidden" name="id" value=page.id />
                <div class="grid gap-4 sm:grid-cols-3">
                    {select("email", "Email address", page.mapping.email.clone(), false)}
                    {select("name", "Name", page.mapping.name.clone(), true)}
                    {select("tags", "Tags", page.mapping.tags.clone(), true)}
                </div>
                <div class="flex flex-col gap-1">
                    <label for="mapping-tag-all" class="text-sm font-semibold">"Tag everyone imported with"</label>
                    <input id="mapping-tag-all" name="tag_all" value=tag_all class="rounded-lg border border-line bg-surface px-3 py-2" />
                    <p class="text-xs text-muted">"Optional; separate several tags with commas."</p>
                    {tag_all_error.map(|m| view! { <p class="text-sm text-danger">{m}</p> })}
                </div>
                <div><button type="submit" class="rounded-lg border border-line px-4 py-2 font-semibold">"Apply"</button></div>
            </PostForm>
        </section>
    }
}

/// "1 row", "3 rows".
fn rows(n: i64) -> String {
    domain::text::counted(n, "row")
}

#[component]
fn ImportView(page: ImportPage) -> impl IntoView {
    let start_error = posted_error("start_import");
    let discard_error = posted_error("discard_import");
    let org = page.organization_slug.clone();
    let (back, back_label) = match (&page.event, page.kind) {
        (Some((slug, title)), _) => (format!("/manage/{org}/events/{slug}"), format!("← {title}")),
        (None, ImportKind::Contacts) => {
            (format!("/manage/{org}/contacts"), "← Contacts".to_owned())
        }
        (None, _) => (format!("/manage/{org}/speakers"), "← Speakers".to_owned()),
    };
    let mapping = (page.kind == ImportKind::Contacts && page.status == ImportStatus::Preview)
        .then(|| view! { <ColumnMapping page=page.clone() /> });
    let what = page.kind.as_str();
    let title = format!("Importing {what} from “{}”", page.file_name);
    let (id, org_start, org_discard) = (page.id, org.clone(), org.clone());
    let not_imported: Vec<_> = page
        .rows
        .iter()
        .filter(|r| matches!(r.status, RowStatus::Invalid | RowStatus::Failed))
        .cloned()
        .collect();
    let fine: Vec<_> = page
        .rows
        .iter()
        .filter(|r| matches!(r.status, RowStatus::Valid | RowStatus::Imported))
        .cloned()
        .collect();
    let progress = domain::progress::Progress::from(&page);
    let job = Job::Import {
        org: org.clone(),
        id,
    };
    view! {
        <PageTitle text=title.clone() />
        <p class="text-sm"><a href=back class="text-accent underline">{back_label}</a></p>
        <h1 class="mb-6 text-3xl font-bold tracking-tight">{title}</h1>
        {mapping}
        <section class=CARD aria-live="polite">
            {if page.status == ImportStatus::Preview {
                view! { <p>{progress.label}</p> }.into_any()
            } else {
                view! { <LiveProgress job progress name="Import progress".to_owned() /> }.into_any()
            }}
            {(page.status == ImportStatus::Preview).then(|| view! {
                <div class="mt-4 flex flex-wrap gap-3">
                    <FormError error=start_error />
                    <FormError error=discard_error />
                    {(page.valid > 0).then(|| view! {
                        <PostForm endpoint="start_import">
                            <input type="hidden" name="org" value=org_start.clone() />
                            <input type="hidden" name="id" value=id />
                            <button type="submit" class=BUTTON>{format!("Import {}", rows(page.valid))}</button>
                        </PostForm>
                    })}
                    <PostForm endpoint="discard_import">
                        <input type="hidden" name="org" value=org_discard.clone() />
                        <input type="hidden" name="id" value=id />
                        <button type="submit" class="rounded-lg border border-line px-4 py-2 font-semibold">"Discard"</button>
                    </PostForm>
                </div>
            })}
        </section>
        {(!not_imported.is_empty()).then(|| view! {
            <section class="mt-8 rounded-xl border border-danger p-6">
                <h2 class="mb-3 text-lg font-semibold">"Not imported"</h2>
                <div class="overflow-x-auto"><table class="w-full text-left text-sm">
                    <thead><tr><th class="py-1 pr-4">"Line"</th><th class="py-1 pr-4">"Row"</th><th class="py-1">"Why"</th></tr></thead>
                    <tbody>
                        {not_imported.into_iter().map(|r| view! {
                            <tr class="border-t border-line align-top">
                                <td class="py-1 pr-4">{r.line}</td>
                                <td class="py-1 pr-4">{r.label}</td>
                                <td class="py-1 text-danger">{r.message}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table></div>
            </section>
        })}
        {(!fine.is_empty()).then(|| {
            let heading = if page.status == ImportStatus::Done { "Imported" } else { "Ready to import" };
            view! {
                <section class="mt-8 rounded-xl border border-line p-6">
                    <h2 class="mb-3 text-lg font-semibold">{heading}</h2>
                    <ul class="grid gap-1 text-sm sm:grid-cols-2">
                        {fine.into_iter().map(|r| {
                            let mark = if r.status == RowStatus::Imported { "✓ " } else { "" };
                            view! { <li>{format!("{mark}Line {}: {}", r.line, r.label)}</li> }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })}
    }
}
