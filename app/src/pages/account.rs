//! `/account`: profile, address confirmation, signed-in devices, password, address and
//! account deletion.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use domain::registration::{MyProgram, RegistrationStatus};
use domain::{AccountOverview, SessionInfo};

use crate::api::accounts::get_account_overview;
use crate::api::program::get_my_program;
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{Field, FormError, Notice, PostForm, Submit, posted_error};
use crate::components::page_title::PageTitle;

/// The account page.
#[component]
pub fn AccountPage() -> impl IntoView {
    // Every form on the page is posted and answered with a redirect back here (see
    // `PostForm`), so the overview is read once per page load.
    let overview = Resource::new(|| (), |_| get_account_overview());
    let program = Resource::new(|| (), |_| get_my_program());
    let query = use_query_map();
    let done = move || {
        query
            .read()
            .get("done")
            .or_else(|| query.read().get("welcome").map(|_| "welcome".into()))
            .or_else(|| query.read().get("reset").map(|_| "reset".into()))
    };
    let notice = move || {
        done().and_then(|d| match d.as_str() {
            "welcome" => Some("Welcome to Convene! We mailed you a link to confirm your address."),
            "reset" => Some("Your new password is saved and you are signed in."),
            "password" => Some("Your password is changed. Other devices were signed out."),
            "email" => Some("We mailed a confirmation link to your new address. Until you open it, your current address stays in use."),
            "sessions" => Some("Every other device is signed out."),
            "session" => Some("That device is signed out."),
            "verification" => Some("We mailed you a new confirmation link."),
            _ => None,
        })
    };
    view! {
        <PageTitle text="Your account" />
        <Suspense fallback=|| view! { <p class="text-muted">"Loading your account…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(account) => view! {
                        <div class="mx-auto flex max-w-2xl flex-col gap-8">
                            <h1 class="text-3xl font-bold tracking-tight">"Your account"</h1>
                            {notice().map(|text| view! { <Notice>{text}</Notice> })}
                            <Profile account=account.clone() />
                            <Suspense fallback=|| ()>
                                {move || Suspend::new(async move {
                                    program.await.map(|program| view! { <MyAgenda program /> })
                                })}
                            </Suspense>
                            <Sessions sessions=account.sessions.clone() />
                            <Organizations account=account.clone() />
                            <PasswordForm />
                            <EmailForm />
                            <DeleteForm />
                        </div>
                    }.into_any(),
                    Err(domain::error::AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Shown instead of a page that needs a signed-in account; says why when the browser's
/// session has just ended. Console pages only: they are rendered on the server alone, so
/// what the request says needs no hydration.
#[component]
pub fn SignInPrompt() -> impl IntoView {
    crate::components::status::set_http_status(401);
    let path = leptos_router::hooks::use_location()
        .pathname
        .get_untracked();
    let ended = Resource::new(|| (), |_| crate::api::accounts::session_just_ended());
    view! {
        <div class="mx-auto max-w-md rounded-xl border border-line bg-surface p-6 text-center">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    ended.await.unwrap_or(false).then(|| view! {
                        <p role="status" class="mb-4 rounded-lg border border-line bg-accent-soft px-3 py-2 text-sm">
                            "You were signed out: your session on this device ended. It expired, or it was ended from another device or by an administrator."
                        </p>
                    })
                })}
            </Suspense>
            <p class="text-lg font-semibold">"Please log in to see this page."</p>
            <p class="mt-4">
                <a href=format!("/login?next={path}") class="rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink no-underline">"Log in"</a>
            </p>
        </div>
    }
}

#[component]
fn Section(title: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="rounded-xl border border-line bg-surface p-6">
            <h2 class="mb-4 text-lg font-semibold">{title}</h2>
            {children()}
        </section>
    }
}

#[component]
fn Profile(account: AccountOverview) -> impl IntoView {
    let user = account.user;
    let error = posted_error("resend_verification");
    view! {
        <Section title="Profile">
            <dl class="grid grid-cols-3 gap-2 text-sm">
                <dt class="text-muted">"Name"</dt><dd class="col-span-2">{user.display_name}</dd>
                <dt class="text-muted">"Email"</dt><dd class="col-span-2">{user.email}</dd>
                <dt class="text-muted">"Role"</dt>
                <dd class="col-span-2">{if user.is_admin { "Platform admin" } else { "Member" }}</dd>
            </dl>
            {(!user.email_verified).then(|| view! {
                <PostForm endpoint="resend_verification" class="mt-4 flex flex-wrap items-center gap-3">
                    <p class="text-sm text-muted">"Your address is not confirmed yet."</p>
                    <button type="submit" class="text-sm text-accent underline">"Send the link again"</button>
                    <FormError error />
                </PostForm>
            })}
        </Section>
    }
}

#[component]
fn Sessions(sessions: Vec<SessionInfo>) -> impl IntoView {
    let others = sessions.iter().filter(|s| !s.current).count();
    view! {
        <Section title="Signed-in devices">
            <ul class="divide-y divide-line">
                {sessions.into_iter().map(|s| view! {
                    <li class="flex items-center justify-between gap-4 py-3">
                        <div>
                            <p class="font-medium">
                                {s.device.clone()}
                                {s.current.then(|| view! { <span class="ml-2 rounded bg-accent-soft px-2 py-0.5 text-xs">"This device"</span> })}
                            </p>
                            <p class="text-sm text-muted">{format!("{} · last active {}", s.ip, s.last_seen)}</p>
                        </div>
                        <PostForm endpoint="end_session">
                            <input type="hidden" name="id" value=s.id />
                            <button type="submit" class="text-sm text-danger underline">
                                {if s.current { "Log out" } else { "End" }}
                            </button>
                        </PostForm>
                    </li>
                }).collect_view()}
            </ul>
            {(others > 0).then(|| view! {
                <PostForm endpoint="log_out_elsewhere" class="mt-4">
                    <Submit label="Log out everywhere else" />
                </PostForm>
            })}
        </Section>
    }
}

#[component]
fn Organizations(account: AccountOverview) -> impl IntoView {
    view! {
        <Section title="Your organizations">
            {if account.memberships.is_empty() {
                view! { <p class="text-sm text-muted">"You are not a member of any organization. An owner can invite you."</p> }.into_any()
            } else {
                view! {
                    <ul class="flex flex-col gap-2">
                        {account.memberships.into_iter().map(|m| view! {
                            <li class="flex justify-between">
                                <a href=format!("/manage/{}", m.slug) rel="external" class="text-accent underline">{m.name}</a>
                                <span class="text-sm text-muted">{m.role.label()}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </Section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let error = posted_error("change_password");
    view! {
        <Section title="Change your password">
            <PostForm endpoint="change_password" class="flex flex-col gap-4">
                <FormError error />
                <Field label="Current password" name="current_password" kind="password" autocomplete="current-password" error form="password" />
                <Field label="New password" form="password" name="new_password" kind="password" autocomplete="new-password" error
                    hint="At least 10 characters. Other devices will be signed out." />
                <div><Submit label="Change password" /></div>
            </PostForm>
        </Section>
    }
}

#[component]
fn EmailForm() -> impl IntoView {
    let error = posted_error("request_email_change");
    view! {
        <Section title="Change your email address">
            <PostForm endpoint="request_email_change" class="flex flex-col gap-4">
                <FormError error />
                <Field label="New address" name="new_email" kind="email" autocomplete="email" error form="email" />
                <Field label="Current password" name="current_password" kind="password" autocomplete="current-password" error form="email" />
                <div><Submit label="Send a confirmation link" /></div>
            </PostForm>
        </Section>
    }
}

#[component]
fn DeleteForm() -> impl IntoView {
    let error = posted_error("delete_account");
    view! {
        <Section title="Delete your account">
            <PostForm endpoint="delete_account" class="flex flex-col gap-4">
                <p class="text-sm text-muted">"Your name and address are erased and you are signed out everywhere. Posts you wrote stay, signed “Deleted user”. This cannot be undone."</p>
                <FormError error />
                <Field label="Current password" name="current_password" kind="password" autocomplete="current-password" error form="delete" />
                <div>
                    <button type="submit" class="rounded-lg border border-danger px-4 py-2 font-semibold text-danger">"Delete my account"</button>
                </div>
            </PostForm>
        </Section>
    }
}

/// The events the person joined, their starred sessions, and their private calendar link.
#[component]
fn MyAgenda(program: MyProgram) -> impl IntoView {
    let fresh_link = program.fresh_link.clone();
    let button = if program.has_feed {
        "Make a new link (the old one stops working)"
    } else {
        "Make a private calendar link"
    };
    view! {
        <section id="agenda" class="rounded-xl border border-line bg-surface p-6">
            <h2 class="mb-4 text-lg font-semibold">"Your events"</h2>
            {if program.events.is_empty() {
                view! { <p class="text-sm text-muted">"You have not joined an event yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="mb-6 flex flex-col gap-2 text-sm">
                        {program.events.into_iter().map(|e| view! {
                            <li>
                                <a href=format!("/e/{}", e.slug) class="font-semibold text-accent underline">{e.title}</a>
                                <span class="text-muted">{format!(" · {}", e.dates)}</span>
                                {(e.status == RegistrationStatus::Waitlisted).then(|| view! { <span class="text-muted">" · on the waitlist"</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h2 class="mb-4 mt-6 text-lg font-semibold">"Your agenda"</h2>
            {if program.agenda.is_empty() {
                view! { <p class="text-sm text-muted">"Star sessions on an event's schedule to build your agenda."</p> }.into_any()
            } else {
                view! {
                    <ul class="flex flex-col gap-2 text-sm">
                        {program.agenda.into_iter().map(|s| view! {
                            <li>
                                <span class="text-muted">{format!("{} · ", s.when)}</span>
                                <a href=format!("/e/{}/sessions/{}", s.event_slug, s.session) class="font-semibold text-accent underline">{s.title}</a>
                                <span class="text-muted">{format!(" · {}", s.event_title)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {fresh_link.map(|link| view! {
                <div role="status" class="mt-4 rounded-lg border border-line bg-accent-soft p-3 text-sm">
                    <p class="font-semibold">"Your private calendar link (shown once, keep it to yourself):"</p>
                    <input readonly value=link aria-label="Private calendar link" class="mt-2 w-full rounded border border-line bg-surface px-2 py-1 font-mono text-xs" />
                    <p class="mt-1 text-muted">"Add it to your calendar app as a subscription; it follows your stars."</p>
                </div>
            })}
            <PostForm endpoint="create_agenda_feed" class="mt-4">
                <button type="submit" class="text-sm text-accent underline">{button}</button>
            </PostForm>
        </section>
    }
}
