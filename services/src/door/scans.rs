//! Scans at the door: looking a ticket up, letting it in or out, the queues devices send
//! after working offline, and undo.

use domain::error::AppError;
use domain::text;
use domain::tickets::door::{self, Direction, DoorAction, DoorTicket, Reading, ScanAnswer, Synced};
use domain::tickets::door_desk::{DoorFound, DoorLookup, DoorRecorded};

use crate::Services;
use crate::accounts::session::Actor;
use crate::db;
use crate::db::door::{self as door_db, DoorTicketRow, NewScan};
use crate::organizer::{EventScope, Tx};

use super::{entry_of, scope, state_of};

/// Names found by a search at most.
const MATCHES: i64 = 20;
/// Actions in one queue at most: a device sends a long queue in several.
pub const QUEUE_LIMIT: usize = 500;
/// Longest device name.
const DEVICE_LEN: usize = 60;

/// Looks up what was scanned or typed, changing nothing: a code's ticket, or the tickets
/// whose attendee's name contains the text.
pub async fn lookup(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    text: &str,
) -> Result<DoorLookup, AppError> {
    let scope = scope(state, actor, org_slug, event_slug).await?;
    let pool = state.db.pool();
    let key = state.ticket_codes.event_key(scope.event.id);
    let reading = door::read(text, scope.event.id, &key);
    let typed = matches!(reading, Reading::Typed(_));
    let rows = match reading {
        Reading::WrongEvent(_) => return Ok(refused(ScanAnswer::WrongEvent)),
        Reading::Forged => return Ok(refused(ScanAnswer::Forged)),
        Reading::Code(code) | Reading::Typed(code) => {
            let row = door_db::door_ticket(pool, scope.event.id, &code)
                .await
                .map_err(AppError::db("cannot read a ticket"))?;
            let rows = match row {
                Some(row) => vec![row],
                // Sixteen typed letters may be a name ("Margaret Hamilton").
                None if typed => by_name(state, scope.event.id, text).await?,
                None => Vec::new(),
            };
            if rows.is_empty() {
                return Ok(refused(unknown(state, &code).await?));
            }
            rows
        }
        Reading::Text => by_name(state, scope.event.id, text).await?,
    };
    let found = rows
        .into_iter()
        .map(|row| {
            let (ticket, type_name) = door_ticket(row);
            DoorFound {
                answer: door::judge(&ticket, &type_name, Direction::In),
                inside: ticket.inside.is_some(),
                code: ticket.code,
            }
        })
        .collect();
    Ok(DoorLookup {
        refusal: None,
        found,
    })
}

/// The tickets of `event` whose attendee's name contains `text` (two characters at least).
async fn by_name(
    state: &Services,
    event: domain::EventId,
    text: &str,
) -> Result<Vec<DoorTicketRow>, AppError> {
    let needle = text.trim().to_lowercase();
    if needle.chars().count() < 2 {
        return Ok(Vec::new());
    }
    door_db::search(state.db.pool(), event, &needle, MATCHES)
        .await
        .map_err(AppError::db("cannot search tickets"))
}

/// Lets ticket `code` in or out from the page, as device `device`: the scan's id when it
/// changed something, none when it was refused (the page then shows why).
pub async fn record(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    device: &str,
    code: &str,
    direction: Direction,
) -> Result<Option<String>, AppError> {
    let scope = scope(state, actor, org_slug, event_slug).await?;
    let device = device_name(device)?;
    let scan_id = crate::accounts::tokens::new_secret();
    let action = DoorAction::Scan {
        scan_id: scan_id.clone(),
        code: code.trim().to_owned(),
        direction,
        at: db::now(),
    };
    let synced = apply(state, &scope, &device, &[action], false).await?;
    let changed = synced.first().is_some_and(|s| {
        matches!(
            s.answer,
            ScanAnswer::Admitted { .. } | ScanAnswer::Left { .. }
        )
    });
    Ok(changed.then_some(scan_id))
}

/// Records the queue of a device that may have worked offline. Each scan is judged as it
/// arrives: a ticket its device let in that is already inside is recorded as a double
/// entry, and the first entry stands. A scan sent again is recorded once.
pub async fn sync(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    device: &str,
    actions: &[DoorAction],
) -> Result<Vec<Synced>, AppError> {
    let scope = scope(state, actor, org_slug, event_slug).await?;
    let device = device_name(device)?;
    if actions.len() > QUEUE_LIMIT {
        return Err(AppError::invalid(
            "actions",
            "Send at most 500 scans at once.",
        ));
    }
    apply(state, &scope, &device, actions, true).await
}

/// The scan `scan_id` made from the page, for the line that confirms it.
pub async fn recorded(
    state: &Services,
    actor: &Actor,
    org_slug: &str,
    event_slug: &str,
    scan_id: &str,
) -> Result<Option<DoorRecorded>, AppError> {
    let scope = scope(state, actor, org_slug, event_slug).await?;
    let Some((code, outcome, undone)) = door_db::scan(state.db.pool(), scope.event.id, scan_id)
        .await
        .map_err(AppError::db("cannot read a scan"))?
    else {
        return Ok(None);
    };
    let row = door_db::door_ticket(state.db.pool(), scope.event.id, &code)
        .await
        .map_err(AppError::db("cannot read a ticket"))?;
    Ok(row.map(|row| {
        let (ticket, type_name) = door_ticket(row);
        let (name, ticket_type, note) = (ticket.name, type_name, ticket.note);
        DoorRecorded {
            scan_id: scan_id.to_owned(),
            answer: match outcome.as_str() {
                "left" => ScanAnswer::Left { name, ticket_type },
                _ => ScanAnswer::Admitted {
                    name,
                    ticket_type,
                    note,
                },
            },
            undone,
        }
    }))
}

async fn apply(
    state: &Services,
    scope: &EventScope,
    device: &str,
    actions: &[DoorAction],
    from_queue: bool,
) -> Result<Vec<Synced>, AppError> {
    let mut answers = Vec::with_capacity(actions.len());
    let mut tx: Tx = state.db.begin().await?;
    door_db::take_writer(&mut *tx, scope.event.id)
        .await
        .map_err(AppError::db("cannot start a check-in"))?;
    let now = db::now();
    for action in actions {
        match action {
            DoorAction::Scan {
                scan_id,
                code,
                direction,
                at,
            } => {
                let answer = scan_one(
                    &mut tx,
                    scope,
                    device,
                    (scan_id, code, *direction, *at),
                    from_queue,
                    now,
                )
                .await
                .map_err(AppError::db("cannot record a scan"))?;
                answers.push(Synced {
                    scan_id: scan_id.clone(),
                    answer,
                });
            }
            DoorAction::Undo { scan_id } => {
                let undone = door_db::undo_scan(&mut *tx, scope.event.id, scan_id, device, now)
                    .await
                    .map_err(AppError::db("cannot undo a scan"))?;
                if let Some(ticket) = undone {
                    door_db::settle_presence(&mut *tx, ticket)
                        .await
                        .map_err(AppError::db("cannot undo a scan"))?;
                }
            }
        }
    }
    tx.commit()
        .await
        .map_err(AppError::db("cannot save check-ins"))?;
    Ok(answers)
}

/// One scan: judged against the ticket as it is in this transaction, written when it
/// changed who is inside (or, from a queue, when its device let in someone already inside).
async fn scan_one(
    tx: &mut Tx,
    scope: &EventScope,
    device: &str,
    (scan_id, code, direction, at): (&str, &str, Direction, i64),
    from_queue: bool,
    now: i64,
) -> Result<ScanAnswer, sqlx::Error> {
    let Some(row) = door_db::door_ticket(&mut **tx, scope.event.id, code).await? else {
        return Ok(ScanAnswer::Unknown);
    };
    let id = row.id;
    let (ticket, type_name) = door_ticket(row);
    let answer = door::judge(&ticket, &type_name, direction);
    let outcome = match (&answer, from_queue) {
        (ScanAnswer::Admitted { .. }, _) => "entered",
        (ScanAnswer::Left { .. }, _) => "left",
        (ScanAnswer::AlreadyInside { .. }, true) => "double_entry",
        _ => return Ok(answer),
    };
    let scan = NewScan {
        event: scope.event.id,
        ticket: id,
        scan_id,
        device,
        user: Some(scope.grant.user),
        outcome,
        scanned_at: at.min(now),
    };
    if !door_db::insert_scan(&mut **tx, &scan, now).await? {
        // Sent before (its answer was lost): recorded once, answered as it was then.
        return Ok(answer);
    }
    // The conditional updates make a concurrent scan of the same ticket on another
    // instance wait for this transaction (PostgreSQL row lock; SQLite's single writer).
    match outcome {
        "entered" => {
            door_db::enter(&mut **tx, id, scan.scanned_at, device).await?;
        }
        "left" => {
            door_db::leave(&mut **tx, id).await?;
        }
        _ => {}
    }
    Ok(answer)
}

/// A ticket as the door judges it (the type's index is the list's business, not a scan's),
/// with its type's name.
fn door_ticket(row: DoorTicketRow) -> (DoorTicket, String) {
    let ticket = DoorTicket {
        code: row.code,
        name: row.attendee_name,
        ticket_type: 0,
        state: state_of(&row.status, &row.order_status),
        inside: entry_of(row.entered_at, row.entered_by),
        note: row.door_note,
    };
    (ticket, row.type_name)
}

/// A code that is not this event's: another event's ticket, or none at all.
async fn unknown(state: &Services, code: &str) -> Result<ScanAnswer, AppError> {
    let elsewhere = door_db::event_of_code(state.db.pool(), code)
        .await
        .map_err(AppError::db("cannot read a ticket"))?;
    Ok(match elsewhere {
        Some(_) => ScanAnswer::WrongEvent,
        None => ScanAnswer::Unknown,
    })
}

fn refused(answer: ScanAnswer) -> DoorLookup {
    DoorLookup {
        refusal: Some(answer),
        found: Vec::new(),
    }
}

fn device_name(raw: &str) -> Result<String, AppError> {
    text::required(raw, DEVICE_LEN, false).map_err(|problem| {
        AppError::invalid(
            "device",
            format!("Name this device, for example “Door 2”: {problem}."),
        )
    })
}
