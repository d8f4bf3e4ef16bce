//! `/manage/{org}/contacts` (search, add, suppression list) and `/manage/{org}/contacts/{id}`
//! (consent, tags, history): the organization's audience.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::ContactId;
use domain::contact::{ContactRow, ContactStatus};
use domain::error::AppError;
use domain::import::ImportKind;

use crate::api::campaigns::{get_contact, get_contacts};
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{Field, FormError, Notice, PostForm, Submit, posted_error};
use crate::components::page_title::PageTitle;
use crate::pages::account::SignInPrompt;
use crate::pages::manage_imports::ImportForm;

pub(crate) const CARD: &str = "rounded-xl border border-line bg-surface p-6";

/// The audience links shared by the contacts and campaigns pages.
#[component]
pub(crate) fn AudienceNav(org: String, current: &'static str) -> impl IntoView {
    let link = |href: String, label: &'static str| {
        let here = label == current;
        view! {
            <a href=href aria-current=here.then_some("page")
               class="rounded-lg px-3 py-1 text-sm font-semibold"
               class:bg-accent-soft=here>{label}</a>
        }
    };
    view! {
        <p class="text-sm"><a href=format!("/manage/{org}") class="text-accent underline">"← Workspace"</a></p>
        <nav aria-label="Audience" class="mb-6 mt-2 flex flex-wrap gap-2">
            {link(format!("/manage/{org}/contacts"), "Contacts")}
            {link(format!("/manage/{org}/campaigns"), "Campaigns")}
        </nav>
    }
}

fn status_badge(row: &ContactRow) -> String {
    if row.suppressed {
        "Suppressed".into()
    } else {
        row.status.label().into()
    }
}

/// The contact list.
#[component]
pub fn ContactsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let org = params.read_untracked().get("slug").unwrap_or_default();
    let q = query.read_untracked().get("q").unwrap_or_default();
    let tag = query.read_untracked().get("tag").unwrap_or_default();
    let listing = Resource::new(
        {
            let (org, q, tag) = (org.clone(), q.clone(), tag.clone());
            move || (org.clone(), q.clone(), tag.clone())
        },
        |(org, q, tag)| get_contacts(org, q, tag),
    );
    let add_error = posted_error("add_contact");
    let suppression_error = posted_error("set_suppression");
    let done = query.read_untracked().get("done");
    view! {
        <PageTitle text="Contacts" />
        <AudienceNav org=org.clone() current="Contacts" />
        <h1 class="mb-6 text-3xl font-bold tracking-tight">"Contacts"</h1>
        {match done.as_deref() {
            Some("added") => Some(view! { <Notice>"Contact added."</Notice> }),
            Some("suppression") => Some(view! { <Notice>"Suppression list updated."</Notice> }),
            _ => None,
        }}
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || { let (org, q, tag) = (org.clone(), q.clone(), tag.clone()); Suspend::new(async move {
                match listing.await {
                    Ok(l) => { let (org_add, org_suppress) = (org.clone(), org.clone()); let import_action = format!("/manage/{org}/contacts/import"); view! {
                        <p class="mb-4 text-sm text-muted">
                            {format!("{} contacts, {} of them can be mailed. Everyone who registers for an event becomes a contact.", l.total, l.mailable)}
                        </p>
                        <div class="flex flex-col gap-8">
                            <section class=CARD>
                                <form method="get" class="mb-4 flex flex-wrap items-end gap-3" role="search">
                                    <label class="flex flex-col gap-1 text-sm font-semibold">"Address or name"
                                        <input type="search" name="q" value=q class="rounded-lg border border-line bg-surface px-3 py-2" />
                                    </label>
                                    <div class="flex flex-col gap-1">
                                        <label for="contacts-tag" class="text-sm font-semibold">"Tag"</label>
                                        <select id="contacts-tag" name="tag" class="rounded-lg border border-line bg-surface px-3 py-2">
                                            <option value="">"Any"</option>
                                            {l.tags.iter().map(|t| view! { <option value=t.clone() selected=*t == tag>{t.clone()}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <button type="submit" class="rounded-lg border border-line px-3 py-2 text-sm font-semibold">"Search"</button>
                                </form>
                                {if l.contacts.is_empty() {
                                    view! { <p class="text-muted">"No contacts found."</p> }.into_any()
                                } else {
                                    view! {
                                        <div class="overflow-x-auto"><table class="w-full text-left text-sm">
                                            <thead><tr class="text-muted"><th class="py-1">"Address"</th><th>"Name"</th><th>"Consent"</th><th>"Tags"</th></tr></thead>
                                            <tbody class="divide-y divide-line">
                                                {l.contacts.iter().map(|c| view! {
                                                    <tr>
                                                        <td class="py-2"><a href=format!("/manage/{org}/contacts/{}", c.id) class="font-semibold text-accent underline">{c.email.clone()}</a></td>
                                                        <td>{c.name.clone()}</td>
                                                        <td>{status_badge(c)}</td>
                                                        <td class="text-muted">{c.tags.join(", ")}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table></div>
                                    }.into_any()
                                }}
                                {l.truncated.then(|| view! { <p class="mt-2 text-sm text-muted">"More contacts match; refine the search to see them."</p> })}
                            </section>
                            <section class=CARD>
                                <h2 class="mb-4 text-lg font-semibold">"Add a contact"</h2>
                                <PostForm endpoint="add_contact" class="flex flex-col gap-4">
                                    <FormError error=add_error />
                                    <input type="hidden" name="org" value=org_add />
                                    <div class="grid gap-4 sm:grid-cols-2">
                                        <Field label="Email address" name="email" kind="email" error=add_error form="contact" />
                                        <Field label="Name" name="name" error=add_error form="contact" required=false />
                                    </div>
                                    <Field label="Tags" name="tags" error=add_error form="contact" required=false hint="Separated by commas, such as “vip, speaker”." />
                                    <p class="text-xs text-muted">"Add only people who agreed to receive your campaigns."</p>
                                    <div><Submit label="Add the contact" /></div>
                                </PostForm>
                            </section>
                            <ImportForm action=import_action kind=ImportKind::Contacts />
                            <section class=CARD>
                                <h2 class="mb-2 text-lg font-semibold">"Suppression list"</h2>
                                <p class="mb-4 text-sm text-muted">"No campaign is ever sent to these addresses, whether they are contacts or not."</p>
                                {if l.suppressed.is_empty() {
                                    view! { <p class="mb-4 text-sm text-muted">"The list is empty."</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="mb-4 divide-y divide-line text-sm">
                                            {l.suppressed.clone().into_iter().map(|email| { let org = org.clone(); view! {
                                                <li class="flex items-center justify-between py-2">
                                                    <span>{email.clone()}</span>
                                                    <PostForm endpoint="set_suppression">
                                                        <input type="hidden" name="org" value=org />
                                                        <input type="hidden" name="email" value=email />
                                                        <input type="hidden" name="change" value="remove" />
                                                        <button type="submit" class="text-sm text-accent underline">"Remove"</button>
                                                    </PostForm>
                                                </li>
                                            }}).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                                <PostForm endpoint="set_suppression" class="flex flex-wrap items-end gap-3">
                                    <FormError error=suppression_error />
                                    <input type="hidden" name="org" value=org_suppress />
                                    <input type="hidden" name="change" value="add" />
                                    <Field label="Address to suppress" name="email" kind="email" error=suppression_error form="suppress" />
                                    <Submit label="Suppress" />
                                </PostForm>
                            </section>
                        </div>
                    }.into_any() }
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

/// One contact.
#[component]
pub fn ContactPage() -> impl IntoView {
    let params = use_params_map();
    let org = params.read_untracked().get("slug").unwrap_or_default();
    let id = ContactId(
        params
            .read_untracked()
            .get("id")
            .and_then(|id| id.parse().ok())
            .unwrap_or(0),
    );
    let details = Resource::new(
        {
            let org = org.clone();
            move || (org.clone(), id)
        },
        |(org, id)| get_contact(org, id),
    );
    let error = posted_error("update_contact");
    let saved = use_query_map().read_untracked().get("done").is_some();
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || { let org = org.clone(); Suspend::new(async move {
                match details.await {
                    Ok(d) => {
                        let c = d.contact;
                        let tags = error.get_untracked().and_then(|e| e.kept("tags").map(str::to_owned)).unwrap_or_else(|| c.tags.join(", "));
                        let chosen = error.get_untracked().and_then(|e| e.kept("status").and_then(ContactStatus::parse)).unwrap_or(c.status);
                        view! {
                            <PageTitle text=c.email.clone() />
                            <AudienceNav org=org.clone() current="Contacts" />
                            <h1 class="mb-2 text-3xl font-bold tracking-tight">{c.email.clone()}</h1>
                            <p class="mb-6 text-muted">{format!("{} · came in through: {}", if c.name.is_empty() { "No name" } else { c.name.as_str() }, d.source)}</p>
                            {saved.then(|| view! { <Notice>"Saved."</Notice> })}
                            {c.suppressed.then(|| view! { <p role="note" class="mb-4 rounded-lg border border-danger px-3 py-2 text-sm">"This address is on the suppression list: no campaign reaches it."</p> })}
                            <section class=CARD>
                                <PostForm endpoint="update_contact" class="flex flex-col gap-4">
                                    <FormError error />
                                    <input type="hidden" name="org" value=org.clone() />
                                    <input type="hidden" name="id" value=c.id.0 />
                                    <fieldset class="flex flex-col gap-2">
                                        <legend class="text-sm font-semibold">"Consent"</legend>
                                        {ContactStatus::ALL.into_iter().map(|s| view! {
                                            <label class="flex items-center gap-2 text-sm">
                                                <input type="radio" name="status" value=s.as_str() checked=s == chosen />
                                                {s.label()}
                                            </label>
                                        }).collect_view()}
                                    </fieldset>
                                    <Field label="Tags" name="tags" error value=tags form="contact" required=false hint="Separated by commas." />
                                    <div><Submit label="Save" /></div>
                                </PostForm>
                            </section>
                            <section class=format!("{CARD} mt-8")>
                                <h2 class="mb-4 text-lg font-semibold">"Consent history"</h2>
                                <ol class="divide-y divide-line text-sm">
                                    {d.history.into_iter().map(|h| view! {
                                        <li class="flex flex-wrap justify-between gap-2 py-2">
                                            <span><strong>{h.status.label()}</strong>{format!(" — {}", h.source)}</span>
                                            <time class="text-muted">{crate::pages::manage_campaigns::moment(h.at)}</time>
                                        </li>
                                    }).collect_view()}
                                </ol>
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
