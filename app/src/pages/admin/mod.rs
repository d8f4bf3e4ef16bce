//! The platform admin console: `/admin` (accounts), `/admin/accounts/{id}`,
//! `/admin/organizations`, `/admin/organizations/{id}` and `/admin/audit`.

mod accounts;
mod organizations;

pub use accounts::{AdminAccountPage, AdminAccountsPage};
pub use organizations::{AdminOrganizationPage, AdminOrganizationsPage};

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use domain::AuditEntry;
use domain::error::AppError;

use crate::api::admin::admin_audit_log;
use crate::components::error_notice::ErrorNotice;
use crate::components::page_title::PageTitle;
use crate::pages::account::SignInPrompt;

/// Tabs shared by the console's pages.
#[component]
fn ConsoleNav() -> impl IntoView {
    let tab = "rounded-lg px-3 py-1.5 text-sm hover:bg-raised aria-[current=page]:bg-accent-soft";
    view! {
        <nav aria-label="Admin console" class="mb-6 flex gap-2 border-b border-line pb-3">
            <A href="/admin" exact=true attr:class=tab>"Accounts"</A>
            <A href="/admin/organizations" attr:class=tab>"Organizations"</A>
            <A href="/admin/audit" attr:class=tab>"Audit log"</A>
        </nav>
    }
}

/// What a console page shows instead of its content when the request failed.
fn refused(error: AppError) -> AnyView {
    match error {
        AppError::Unauthenticated => view! { <SignInPrompt /> }.into_any(),
        error => view! { <ErrorNotice error /> }.into_any(),
    }
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="text-sm text-muted">"Nothing recorded yet."</p> }.into_any();
    }
    view! {
        <div class="overflow-x-auto"><table class="w-full text-left text-sm">
            <thead class="text-muted"><tr><th class="py-2">"When"</th><th>"What"</th><th>"Who"</th><th>"Whom"</th><th>"From"</th><th>"Detail"</th></tr></thead>
            <tbody class="divide-y divide-line">
                {entries.into_iter().map(|e| view! {
                    <tr>
                        <td class="py-2 text-muted">{e.at}</td>
                        <td><code>{e.action}</code></td>
                        <td>{e.actor.unwrap_or_else(|| "—".into())}</td>
                        <td>{match (e.subject, e.subject_id) {
                            (Some(name), Some(id)) => view! { <A href=format!("/admin/accounts/{id}") attr:class="text-accent underline">{name}</A> }.into_any(),
                            _ => view! { "—" }.into_any(),
                        }}</td>
                        <td class="text-muted">{e.ip}</td>
                        <td class="text-muted">{e.detail}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table></div>
    }
    .into_any()
}

/// `/admin/audit`: newest first, 100 per page.
#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let query = use_query_map();
    let before = move || {
        query
            .read()
            .get("before")
            .and_then(|b| b.parse::<i64>().ok())
    };
    let entries = Resource::new(before, admin_audit_log);
    view! {
        <PageTitle text="Audit log · Admin" />
        <h1 class="mb-4 text-3xl font-bold tracking-tight">"Admin console"</h1>
        <ConsoleNav />
        <Suspense fallback=|| view! { <p class="text-muted">"Loading the audit log…"</p> }>
            {move || Suspend::new(async move {
                match entries.await {
                    Ok(entries) => {
                        let next = (entries.len() == 100).then(|| entries.last().map(|e| format!("/admin/audit?before={}", e.id))).flatten();
                        view! {
                            <AuditTable entries />
                            {next.map(|href| view! { <p class="mt-4"><a href=href class="text-accent underline">"Older entries"</a></p> })}
                        }.into_any()
                    }
                    Err(error) => refused(error),
                }
            })}
        </Suspense>
    }
}
