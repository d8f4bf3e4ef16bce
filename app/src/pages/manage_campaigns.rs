//! `/manage/{org}/campaigns`: campaigns, segments, templates, and a new campaign's form (one
//! campaign's page is [`crate::pages::campaign_page`]).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use domain::campaign::{self, CampaignForm};
use domain::error::AppError;

use crate::api::campaigns::get_campaigns;
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{Choice, Field, FormError, PostForm, Submit, posted_error};
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

/// A campaign's fields, for a new one and an existing one.
#[component]
pub(crate) fn CampaignFields(
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
                                                            <td class="text-muted">{c.when.clone()}</td>
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
