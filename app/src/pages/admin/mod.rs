//! The platform admin console: `/admin` (accounts), `/admin/accounts/{id}`,
//! `/admin/organizations`, `/admin/organizations/{id}` and `/admin/audit`.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::error::AppError;
use domain::text::counted;
use domain::{
    AccountDetails, AccountSort, AccountStatus, AuditEntry, OrganizationId, RoleFilter,
    StatusFilter, UserId,
};

use crate::api::admin::{
    admin_audit_log, admin_get_account, admin_get_organization, admin_list_accounts,
    admin_list_organizations,
};
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{Field, FormError, Notice, PostForm, Submit, posted_error};
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

fn role_filter(value: &str) -> RoleFilter {
    match value {
        "admin" => RoleFilter::Admin,
        "member" => RoleFilter::Member,
        _ => RoleFilter::Any,
    }
}

fn status_filter(value: &str) -> StatusFilter {
    match value {
        "active" => StatusFilter::Active,
        "deactivated" => StatusFilter::Deactivated,
        "deleted" => StatusFilter::Deleted,
        _ => StatusFilter::Any,
    }
}

fn account_sort(value: &str) -> AccountSort {
    match value {
        "email" => AccountSort::Email,
        "name" => AccountSort::Name,
        _ => AccountSort::Newest,
    }
}

/// `/admin`: search, filter, sort and page through accounts (a GET form, so it works
/// without JavaScript and every result page has its own URL).
#[component]
pub fn AdminAccountsPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let page = Resource::new(
        move || {
            (
                param("q"),
                param("role"),
                param("status"),
                param("sort"),
                param("after"),
            )
        },
        |(q, role, status, sort, after)| {
            admin_list_accounts(
                q,
                role_filter(&role),
                status_filter(&status),
                account_sort(&sort),
                (!after.is_empty()).then_some(after),
            )
        },
    );
    let select = "rounded-lg border border-line bg-surface px-3 py-2";
    let option = move |name: &'static str, value: &'static str, label: &'static str| {
        view! { <option value=value selected=move || param(name) == value>{label}</option> }
    };
    view! {
        <PageTitle text="Accounts · Admin" />
        <h1 class="mb-4 text-3xl font-bold tracking-tight">"Admin console"</h1>
        <ConsoleNav />
        <form method="get" action="/admin" role="search" class="mb-6 flex flex-wrap items-end gap-3">
            <div class="flex flex-col gap-1">
                <label for="q" class="text-sm font-semibold">"Email or name starts with"</label>
                <input id="q" name="q" type="search" value=move || param("q") class="rounded-lg border border-line bg-surface px-3 py-2" />
            </div>
            <div class="flex flex-col gap-1">
                <label for="role" class="text-sm font-semibold">"Role"</label>
                <select id="role" name="role" class=select>
                    {option("role", "", "Any role")}{option("role", "admin", "Platform admins")}{option("role", "member", "Members")}
                </select>
            </div>
            <div class="flex flex-col gap-1">
                <label for="status" class="text-sm font-semibold">"Status"</label>
                <select id="status" name="status" class=select>
                    {option("status", "", "Any status")}{option("status", "active", "Active")}
                    {option("status", "deactivated", "Deactivated")}{option("status", "deleted", "Deleted")}
                </select>
            </div>
            <div class="flex flex-col gap-1">
                <label for="sort" class="text-sm font-semibold">"Order"</label>
                <select id="sort" name="sort" class=select>
                    {option("sort", "", "Newest first")}{option("sort", "email", "Email")}{option("sort", "name", "Name")}
                </select>
            </div>
            <button type="submit" class="rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink">"Search"</button>
        </form>
        <Suspense fallback=|| view! { <p class="text-muted">"Loading accounts…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) if page.accounts.is_empty() => view! { <p class="text-muted">"No account matches."</p> }.into_any(),
                    Ok(page) => {
                        let broad = page.broad.then(|| view! {
                            <p class="mb-4 text-sm text-muted">"Many accounts start with these letters: showing the first ones by address and by name. Type more to narrow the search."</p>
                        });
                        let next = page.next.map(|cursor| {
                            format!("/admin?q={}&role={}&status={}&sort={}&after={}", encode(&param("q")), param("role"), param("status"), param("sort"), encode(&cursor))
                        });
                        view! {
                            {broad}
                            <div class="overflow-x-auto"><table class="w-full text-left text-sm">
                                <thead class="text-muted"><tr><th class="py-2">"Name"</th><th>"Email"</th><th>"Status"</th><th>"Created"</th></tr></thead>
                                <tbody class="divide-y divide-line">
                                    {page.accounts.into_iter().map(|a| view! {
                                        <tr>
                                            <td class="py-2">
                                                <A href=format!("/admin/accounts/{}", a.id) attr:class="text-accent underline">{a.display_name}</A>
                                                {a.is_admin.then(|| view! { <span class="ml-2 rounded bg-accent-soft px-2 py-0.5 text-xs">"Admin"</span> })}
                                            </td>
                                            <td>{a.email}</td>
                                            <td>{a.status.label()}</td>
                                            <td class="text-muted">{a.created}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table></div>
                            {next.map(|href| view! { <p class="mt-4"><a href=href class="text-accent underline">"Next page"</a></p> })}
                        }.into_any()
                    }
                    Err(error) => refused(error),
                }
            })}
        </Suspense>
    }
}

/// Percent-encodes a query value.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `/admin/accounts/{id}`.
#[component]
pub fn AdminAccountPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse().ok())
            .map(UserId)
    };
    // Every action is a form post that reloads the page: the id is the only input.
    let account = Resource::new(id, |id| async move {
        match id {
            Some(id) => admin_get_account(id).await,
            None => Err(AppError::NotFound("account".into())),
        }
    });
    let query = use_query_map();
    let notice = move || {
        query.read().get("done").and_then(|d| match d.as_str() {
            "deactivated" => Some("Account deactivated and signed out everywhere."),
            "reactivated" => Some("Account reactivated."),
            "granted" => Some("Platform admin role granted."),
            "revoked" => Some("Platform admin role revoked."),
            "reset_sent" => Some("Password-reset link sent."),
            "verification_sent" => Some("Verification link sent."),
            _ => None,
        })
    };
    view! {
        <PageTitle text="Account · Admin" />
        <h1 class="mb-4 text-3xl font-bold tracking-tight">"Admin console"</h1>
        <ConsoleNav />
        <Suspense fallback=|| view! { <p class="text-muted">"Loading the account…"</p> }>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(details) => view! {
                        {notice().map(|text| view! { <Notice>{text}</Notice> })}
                        <AccountView details />
                    }.into_any(),
                    Err(error) => refused(error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountView(details: AccountDetails) -> impl IntoView {
    let account = details.account.clone();
    let id = account.id.0;
    let is_active = account.status == AccountStatus::Active;
    let button = "rounded-lg border border-line px-3 py-1.5 text-sm font-semibold";
    let errors = [
        posted_error("admin_set_account_active"),
        posted_error("admin_set_platform_admin"),
        posted_error("admin_send_password_reset"),
        posted_error("admin_resend_verification"),
    ];
    view! {
        <section class="mt-4 rounded-xl border border-line bg-surface p-6">
            <h2 class="text-2xl font-bold">{account.display_name.clone()}</h2>
            <p class="text-muted">{format!("{} · {} · created {}{}", account.email, account.status.label(), account.created, if details.email_verified { " · address confirmed" } else { " · address not confirmed" })}</p>
            {errors.map(|error| view! { <div class="mt-3"><FormError error /></div> })}
            <div class="mt-4 flex flex-wrap gap-3">
                {(!details.is_me && account.status != AccountStatus::Deleted).then(|| view! {
                    <PostForm endpoint="admin_set_account_active">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="active" value=(!is_active).to_string() />
                        <button type="submit" class=button>{if is_active { "Deactivate" } else { "Reactivate" }}</button>
                    </PostForm>
                })}
                {(!(details.is_me && account.is_admin) && account.status != AccountStatus::Deleted).then(|| view! {
                    <PostForm endpoint="admin_set_platform_admin">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="admin" value=(!account.is_admin).to_string() />
                        <button type="submit" class=button>{if account.is_admin { "Revoke platform admin" } else { "Make platform admin" }}</button>
                    </PostForm>
                })}
                {is_active.then(|| view! {
                    <PostForm endpoint="admin_send_password_reset">
                        <input type="hidden" name="id" value=id />
                        <button type="submit" class=button>"Send password-reset link"</button>
                    </PostForm>
                })}
                {(!details.email_verified && is_active).then(|| view! {
                    <PostForm endpoint="admin_resend_verification">
                        <input type="hidden" name="id" value=id />
                        <button type="submit" class=button>"Resend verification"</button>
                    </PostForm>
                })}
            </div>
        </section>
        <div class="mt-6 grid gap-6 md:grid-cols-2">
            <section class="rounded-xl border border-line bg-surface p-6">
                <h3 class="mb-3 font-semibold">"Organizations"</h3>
                {if details.memberships.is_empty() { view! { <p class="text-sm text-muted">"None."</p> }.into_any() } else {
                    view! { <ul class="text-sm">{details.memberships.into_iter().map(|m| view! {
                        <li><A href=format!("/admin/organizations/{}", m.organization_id) attr:class="text-accent underline">{m.name}</A>{format!(" · {}", m.role.label())}</li>
                    }).collect_view()}</ul> }.into_any()
                }}
            </section>
            <section class="rounded-xl border border-line bg-surface p-6">
                <h3 class="mb-3 font-semibold">"Active sessions"</h3>
                {if details.sessions.is_empty() { view! { <p class="text-sm text-muted">"None."</p> }.into_any() } else {
                    view! { <ul class="text-sm">{details.sessions.into_iter().map(|s| view! {
                        <li>{format!("{} · {} · {}", s.device, s.ip, s.last_seen)}</li>
                    }).collect_view()}</ul> }.into_any()
                }}
            </section>
        </div>
        <section class="mt-6 rounded-xl border border-line bg-surface p-6">
            <h3 class="mb-3 font-semibold">"Recent security events"</h3>
            <AuditTable entries=details.events />
        </section>
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

/// `/admin/organizations`: the list and a form to create one.
#[component]
pub fn AdminOrganizationsPage() -> impl IntoView {
    let query = use_query_map();
    let after = move || {
        query
            .read()
            .get("after")
            .and_then(|a| a.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let organizations = Resource::new(after, admin_list_organizations);
    let error = posted_error("admin_create_organization");
    view! {
        <PageTitle text="Organizations · Admin" />
        <h1 class="mb-4 text-3xl font-bold tracking-tight">"Admin console"</h1>
        <ConsoleNav />
        <div class="grid gap-6 md:grid-cols-3">
            <div class="md:col-span-2">
                <Suspense fallback=|| view! { <p class="text-muted">"Loading organizations…"</p> }>
                    {move || Suspend::new(async move {
                        match organizations.await {
                            Ok(list) => {
                                let next = (list.len() == 100).then(|| list.last().map(|o| format!("/admin/organizations?after={}", o.id))).flatten();
                                view! {
                                    <ul class="divide-y divide-line">
                                        {list.into_iter().map(|o| view! {
                                            <li class="flex justify-between py-2">
                                                <A href=format!("/admin/organizations/{}", o.id) attr:class="text-accent underline">{o.name}</A>
                                                <span class="text-sm text-muted">{format!("{} · {}", o.slug, counted(o.members, "member"))}</span>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                    {next.map(|href| view! { <p class="mt-4"><a href=href class="text-accent underline">"Next page"</a></p> })}
                                }.into_any()
                            }
                            Err(error) => refused(error),
                        }
                    })}
                </Suspense>
            </div>
            <section class="rounded-xl border border-line bg-surface p-6">
                <h2 class="mb-4 text-lg font-semibold">"New organization"</h2>
                <PostForm endpoint="admin_create_organization" class="flex flex-col gap-4">
                    <FormError error />
                    <Field label="Name" name="name" error />
                    <Field label="Address (slug)" name="slug" error hint="Lower-case letters, digits and dashes." />
                    <Field label="Owner's email" name="owner_email" kind="email" error hint="An existing account." />
                    <Submit label="Create" />
                </PostForm>
            </section>
        </div>
    }
}

/// `/admin/organizations/{id}`: members, rename, assign an owner.
#[component]
pub fn AdminOrganizationPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse().ok())
            .map(OrganizationId)
    };
    let organization = Resource::new(id, |id| async move {
        match id {
            Some(id) => admin_get_organization(id).await,
            None => Err(AppError::NotFound("organization".into())),
        }
    });
    let rename_error = posted_error("admin_rename_organization");
    let owner_error = posted_error("admin_assign_owner");
    let query = use_query_map();
    let notice = move || {
        query.read().get("done").and_then(|d| match d.as_str() {
            "created" => Some("Organization created."),
            "renamed" => Some("Organization renamed."),
            "owner" => Some("Owner assigned."),
            _ => None,
        })
    };
    view! {
        <PageTitle text="Organization · Admin" />
        <h1 class="mb-4 text-3xl font-bold tracking-tight">"Admin console"</h1>
        <ConsoleNav />
        <Suspense fallback=|| view! { <p class="text-muted">"Loading the organization…"</p> }>
            {move || Suspend::new(async move {
                match organization.await {
                    Ok((summary, members)) => view! {
                        {notice().map(|text| view! { <Notice>{text}</Notice> })}
                        <h2 class="mt-4 text-2xl font-bold">{summary.name.clone()}</h2>
                        <p class="text-muted">{format!("/{} · {}", summary.slug, counted(summary.members, "member"))}</p>
                        <div class="mt-6 grid gap-6 md:grid-cols-3">
                            <section class="rounded-xl border border-line bg-surface p-6 md:col-span-2">
                                <h3 class="mb-3 font-semibold">"Members"</h3>
                                <ul class="divide-y divide-line text-sm">
                                    {members.into_iter().map(|m| view! {
                                        <li class="flex justify-between py-2">
                                            <A href=format!("/admin/accounts/{}", m.user_id) attr:class="text-accent underline">{m.display_name}</A>
                                            <span class="text-muted">{format!("{} · {}", m.email, m.role.label())}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </section>
                            <div class="flex flex-col gap-6">
                                <section class="rounded-xl border border-line bg-surface p-6">
                                    <PostForm endpoint="admin_rename_organization" class="flex flex-col gap-3">
                                        <FormError error=rename_error />
                                        <input type="hidden" name="id" value=summary.id.0 />
                                        <Field label="Name" name="name" error=rename_error value=summary.name.clone() form="rename" />
                                        <Submit label="Rename" />
                                    </PostForm>
                                </section>
                                <section class="rounded-xl border border-line bg-surface p-6">
                                    <PostForm endpoint="admin_assign_owner" class="flex flex-col gap-3">
                                        <FormError error=owner_error />
                                        <input type="hidden" name="id" value=summary.id.0 />
                                        <Field label="Make owner (email)" name="owner_email" kind="email" error=owner_error form="owner" />
                                        <Submit label="Assign owner" />
                                    </PostForm>
                                </section>
                            </div>
                        </div>
                    }.into_any(),
                    Err(error) => refused(error),
                }
            })}
        </Suspense>
    }
}
