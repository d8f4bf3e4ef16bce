//! `/manage/{org}/campaigns/{id}`: edit a campaign, send or schedule it, follow its progress,
//! read what went out and its statistics. Sending now and cancelling ask first
//! (`?confirm=send|cancel`, a page of its own, so it works the same with and without
//! JavaScript) and say whom they concern, counted from the segment as it stands.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::CampaignId;
use domain::campaign::{CampaignDetails, CampaignStatus, SentMessage};
use domain::error::AppError;
use domain::progress::Progress;
use domain::text::counted;

use crate::api::campaigns::get_campaign;
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{FormError, Notice, PostForm, Submit, posted_error};
use crate::components::live_progress::{Job, LiveProgress};
use crate::components::mail_message::MailMessage;
use crate::components::page_title::PageTitle;
use crate::pages::account::SignInPrompt;
use crate::pages::campaign_stats::Statistics;
use crate::pages::manage_campaigns::CampaignFields;
use crate::pages::manage_contacts::{AudienceNav, CARD};

const BUTTON: &str = "rounded-lg border border-line px-4 py-2 font-semibold";
const DANGER: &str = "rounded-lg border border-danger px-4 py-2 font-semibold text-danger";

/// A change posted by a button of its own.
fn action_button(
    org: String,
    id: CampaignId,
    change: &'static str,
    label: &'static str,
) -> impl IntoView {
    view! {
        <PostForm endpoint="change_campaign">
            <input type="hidden" name="org" value=org />
            <input type="hidden" name="id" value=id.0 />
            <input type="hidden" name="change" value=change />
            <button type="submit" class=BUTTON>{label}</button>
        </PostForm>
    }
}

/// What sending now or cancelling would do, and the button that does it.
#[component]
fn Confirmation(org: String, campaign: CampaignDetails, change: &'static str) -> impl IntoView {
    let name = campaign.form.name.clone();
    let back = format!("/manage/{org}/campaigns/{}", campaign.id);
    let reach = campaign.audience.unwrap_or(0);
    let people = counted(reach, "contact");
    let (title, says, button, keep) = if change == "send" {
        let says = if reach == 0 {
            format!(
                "Nobody would get it now: no contact matches ({}).",
                campaign.audience_label
            )
        } else {
            format!(
                "{people} will get it now: {}, counted as it stands. Once it starts, you can pause it but not call it back.",
                campaign.audience_label
            )
        };
        (
            format!("Send “{name}” now?"),
            says,
            format!("Send now to {people}"),
            "Keep it as it is",
        )
    } else {
        let says = match campaign.status {
            CampaignStatus::Sending | CampaignStatus::Paused if campaign.started_at.is_some() => {
                format!(
                    "{} of {} messages have gone out; the other {} recipients get nothing. This cannot be undone.",
                    campaign.stats.sent,
                    campaign.stats.recipients,
                    campaign.stats.remaining()
                )
            }
            _ => format!(
                "It will never be sent: {people} ({} as it stands) will get nothing, and it can no longer be edited. This cannot be undone.",
                campaign.audience_label
            ),
        };
        (
            format!("Cancel “{name}”?"),
            says,
            "Cancel the campaign".to_owned(),
            "Keep the campaign",
        )
    };
    view! {
        <section class=format!("{CARD} mb-8 border-2") role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-says">
            <h2 id="confirm-title" class="mb-2 text-lg font-semibold">{title}</h2>
            <p id="confirm-says" class="mb-4">{says}</p>
            <div class="flex flex-wrap items-center gap-4">
                <PostForm endpoint="change_campaign">
                    <input type="hidden" name="org" value=org.clone() />
                    <input type="hidden" name="id" value=campaign.id.0 />
                    <input type="hidden" name="change" value=change />
                    <input type="hidden" name="confirm" value="yes" />
                    <button type="submit" class=if change == "send" { "rounded-lg bg-accent px-4 py-2 font-semibold text-accent-ink" } else { DANGER }>{button}</button>
                </PostForm>
                <a href=back class="font-semibold text-accent underline">{keep}</a>
            </div>
        </section>
    }
}

/// What went out, frozen when sending started.
#[component]
fn WhatWentOut(sent: SentMessage, started: String) -> impl IntoView {
    let segment = match sent.segment.as_str() {
        "" => sent.audience.clone(),
        name => format!("“{name}”: {}", sent.audience),
    };
    view! {
        <section class=format!("{CARD} mt-8") aria-labelledby="went-out-title">
            <h2 id="went-out-title" class="mb-1 text-lg font-semibold">"What went out"</h2>
            <p class="mb-4 text-xs text-muted">{format!("As it was when sending started, {started}; editing the template or the segment since changes nothing here.")}</p>
            <dl class="mb-4 grid gap-2 text-sm sm:grid-cols-[8rem_1fr]">
                <dt class="text-muted">"Subject"</dt><dd>{sent.subject.clone()}</dd>
                <dt class="text-muted">"From"</dt><dd>{sent.from_name.clone()}</dd>
                <dt class="text-muted">"Segment"</dt><dd>{segment}</dd>
            </dl>
            <MailMessage title="The message that went out" html=sent.html text=sent.text />
        </section>
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
    let query = use_query_map();
    let done = query.read_untracked().get("done");
    let confirm = query.read_untracked().get("confirm");
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || { let (org, done, confirm) = (org.clone(), done.clone(), confirm.clone()); Suspend::new(async move {
                match details.await {
                    Ok(d) => {
                        let status = d.status;
                        let cancellable = matches!(status, CampaignStatus::Draft | CampaignStatus::Scheduled | CampaignStatus::Sending | CampaignStatus::Paused);
                        let confirming = match confirm.as_deref() {
                            Some("send") if status.editable() => Some("send"),
                            Some("cancel") if cancellable => Some("cancel"),
                            _ => None,
                        };
                        let here = format!("/manage/{org}/campaigns/{id}");
                        // After a refused schedule, the time as typed; otherwise as saved.
                        let send_at = change_error.get_untracked().and_then(|e| e.kept("send_at").map(str::to_owned)).unwrap_or_else(|| d.times.send_at_input.clone());
                        let send_at_error = change_error.get_untracked().and_then(|e| e.field_message("send_at").map(str::to_owned));
                        let notice = done.map(|what| match what.as_str() {
                            "saved" => "Saved.".to_owned(),
                            "send" => "The campaign starts sending now.".to_owned(),
                            "schedule" => format!("The campaign is scheduled for {}.", d.times.send_at),
                            "pause" => "Sending is paused.".to_owned(),
                            "resume" => "Sending resumes.".to_owned(),
                            "cancel" => "The campaign is cancelled.".to_owned(),
                            _ => "Done.".to_owned(),
                        });
                        let send_at_label = format!("Send at ({})", d.times.zone);
                        let send_at_invalid = send_at_error.is_some();
                        let (org_schedule, org_save) = (org.clone(), org.clone());
                        let confirmation = confirming.map(|change| view! { <Confirmation org=org.clone() campaign=d.clone() change /> });
                        view! {
                            <PageTitle text=d.form.name.clone() />
                            <AudienceNav org=org.clone() current="Campaigns" />
                            <div class="mb-6 flex flex-wrap items-baseline gap-3">
                                <h1 class="text-3xl font-bold tracking-tight">{d.form.name.clone()}</h1>
                                <span class="rounded-full border border-line px-3 py-1 text-sm font-semibold">{status.label()}</span>
                            </div>
                            {notice.map(|text| view! { <Notice>{text}</Notice> })}
                            <FormError error=change_error />
                            {confirmation}
                            <section class=CARD aria-live="polite">
                                <h2 class="mb-2 text-lg font-semibold">"Progress"</h2>
                                <LiveProgress job=Job::Campaign { org: org.clone(), id } progress=Progress::from(&d) name="Recipients handled".to_owned() />
                                <div class="flex flex-wrap items-end gap-3">
                                    {status.editable().then(|| view! { <a href=format!("{here}?confirm=send") class=BUTTON>"Send now…"</a> })}
                                    {status.editable().then(move || view! {
                                        <PostForm endpoint="change_campaign" class="flex flex-wrap items-end gap-2">
                                            <input type="hidden" name="org" value=org_schedule />
                                            <input type="hidden" name="id" value=id.0 />
                                            <input type="hidden" name="change" value="schedule" />
                                            <label class="flex flex-col gap-1 text-sm font-semibold">{send_at_label}
                                                <input type="datetime-local" name="send_at" value=send_at aria-invalid=send_at_invalid.then_some("true") aria-describedby=send_at_invalid.then_some("send-at-error") class="rounded-lg border border-line bg-surface px-3 py-2" />
                                            </label>
                                            <button type="submit" class=BUTTON>"Schedule"</button>
                                        </PostForm>
                                        {send_at_error.map(|m| view! { <p id="send-at-error" class="text-sm text-danger">{m}</p> })}
                                    })}
                                    {(status == CampaignStatus::Scheduled).then(|| action_button(org.clone(), id, "unschedule", "Back to draft"))}
                                    {matches!(status, CampaignStatus::Sending | CampaignStatus::Scheduled).then(|| action_button(org.clone(), id, "pause", "Pause"))}
                                    {(status == CampaignStatus::Paused).then(|| action_button(org.clone(), id, "resume", "Resume"))}
                                    {cancellable.then(|| view! { <a href=format!("{here}?confirm=cancel") class=DANGER>"Cancel…"</a> })}
                                </div>
                                <p class="mt-2 text-xs text-muted">{d.times.sentence()}</p>
                            </section>
                            {d.sent_message.clone().map(|sent| view! { <WhatWentOut sent started=d.times.started.clone() /> })}
                            <section class=format!("{CARD} mt-8")>
                                <h2 class="mb-4 text-lg font-semibold">"Statistics"</h2>
                                <Statistics stats=d.stats.clone() zone=d.times.zone.clone() />
                            </section>
                            {status.editable().then(move || view! {
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
