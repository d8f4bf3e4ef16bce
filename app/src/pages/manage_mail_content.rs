//! `/manage/{org}/segments/{id|new}` (the rule builder, with a live count) and
//! `/manage/{org}/templates/{id|new}` (Markdown with placeholders, a preview as a chosen
//! contact, a test sent to the organizer).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::campaign::{Combine, PLACEHOLDERS, RuleForm, SegmentRules, SegmentSummary};
use domain::error::AppError;
use domain::{SegmentId, TemplateId};

use crate::api::campaigns::{get_campaigns, get_contacts, get_template, preview_template};
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{Field, FormError, Notice, PostForm, Submit, TextArea, posted_error};
use crate::components::mail_message::MailMessage;
use crate::components::page_title::PageTitle;
use crate::pages::account::SignInPrompt;
use crate::pages::manage_contacts::{AudienceNav, CARD};
use crate::pages::segment_builder::{INPUT, SegmentBuilder};

/// A segment: new (`/segments/new`) or saved.
#[component]
pub fn SegmentPage() -> impl IntoView {
    let params = use_params_map();
    let org = params.read_untracked().get("slug").unwrap_or_default();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse().ok())
        .map(SegmentId);
    let overview = Resource::new(
        {
            let org = org.clone();
            move || org.clone()
        },
        get_campaigns,
    );
    let error = posted_error("save_segment");
    let saved = use_query_map().read_untracked().get("done").is_some();
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || { let org = org.clone(); Suspend::new(async move {
                match overview.await {
                    Ok(o) => {
                        let segment = match id {
                            None => Some(SegmentSummary { id: SegmentId(0), name: String::new(), rules: SegmentRules::default(), count: -1 }),
                            Some(id) => o.segments.iter().find(|s| s.id == id).cloned(),
                        };
                        let Some(segment) = segment else {
                            return view! { <PageTitle text="Not found" /><ErrorNotice error=AppError::NotFound("segment".into()) /> }.into_any();
                        };
                        let title = if id.is_some() { segment.name.clone() } else { "New segment".to_owned() };
                        // After a refused save, the rules as typed; otherwise as saved.
                        let refused = error.get_untracked().filter(|e| e.kept("combine").is_some());
                        let any = match &refused {
                            Some(e) => e.kept("combine") == Some("any"),
                            None => segment.rules.combine == Combine::Any,
                        };
                        let rows = match &refused {
                            Some(e) => (0..SegmentRules::MAX).map(|i| {
                                let typed = |field: &str| e.kept(&format!("rules[{i}][{field}]")).unwrap_or_default().to_owned();
                                RuleForm { kind: typed("kind"), event: typed("event"), status: typed("status"), tag: typed("tag"), days: typed("days"), from: typed("from"), to: typed("to") }
                            }).collect(),
                            None => segment.rules.to_form(),
                        };
                        let count = if segment.count >= 0 { segment.count.to_string() } else { "—".to_owned() };
                        view! {
                            <PageTitle text=title.clone() />
                            <AudienceNav org=org.clone() current="Campaigns" />
                            <h1 class="mb-6 text-3xl font-bold tracking-tight">{title}</h1>
                            {saved.then(|| view! { <Notice>"Saved."</Notice> })}
                            <section class=CARD>
                                <PostForm endpoint="save_segment" class="flex flex-col gap-4">
                                    <FormError error />
                                    <input type="hidden" name="org" value=org.clone() />
                                    <input type="hidden" name="id" value=id.map(|i| i.0.to_string()).unwrap_or_default() />
                                    <Field label="Name" name="name" error value=segment.name.clone() form="segment" />
                                    <SegmentBuilder org=org.clone() any rows events=o.events.clone() tags=o.tags.clone() error=error.get_untracked() count />
                                    <p class="text-xs text-muted">"Without rules, a segment holds every subscribed contact. Unsubscribed and suppressed addresses never count. A campaign evaluates its segment when it starts sending."</p>
                                    <div><Submit label="Save the segment" /></div>
                                </PostForm>
                            </section>
                        }.into_any()
                    }
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

/// A template: new (`/templates/new`) or saved, with its preview.
#[component]
pub fn TemplatePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let org = params.read_untracked().get("slug").unwrap_or_default();
    let id = params
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse().ok())
        .map(TemplateId);
    let contact = query.read_untracked().get("contact").unwrap_or_default();
    let event = query.read_untracked().get("event").unwrap_or_default();
    let page = Resource::new(
        {
            let (org, contact, event) = (org.clone(), contact.clone(), event.clone());
            move || (org.clone(), contact.clone(), event.clone())
        },
        move |(org, contact, event)| async move {
            let overview = get_campaigns(org.clone()).await?;
            let contacts = get_contacts(org.clone(), String::new(), String::new()).await?;
            let template = match id {
                Some(id) => Some(get_template(org.clone(), id).await?),
                None => None,
            };
            let preview = match id {
                Some(id) => Some(preview_template(org, id, contact, event).await?),
                None => None,
            };
            Ok::<_, AppError>((overview, contacts, template, preview))
        },
    );
    let save_error = posted_error("save_template");
    let test_error = posted_error("send_test_message");
    let done = query.read_untracked().get("done");
    view! {
        <Suspense fallback=|| view! { <p class="text-muted">"Loading…"</p> }>
            {move || { let (org, contact, event, done) = (org.clone(), contact.clone(), event.clone(), done.clone()); Suspend::new(async move {
                match page.await {
                    Ok((overview, contacts, template, preview)) => {
                        let (name, body) = template.as_ref().map(|t| (t.name.clone(), t.body.clone())).unwrap_or_else(|| (String::new(), "Hello {{first_name}},\n\n".to_owned()));
                        let title = if template.is_some() { name.clone() } else { "New template".to_owned() };
                        let (org_save, org_test) = (org.clone(), org.clone());
                        // Whom the preview (and so the test) is rendered for.
                        let test_for = contacts.contacts.iter().find(|c| c.id.0.to_string() == contact).map_or_else(|| "a sample person".to_owned(), |c| c.email.clone());
                        view! {
                            <PageTitle text=title.clone() />
                            <AudienceNav org=org.clone() current="Campaigns" />
                            <h1 class="mb-6 text-3xl font-bold tracking-tight">{title}</h1>
                            {done.map(|d| view! { <Notice>{if d == "test" { "The test message is on its way to your address." } else { "Saved." }}</Notice> })}
                            <div class="grid gap-8 lg:grid-cols-2">
                                <section class=CARD>
                                    <PostForm endpoint="save_template" class="flex flex-col gap-4">
                                        <FormError error=save_error />
                                        <input type="hidden" name="org" value=org_save />
                                        <input type="hidden" name="id" value=id.map(|i| i.0.to_string()).unwrap_or_default() />
                                        <Field label="Name" name="name" error=save_error value=name form="template" />
                                        <TextArea label="Message (Markdown)" name="body" error=save_error value=body form="template" rows=16 />
                                        <div class="text-xs text-muted">
                                            <p class="mb-1">"Placeholders:"</p>
                                            <ul>{PLACEHOLDERS.iter().map(|(p, what)| view! { <li><code>{format!("{{{{{p}}}}}")}</code>{format!(" — {what}")}</li> }).collect_view()}</ul>
                                            <p class="mt-1">"A footer with the unsubscribe link is added to every message."</p>
                                        </div>
                                        <div><Submit label="Save the template" /></div>
                                    </PostForm>
                                </section>
                                {match (id, preview) {
                                    (Some(id), Some((text, html))) => view! {
                                        <section class=CARD>
                                            <h2 class="mb-4 text-lg font-semibold">"Preview"</h2>
                                            <form method="get" class="mb-4 flex flex-wrap items-end gap-3">
                                                <div class="flex flex-col gap-1">
                                                    <label for="preview-contact" class="text-sm font-semibold">"As"</label>
                                                    <select id="preview-contact" name="contact" class=INPUT>
                                                        <option value="">"A sample person"</option>
                                                        {contacts.contacts.iter().map(|c| { let v = c.id.0.to_string(); view! { <option value=v.clone() selected=v == contact>{c.email.clone()}</option> } }).collect_view()}
                                                    </select>
                                                </div>
                                                <div class="flex flex-col gap-1">
                                                    <label for="preview-event" class="text-sm font-semibold">"About"</label>
                                                    <select id="preview-event" name="event" class=INPUT>
                                                        <option value="">"No event"</option>
                                                        {overview.events.iter().map(|e| { let v = e.id.to_string(); view! { <option value=v.clone() selected=v == event>{e.label.clone()}</option> } }).collect_view()}
                                                    </select>
                                                </div>
                                                <button type="submit" class="rounded-lg border border-line px-3 py-2 text-sm font-semibold">"Show"</button>
                                            </form>
                                            <MailMessage title="Preview of the message" html text />
                                            <PostForm endpoint="send_test_message" class="mt-6 flex flex-wrap items-end gap-3">
                                                <FormError error=test_error />
                                                <input type="hidden" name="org" value=org_test />
                                                <input type="hidden" name="id" value=id.0 />
                                                <input type="hidden" name="contact" value=contact.clone() />
                                                <input type="hidden" name="event" value=event.clone() />
                                                <p class="w-full text-sm text-muted">{format!("The test is rendered for {}, as in the preview above, marked as a test, and sent to your own address. Its unsubscribe link changes nobody's consent.", test_for)}</p>
                                                <label class="flex flex-col gap-1 text-sm font-semibold">"Subject of the test"
                                                    <input name="subject" class=INPUT /></label>
                                                <button type="submit" class="rounded-lg border border-line px-3 py-2 text-sm font-semibold">"Send a test to my address"</button>
                                            </PostForm>
                                        </section>
                                    }.into_any(),
                                    _ => view! { <p class="text-sm text-muted">"Save the template to preview it and send a test."</p> }.into_any(),
                                }}
                            </div>
                        }.into_any()
                    }
                    Err(AppError::Unauthenticated) => view! { <SignInPrompt /> }.into_any(),
                    Err(error) => view! { <PageTitle text="Not found" /><ErrorNotice error /> }.into_any(),
                }
            })}}
        </Suspense>
    }
}
