//! `/manage/{org}/segments/{id|new}` (the rule builder, with a live count) and
//! `/manage/{org}/templates/{id|new}` (Markdown with placeholders, a preview as a chosen
//! contact, a test sent to the organizer).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use domain::campaign::{
    Combine, PLACEHOLDERS, RegistrationFilter, RuleForm, SegmentRules, SegmentSummary,
};
use domain::error::AppError;
use domain::{SegmentId, TemplateId};

use crate::api::campaigns::{get_campaigns, get_contacts, get_template, preview_template};
use crate::components::error_notice::ErrorNotice;
use crate::components::form::{Field, FormError, Notice, PostForm, Submit, TextArea, posted_error};
use crate::components::page_title::PageTitle;
use crate::pages::account::SignInPrompt;
use crate::pages::manage_contacts::{AudienceNav, CARD};

const INPUT: &str = "rounded-lg border border-line bg-surface px-3 py-2";

const RULE_KINDS: [(&str, &str); 6] = [
    ("", "No rule"),
    ("event", "Registration for an event"),
    ("tag", "Has a tag"),
    ("opened", "Opened a campaign in the last days"),
    ("clicked", "Clicked a campaign in the last days"),
    ("added", "Became a contact between two days"),
];

/// One row of the builder; every input of the row is there, the kind says which count.
#[component]
fn RuleRow(
    index: usize,
    row: RuleForm,
    events: Vec<domain::campaign::Choice>,
    tags: Vec<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let name = move |field: &str| format!("rules[{index}][{field}]");
    let message = move |field: &'static str| {
        error
            .get_untracked()
            .and_then(|e| {
                e.field_message(&format!("rules[{index}][{field}]"))
                    .map(str::to_owned)
            })
            .map(|m| view! { <p class="text-sm text-danger">{m}</p> })
    };
    let list = format!("tags-{index}");
    view! {
        <fieldset class="flex flex-col gap-2 rounded-lg border border-line p-3" data-rule=index>
            <legend class="px-1 text-sm font-semibold">{format!("Rule {}", index + 1)}</legend>
            <select name=name("kind") aria-label="Kind of rule" class=INPUT>
                {RULE_KINDS.iter().map(|(value, label)| view! { <option value=*value selected=row.kind == *value>{*label}</option> }).collect_view()}
            </select>
            {message("kind")}
            <div class="flex flex-wrap gap-2" data-for="event">
                <select name=name("status") aria-label="Registration state" class=INPUT>
                    {RegistrationFilter::ALL.into_iter().map(|s| view! { <option value=s.as_str() selected=row.status == s.as_str()>{s.label()}</option> }).collect_view()}
                </select>
                <select name=name("event") aria-label="Event" class=INPUT>
                    <option value="">"Choose an event…"</option>
                    {events.into_iter().map(|e| { let id = e.id.to_string(); view! { <option value=id.clone() selected=row.event == id>{e.label}</option> } }).collect_view()}
                </select>
                {message("event")}
            </div>
            <div data-for="tag">
                <input name=name("tag") value=row.tag.clone() list=list.clone() aria-label="Tag" placeholder="Tag" class=INPUT />
                <datalist id=list>{tags.into_iter().map(|t| view! { <option value=t /> }).collect_view()}</datalist>
                {message("tag")}
            </div>
            <div data-for="opened clicked">
                <label class="text-sm">"In the last "
                    <input name=name("days") type="number" min="1" max="3650" value=row.days.clone() class=format!("{INPUT} w-24") />" days"</label>
                {message("days")}
            </div>
            <div class="flex flex-wrap items-center gap-2 text-sm" data-for="added">
                <label>"From "<input name=name("from") type="date" value=row.from.clone() class=INPUT /></label>
                <label>"to "<input name=name("to") type="date" value=row.to.clone() class=INPUT /></label>
                {message("from")}{message("to")}
            </div>
        </fieldset>
    }
}

/// Shows only the inputs of each row's kind, and counts the contacts the rules reach a
/// quarter of a second after any change (an older answer never replaces a newer one).
/// Without JavaScript every input shows and saving shows the count.
const BUILDER_SCRIPT: &str = r#"(() => {
  const builder = document.querySelector("[data-segment-builder]");
  const form = builder && builder.closest("form");
  if (!form || form.dataset.live) return;
  form.dataset.live = "1";
  const count = document.getElementById("segment-count");
  const show = () => {
    for (const row of form.querySelectorAll("[data-rule]")) {
      const kind = row.querySelector("select").value;
      for (const part of row.querySelectorAll("[data-for]")) {
        part.hidden = !part.dataset.for.split(" ").includes(kind);
      }
    }
  };
  let timer, asked = 0, shown = 0;
  const recount = () => {
    show();
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const ticket = ++asked;
      const response = await fetch("/api/count_segment", {
        method: "POST",
        headers: { Accept: "application/json" },
        body: new URLSearchParams(new FormData(form)),
      });
      if (ticket < shown) return;
      shown = ticket;
      count.textContent = response.ok ? String(await response.json()) : "—";
    }, 250);
  };
  form.addEventListener("input", recount);
  form.addEventListener("change", recount);
  show();
})();"#;

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
                                    <div data-segment-builder class="contents">
                                    <FormError error />
                                    <input type="hidden" name="org" value=org.clone() />
                                    <input type="hidden" name="id" value=id.map(|i| i.0.to_string()).unwrap_or_default() />
                                    <Field label="Name" name="name" error value=segment.name.clone() form="segment" />
                                    <fieldset class="flex flex-wrap gap-4 text-sm">
                                        <legend class="mb-1 font-semibold">"Contacts who match"</legend>
                                        <label class="flex items-center gap-2"><input type="radio" name="combine" value="all" checked=!any />"all the rules"</label>
                                        <label class="flex items-center gap-2"><input type="radio" name="combine" value="any" checked=any />"any of the rules"</label>
                                    </fieldset>
                                    {rows.into_iter().enumerate().map(|(index, row)| view! {
                                        <RuleRow index row events=o.events.clone() tags=o.tags.clone() error />
                                    }).collect_view()}
                                    <p class="text-sm" aria-live="polite">"Subscribed contacts who match now: "<strong><output id="segment-count">{count}</output></strong></p>
                                    <p class="text-xs text-muted">"Without rules, a segment holds every subscribed contact. Unsubscribed and suppressed addresses never count. A campaign evaluates its segment when it starts sending."</p>
                                    <div><Submit label="Save the segment" /></div>
                                    </div>
                                </PostForm>
                            </section>
                            <script nonce=use_nonce() inner_html=BUILDER_SCRIPT></script>
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
                                            // The message in a sandbox: its styles stay inside, and nothing in it runs.
                                            <iframe title="Preview of the message" sandbox="" srcdoc=html class="h-96 w-full rounded-lg border border-line bg-white"></iframe>
                                            <details class="mt-4"><summary class="cursor-pointer text-sm font-semibold">"Plain-text part"</summary>
                                                <pre class="mt-2 whitespace-pre-wrap text-sm">{text}</pre></details>
                                            <PostForm endpoint="send_test_message" class="mt-6 flex flex-wrap items-end gap-3">
                                                <FormError error=test_error />
                                                <input type="hidden" name="org" value=org_test />
                                                <input type="hidden" name="id" value=id.0 />
                                                <input type="hidden" name="event" value=event.clone() />
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
