//! The check-in app: look a ticket up by its QR code, its code or a name, and let its holder
//! in or out. Without JavaScript it is plain forms answered by the server. As an island it
//! keeps the event's door list on the device and answers at once, online or not (see
//! `device.rs`). Lazy: only the check-in page fetches its code.

use leptos::prelude::*;

use domain::EventId;
use domain::tickets::door::{Direction, DoorCounts, Entry, ScanAnswer};
use domain::tickets::door_book::DoorBook;
use domain::tickets::door_desk::{DoorFound, DoorLookup, DoorRecorded};

use super::parts::{AnswerCard, DeviceName, FoundTicket, RecordedLine, Reports, UndoLast};

pub const BUTTON: &str = "rounded-lg bg-accent px-4 py-3 text-lg font-semibold text-accent-ink";
pub const QUIET: &str = "rounded-lg border border-line px-3 py-2 font-semibold";

/// The device's last scan, which "Undo" takes back.
#[derive(Clone, Debug, PartialEq)]
pub struct LastScan {
    /// Its id.
    pub scan_id: String,
    /// The ticket.
    pub code: String,
    /// The ticket's entry before it.
    pub previous: Option<Entry>,
    /// What it answered.
    pub answer: ScanAnswer,
}

/// The app's state, shared by its parts.
#[derive(Clone, Copy)]
pub struct Door {
    pub event: EventId,
    pub org: StoredValue<String>,
    pub event_slug: StoredValue<String>,
    pub device: RwSignal<String>,
    pub device_id: RwSignal<String>,
    pub book: RwSignal<Option<DoorBook>>,
    #[cfg(feature = "hydrate")]
    pub store: StoredValue<Option<super::store::Store>, LocalStorage>,
    pub status: RwSignal<String>,
    pub waiting: RwSignal<usize>,
    pub syncing: RwSignal<bool>,
    pub reports: RwSignal<Vec<String>>,
    pub last: RwSignal<Option<LastScan>>,
    /// When the list was last fetched (milliseconds), to fetch it again now and then.
    pub fetched_at: RwSignal<f64>,
}

/// The app. `lookup` and `recorded` are what the server found for the page's `?q=` and
/// `?scan=` (the answers of the forms without JavaScript).
#[island(lazy)]
pub fn DoorApp(
    org: String,
    event: String,
    event_id: EventId,
    device: String,
    zone: String,
    counts: DoorCounts,
    q: String,
    lookup: DoorLookup,
    recorded: Option<DoorRecorded>,
) -> impl IntoView {
    let door = Door {
        event: event_id,
        org: StoredValue::new(org.clone()),
        event_slug: StoredValue::new(event.clone()),
        device: RwSignal::new(device.clone()),
        device_id: RwSignal::new(String::new()),
        book: RwSignal::new(None),
        #[cfg(feature = "hydrate")]
        store: StoredValue::new_local(None),
        status: RwSignal::new("Loading the ticket list onto this device…".to_owned()),
        waiting: RwSignal::new(0),
        syncing: RwSignal::new(false),
        reports: RwSignal::new(Vec::new()),
        last: RwSignal::new(None),
        fetched_at: RwSignal::new(0.0),
    };
    let first = recorded
        .as_ref()
        .filter(|r| !r.undone)
        .map(|r| r.answer.clone())
        .or_else(|| lookup.refusal.clone())
        // One ticket found that cannot go in: say why at once (a valid one waits for its
        // button, so nobody reads "let in" before it is recorded).
        .or_else(|| match lookup.found.as_slice() {
            [one] if !matches!(one.answer, ScanAnswer::Admitted { .. }) => Some(one.answer.clone()),
            _ => None,
        });
    let shown = RwSignal::new(first);
    let found = RwSignal::new(lookup.found.clone());
    let direction = RwSignal::new(Direction::In);
    crate::viewer::once_hydrated(move || async move {
        #[cfg(feature = "hydrate")]
        {
            super::settings::load(door);
            super::device::start(door);
        }
    });
    let input = NodeRef::<leptos::html::Input>::new();
    let on_lookup = move |ev: leptos::ev::SubmitEvent| {
        let text = input.get_untracked().map(|i| i.value()).unwrap_or_default();
        let Some(is_code) = answer_text(door, &text, direction.get_untracked(), shown, found)
        else {
            // No list on the device yet: the server answers.
            return;
        };
        ev.prevent_default();
        if is_code && let Some(field) = input.get_untracked() {
            field.set_value("");
        }
    };
    let here = format!("/manage/{org}/events/{event}/check-in");
    let inside = move || {
        door.book.with(|b| match b {
            Some(b) => format!("{} of {} valid tickets inside", b.inside(), b.valid()),
            None => format!("{} of {} valid tickets inside", counts.inside, counts.valid),
        })
    };
    view! {
        <p role="status" class="mb-1 text-sm text-muted">{move || door.status.get()}</p>
        <p class="mb-3 text-sm font-semibold" hidden=move || door.book.with(Option::is_none)>
            {move || match door.waiting.get() {
                0 => "Every check-in of this device is sent.".to_owned(),
                1 => "1 check-in of this device is not sent yet.".to_owned(),
                n => format!("{n} check-ins of this device are not sent yet."),
            }}
        </p>
        <p class="mb-4 text-2xl font-bold" aria-live="polite">{inside}</p>
        <form method="get" action=here role="search" class="flex flex-col gap-3" on:submit=on_lookup>
            <label class="flex flex-col gap-1 font-semibold">"Ticket code, QR text or attendee name"
                <input node_ref=input type="search" name="q" value=q autocomplete="off" autofocus
                    class="rounded-lg border border-line bg-surface px-3 py-3 text-lg font-mono" />
            </label>
            <fieldset class="flex gap-4">
                <legend class="sr-only">"Direction"</legend>
                <label class="flex items-center gap-2"><input type="radio" name="direction" value="in" checked=true on:change=move |_| direction.set(Direction::In) />"Check in"</label>
                <label class="flex items-center gap-2"><input type="radio" name="direction" value="out" on:change=move |_| direction.set(Direction::Out) />"Check out (re-entry)"</label>
            </fieldset>
            <button type="submit" class=BUTTON>"Look up"</button>
        </form>
        <AnswerCard shown zone />
        {recorded.map(|r| view! { <RecordedLine r org=org.clone() event=event.clone() device=device.clone() /> })}
        <UndoLast door shown />
        <ul class="mt-4 flex flex-col gap-3" aria-label="Tickets found">
            <For each=move || found.get() key=|f| (f.code.clone(), f.inside) let:f>
                <FoundTicket f door shown found org=org.clone() event=event.clone() />
            </For>
        </ul>
        <Reports door />
        <DeviceName door />
    }
}

/// Scans on the device and says so, for the found list's buttons as for a typed code.
pub fn scan_here(door: Door, code: &str, direction: Direction) -> ScanAnswer {
    #[cfg(feature = "hydrate")]
    {
        super::device::scan(door, code, direction)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (door, code, direction);
        ScanAnswer::Unknown
    }
}

/// Answers a scanned or typed `text` on the device: a code is judged and, if it lets
/// someone in or out, recorded at once; a name lists the tickets it matches. `None` when
/// the device has no list yet; otherwise whether the text was a code.
pub fn answer_text(
    door: Door,
    text: &str,
    direction: Direction,
    shown: RwSignal<Option<ScanAnswer>>,
    found: RwSignal<Vec<DoorFound>>,
) -> Option<bool> {
    let (is_code, lookup) = door
        .book
        .with_untracked(|b| b.as_ref().map(|b| (b.reads_as_code(text), b.lookup(text))))?;
    match (lookup.refusal, lookup.found.as_slice()) {
        (Some(refusal), _) => {
            // Perhaps sold after the list was fetched: fetch it again for the next try.
            #[cfg(feature = "hydrate")]
            if refusal == ScanAnswer::Unknown {
                door.fetched_at.set(0.0);
                leptos::task::spawn_local(super::device::sync(door));
            }
            shown.set(Some(refusal));
            found.set(Vec::new());
        }
        (None, [one]) if is_code => {
            shown.set(Some(scan_here(door, &one.code, direction)));
            found.set(Vec::new());
        }
        (None, many) => {
            shown.set(None);
            found.set(many.to_vec());
        }
    }
    Some(is_code)
}
