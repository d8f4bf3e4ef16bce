//! The check-in app's work in the browser: the door list kept in IndexedDB, scans judged on
//! the device, the queue of check-ins and its sync with the server.

use leptos::prelude::*;

use domain::tickets::door::{Direction, DoorAction, Entry, ScanAnswer, Synced};
use domain::tickets::door_book::DoorBook;

use super::door_app::Door;
use super::store::{Queued, Store, problem};
use crate::api::door::{door_sync, get_door_list};

/// How often the device sends its queue.
const SYNC_EVERY: std::time::Duration = std::time::Duration::from_secs(10);
/// How often it fetches the list again (the others' check-ins, new tickets) when it sent
/// nothing: the whole list is one request, a few hundred kilobytes for 10,000 tickets.
const REFRESH_EVERY_MS: f64 = 60_000.0;

/// Loads what the device kept, then the fresh list, and keeps them in sync from then on.
pub fn start(door: Door) {
    leptos::task::spawn_local(async move {
        match Store::open().await {
            Ok(store) => door.store.set_value(Some(store)),
            Err(error) => door.status.set(problem(error)),
        }
        if let Some(store) = door.store.get_value()
            && let Ok(Some(list)) = store.list(door.event).await
        {
            let queue = store.queue(door.event).await.unwrap_or_default();
            install(door, DoorBook::new(list), &queue);
        }
        sync(door).await;
    });
    let _ = window_event_listener(leptos::ev::online, move |_| {
        leptos::task::spawn_local(sync(door));
    });
    let _ = set_interval_with_handle(move || leptos::task::spawn_local(sync(door)), SYNC_EVERY);
}

/// Puts `book` in place with the queued scans applied on top (the list may predate them).
fn install(door: Door, mut book: DoorBook, queue: &[Queued]) {
    for queued in queue {
        if let DoorAction::Scan {
            code,
            direction,
            at,
            ..
        } = &queued.action
        {
            let entry = (*direction == Direction::In).then(|| Entry {
                at: *at,
                by: door.device.get_untracked(),
            });
            book.set_inside(code, entry);
        }
    }
    door.waiting.set(queue.len());
    door.book.set(Some(book));
}

/// Judges a scan of `code` on the device and, when it lets someone in or out, queues it.
pub fn scan(door: Door, code: &str, direction: Direction) -> ScanAnswer {
    let Some(answer) = door
        .book
        .with_untracked(|b| b.as_ref().map(|b| b.judge(code, direction)))
    else {
        return ScanAnswer::Unknown;
    };
    if !matches!(
        answer,
        ScanAnswer::Admitted { .. } | ScanAnswer::Left { .. }
    ) {
        return answer;
    }
    let at = (js_sys::Date::now() / 1000.0) as i64;
    let device = door.device.get_untracked();
    let previous = door
        .book
        .with_untracked(|b| b.as_ref().and_then(|b| b.entry(code).cloned()));
    let entry = (direction == Direction::In).then(|| Entry {
        at,
        by: device.clone(),
    });
    door.book.update(|b| {
        if let Some(b) = b {
            b.set_inside(code, entry);
        }
    });
    let scan_id = format!(
        "{}-{}",
        door.device_id.get_untracked(),
        js_sys::Date::now() as u64
    );
    let queued = Queued {
        event: door.event,
        seq: js_sys::Date::now(),
        action: DoorAction::Scan {
            scan_id: scan_id.clone(),
            code: code.to_owned(),
            direction,
            at,
        },
    };
    door.last.set(Some(super::door_app::LastScan {
        scan_id,
        code: code.to_owned(),
        previous,
        answer: answer.clone(),
    }));
    enqueue(door, queued);
    answer
}

/// Takes back the device's last scan: its queued action if not sent yet, else an undo.
pub fn undo(door: Door) {
    let Some(last) = door.last.get_untracked() else {
        return;
    };
    door.last.set(None);
    door.book.update(|b| {
        if let Some(b) = b {
            b.set_inside(&last.code, last.previous.clone());
        }
    });
    let queued = Queued {
        event: door.event,
        seq: js_sys::Date::now(),
        action: DoorAction::Undo {
            scan_id: last.scan_id,
        },
    };
    enqueue(door, queued);
}

fn enqueue(door: Door, queued: Queued) {
    door.waiting.update(|n| *n += 1);
    leptos::task::spawn_local(async move {
        if let Some(store) = door.store.get_value()
            && let Err(error) = store.enqueue(&queued).await
        {
            door.status.set(problem(error));
            return;
        }
        sync(door).await;
    });
}

/// Sends the queue, reports what the server answered differently, then fetches the list
/// (the other devices' check-ins). Does nothing while offline or already syncing.
pub async fn sync(door: Door) {
    if door.syncing.get_untracked() || !online() {
        if !online() {
            door.status
                .set(if door.book.with_untracked(Option::is_none) {
                    "Offline, and this device has no ticket list yet: connect once to download it."
                        .to_owned()
                } else {
                    offline_status(door.waiting.get_untracked())
                });
        }
        return;
    }
    door.syncing.set(true);
    let outcome = send_queue(door).await;
    door.syncing.set(false);
    match outcome {
        Ok(()) => {
            door.status.set(format!(
                "Online: every check-in of this device is saved (checked {}).",
                clock(js_sys::Date::now() / 1000.0)
            ));
        }
        Err(status) => door.status.set(status),
    }
}

async fn send_queue(door: Door) -> Result<(), String> {
    let (org, event) = (door.org.get_value(), door.event_slug.get_value());
    let store = door.store.get_value();
    let queue = match &store {
        Some(store) => store.queue(door.event).await.map_err(problem)?,
        None => Vec::new(),
    };
    let sent = !queue.is_empty();
    for chunk in queue.chunks(200) {
        let actions = chunk.iter().map(|q| q.action.clone()).collect();
        let device = door.device.get_untracked();
        let synced = door_sync(org.clone(), event.clone(), device, actions)
            .await
            .map_err(|e| offline_or(door, e))?;
        report(door, chunk, &synced);
        let keys: Vec<String> = chunk.iter().map(Queued::key).collect();
        if let Some(store) = &store {
            store.dequeue(&keys).await.map_err(problem)?;
        }
        door.waiting.update(|n| *n = n.saturating_sub(chunk.len()));
    }
    if !sent && js_sys::Date::now() - door.fetched_at.get_untracked() < REFRESH_EVERY_MS {
        return Ok(());
    }
    let list = get_door_list(org, event)
        .await
        .map_err(|e| offline_or(door, e))?;
    door.fetched_at.set(js_sys::Date::now());
    if let Some(store) = &store {
        store.keep_list(&list).await.map_err(problem)?;
        let rest = store.queue(door.event).await.map_err(problem)?;
        install(door, DoorBook::new(list), &rest);
    } else {
        install(door, DoorBook::new(list), &[]);
    }
    Ok(())
}

/// Tells door staff of each scan the server answered otherwise than the device: above all
/// a double entry (the same ticket let in by another device while this one was offline).
fn report(door: Door, sent: &[Queued], synced: &[Synced]) {
    for s in synced {
        let let_in = sent.iter().any(|q| {
            matches!(&q.action, DoorAction::Scan { scan_id, direction: Direction::In, .. } if *scan_id == s.scan_id)
        });
        let line = match &s.answer {
            ScanAnswer::AlreadyInside { name, entry, .. } if let_in => format!(
                "Double entry: {name} was already checked in at {} by {}. The first entry stands.",
                clock(entry.at as f64),
                entry.by
            ),
            ScanAnswer::Unpaid { name, .. } | ScanAnswer::Cancelled { name, .. } => format!(
                "{name} was let in offline, but the ticket is now: {}.",
                s.answer.headline()
            ),
            _ => continue,
        };
        door.reports.update(|r| r.push(line));
    }
}

fn offline_or(door: Door, error: domain::error::AppError) -> String {
    if online() {
        format!("Not synced: {error} Check-ins stay on this device until they are.")
    } else {
        offline_status(door.waiting.get_untracked())
    }
}

fn offline_status(waiting: usize) -> String {
    match waiting {
        0 => "Offline: checking tickets against the list on this device.".to_owned(),
        1 => "Offline: 1 check-in waits on this device and is sent when the network returns."
            .to_owned(),
        n => format!(
            "Offline: {n} check-ins wait on this device and are sent when the network returns."
        ),
    }
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// A time of day in the device's zone, "14:05".
pub fn clock(seconds: f64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds * 1000.0));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}
