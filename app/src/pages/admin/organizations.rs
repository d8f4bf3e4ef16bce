//! The console's organization pages: `/admin/organizations`, the list with a form to create
//! one, and `/admin/organizations/{id}`, its members with renaming and assigning an owner.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::OrganizationId;
use domain::error::AppError;
use domain::text::counted;

use crate::api::admin::{admin_get_organization, admin_list_organizations};
use crate::components::form::{Field, FormError, Notice, PostForm, Submit, posted_error};
use crate::components::page_title::PageTitle;

use super::{ConsoleNav, refused};

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
