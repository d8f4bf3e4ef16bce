//! The check-in app's parts: the answer card, the found tickets, undo, sync reports and the
//! device's name.

use leptos::prelude::*;

use domain::tickets::door::{Direction, ScanAnswer, Tone};
use domain::tickets::door_desk::{DoorFound, DoorRecorded};

use super::door_app::{BUTTON, Door, QUIET, scan_here};

/// The answer, large and coloured, worded for a glance from arm's length.
#[component]
pub fn AnswerCard(shown: RwSignal<Option<ScanAnswer>>, zone: String) -> impl IntoView {
    let class = move || {
        let tone = shown.with(|s| s.as_ref().map(ScanAnswer::tone));
        let colour = match tone {
            Some(Tone::Go) => "bg-emerald-700 text-white",
            Some(Tone::Check) => "bg-amber-300 text-black",
            Some(Tone::Stop) => "bg-red-700 text-white",
            None => "hidden",
        };
        format!("mt-4 rounded-xl p-6 {colour}")
    };
    let holder = move || {
        shown.with(|s| {
            s.as_ref()
                .and_then(|a| a.holder().map(|(name, t)| format!("{name} · {t}")))
        })
    };
    let detail = move || {
        shown.with(|s| match s {
            Some(ScanAnswer::AlreadyInside { entry, .. }) => {
                format!(
                    "Checked in at {} by {}.",
                    time_of(entry.at, &zone),
                    entry.by
                )
            }
            Some(ScanAnswer::Unpaid { .. }) => "Its order waits for payment.".to_owned(),
            _ => String::new(),
        })
    };
    view! {
        <div role="alert" class=class data-testid="door-answer">
            <p class="text-3xl font-bold">{move || shown.with(|s| s.as_ref().map(ScanAnswer::headline))}</p>
            <p class="mt-2 text-xl">{holder}</p>
            <p class="mt-1">{detail}</p>
            {move || shown.with(|s| s.as_ref().and_then(ScanAnswer::note).map(|note| view! {
                <p class="mt-3 rounded-lg border-2 border-current p-3 text-xl font-bold">{format!("Note: {note}")}</p>
            }))}
        </div>
    }
}

/// On the device, in its own zone (the venue's); on the server, in the event's.
fn time_of(at: i64, zone: &str) -> String {
    #[cfg(feature = "hydrate")]
    {
        let _ = zone;
        super::device::clock(at as f64)
    }
    #[cfg(feature = "ssr")]
    {
        super::server_clock(at, zone)
    }
    #[cfg(not(any(feature = "hydrate", feature = "ssr")))]
    {
        let _ = zone;
        at.to_string()
    }
}

#[component]
pub fn RecordedLine(r: DoorRecorded, org: String, event: String, device: String) -> impl IntoView {
    let code = r
        .answer
        .holder()
        .map(|(name, _)| name.to_owned())
        .unwrap_or_default();
    view! {
        {if r.undone {
            view! { <p role="status" class="mt-3">{format!("The scan of {code} was undone.")}</p> }.into_any()
        } else {
            view! {
                <form method="post" action="/api/door_undo" class="mt-3" novalidate>
                    <input type="hidden" name="org" value=org />
                    <input type="hidden" name="event" value=event />
                    <input type="hidden" name="device" value=device />
                    <input type="hidden" name="scan" value=r.scan_id />
                    <input type="hidden" name="code" value=use_query_q() />
                    <button type="submit" class=QUIET>{format!("Undo the scan of {code}")}</button>
                </form>
            }.into_any()
        }}
    }
}

fn use_query_q() -> String {
    leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("q")
        .unwrap_or_default()
}

/// Takes back this device's last scan.
#[component]
pub fn UndoLast(door: Door, shown: RwSignal<Option<ScanAnswer>>) -> impl IntoView {
    let label = move || {
        door.last.with(|l| {
            l.as_ref().and_then(|l| {
                l.answer
                    .holder()
                    .map(|(name, _)| format!("Undo the last scan ({name})"))
            })
        })
    };
    let undo = move |_| {
        #[cfg(feature = "hydrate")]
        super::device::undo(door);
        shown.set(None);
    };
    view! {
        <button type="button" class=QUIET hidden=move || label().is_none() on:click=undo>
            {move || label().unwrap_or_default()}
        </button>
    }
}

#[component]
pub fn FoundTicket(
    f: DoorFound,
    door: Door,
    shown: RwSignal<Option<ScanAnswer>>,
    found: RwSignal<Vec<DoorFound>>,
    org: String,
    event: String,
) -> impl IntoView {
    let (name, ticket_type) = f
        .answer
        .holder()
        .map(|(n, t)| (n.to_owned(), t.to_owned()))
        .unwrap_or_default();
    let direction = if f.inside {
        Direction::Out
    } else {
        Direction::In
    };
    let can = f.inside || matches!(f.answer, ScanAnswer::Admitted { .. });
    let label = match direction {
        Direction::In => format!("Check in {name}"),
        Direction::Out => format!("Check out {name}"),
    };
    // Not the answer's headline for a valid ticket: nobody is "let in" before the button.
    let state = match (&f.answer, f.inside) {
        (_, true) => "Inside",
        (ScanAnswer::Admitted { .. }, false) => "Valid ticket",
        (answer, false) => answer.headline(),
    };
    let code = f.code.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if door.book.with_untracked(Option::is_none) {
            return;
        }
        ev.prevent_default();
        shown.set(Some(scan_here(door, &code, direction)));
        found.set(Vec::new());
    };
    view! {
        <li class="rounded-xl border border-line bg-surface p-4">
            <p class="text-lg font-semibold">{name.clone()}</p>
            <p class="text-sm text-muted">{format!("{ticket_type} · {state}")}</p>
            {f.answer.note().map(|note| view! { <p class="mt-1 font-semibold">{format!("Note: {note}")}</p> })}
            {can.then(|| view! {
                <form method="post" action="/api/door_scan" class="mt-2" novalidate on:submit=on_submit>
                    <input type="hidden" name="org" value=org />
                    <input type="hidden" name="event" value=event />
                    <input type="hidden" name="device" value=move || door.device.get() />
                    <input type="hidden" name="code" value=f.code.clone() />
                    <input type="hidden" name="direction" value=match direction { Direction::In => "in", Direction::Out => "out" } />
                    <button type="submit" class=BUTTON>{label}</button>
                </form>
            })}
        </li>
    }
}

/// What the server answered otherwise than this device, above all double entries.
#[component]
pub fn Reports(door: Door) -> impl IntoView {
    view! {
        <section aria-label="Sync reports" class="mt-6" hidden=move || door.reports.with(Vec::is_empty)>
            <h2 class="text-lg font-semibold">"Reported on sync"</h2>
            <ul class="mt-2 list-disc pl-5">
                {move || door.reports.get().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        </section>
    }
}

/// The device's name, shown with each of its check-ins ("already checked in by Door 2").
#[component]
pub fn DeviceName(door: Door) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let name = event_target_value(&ev);
        if !name.trim().is_empty() {
            door.device.set(name.trim().to_owned());
            #[cfg(feature = "hydrate")]
            super::settings::save_name(&name);
        }
    };
    view! {
        <details class="mt-6">
            <summary class="cursor-pointer font-semibold">"This device"</summary>
            <label class="mt-2 flex flex-col gap-1 text-sm font-semibold">"Device name"
                <input type="text" name="device" maxlength="60" prop:value=move || door.device.get() on:change=on_change
                    class="rounded-lg border border-line bg-surface px-3 py-2" />
            </label>
        </details>
    }
}
