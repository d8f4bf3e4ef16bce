//! The agenda grid drawn in the browser: sessions placed by the server ([`GridPlan`]) that
//! can be dragged to another room or time. A drop calls `move_session` (the same checks as a
//! session's form), then the page reloads with the new agenda and its warnings; a refusal is
//! said above the grid. Without JavaScript, or with a keyboard, the session forms below the
//! grid do the same.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use domain::AgendaItemId;
use domain::error::AppError;

/// Minutes per row of the agenda grid.
pub const SLOT_MINUTES: u32 = 15;

/// Where a session sits across its room's column: lane `index` of `of`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lane {
    /// Its lane, from 0.
    pub index: u32,
    /// How many lanes its group of overlapping sessions needs.
    pub of: u32,
}

/// A session on the grid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// The session.
    pub id: AgendaItemId,
    /// Its title.
    pub title: String,
    /// "09:00 – 09:45".
    pub time_label: String,
    /// Its grid column (its room's).
    pub column: usize,
    /// Its first grid row, and the row after its last.
    pub rows: (u32, u32),
    /// Its lane among the sessions it clashes with.
    pub lane: Lane,
}

/// What the grid shows, laid out by the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridPlan {
    /// The organization's URL name.
    pub org: String,
    /// The event's URL name.
    pub event: String,
    /// The day shown, `YYYY-MM-DD`.
    pub day: String,
    /// The minute of the day of the first row.
    pub first: u32,
    /// The row after the last.
    pub last_row: u32,
    /// The columns: each room's id (blank for "no room") and name.
    pub rooms: Vec<(String, String)>,
    /// The sessions.
    pub blocks: Vec<Block>,
}

impl GridPlan {
    /// The local start of `row`, as a session form writes it.
    fn start_of(&self, row: u32) -> String {
        let minute = self.first + (row - 2) * SLOT_MINUTES;
        format!("{}T{:02}:{:02}", self.day, minute / 60, minute % 60)
    }
}

/// The agenda grid with drag and drop.
// Lazy: a chunk of its own, fetched only by the pages that show it (the workspace's),
// so the attendee pages' bundle does not carry it.
#[island(lazy)]
pub fn AgendaBoard(plan: GridPlan) -> impl IntoView {
    let plan = StoredValue::new(plan);
    let status = RwSignal::new(String::new());
    let dragged = RwSignal::new(None::<AgendaItemId>);
    // Set just after a drag starts, so the cells under the sessions receive the drop; set at
    // once, the browser would cancel the drag it is starting.
    let lifted = RwSignal::new(false);
    let over = RwSignal::new(None::<(usize, u32)>);
    let drop_on = move |room: String, start: String| {
        let Some(id) = dragged.get_untracked() else {
            return;
        };
        let (org, event) = plan.with_value(|p| (p.org.clone(), p.event.clone()));
        status.set("Moving…".into());
        leptos::task::spawn_local(async move {
            match crate::api::manage_events::move_session(org, event, id, room, start).await {
                Ok(()) => {
                    let _ = window().location().reload();
                }
                Err(error) => status.set(refusal(&error)),
            }
        });
    };
    let (template, last_row, first) = plan.with_value(|p| {
        (
            format!(
                "grid-template-columns: 4rem repeat({}, minmax(9rem, 1fr)); grid-auto-rows: 1.25rem",
                p.rooms.len()
            ),
            p.last_row,
            p.first,
        )
    });
    let hours = (first / 60..(first + (last_row - 2) * SLOT_MINUTES) / 60).map(|h| {
        let row = (h * 60).saturating_sub(first) / SLOT_MINUTES + 2;
        view! { <div class="text-xs text-muted tabular-nums" style=format!("grid-column: 1; grid-row: {row}")>{format!("{h:02}:00")}</div> }
    });
    let rooms = plan.with_value(|p| p.rooms.clone());
    let headers = rooms.iter().enumerate().map(|(n, (_, name))| {
        view! { <div class="font-semibold" style=format!("grid-column: {}; grid-row: 1", n + 2)>{name.clone()}</div> }
    }).collect_view();
    let cells = rooms.into_iter().enumerate().flat_map(|(n, (room, name))| {
        (2..last_row).map(move |row| {
            let (column, room) = (n + 2, room.clone());
            let here = (column, row);
            let minute = first + (row - 2) * SLOT_MINUTES;
            // Said while a session is dragged over it: where it would land.
            let spot = format!("{name}, {:02}:{:02}", minute / 60, minute % 60);
            view! {
                <div class="rounded-sm" title=spot style=format!("grid-column: {column}; grid-row: {row}")
                    data-over=move || (over.get() == Some(here)).then_some("")
                    on:dragover=move |e| if dragged.get_untracked().is_some() { e.prevent_default() }
                    on:dragenter=move |_| over.set(Some(here))
                    on:dragleave=move |_| if over.get_untracked() == Some(here) { over.set(None) }
                    on:drop=move |e| {
                        e.prevent_default();
                        over.set(None);
                        drop_on(room.clone(), plan.with_value(|p| p.start_of(row)));
                    }>
                </div>
            }
        }).collect::<Vec<_>>()
    }).collect_view();
    let blocks = plan.with_value(|p| p.blocks.clone()).into_iter().map(|block| {
        // Sessions that clash in one room share its column side by side (the browser does
        // the division: no float formatting in the bundle).
        let Lane { index, of } = block.lane;
        let clash = of > 1;
        let (column, (start, end)) = (block.column, block.rows);
        let id = block.id;
        view! {
            <a href=format!("#session-{id}") draggable="true" data-session=id.to_string()
                class="overflow-hidden rounded-md border bg-raised p-1 text-xs no-underline hover:border-accent"
                class=("border-danger", clash)
                class=("border-line", !clash)
                style=format!("grid-column: {column}; grid-row: {start} / {end}; width: calc(100% / {of}); margin-left: calc(100% * {index} / {of})")
                style:pointer-events=move || lifted.get().then_some("none")
                on:dragstart=move |e| {
                    if let Some(transfer) = e.data_transfer() {
                        let _ = transfer.set_data("text/plain", &id.to_string());
                        transfer.set_effect_allowed("move");
                    }
                    dragged.set(Some(id));
                    set_timeout(move || lifted.set(true), std::time::Duration::ZERO);
                }
                on:dragend=move |_| {
                    dragged.set(None);
                    lifted.set(false);
                }>
                <span class="font-semibold">{block.title}</span>
                <span class="block text-muted">{block.time_label}</span>
                {clash.then(|| view! { <span class="block text-danger">"Clashes"</span> })}
            </a>
        }
    }).collect_view();
    view! {
        <p role="status" aria-live="polite" class="mb-2 text-sm text-danger">{status}</p>
        <div class="overflow-x-auto">
            <div class="grid gap-1 text-sm" style=template>
                {headers}
                {hours.collect_view()}
                {cells}
                {blocks}
            </div>
        </div>
    }
}

/// Why a drop was refused, in the words of the session form's first complaint.
fn refusal(error: &AppError) -> String {
    match error {
        AppError::Invalid { errors, .. } if !errors.is_empty() => {
            format!("Not moved: please {}.", errors[0].message)
        }
        _ => "The session could not be moved. Try again, or use its form below.".into(),
    }
}
