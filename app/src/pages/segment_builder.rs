//! The rule builder of a segment. Each row shows only the inputs of its kind of rule, and
//! the count of contacts the rules reach follows every change a quarter of a second later
//! (an older answer never replaces a newer one). Without JavaScript every input shows and
//! saving shows the count.

use leptos::prelude::*;

use domain::campaign::{Choice, RegistrationFilter, RuleForm};
use domain::error::AppError;

use crate::components::latest_answer::LatestAnswer;

/// The look of the builder's inputs (and of the other mail-content forms).
pub const INPUT: &str = "rounded-lg border border-line bg-surface px-3 py-2";

const RULE_KINDS: [(&str, &str); 6] = [
    ("", "No rule"),
    ("event", "Registration for an event"),
    ("tag", "Has a tag"),
    ("opened", "Opened a campaign in the last days"),
    ("clicked", "Clicked a campaign in the last days"),
    ("added", "Became a contact between two days"),
];

/// The combine choice, the rows and the live count, inside the segment's form. `rows` are
/// the rules as saved or as typed before a refused save; `count` is the last known count.
// Lazy: a chunk of its own, fetched only by the pages that show it (the workspace's),
// so the attendee pages' bundle does not carry it.
#[island(lazy)]
pub fn SegmentBuilder(
    org: String,
    any: bool,
    rows: Vec<RuleForm>,
    events: Vec<Choice>,
    tags: Vec<String>,
    error: Option<AppError>,
    count: String,
) -> impl IntoView {
    // Until the island runs, every input shows: the form must work without it.
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let combine = RwSignal::new(if any { "any" } else { "all" }.to_owned());
    let rows: Vec<RwSignal<RuleForm>> = rows.into_iter().map(RwSignal::new).collect();
    let count = RwSignal::new(count);
    let counting = LatestAnswer::new();
    let recount = {
        let rows = rows.clone();
        move || {
            let (org, rows) = (org.clone(), rows.clone());
            counting.ask(
                move || {
                    let rules = rows.iter().map(|r| r.get_untracked()).collect();
                    crate::api::campaigns::count_segment(org, combine.get_untracked(), rules)
                },
                move |answer| count.set(answer.map_or_else(|_| "—".to_owned(), |n| n.to_string())),
            );
        }
    };
    let error = StoredValue::new(error);
    let choose = {
        let recount = recount.clone();
        move |ev: leptos::ev::Event| {
            combine.set(event_target_value(&ev));
            recount();
        }
    };
    view! {
        <fieldset class="flex flex-wrap gap-4 text-sm" on:change=choose>
            <legend class="mb-1 font-semibold">"Contacts who match"</legend>
            <label class="flex items-center gap-2"><input type="radio" name="combine" value="all" checked=!any />"all the rules"</label>
            <label class="flex items-center gap-2"><input type="radio" name="combine" value="any" checked=any />"any of the rules"</label>
        </fieldset>
        {rows.into_iter().enumerate().map(|(index, row)| view! {
            <RuleRow index row events=events.clone() tags=tags.clone() error live changed=recount.clone() />
        }).collect_view()}
        <p class="text-sm" aria-live="polite">"Subscribed contacts who match now: "<strong><output id="segment-count">{count}</output></strong></p>
    }
}

/// One row of the builder; every input of the row is there, the kind says which count.
#[component]
fn RuleRow(
    index: usize,
    row: RwSignal<RuleForm>,
    events: Vec<Choice>,
    tags: Vec<String>,
    error: StoredValue<Option<AppError>>,
    live: RwSignal<bool>,
    changed: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let name = move |field: &str| format!("rules[{index}][{field}]");
    let message = move |field: &'static str| {
        error
            .with_value(|e| {
                e.as_ref()?
                    .field_message(&format!("rules[{index}][{field}]"))
                    .map(str::to_owned)
            })
            .map(|m| view! { <p class="text-sm text-danger">{m}</p> })
    };
    // Hidden once the island runs, unless the row's kind uses it.
    let unused = move |kinds: &'static [&'static str]| {
        move || live.get() && !kinds.contains(&row.read().kind.as_str())
    };
    // Every input of the row writes its field, then the count follows.
    let set = {
        let changed = changed.clone();
        move |field: fn(&mut RuleForm) -> &mut String| {
            let changed = changed.clone();
            move |ev: leptos::ev::Event| {
                let value = event_target_value(&ev);
                row.update(|r| *field(r) = value);
                changed();
            }
        }
    };
    let initial = row.get_untracked();
    let list = format!("tags-{index}");
    let (kind, status, event) = (NodeRef::new(), NodeRef::new(), NodeRef::new());
    let (tag, days, from, to) = (
        NodeRef::new(),
        NodeRef::new(),
        NodeRef::new(),
        NodeRef::new(),
    );
    // The island may wake up after the person already chose or typed: the row starts from
    // what the browser holds, not from what the server sent.
    Effect::new(move |_| {
        let selected = |r: NodeRef<leptos::html::Select>| r.get().map(|e| e.value());
        let typed = |r: NodeRef<leptos::html::Input>| r.get().map(|e| e.value());
        let (Some(kind), Some(status), Some(event)) =
            (selected(kind), selected(status), selected(event))
        else {
            return;
        };
        let (Some(tag), Some(days), Some(from), Some(to)) =
            (typed(tag), typed(days), typed(from), typed(to))
        else {
            return;
        };
        let now = RuleForm {
            kind,
            event,
            status,
            tag,
            days,
            from,
            to,
        };
        if now != row.get_untracked() {
            row.set(now);
            changed();
        }
    });
    view! {
        <fieldset class="flex flex-col gap-2 rounded-lg border border-line p-3" data-rule=index>
            <legend class="px-1 text-sm font-semibold">{format!("Rule {}", index + 1)}</legend>
            <select node_ref=kind name=name("kind") aria-label="Kind of rule" class=INPUT on:change=set(|r| &mut r.kind)>
                {RULE_KINDS.iter().map(|(value, label)| view! { <option value=*value selected=initial.kind == *value>{*label}</option> }).collect_view()}
            </select>
            {message("kind")}
            <div class="flex flex-wrap gap-2" hidden=unused(&["event"])>
                <select node_ref=status name=name("status") aria-label="Registration state" class=INPUT on:change=set(|r| &mut r.status)>
                    {RegistrationFilter::ALL.into_iter().map(|s| view! { <option value=s.as_str() selected=initial.status == s.as_str()>{s.label()}</option> }).collect_view()}
                </select>
                <select node_ref=event name=name("event") aria-label="Event" class=INPUT on:change=set(|r| &mut r.event)>
                    <option value="">"Choose an event…"</option>
                    {events.into_iter().map(|e| { let id = e.id.to_string(); view! { <option value=id.clone() selected=initial.event == id>{e.label}</option> } }).collect_view()}
                </select>
                {message("event")}
            </div>
            <div hidden=unused(&["tag"])>
                <input node_ref=tag name=name("tag") value=initial.tag.clone() list=list.clone() aria-label="Tag" placeholder="Tag" class=INPUT on:input=set(|r| &mut r.tag) />
                <datalist id=list>{tags.into_iter().map(|t| view! { <option value=t /> }).collect_view()}</datalist>
                {message("tag")}
            </div>
            <div hidden=unused(&["opened", "clicked"])>
                <label class="text-sm">"In the last "
                    <input node_ref=days name=name("days") type="number" min="1" max="3650" value=initial.days.clone() class=format!("{INPUT} w-24") on:input=set(|r| &mut r.days) />" days"</label>
                {message("days")}
            </div>
            <div class="flex flex-wrap items-center gap-2 text-sm" hidden=unused(&["added"])>
                <label>"From "<input node_ref=from name=name("from") type="date" value=initial.from.clone() class=INPUT on:input=set(|r| &mut r.from) /></label>
                <label>"to "<input node_ref=to name=name("to") type="date" value=initial.to.clone() class=INPUT on:input=set(|r| &mut r.to) /></label>
                {message("from")}{message("to")}
            </div>
        </fieldset>
    }
}
