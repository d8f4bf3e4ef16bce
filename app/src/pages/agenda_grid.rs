//! The agenda grid of the event editor: one column per room (and one for sessions without
//! a room), one row per quarter hour; sessions that clash in one room are drawn side by
//! side and marked, never on top of each other.

use leptos::prelude::*;

use domain::agenda::AgendaItem;
use domain::organizer::EventEditor;

use super::agenda_board::{AgendaBoard, Block, GridPlan, Lane, SLOT_MINUTES};

/// Minutes since midnight of a `YYYY-MM-DDTHH:MM` value.
fn minute_of_day(local: &str) -> u32 {
    let time = local.get(11..16).unwrap_or("00:00");
    let hours: u32 = time.get(0..2).and_then(|h| h.parse().ok()).unwrap_or(0);
    let minutes: u32 = time.get(3..5).and_then(|m| m.parse().ok()).unwrap_or(0);
    hours * 60 + minutes
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
    let items_day = items.first().map(|i| i.day.clone()).unwrap_or_default();
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
    let last_row = items
        .iter()
        .map(|i| row_of(&i.ends_local, &i.day))
        .max()
        .unwrap_or(2);
    // Room to drag a session to later times: two more hours (at most until midnight).
    let last_row = (last_row + 8).min((24 * 60 - first) / SLOT_MINUTES + 2);
    let blocks = {
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
            .map(|((item, (column, start, end)), lane)| Block {
                id: item.id,
                title: item.title,
                time_label: item.time_label,
                column,
                rows: (start, end),
                lane,
            })
            .collect()
    };
    let plan = GridPlan {
        org: editor.organization_slug.clone(),
        event: editor.event.form.slug.clone(),
        day: items_day,
        first,
        last_row,
        rooms: columns
            .into_iter()
            .map(|(id, name)| (id.map(|id| id.to_string()).unwrap_or_default(), name))
            .collect(),
        blocks,
    };
    view! {
        <p class="mb-2 text-xs text-muted">"Drag a session to another room or time; its length stays the same. Or change its room and times in its form below."</p>
        <AgendaBoard plan />
    }
    .into_any()
}

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
