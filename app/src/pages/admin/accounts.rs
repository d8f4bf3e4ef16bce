//! The console's account pages: `/admin`, the searchable list of every account, and
//! `/admin/accounts/{id}`, one account with the actions an admin may take on it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::error::AppError;
use domain::{AccountDetails, AccountSort, AccountStatus, RoleFilter, StatusFilter, UserId};

use crate::api::admin::{admin_get_account, admin_list_accounts};
use crate::components::form::{FormError, Notice, PostForm, posted_error};
use crate::components::page_title::PageTitle;

use super::{AuditTable, ConsoleNav, refused};

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
