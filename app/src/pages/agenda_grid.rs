//! The agenda grid of the event editor: one column per room (and one for sessions without
//! a room), one row per quarter hour; sessions that clash in one room are drawn side by
//! side and marked, never on top of each other.

use leptos::prelude::*;

use domain::agenda::AgendaItem;
use domain::organizer::EventEditor;

/// Minutes per row of the agenda grid.
const SLOT_MINUTES: u32 = 15;

/// Minutes since midnight of a `YYYY-MM-DDTHH:MM` value.
fn minute_of_day(local: &str) -> u32 {
    let time = local.get(11..16).unwrap_or("00:00");
    let hours: u32 = time.get(0..2).and_then(|h| h.parse().ok()).unwrap_or(0);
    let minutes: u32 = time.get(3..5).and_then(|m| m.parse().ok()).unwrap_or(0);
    hours * 60 + minutes
}

/// Where a session sits across its room's column: lane `index` of `of`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lane {
    /// Its lane, from 0.
    pub index: u32,
    /// How many lanes its group of overlapping sessions needs.
    pub of: u32,
}

/// The lane of each session, given as (column, first row, row after the last): sessions
/// overlapping in a column, directly or through others, form a group; each takes the first
/// lane free at its start, and the whole group shares the number of lanes it needs.
pub fn lanes(sessions: &[(usize, u32, u32)]) -> Vec<Lane> {
    let mut order: Vec<usize> = (0..sessions.len()).collect();
    // At one start, the longest first: it takes the leftmost lane.
    order.sort_by_key(|&i| {
        (
            sessions[i].0,
            sessions[i].1,
            std::cmp::Reverse(sessions[i].2),
        )
    });
    let mut result = vec![Lane { index: 0, of: 1 }; sessions.len()];
    let mut group: Vec<usize> = Vec::new();
    // The row at which each lane of the current group is free again.
    let mut lane_ends: Vec<u32> = Vec::new();
    let close = |result: &mut [Lane], group: &mut Vec<usize>, lane_ends: &mut Vec<u32>| {
        let of = lane_ends.len().max(1) as u32;
        for &i in group.iter() {
            result[i].of = of;
        }
        group.clear();
        lane_ends.clear();
    };
    let mut current: Option<(usize, u32)> = None;
    for i in order {
        let (column, start, end) = sessions[i];
        match current {
            Some((c, group_end)) if c == column && start < group_end => {
                current = Some((c, group_end.max(end)));
            }
            _ => {
                close(&mut result, &mut group, &mut lane_ends);
                current = Some((column, end));
            }
        }
        let lane = match lane_ends.iter().position(|&free| free <= start) {
            Some(lane) => {
                lane_ends[lane] = end;
                lane
            }
            None => {
                lane_ends.push(end);
                lane_ends.len() - 1
            }
        };
        result[i].index = lane as u32;
        group.push(i);
    }
    close(&mut result, &mut group, &mut lane_ends);
    result
}

/// One column per room (and one for sessions without a room), one row per 15 minutes.
#[component]
pub fn AgendaGrid(editor: EventEditor, items: Vec<AgendaItem>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="text-muted">"No sessions yet."</p> }.into_any();
    }
    let first = items
        .iter()
        .map(|i| minute_of_day(&i.starts_local))
        .min()
        .unwrap_or(0)
        / 60
        * 60;
    let row_of = |local: &str, day: &str| {
        // A session running past midnight ends on the grid's last row.
        let minute = if local.get(0..10) == Some(day) {
            minute_of_day(local)
        } else {
            24 * 60
        };
        (minute.saturating_sub(first)) / SLOT_MINUTES + 2
    };
    let mut columns: Vec<(Option<i64>, String)> = editor
        .rooms
        .iter()
        .map(|r| (Some(r.id.0), r.name.clone()))
        .collect();
    if items.iter().any(|i| i.room.is_none()) {
        columns.push((None, "No room".into()));
    }
    let template = format!(
        "grid-template-columns: 4rem repeat({}, minmax(9rem, 1fr))",
        columns.len()
    );
    let last_row = items
        .iter()
        .map(|i| row_of(&i.ends_local, &i.day))
        .max()
        .unwrap_or(2);
    // Room to drag a session to later times: two more hours (at most until midnight).
    let last_row = (last_row + 8).min((24 * 60 - first) / SLOT_MINUTES + 2);
    let hours: Vec<u32> = (first / 60..(first + (last_row - 2) * SLOT_MINUTES) / 60).collect();
    let day = items.first().map(|i| i.day.clone()).unwrap_or_default();
    // Where a dragged session can land: one cell per room and quarter hour.
    let cells: Vec<_> = columns
        .iter()
        .enumerate()
        .flat_map(|(n, (room, _))| {
            let day = day.clone();
            (2..last_row).map(move |row| {
                let minute = first + (row - 2) * SLOT_MINUTES;
                let start = format!("{day}T{:02}:{:02}", minute / 60, minute % 60);
                (
                    n + 2,
                    row,
                    room.map(|r| r.to_string()).unwrap_or_default(),
                    start,
                )
            })
        })
        .collect();
    let (org, event) = (
        editor.organization_slug.clone(),
        editor.event.form.slug.clone(),
    );
    let placed: Vec<_> = {
        let rows: Vec<(usize, u32, u32)> = items
            .iter()
            .map(|item| {
                let column = columns
                    .iter()
                    .position(|(id, _)| *id == item.room.as_ref().map(|r| r.id.0))
                    .unwrap_or(0)
                    + 2;
                let start = row_of(&item.starts_local, &item.day);
                (
                    column,
                    start,
                    row_of(&item.ends_local, &item.day).max(start + 1),
                )
            })
            .collect();
        let lanes = lanes(&rows);
        items
            .into_iter()
            .zip(rows)
            .zip(lanes)
            .map(|((item, (column, start, end)), lane)| (item, column, start, end, lane))
            .collect()
    };
    view! {
        <p class="mb-2 text-xs text-muted">"Drag a session to another room or time; its length stays the same. Or change its room and times in its form below."</p>
        <p data-agenda-status role="status" aria-live="polite" class="mb-2 text-sm text-danger"></p>
        <div class="overflow-x-auto">
            <div data-agenda-grid data-org=org data-event=event class="grid gap-1 text-sm" style=format!("{template}; grid-auto-rows: 1.25rem")>
                {columns.iter().enumerate().map(|(n, (_, name))| view! {
                    <div class="font-semibold" style=format!("grid-column: {}; grid-row: 1", n + 2)>{name.clone()}</div>
                }).collect_view()}
                {hours.into_iter().map(|h| {
                    let row = (h * 60).saturating_sub(first) / SLOT_MINUTES + 2;
                    view! { <div class="text-xs text-muted tabular-nums" style=format!("grid-column: 1; grid-row: {row}")>{format!("{h:02}:00")}</div> }
                }).collect_view()}
                {cells.into_iter().map(|(column, row, room, start)| view! {
                    <div data-drop-room=room data-drop-start=start class="rounded-sm" style=format!("grid-column: {column}; grid-row: {row}")></div>
                }).collect_view()}
                {placed.into_iter().map(|(item, column, start, end, lane)| {
                    // Sessions that clash in one room share its column side by side.
                    let share = 100.0 / f64::from(lane.of);
                    let clash = lane.of > 1;
                    view! {
                        <a href=format!("#session-{}", item.id) draggable="true" data-session=item.id.to_string()
                            class="overflow-hidden rounded-md border bg-raised p-1 text-xs no-underline hover:border-accent"
                            class=("border-danger", clash)
                            class=("border-line", !clash)
                            style=format!("grid-column: {column}; grid-row: {start} / {end}; width: {share:.3}%; margin-left: {:.3}%", share * f64::from(lane.index))>
                            <span class="font-semibold">{item.title.clone()}</span>
                            <span class="block text-muted">{item.time_label.clone()}</span>
                            {clash.then(|| view! { <span class="block text-danger">"Clashes"</span> })}
                        </a>
                    }
                }).collect_view()}
            </div>
        </div>
        <script nonce=use_nonce() inner_html=DRAG_SCRIPT></script>
    }.into_any()
}

/// Drag and drop on the grid: a session dropped on a cell is moved there by `move_session`
/// (the same checks as its form), then the page reloads with the new agenda and its warnings;
/// a refusal is said above the grid. Without JavaScript the session forms do the same.
const DRAG_SCRIPT: &str = r#"(() => {
  for (const grid of document.querySelectorAll("[data-agenda-grid]")) {
    if (grid.dataset.live) continue;
    grid.dataset.live = "1";
    const status = grid.parentElement.parentElement.querySelector("[data-agenda-status]");
    const blocks = () => grid.querySelectorAll("[data-session]");
    let dragged = null;
    grid.addEventListener("dragstart", (e) => {
      const block = e.target.closest("[data-session]");
      if (!block) return;
      dragged = block;
      e.dataTransfer.setData("text/plain", block.dataset.session);
      e.dataTransfer.effectAllowed = "move";
      // Cells under the sessions must receive the drop.
      setTimeout(() => blocks().forEach((b) => (b.style.pointerEvents = "none")));
    });
    grid.addEventListener("dragend", () => {
      dragged = null;
      blocks().forEach((b) => (b.style.pointerEvents = ""));
    });
    const cellOf = (e) => e.target.closest && e.target.closest("[data-drop-start]");
    grid.addEventListener("dragover", (e) => {
      if (dragged && cellOf(e)) e.preventDefault();
    });
    grid.addEventListener("dragenter", (e) => cellOf(e) && cellOf(e).setAttribute("data-over", ""));
    grid.addEventListener("dragleave", (e) => cellOf(e) && cellOf(e).removeAttribute("data-over"));
    grid.addEventListener("drop", async (e) => {
      const cell = cellOf(e);
      if (!dragged || !cell) return;
      e.preventDefault();
      cell.removeAttribute("data-over");
      const body = new URLSearchParams({
        org: grid.dataset.org,
        event: grid.dataset.event,
        id: dragged.dataset.session,
        room: cell.dataset.dropRoom,
        starts_local: cell.dataset.dropStart,
      });
      status.textContent = "Moving…";
      const response = await fetch("/api/move_session", {
        method: "POST",
        headers: { Accept: "application/json" },
        body,
      });
      if (response.ok) return location.reload();
      let message = "The session could not be moved. Try again, or use its form below.";
      try {
        const error = await response.json();
        const field = error.Invalid && error.Invalid.errors[0];
        if (field) message = "Not moved: please " + field.message + ".";
      } catch (_) {}
      status.textContent = message;
    });
  }
})();"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_apart_or_in_other_rooms_keep_the_whole_column() {
        let lanes = lanes(&[(2, 2, 6), (2, 6, 10), (3, 2, 6)]);
        assert!(lanes.iter().all(|l| *l == Lane { index: 0, of: 1 }));
    }

    #[test]
    fn clashing_sessions_share_the_column_side_by_side() {
        // A long keynote, two talks inside it one after the other, and a later talk alone.
        let lanes = lanes(&[(2, 2, 10), (2, 2, 6), (2, 6, 10), (2, 12, 14)]);
        assert_eq!(lanes[0], Lane { index: 0, of: 2 });
        assert_eq!(lanes[1], Lane { index: 1, of: 2 });
        assert_eq!(
            lanes[2],
            Lane { index: 1, of: 2 },
            "the freed lane is reused"
        );
        assert_eq!(lanes[3], Lane { index: 0, of: 1 });
    }

    #[test]
    fn three_at_once_take_three_lanes() {
        let lanes = lanes(&[(2, 2, 6), (2, 3, 6), (2, 4, 8)]);
        let indexes: Vec<u32> = lanes.iter().map(|l| l.index).collect();
        assert_eq!(indexes, [0, 1, 2]);
        assert!(lanes.iter().all(|l| l.of == 3));
    }
}
