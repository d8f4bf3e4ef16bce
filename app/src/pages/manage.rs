//! The organizer workspace: `/manage` lists the caller's organizations, `/manage/{slug}` is
//! one organization's home (members, roles, invitations), `/invitations?token=…` accepts an
//! invitation.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::error::AppError;
use domain::{Member, OrgRole, Workspace};

use crate::api::accounts::get_account_overview;
use crate::api::organizations::{get_invitation, get_workspace};
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{Field, FormCard, FormError, Notice, PostForm, Submit, posted_error};
use crate::components::page_title::PageTitle;
use crate::pages::account::SignInPrompt;
use crate::pages::manage_events::{EventsSection, events_resource};

/// `/manage`.
#[component]
pub fn ManageIndexPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| get_account_overview());
    view! {
        <PageTitle text="Your organizations" />
        <h1 class="mb-6 text-3xl font-bold tracking-tight">"Your organizations"</h1>
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(account) if account.memberships.is_empty() => view! {
                        <p class="text-muted">"You are not a member of any organization yet. An owner can invite you, or a platform admin can create one for you."</p>
                    }.into_any(),
                    Ok(account) => view! {
                        <ul class="grid gap-4 sm:grid-cols-2">
                            {account.memberships.into_iter().map(|m| view! {
                                <li class="rounded-xl border border-line bg-surface p-5">
                                    <A href=format!("/manage/{}", m.slug) attr:class="text-lg font-semibold text-accent underline">{m.name}</A>
                                    <p class="text-sm text-muted">{m.role.label()}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/manage/{slug}`.
#[component]
pub fn WorkspacePage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    // Every change is a form post that reloads the page: the slug is the only input.
    let workspace = Resource::new(slug, get_workspace);
    let events = events_resource(slug);
    let query = use_query_map();
    let notice = move || {
        query.read().get("done").and_then(|d| match d.as_str() {
            "invited" => Some("Invitation sent. The link works for 7 days."),
            "role" => Some("Role changed."),
            "removed" => Some("Member removed. Their pending invitations no longer work."),
            "revoked" => Some("Invitation revoked: its link no longer works."),
            "joined" => Some("Welcome! You are now a member of this organization."),
            "time_zone" => Some("Time zone saved."),
            _ => None,
        })
    };
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading the workspace…"</p> }>
            {move || Suspend::new(async move {
                match workspace.await {
                    Ok(workspace) => view! {
                        <PageTitle text=workspace.organization.name.clone() />
                        <div class="flex flex-col gap-8">
                            <header>
                                <p class="text-sm text-muted">"Organizer workspace"</p>
                                <h1 class="text-3xl font-bold tracking-tight">{workspace.organization.name.clone()}</h1>
                                <p class="text-sm text-muted">{format!("You are {} here.", workspace.my_role.label().to_lowercase())}</p>
                            </header>
                            {notice().map(|text| view! { <Notice>{text}</Notice> })}
                            <EventsSection org=workspace.organization.slug.to_string() events />
                            <Members workspace=workspace.clone() />
                            {(workspace.my_role == OrgRole::Owner).then(|| view! { <Invite workspace=workspace.clone() /> })}
                            <TimeZone workspace=workspace.clone() />
                        </div>
                    }.into_any(),
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <PageTitle text="Not found" /><ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The zone of the organization's campaigns without an event; owners change it.
#[component]
fn TimeZone(workspace: Workspace) -> impl IntoView {
    let error = posted_error("set_organization_time_zone");
    let owner = workspace.my_role == OrgRole::Owner;
    view! {
        <section class="rounded-xl border border-line bg-surface p-6">
            <h2 class="mb-2 text-lg font-semibold">"Time zone"</h2>
            <p class="mb-4 text-sm text-muted">"Campaigns without an event are scheduled and shown in this time zone; an event's campaigns use the event's."</p>
            {if owner {
                view! {
                    <PostForm endpoint="set_organization_time_zone" class="flex flex-wrap items-end gap-3">
                        <FormError error />
                        <input type="hidden" name="slug" value=workspace.organization.slug.to_string() />
                        <Field label="Time zone of the organization" name="time_zone" error value=workspace.time_zone.clone() form="organization" hint="Such as Europe/Berlin or America/New_York." />
                        <Submit label="Save the time zone" />
                    </PostForm>
                }.into_any()
            } else {
                view! { <p class="text-sm">{workspace.time_zone.clone()}</p> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Members(workspace: Workspace) -> impl IntoView {
    let owner = workspace.my_role == OrgRole::Owner;
    let slug = workspace.organization.slug.clone();
    let change_error = posted_error("change_member_role");
    let remove_error = posted_error("remove_member");
    view! {
        <section class="rounded-xl border border-line bg-surface p-6">
            <h2 class="mb-4 text-lg font-semibold">"Members"</h2>
            <FormError error=change_error />
            <FormError error=remove_error />
            <ul class="divide-y divide-line">
                {workspace.members.into_iter().map(|m| view! { <MemberRow member=m owner slug=slug.clone() /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn MemberRow(member: Member, owner: bool, slug: String) -> impl IntoView {
    let other_role = match member.role {
        OrgRole::Owner => OrgRole::Organizer,
        OrgRole::Organizer => OrgRole::Owner,
    };
    let (slug_for_change, slug_for_remove) = (slug.clone(), slug);
    view! {
        <li class="flex flex-wrap items-center justify-between gap-3 py-3">
            <div>
                <p class="font-medium">{member.display_name.clone()}</p>
                <p class="text-sm text-muted">{format!("{} · {}", member.email, member.role.label())}</p>
            </div>
            {owner.then(|| view! {
                <div class="flex flex-wrap gap-3">
                    <PostForm endpoint="change_member_role">
                        <input type="hidden" name="slug" value=slug_for_change />
                        <input type="hidden" name="user_id" value=member.user_id.0 />
                        <input type="hidden" name="role" value=other_role.as_str() />
                        <button type="submit" class="text-sm text-accent underline">{format!("Make {}", other_role.label().to_lowercase())}</button>
                    </PostForm>
                    <PostForm endpoint="remove_member">
                        <input type="hidden" name="slug" value=slug_for_remove />
                        <input type="hidden" name="user_id" value=member.user_id.0 />
                        <button type="submit" class="text-sm text-danger underline">"Remove"</button>
                    </PostForm>
                </div>
            })}
        </li>
    }
}

#[component]
fn Invite(workspace: Workspace) -> impl IntoView {
    let error = posted_error("invite_member");
    let revoke_error = posted_error("revoke_invitation");
    let slug = workspace.organization.slug.clone();
    view! {
        <section class="rounded-xl border border-line bg-surface p-6">
            <h2 class="mb-4 text-lg font-semibold">"Invite someone"</h2>
            <PostForm endpoint="invite_member" class="flex flex-col gap-4">
                <FormError error />
                <input type="hidden" name="slug" value=workspace.organization.slug.clone() />
                <Field label="Email" name="email" kind="email" error form="invite" />
                <div class="flex flex-col gap-1">
                    <label for="invite-role" class="text-sm font-semibold">"Role"</label>
                    <select id="invite-role" name="role" class="rounded-lg border border-line bg-surface px-3 py-2">
                        <option value="organizer" selected>"Organizer: runs events"</option>
                        <option value="owner">"Owner: also manages members"</option>
                    </select>
                </div>
                <div><Submit label="Send invitation" /></div>
            </PostForm>
            {(!workspace.invitations.is_empty()).then(move || view! {
                <h3 class="mb-2 mt-6 font-semibold">"Waiting for an answer"</h3>
                <FormError error=revoke_error />
                <ul class="text-sm text-muted">
                    {workspace.invitations.into_iter().map(|i| {
                        let name = format!("Revoke the invitation for {}", i.email);
                        let slug = slug.clone();
                        view! {
                            <li class="flex flex-wrap items-center justify-between gap-2 py-1">
                                <span>{format!("{} as {} · expires {}", i.email, i.role.label().to_lowercase(), i.expires)}</span>
                                <PostForm endpoint="revoke_invitation">
                                    <input type="hidden" name="slug" value=slug />
                                    <input type="hidden" name="id" value=i.id />
                                    <button type="submit" aria-label=name class="text-sm text-danger underline">"Revoke"</button>
                                </PostForm>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

/// `/invitations?token=…`.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let details = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        get_invitation,
    );
    let user = Resource::new(|| (), |_| crate::api::accounts::get_current_user());
    let error = posted_error("accept_invitation");
    view! {
        <PageTitle text="Invitation" />
        <Suspense fallback=|| view! { <p class="text-muted">"Loading the invitation…"</p> }>
            {move || { let token = token.clone(); Suspend::new(async move {
                let me = user.await.ok().flatten();
                let signed_in = me.is_some();
                match details.await {
                    Ok(invitation) => view! {
                        <FormCard title="You are invited">
                            <p class="mb-4">{format!("Join {} as {}.", invitation.organization, invitation.role.label().to_lowercase())}</p>
                            {if let Some(me) = me.filter(|me| me.email != invitation.email) {
                                // Only the invited address's own account may accept.
                                view! {
                                    <p class="text-muted">{format!("This invitation was sent to {}, and you are signed in as {}. Log out, then open this link again to sign in or create an account with the invited address.", invitation.email, me.email)}</p>
                                }.into_any()
                            } else if !signed_in && invitation.account_exists {
                                view! {
                                    <p class="text-muted">{format!("An account already uses {}. Log in to accept.", invitation.email)}</p>
                                    <p class="mt-4"><a class="text-accent underline" href=format!("/login?next=/invitations?token={token}")>"Log in"</a></p>
                                }.into_any()
                            } else {
                                view! {
                                    <PostForm endpoint="accept_invitation" class="flex flex-col gap-4">
                                        <FormError error />
                                        <input type="hidden" name="token" value=token.clone() />
                                        {(!signed_in).then(|| view! {
                                            <p class="text-sm text-muted">{format!("We will create an account for {}.", invitation.email)}</p>
                                            <Field label="Your name" name="display_name" autocomplete="name" error />
                                            <Field label="Password" name="password" kind="password" autocomplete="new-password" error
                                                hint="At least 10 characters. A few unrelated words work well." />
                                        })}
                                        <Submit label="Accept the invitation" />
                                    </PostForm>
                                }.into_any()
                            }}
                        </FormCard>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}
