//! `/manage/{org}/campaigns` (campaigns, segments, templates) and
//! `/manage/{org}/campaigns/{id}` (edit, send, follow the progress, read the statistics).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::CampaignId;
use domain::campaign::{self, CampaignForm, CampaignStats, CampaignStatus};
use domain::error::AppError;
use domain::progress::Progress;

use crate::api::campaigns::{get_campaign, get_campaigns};
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{Choice, Field, FormError, Notice, PostForm, Submit, posted_error};
use crate::components::live_progress::{Job, LiveProgress};
use crate::components::page_title::PageTitle;
use crate::pages::account::SignInPrompt;
use crate::pages::manage_contacts::{AudienceNav, CARD};

/// "3 Mar 2026, 09:12 UTC".
pub(crate) fn moment(seconds: i64) -> String {
    domain::time::moment_utc(seconds)
}

fn options(choices: &[campaign::Choice], blank: &str) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), blank.to_owned())];
    options.extend(choices.iter().map(|c| (c.id.to_string(), c.label.clone())));
    options
}

#[component]
fn CampaignFields(
    form: CampaignForm,
    templates: Vec<campaign::Choice>,
    segments: Vec<campaign::Choice>,
    events: Vec<campaign::Choice>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    view! {
        <Field label="Name" name="name" error value=form.name form="campaign" hint="For your team; recipients do not see it." />
        <Field label="Subject" name="subject" error value=form.subject form="campaign" />
        <div class="grid gap-4 sm:grid-cols-2">
            <Field label="From name" name="from_name" error value=form.from_name form="campaign" hint="Shown as the sender." />
            <Field label="Messages per second" name="throttle" kind="number" error value=form.throttle form="campaign" required=false hint="Blank sends as fast as the mail server takes them." />
        </div>
        <div class="grid gap-4 sm:grid-cols-3">
            <Choice label="Template" name="template" error options=options(&templates, "Choose…") value=form.template form="campaign" />
            <Choice label="Segment" name="segment" error options=options(&segments, "Every subscribed contact") value=form.segment form="campaign" />
            <Choice label="Event of the placeholders" name="event" error options=options(&events, "None") value=form.event form="campaign" />
        </div>
    }
}

/// Campaigns, segments and templates.
#[component]
pub fn CampaignsPage() -> impl IntoView {
    let params = use_params_map();
    let org = params.read_untracked().get("slug").unwrap_or_default();
    let overview = Resource::new(
        {
            let org = org.clone();
            move || org.clone()
        },
        get_campaigns,
    );
    let error = posted_error("save_campaign");
    view! {
        <PageTitle text="Campaigns" />
        <AudienceNav org=org.clone() current="Campaigns" />
        <h1 class="mb-6 text-3xl font-bold tracking-tight">"Campaigns"</h1>
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || { let org = org.clone(); Suspend::new(async move {
                match overview.await {
                    Ok(o) => {
                        let template_choices: Vec<campaign::Choice> = o.templates.iter().map(|t| campaign::Choice { id: t.id.0, label: t.name.clone() }).collect();
                        let segment_choices: Vec<campaign::Choice> = o.segments.iter().map(|s| campaign::Choice { id: s.id.0, label: format!("{} ({} contacts)", s.name, s.count) }).collect();
                        let org_form = org.clone();
                        view! {
                            <div class="flex flex-col gap-8">
                                <section class=CARD>
                                    {if o.campaigns.is_empty() {
                                        view! { <p class="text-muted">"No campaign yet. Write a template, choose who receives it, and send."</p> }.into_any()
                                    } else {
                                        view! {
                                            <div class="overflow-x-auto"><table class="w-full text-left text-sm">
                                                <thead><tr class="text-muted"><th class="py-1">"Campaign"</th><th>"State"</th><th>"When"</th><th>"Sent"</th></tr></thead>
                                                <tbody class="divide-y divide-line">
                                                    {o.campaigns.iter().map(|c| view! {
                                                        <tr>
                                                            <td class="py-2"><a href=format!("/manage/{org}/campaigns/{}", c.id) class="font-semibold text-accent underline">{c.name.clone()}</a></td>
                                                            <td>{c.status.label()}</td>
                                                            <td class="text-muted">{c.when.map(moment).unwrap_or_default()}</td>
                                                            <td>{format!("{} of {}", c.sent, c.recipients)}</td>
                                                        </tr>
                                                    }).collect_view()}
                                                </tbody>
                                            </table></div>
                                        }.into_any()
                                    }}
                                </section>
                                <section class=CARD>
                                    <h2 class="mb-4 text-lg font-semibold">"New campaign"</h2>
                                    <PostForm endpoint="save_campaign" class="flex flex-col gap-4">
                                        <FormError error />
                                        <input type="hidden" name="org" value=org_form />
                                        <CampaignFields form=CampaignForm::default() templates=template_choices segments=segment_choices events=o.events.clone() error />
                                        <div><Submit label="Create the draft" /></div>
                                    </PostForm>
                                </section>
                                <div class="grid gap-8 md:grid-cols-2">
                                    <section class=CARD>
                                        <div class="mb-4 flex items-center justify-between"><h2 class="text-lg font-semibold">"Segments"</h2>
                                            <a href=format!("/manage/{org}/segments/new") class="text-sm font-semibold text-accent underline">"New segment"</a></div>
                                        <ul class="divide-y divide-line text-sm">
                                            {o.segments.iter().map(|s| view! {
                                                <li class="flex justify-between py-2"><a href=format!("/manage/{org}/segments/{}", s.id) class="text-accent underline">{s.name.clone()}</a><span class="text-muted">{format!("{} contacts", s.count)}</span></li>
                                            }).collect_view()}
                                        </ul>
                                    </section>
                                    <section class=CARD>
                                        <div class="mb-4 flex items-center justify-between"><h2 class="text-lg font-semibold">"Templates"</h2>
                                            <a href=format!("/manage/{org}/templates/new") class="text-sm font-semibold text-accent underline">"New template"</a></div>
                                        <ul class="divide-y divide-line text-sm">
                                            {o.templates.iter().map(|t| view! {
                                                <li class="py-2"><a href=format!("/manage/{org}/templates/{}", t.id) class="text-accent underline">{t.name.clone()}</a></li>
                                            }).collect_view()}
                                        </ul>
                                    </section>
                                </div>
                            </div>
                        }.into_any()
                    }
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

/// Opens and clicks per hour, drawn on the server: it works without JavaScript.
#[component]
fn ActivityChart(stats: CampaignStats) -> impl IntoView {
    const WIDTH: i64 = 600;
    const HEIGHT: i64 = 160;
    if stats.timeline.is_empty() {
        return view! { <p class="text-sm text-muted">"No opens or clicks yet."</p> }.into_any();
    }
    let peak = stats
        .timeline
        .iter()
        .map(|(_, o, c)| (*o).max(*c))
        .max()
        .unwrap_or(1)
        .max(1);
    let slot = (WIDTH / stats.timeline.len() as i64).max(4);
    let bar = |value: i64| value * (HEIGHT - 20) / peak;
    let label = format!(
        "Opens and clicks per hour, from {} to {}: {} opens and {} clicks in all.",
        moment(stats.timeline[0].0),
        moment(stats.timeline[stats.timeline.len() - 1].0),
        stats.opens,
        stats.clicks
    );
    let title = label.clone();
    view! {
        <figure>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=label.clone() class="h-40 w-full">
                <title>{title}</title>
                {stats.timeline.iter().enumerate().map(|(i, (hour, opens, clicks))| {
                    let x = i as i64 * slot;
                    view! {
                        <g>
                            <title>{format!("{}: {opens} opens, {clicks} clicks", moment(*hour))}</title>
                            <rect x=x y=HEIGHT - bar(*opens) width=(slot / 2).max(2) height=bar(*opens) class="fill-accent" />
                            <rect x=x + slot / 2 y=HEIGHT - bar(*clicks) width=(slot / 2).max(2) height=bar(*clicks) class="fill-ink" />
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption class="mt-2 flex gap-4 text-xs text-muted">
                <span><span class="inline-block h-2 w-2 bg-accent"></span>" Opens"</span>
                <span><span class="inline-block h-2 w-2 bg-ink"></span>" Clicks"</span>
            </figcaption>
        </figure>
    }
    .into_any()
}

#[component]
fn Statistics(stats: CampaignStats) -> impl IntoView {
    let rate = |n: i64| format!("{}%", stats.rate(n));
    let figure = |label: &'static str, value: i64, extra: String| {
        view! {
            <div class="rounded-lg border border-line p-3">
                <dt class="text-xs text-muted">{label}</dt>
                <dd class="text-2xl font-bold">{value}</dd>
                <dd class="text-xs text-muted">{extra}</dd>
            </div>
        }
    };
    view! {
        <dl class="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-5">
            {figure("Sent", stats.sent, format!("of {}", stats.recipients))}
            {figure("Failed", stats.failed, format!("{} skipped", stats.skipped))}
            {figure("Opened", stats.opens, rate(stats.opens))}
            {figure("Clicked", stats.clicks, rate(stats.clicks))}
            {figure("Unsubscribed", stats.unsubscribes, rate(stats.unsubscribes))}
        </dl>
        <ActivityChart stats=stats.clone() />
        {(!stats.links.is_empty()).then(|| view! {
            <div class="overflow-x-auto"><table class="mt-6 w-full text-left text-sm">
                <thead><tr class="text-muted"><th class="py-1">"Link"</th><th>"Unique clicks"</th></tr></thead>
                <tbody class="divide-y divide-line">
                    {stats.links.iter().map(|(url, n)| view! { <tr><td class="break-all py-2">{url.clone()}</td><td>{*n}</td></tr> }).collect_view()}
                </tbody>
            </table></div>
        })}
    }
}

fn action_button(
    org: String,
    id: CampaignId,
    change: &'static str,
    label: &'static str,
    danger: bool,
) -> impl IntoView {
    view! {
        <PostForm endpoint="change_campaign">
            <input type="hidden" name="org" value=org />
            <input type="hidden" name="id" value=id.0 />
            <input type="hidden" name="change" value=change />
            <button type="submit" class="rounded-lg border px-4 py-2 font-semibold"
                class:border-danger=danger class:text-danger=danger class:border-line=!danger>{label}</button>
        </PostForm>
    }
}

/// One campaign.
#[component]
pub fn CampaignPage() -> impl IntoView {
    let params = use_params_map();
    let org = params.read_untracked().get("slug").unwrap_or_default();
    let id = CampaignId(
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
        |(org, id)| get_campaign(org, id),
    );
    let save_error = posted_error("save_campaign");
    let change_error = posted_error("change_campaign");
    let done = use_query_map().read_untracked().get("done");
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || { let (org, done) = (org.clone(), done.clone()); Suspend::new(async move {
                match details.await {
                    Ok(d) => {
                        let status = d.status;
                        let (org_schedule, org_save) = (org.clone(), org.clone());
                        let send_at_kept = change_error.get_untracked().and_then(|e| e.kept("send_at").map(str::to_owned)).unwrap_or_default();
                        view! {
                            <PageTitle text=d.form.name.clone() />
                            <AudienceNav org=org.clone() current="Campaigns" />
                            <div class="mb-6 flex flex-wrap items-baseline gap-3">
                                <h1 class="text-3xl font-bold tracking-tight">{d.form.name.clone()}</h1>
                                <span class="rounded-full border border-line px-3 py-1 text-sm font-semibold">{status.label()}</span>
                            </div>
                            {done.map(|what| view! { <Notice>{match what.as_str() {
                                "saved" => "Saved.",
                                "send" => "The campaign starts sending now.",
                                "schedule" => "The campaign is scheduled.",
                                "pause" => "Sending is paused.",
                                "resume" => "Sending resumes.",
                                "cancel" => "The campaign is cancelled.",
                                _ => "Done.",
                            }}</Notice> })}
                            <FormError error=change_error />
                            <section class=CARD aria-live="polite">
                                <h2 class="mb-2 text-lg font-semibold">"Progress"</h2>
                                <LiveProgress job=Job::Campaign { org: org.clone(), id } progress=Progress::from(&d) name="Recipients handled".to_owned() />
                                <div class="flex flex-wrap items-end gap-3">
                                    {status.editable().then(|| action_button(org.clone(), id, "send", "Send now", false))}
                                    {status.editable().then(|| view! {
                                        <PostForm endpoint="change_campaign" class="flex flex-wrap items-end gap-2">
                                            <input type="hidden" name="org" value=org_schedule />
                                            <input type="hidden" name="id" value=id.0 />
                                            <input type="hidden" name="change" value="schedule" />
                                            <label class="flex flex-col gap-1 text-sm font-semibold">"Send at"
                                                <input type="datetime-local" name="send_at" value=send_at_kept.clone() class="rounded-lg border border-line bg-surface px-3 py-2" />
                                            </label>
                                            <button type="submit" class="rounded-lg border border-line px-4 py-2 font-semibold">"Schedule"</button>
                                        </PostForm>
                                        {change_error.get_untracked().and_then(|e| e.field_message("send_at").map(str::to_owned)).map(|m| view! { <p class="text-sm text-danger">{m}</p> })}
                                    })}
                                    {(status == CampaignStatus::Scheduled).then(|| action_button(org.clone(), id, "unschedule", "Back to draft", false))}
                                    {matches!(status, CampaignStatus::Sending | CampaignStatus::Scheduled).then(|| action_button(org.clone(), id, "pause", "Pause", false))}
                                    {(status == CampaignStatus::Paused).then(|| action_button(org.clone(), id, "resume", "Resume", false))}
                                    {matches!(status, CampaignStatus::Draft | CampaignStatus::Scheduled | CampaignStatus::Sending | CampaignStatus::Paused).then(|| action_button(org.clone(), id, "cancel", "Cancel", true))}
                                </div>
                                <p class="mt-2 text-xs text-muted">"Times are in the time zone of the campaign's event, or UTC without one."</p>
                            </section>
                            <section class=format!("{CARD} mt-8")>
                                <h2 class="mb-4 text-lg font-semibold">"Statistics"</h2>
                                <Statistics stats=d.stats.clone() />
                            </section>
                            {status.editable().then(|| view! {
                                <section class=format!("{CARD} mt-8")>
                                    <h2 class="mb-4 text-lg font-semibold">"Content"</h2>
                                    <PostForm endpoint="save_campaign" class="flex flex-col gap-4">
                                        <FormError error=save_error />
                                        <input type="hidden" name="org" value=org_save />
                                        <input type="hidden" name="id" value=id.0 />
                                        <CampaignFields form=d.form.clone() templates=d.templates.clone() segments=d.segments.clone() events=d.events.clone() error=save_error />
                                        <div><Submit label="Save" /></div>
                                    </PostForm>
                                </section>
                            })}
                        }.into_any()
                    }
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <PageTitle text="Not found" /><ErrorNotice error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}
